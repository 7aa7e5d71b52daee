/**
 * Labelled fixtures written from domain knowledge rather than from the project's generator: each one
 * is a genuine-looking business (its own MCC, city, time zone, hours, tickets and card mix) with one
 * behaviour laid over it, or a legitimate business that looks like a cause and must stay clean.
 * Used by scripts/make-fixtures.ts (deterministic: same code → same bytes).
 */
import type { CaseFileInput } from '../src/contract/caseFile.js';
import type { CauseId } from '../src/contract/causes.js';
import { createRandom, type Random } from '../src/synth/random.js';

type TxInput = CaseFileInput['transactions'][number];
type EventInput = NonNullable<CaseFileInput['events']>[number];

/** One written fixture. */
export interface DomainFixture {
  readonly name: string;
  readonly label: { readonly expected: CauseId | null; readonly acceptable: readonly CauseId[]; readonly note: string };
  readonly caseFile: CaseFileInput & { transactions: TxInput[]; events: EventInput[] };
}

interface Shop {
  readonly id: string;
  readonly name: string;
  readonly mcc: string;
  readonly timezone: string;
  /** Offset of the zone in hours (the zones used here keep one offset all year). */
  readonly offset: number;
  readonly home: { lat: number; lng: number };
  /** Last local day of the window, YYYY-MM-DD. */
  readonly end: string;
  readonly days: number;
  readonly salesPerDay: number;
  /** Median ticket, minor units, and log spread. */
  readonly ticket: number;
  readonly spread?: number;
  /** Local trading hours [open, close); close may pass midnight (e.g. [20, 27] = 20:00–03:00). */
  readonly hours: readonly [number, number];
  readonly creditShare: number;
  /** Distinct customers relative to sales: 1 = every sale a new card, lower = regulars. */
  readonly cardReuse?: number;
  readonly merchant?: Partial<CaseFileInput['merchant']>;
}

const DAY_MS = 86_400_000;

/** A builder for one shop's transactions in its own zone. */
class Book {
  readonly txs: TxInput[] = [];
  readonly events: EventInput[] = [];
  private seq = 0;
  readonly startDay: number;
  constructor(
    readonly shop: Shop,
    readonly rng: Random,
  ) {
    this.startDay = Date.parse(`${shop.end}T00:00:00Z`) / DAY_MS - shop.days + 1;
  }

  /** ISO timestamp with the zone's offset for local `day` (0-based in the window) at fractional local `hour` (may pass 24). */
  at(day: number, hour: number): string {
    const localMs = (this.startDay + day) * DAY_MS + Math.round(hour * 3_600_000);
    const d = new Date(localMs);
    const pad = (n: number) => String(n).padStart(2, '0');
    const sign = this.shop.offset >= 0 ? '+' : '-';
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${sign}${pad(Math.abs(this.shop.offset))}:00`;
  }

  near(km = 0.3): { lat: number; lng: number } {
    const { lat, lng } = this.shop.home;
    const r = (this.rng.next() - 0.5) * 2 * (km / 111);
    return { lat: Math.round((lat + r) * 1e5) / 1e5, lng: Math.round((lng + (this.rng.next() - 0.5) * 2 * (km / 111)) * 1e5) / 1e5 };
  }

  add(tx: Omit<TxInput, 'id'> & { id?: string }): string {
    const id = tx.id ?? `${this.shop.id}-${String(++this.seq).padStart(5, '0')}`;
    this.txs.push({ ...tx, id } as TxInput);
    return id;
  }

  sale(
    day: number,
    hour: number,
    amount: number,
    card: string,
    kind: 'credit' | 'debit' | 'prepaid',
    extra: Partial<TxInput> = {},
  ): string {
    return this.add({
      at: this.at(day, hour),
      amount: Math.max(1, Math.round(amount)),
      type: 'sale',
      status: 'approved',
      responseCode: '00',
      card: { token: card, kind },
      entryMode: this.rng.pick(['chip', 'contactless', 'contactless', 'qr'] as const),
      terminalId: 'T01',
      location: this.near(),
      ...extra,
    });
  }

  /** Ordinary trade: Poisson sales a day at hours inside the trading hours, log-normal tickets, a few declines. */
  genuine(opts: { fromDay?: number; toDay?: number; perDay?: (day: number) => number; ticket?: (day: number) => number } = {}): void {
    const { shop, rng } = this;
    const pool = Math.max(20, Math.round(shop.days * shop.salesPerDay * (shop.cardReuse ?? 0.7)));
    for (let day = opts.fromDay ?? 0; day <= (opts.toDay ?? shop.days - 1); day++) {
      const n = rng.poisson(opts.perDay ? opts.perDay(day) : shop.salesPerDay);
      for (let k = 0; k < n; k++) {
        const hour = shop.hours[0] + rng.next() * (shop.hours[1] - shop.hours[0]);
        const card = `${shop.id}-c${rng.int(1, pool)}`;
        const kind = rng.chance(shop.creditShare) ? 'credit' : rng.chance(0.9) ? 'debit' : 'prepaid';
        const amount = rng.logNormal(opts.ticket ? opts.ticket(day) : shop.ticket, shop.spread ?? 0.6);
        if (rng.chance(0.025)) {
          this.add({
            at: this.at(day, hour),
            amount: Math.round(amount),
            type: 'sale',
            status: 'declined',
            responseCode: rng.pick(['51', '51', '05', '55', '61']),
            card: { token: card, kind },
            entryMode: 'chip',
            terminalId: 'T01',
            location: this.near(),
          });
        } else this.sale(day, hour, amount, card, kind);
      }
    }
  }

  done(expected: CauseId | null, note: string, name: string): DomainFixture {
    const { shop } = this;
    const txs = [...this.txs].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
    return {
      name,
      label: { expected, acceptable: [], note },
      caseFile: {
        merchant: {
          id: shop.id,
          name: shop.name,
          mcc: shop.mcc,
          timezone: shop.timezone,
          location: shop.home,
          terminals: ['T01'],
          registeredAt: '2022-04-01',
          kyc: { verified: true, documentsExpireAt: '2030-01-31' },
          contract: { status: 'active', endsAt: '2029-06-30' },
          ...shop.merchant,
        },
        transactions: txs,
        events: this.events,
      },
    };
  }
}

const SHANGHAI = { timezone: 'Asia/Shanghai', offset: 8 } as const;
const URUMQI = { timezone: 'Asia/Urumqi', offset: 6 } as const;
const HONG_KONG = { timezone: 'Asia/Hong_Kong', offset: 8 } as const;
const TAIPEI = { timezone: 'Asia/Taipei', offset: 8 } as const;

/** Varied amounts in the band under `limit` (90–99.9 %), never whole hundreds. */
function bandAmount(rng: Random, limit: number): number {
  for (;;) {
    const a = Math.round(limit * (0.9 + rng.next() * 0.099));
    if (a % 10_000 !== 0) return a;
  }
}

/** Varied amounts between `lo` and `hi`, never whole hundreds. */
function variedAmount(rng: Random, lo: number, hi: number): number {
  for (;;) {
    const a = rng.int(lo, hi);
    if (a % 10_000 !== 0) return a;
  }
}

function cashOutBandGrocery(): DomainFixture {
  const b = new Book(
    {
      id: 'IND-CO1',
      name: 'Jinli Fresh Market',
      mcc: '5411',
      ...SHANGHAI,
      home: { lat: 30.6598, lng: 104.0633 },
      end: '2026-06-30',
      days: 35,
      salesPerDay: 45,
      ticket: 9_000,
      hours: [7.5, 22],
      creditShare: 0.3,
    },
    createRandom(1401),
  );
  b.genuine();
  // Four credit cards come back on four to six days each with varied sums just under 10,000 CNY.
  for (let c = 1; c <= 4; c++) {
    const days = b.rng.int(4, 6);
    for (let k = 0; k < days; k++) {
      const day = b.rng.int(0, 34);
      for (let s = b.rng.int(1, 2); s > 0; s--)
        b.sale(day, 10 + b.rng.next() * 9, bandAmount(b.rng, 1_000_000), `IND-CO1-x${c}`, 'credit', { entryMode: 'chip' });
    }
  }
  return b.done(
    'credit-card-cash-out',
    'grocery: four credit cards return on several days with varied sums of 9,000–9,990 CNY',
    'credit-card-cash-out-band-grocery',
  );
}

function cashOutPerSaleLimitElectronics(): DomainFixture {
  const b = new Book(
    {
      id: 'IND-CO2',
      name: 'Huaqiang Digital',
      mcc: '5732',
      ...HONG_KONG,
      home: { lat: 22.5455, lng: 114.0883 },
      end: '2026-05-31',
      days: 30,
      salesPerDay: 14,
      ticket: 180_000,
      hours: [10, 21.5],
      creditShare: 0.45,
      merchant: { limits: { perSale: 2_000_000 } },
    },
    createRandom(1402),
  );
  b.genuine();
  // The acquirer caps a sale at 20,000 CNY; five credit cards take 18,000–19,980 CNY again and again.
  for (let c = 1; c <= 5; c++) {
    for (let k = b.rng.int(3, 5); k > 0; k--)
      b.sale(b.rng.int(0, 29), 11 + b.rng.next() * 9, bandAmount(b.rng, 2_000_000), `IND-CO2-x${c}`, 'credit');
  }
  return b.done(
    'credit-card-cash-out',
    'electronics with a 20,000 CNY per-sale limit: credit cards return with varied sums just under it',
    'credit-card-cash-out-per-sale-limit-electronics',
  );
}

function cashOutReturningFurniture(): DomainFixture {
  const b = new Book(
    {
      id: 'IND-CO3',
      name: 'Tianshan Home Furnishing',
      mcc: '5712',
      ...URUMQI,
      home: { lat: 43.8256, lng: 87.6168 },
      end: '2026-04-30',
      days: 40,
      salesPerDay: 5,
      ticket: 350_000,
      spread: 0.8,
      hours: [8, 19],
      creditShare: 0.35,
    },
    createRandom(1403),
  );
  b.genuine();
  // Five credit cards each come back on three to five days with large varied tickets (26,000–44,000 CNY).
  for (let c = 1; c <= 5; c++) {
    const days = new Set<number>();
    const want = b.rng.int(3, 5);
    while (days.size < want) days.add(b.rng.int(0, 39));
    for (const day of days) b.sale(day, 9 + b.rng.next() * 8, variedAmount(b.rng, 2_600_000, 4_400_000), `IND-CO3-x${c}`, 'credit');
  }
  return b.done(
    'credit-card-cash-out',
    'furniture: five credit cards return on three to five days each with large tickets and carry most of the value',
    'credit-card-cash-out-returning-cards-furniture',
  );
}

function cashOutConcentrationApparel(): DomainFixture {
  const b = new Book(
    {
      id: 'IND-CO4',
      name: 'Xinyi Boutique',
      mcc: '5651',
      ...TAIPEI,
      home: { lat: 31.2989, lng: 120.5853 },
      end: '2026-09-30',
      days: 30,
      salesPerDay: 12,
      ticket: 38_000,
      hours: [10, 21.5],
      creditShare: 0.4,
    },
    createRandom(1404),
  );
  b.genuine();
  // Four credit cards pay 2,600–7,800 CNY on many days: a few cards carry most of the value.
  for (let c = 1; c <= 4; c++) {
    for (let k = b.rng.int(7, 10); k > 0; k--)
      b.sale(b.rng.int(0, 29), 12 + b.rng.next() * 8, variedAmount(b.rng, 260_000, 780_000), `IND-CO4-x${c}`, 'credit');
  }
  return b.done(
    'credit-card-cash-out',
    'apparel: four credit cards on many days carry most of the sale value in varied sums',
    'credit-card-cash-out-value-concentration-apparel',
  );
}

function cashOutNightRestaurant(): DomainFixture {
  const b = new Book(
    {
      id: 'IND-CO5',
      name: 'Zhujiang Seafood Restaurant',
      mcc: '5812',
      ...SHANGHAI,
      home: { lat: 23.1291, lng: 113.2644 },
      end: '2026-08-31',
      days: 30,
      salesPerDay: 40,
      ticket: 16_000,
      hours: [10.5, 22.5],
      creditShare: 0.3,
    },
    createRandom(1405),
  );
  b.genuine();
  // After closing, three credit cards pay 1,800–6,500 CNY at 23:00–02:30 on several nights.
  for (let c = 1; c <= 3; c++) {
    for (let k = b.rng.int(4, 6); k > 0; k--)
      b.sale(b.rng.int(0, 29), 23 + b.rng.next() * 3.5, variedAmount(b.rng, 180_000, 650_000), `IND-CO5-x${c}`, 'credit', {
        entryMode: 'swipe',
      });
  }
  return b.done(
    'credit-card-cash-out',
    'restaurant: late-night large tickets from three credit cards on several nights',
    'credit-card-cash-out-night-restaurant',
  );
}

function cashOutMisfitBookstore(): DomainFixture {
  const b = new Book(
    {
      id: 'IND-CO6',
      name: 'Qingdao Reading Room',
      mcc: '5942',
      ...SHANGHAI,
      home: { lat: 36.0671, lng: 120.3826 },
      end: '2026-07-31',
      days: 30,
      salesPerDay: 4,
      ticket: 7_000,
      hours: [9, 21],
      creditShare: 0.25,
    },
    createRandom(1406),
  );
  b.genuine();
  // A bookshop in name: six credit cards make most sales, 5,200–9,980 CNY, on many days.
  for (let c = 1; c <= 6; c++) {
    for (let k = b.rng.int(6, 9); k > 0; k--)
      b.sale(b.rng.int(0, 29), 10 + b.rng.next() * 10, variedAmount(b.rng, 520_000, 998_000), `IND-CO6-x${c}`, 'credit');
  }
  return b.done(
    'credit-card-cash-out',
    'bookshop whose tickets misfit the MCC because six credit cards cash out: cash-out is the cause, the misfit its symptom',
    'credit-card-cash-out-mcc-misfit-bookshop',
  );
}

/** A keyed card cluster: each card pays the same price points again and again, some voided within the hour. */
function keyedCluster(
  b: Book,
  prefix: string,
  cards: number,
  prices: readonly number[],
  perCard: [number, number],
  hours: [number, number],
): void {
  for (let c = 1; c <= cards; c++) {
    for (let k = b.rng.int(...perCard); k > 0; k--) {
      const day = b.rng.int(0, b.shop.days - 1);
      const hour = hours[0] + b.rng.next() * (hours[1] - hours[0]);
      const amount = b.rng.pick(prices);
      const id = b.sale(day, hour, amount, `${prefix}-k${c}`, c % 2 === 0 ? 'credit' : 'debit', { entryMode: 'keyed' });
      if (b.rng.chance(0.3))
        b.add({
          at: b.at(day, hour + 0.2 + b.rng.next() * 0.5),
          amount,
          type: 'void',
          status: 'approved',
          refersTo: id,
          card: { token: `${prefix}-k${c}`, kind: c % 2 === 0 ? 'credit' : 'debit' },
          entryMode: 'keyed',
          terminalId: 'T01',
          location: b.near(),
        });
    }
  }
}

function fabricationCosmetics(): DomainFixture {
  const b = new Book(
    {
      id: 'IND-FA1',
      name: 'Bloom Beauty Counter',
      mcc: '5977',
      ...SHANGHAI,
      home: { lat: 39.9139, lng: 116.4109 },
      end: '2026-10-31',
      days: 30,
      salesPerDay: 22,
      ticket: 26_000,
      hours: [10, 22],
      creditShare: 0.35,
    },
    createRandom(1411),
  );
  b.genuine();
  keyedCluster(b, 'IND-FA1', 4, [19_900, 29_900, 39_900], [8, 12], [11, 21]);
  return b.done(
    'fictitious-transactions',
    'cosmetics counter with genuine customers and four keyed cards paying 199 / 299 / 399 CNY again and again, some voided within the hour',
    'fictitious-transactions-keyed-cluster-cosmetics',
  );
}

function fabricationTraining(): DomainFixture {
  const b = new Book(
    {
      id: 'IND-FA2',
      name: 'Bright Path Tutoring',
      mcc: '8299',
      ...URUMQI,
      home: { lat: 43.7934, lng: 87.6271 },
      end: '2026-03-31',
      days: 35,
      salesPerDay: 6,
      ticket: 320_000,
      spread: 0.7,
      hours: [9, 20],
      creditShare: 0.3,
    },
    createRandom(1412),
  );
  b.genuine();
  keyedCluster(b, 'IND-FA2', 3, [199_900, 299_900, 399_900], [5, 7], [10, 19]);
  return b.done(
    'fictitious-transactions',
    'tutoring centre: three keyed cards buy 1,999 / 2,999 / 3,999 CNY course packages repeatedly, some voided',
    'fictitious-transactions-keyed-cluster-training',
  );
}

/** Moves trade `km` north-east for local days [from, to]. */
function relocate(b: Book, from: number, to: number, where: { lat: number; lng: number }): void {
  for (const tx of b.txs) {
    const day = Math.floor((Date.parse(tx.at) + b.shop.offset * 3_600_000) / DAY_MS) - b.startDay;
    if (day >= from && day <= to && tx.location) {
      tx.location = {
        lat: Math.round((where.lat + (tx.location.lat - b.shop.home.lat)) * 1e5) / 1e5,
        lng: Math.round((where.lng + (tx.location.lng - b.shop.home.lng)) * 1e5) / 1e5,
      };
    }
  }
}

function relocationRestaurant(): DomainFixture {
  const b = new Book(
    {
      id: 'IND-RL1',
      name: 'Huimin Noodle House',
      mcc: '5812',
      ...SHANGHAI,
      home: { lat: 34.2658, lng: 108.9541 },
      end: '2026-05-31',
      days: 45,
      salesPerDay: 30,
      ticket: 5_500,
      hours: [10, 21],
      creditShare: 0.2,
    },
    createRandom(1421),
  );
  b.genuine();
  relocate(b, 18, 24, { lat: 34.7466, lng: 113.6254 }); // seven days in Zhengzhou, 440 km away, then back
  return b.done(
    'terminal-relocation',
    'noodle house whose terminal trades seven days in another city mid-window, then comes back',
    'terminal-relocation-mid-window-restaurant',
  );
}

function relocationHardware(): DomainFixture {
  const b = new Book(
    {
      id: 'IND-RL2',
      name: 'Kashgar Road Hardware',
      mcc: '5251',
      ...URUMQI,
      home: { lat: 43.8256, lng: 87.6168 },
      end: '2026-08-31',
      days: 40,
      salesPerDay: 18,
      ticket: 12_000,
      hours: [8, 19],
      creditShare: 0.2,
    },
    createRandom(1422),
  );
  b.genuine();
  relocate(b, 12, 17, { lat: 44.3023, lng: 86.0372 }); // six days in Shihezi, 135 km away
  return b.done(
    'terminal-relocation',
    'hardware store trading six days 135 km away in the middle of the window',
    'terminal-relocation-mid-window-hardware',
  );
}

function nightClinic(): DomainFixture {
  const b = new Book(
    {
      id: 'IND-MM1',
      name: 'Kangning Outpatient Clinic',
      mcc: '8011',
      ...SHANGHAI,
      home: { lat: 31.2304, lng: 121.4737 },
      end: '2026-04-30',
      days: 30,
      salesPerDay: 25,
      ticket: 28_000,
      hours: [20, 27],
      creditShare: 0.3,
    },
    createRandom(1431),
  );
  b.genuine();
  return b.done(
    'mcc-mismatch',
    'registered as an outpatient clinic, trades 20:00–03:00 at clinic-like tickets: the business is not a clinic',
    'mcc-mismatch-night-hours-clinic',
  );
}

function nightGrocery(): DomainFixture {
  const b = new Book(
    {
      id: 'IND-MM2',
      name: 'Songhua Grocery',
      mcc: '5411',
      ...SHANGHAI,
      home: { lat: 45.8038, lng: 126.535 },
      end: '2026-12-31',
      days: 30,
      salesPerDay: 35,
      ticket: 14_000,
      hours: [20, 27],
      creditShare: 0.25,
    },
    createRandom(1432),
  );
  b.genuine({ perDay: () => 30 });
  // A little daytime trade beside the night.
  const day = new Book({ ...b.shop, hours: [10, 18], salesPerDay: 4 }, b.rng);
  day.genuine();
  for (const tx of day.txs) b.add({ ...tx, id: `${tx.id}d` });
  return b.done('mcc-mismatch', 'registered as a grocery, trades mainly 20:00–03:00', 'mcc-mismatch-night-hours-grocery');
}

function outage(b: Book, day: number, from: number, to: number, codes: readonly string[]): void {
  // Every card tried between `from` and `to` is declined with an issuer or network code; customers retry later.
  const pool = Math.round(b.shop.days * b.shop.salesPerDay * (b.shop.cardReuse ?? 0.7));
  for (let k = 0; k < Math.round((to - from) * b.shop.salesPerDay); k++) {
    const card = `${b.shop.id}-c${b.rng.int(1, pool)}`;
    b.add({
      at: b.at(day, from + b.rng.next() * (to - from)),
      amount: Math.round(b.rng.logNormal(b.shop.ticket, 0.6)),
      type: 'sale',
      status: 'declined',
      responseCode: b.rng.pick(codes),
      card: { token: card, kind: b.rng.chance(b.shop.creditShare) ? 'credit' : 'debit' },
      entryMode: 'chip',
      terminalId: 'T01',
      location: b.near(),
    });
  }
}

function outageSupermarket(): DomainFixture {
  const b = new Book(
    {
      id: 'IND-LA1',
      name: 'Hexie Supermarket',
      mcc: '5411',
      ...SHANGHAI,
      home: { lat: 32.0603, lng: 118.7969 },
      end: '2026-03-31',
      days: 30,
      salesPerDay: 60,
      ticket: 11_000,
      hours: [7, 22.5],
      creditShare: 0.25,
    },
    createRandom(1441),
  );
  b.genuine();
  outage(b, 21, 11, 14.5, ['91', '96', '96', '68', '98']);
  return b.done(
    null,
    'supermarket with an issuer / network outage one afternoon: many regular cards declined 91 / 96 / 68 at normal amounts',
    'healthy-issuer-outage-supermarket',
  );
}

function outagePharmacy(): DomainFixture {
  const b = new Book(
    {
      id: 'IND-LA2',
      name: 'Yikang Pharmacy',
      mcc: '5912',
      ...URUMQI,
      home: { lat: 43.8256, lng: 87.6168 },
      end: '2026-02-28',
      days: 28,
      salesPerDay: 40,
      ticket: 8_000,
      hours: [8, 23],
      creditShare: 0.2,
    },
    createRandom(1442),
  );
  b.genuine();
  outage(b, 9, 18, 20, ['issuer_unavailable', '91', 'system_error', '96']);
  outage(b, 20, 9, 10, ['96', '90']);
  return b.done(
    null,
    'pharmacy with two network outages: declines coded issuer unavailable / system error',
    'healthy-issuer-outage-pharmacy',
  );
}

function hospitalDeposits(): DomainFixture {
  const b = new Book(
    {
      id: 'IND-LA3',
      name: 'Hanjiang District Hospital',
      mcc: '8062',
      ...SHANGHAI,
      home: { lat: 30.5928, lng: 114.3055 },
      end: '2026-06-30',
      days: 30,
      salesPerDay: 70,
      ticket: 30_000,
      hours: [7.5, 21],
      creditShare: 0.25,
      cardReuse: 0.8,
    },
    createRandom(1443),
  );
  b.genuine();
  // Admission deposits of 5,000 / 10,000 / 20,000 CNY, some topped up later, the balance refunded at discharge.
  for (let k = 0; k < 70; k++) {
    const day = b.rng.int(0, 27);
    const card = `IND-LA3-p${k}`;
    const kind = b.rng.chance(0.45) ? 'credit' : 'debit';
    const deposit = b.rng.pick([500_000, 1_000_000, 1_000_000, 2_000_000]);
    b.sale(day, 8 + b.rng.next() * 9, deposit, card, kind, { entryMode: 'chip' });
    if (b.rng.chance(0.3))
      b.sale(Math.min(29, day + b.rng.int(2, 5)), 9 + b.rng.next() * 7, b.rng.pick([300_000, 500_000]), card, kind, { entryMode: 'chip' });
    if (b.rng.chance(0.5))
      b.add({
        at: b.at(Math.min(29, day + b.rng.int(3, 9)), 10 + b.rng.next() * 6),
        amount: b.rng.int(20_000, deposit / 2),
        type: 'refund',
        status: 'approved',
        card: { token: card, kind },
        entryMode: 'chip',
        terminalId: 'T01',
        location: b.near(),
      });
  }
  return b.done(
    null,
    'hospital: outpatient fees plus round admission deposits (5,000–20,000 CNY), top-ups and balances refunded at discharge',
    'healthy-hospital-deposits',
  );
}

function dentalPlans(): DomainFixture {
  const b = new Book(
    {
      id: 'IND-LA4',
      name: 'Smile Dental Clinic',
      mcc: '8021',
      ...TAIPEI,
      home: { lat: 31.8122, lng: 119.9692 },
      end: '2026-10-31',
      days: 35,
      salesPerDay: 9,
      ticket: 70_000,
      spread: 0.8,
      hours: [9, 20],
      creditShare: 0.4,
      cardReuse: 0.8,
    },
    createRandom(1444),
  );
  b.genuine();
  // Implant and orthodontic plans: round sums of 10,000–30,000 CNY, some paid in two stages weeks apart.
  for (let k = 0; k < 9; k++) {
    const card = `IND-LA4-plan${k}`;
    const day = b.rng.int(0, 20);
    b.sale(day, 10 + b.rng.next() * 8, b.rng.pick([1_000_000, 1_500_000, 2_000_000, 3_000_000]), card, 'credit', { entryMode: 'chip' });
    if (b.rng.chance(0.5))
      b.sale(day + b.rng.int(10, 14), 10 + b.rng.next() * 8, b.rng.pick([500_000, 1_000_000]), card, 'credit', { entryMode: 'chip' });
  }
  return b.done(
    null,
    'dental clinic: treatment plans paid as round sums of 10,000–30,000 CNY on credit cards, some in two stages',
    'healthy-dental-treatment-plans',
  );
}

function schoolFees(): DomainFixture {
  const b = new Book(
    {
      id: 'IND-LA5',
      name: 'Wellington Bilingual School',
      mcc: '8211',
      ...SHANGHAI,
      home: { lat: 22.5431, lng: 114.0579 },
      end: '2026-09-05',
      days: 36,
      salesPerDay: 6,
      ticket: 120_000,
      spread: 0.9,
      hours: [8, 18],
      creditShare: 0.4,
    },
    createRandom(1445),
  );
  b.genuine();
  // Term fees at the start of the school year: 30,000–80,000 CNY round sums, mostly in the last week.
  for (let k = 0; k < 60; k++) {
    const day = k < 12 ? b.rng.int(0, 28) : b.rng.int(29, 35);
    b.sale(
      day,
      8.5 + b.rng.next() * 8,
      b.rng.pick([3_000_000, 4_500_000, 6_000_000, 8_000_000]),
      `IND-LA5-f${k}`,
      b.rng.chance(0.5) ? 'credit' : 'debit',
      { entryMode: 'chip' },
    );
  }
  return b.done(null, 'private school: round term fees of 30,000–80,000 CNY concentrated in the week school starts', 'healthy-school-fees');
}

function wholesaler(
  id: string,
  mcc: string,
  name: string,
  where: { lat: number; lng: number },
  ticket: number,
  seed: number,
  file: string,
): DomainFixture {
  const b = new Book(
    { id, name, mcc, ...SHANGHAI, home: where, end: '2026-07-31', days: 30, salesPerDay: 1, ticket, hours: [8, 18], creditShare: 0.4 },
    createRandom(seed),
  );
  // Trade buyers restocking: 28 client accounts ordering two to eight times a month in round sums.
  for (let c = 1; c <= 28; c++) {
    const kind = b.rng.chance(0.5) ? 'credit' : 'debit';
    const size = b.rng.logNormal(ticket, 0.5);
    for (let k = b.rng.int(2, 8); k > 0; k--) {
      b.sale(
        b.rng.int(0, 29),
        8.5 + b.rng.next() * 9,
        Math.max(10_000, Math.round((size * (0.6 + b.rng.next() * 0.8)) / 10_000) * 10_000),
        `${id}-b${c}`,
        kind,
        { entryMode: 'chip' },
      );
    }
  }
  b.genuine();
  return b.done(null, `B2B wholesaler (${mcc}): trade clients order again and again in round sums`, file);
}

function hotelDeposits(): DomainFixture {
  const b = new Book(
    {
      id: 'IND-LA8',
      name: 'West Lake Garden Hotel',
      mcc: '7011',
      ...SHANGHAI,
      home: { lat: 30.2741, lng: 120.1551 },
      end: '2026-05-31',
      days: 30,
      salesPerDay: 3,
      ticket: 35_000,
      hours: [8, 23],
      creditShare: 0.5,
    },
    createRandom(1448),
  );
  b.genuine();
  // Deposits taken as sales at check-in (500 / 1,000 CNY), refunded in full at check-out the next day or later.
  for (let k = 0; k < 120; k++) {
    const day = b.rng.int(0, 27);
    const card = `IND-LA8-g${k}`;
    const kind = b.rng.chance(0.6) ? 'credit' : 'debit';
    const deposit = b.rng.pick([50_000, 100_000]);
    b.sale(day, 14 + b.rng.next() * 8, deposit, card, kind, { entryMode: 'chip' });
    b.sale(day, 14 + b.rng.next() * 8, Math.round(b.rng.logNormal(45_000, 0.3)), card, kind, { entryMode: 'chip' });
    const nights = b.rng.pick([1, 1, 1, 2, 3]);
    b.add({
      at: b.at(day + nights, 8 + b.rng.next() * 4),
      amount: deposit,
      type: 'refund',
      status: 'approved',
      card: { token: card, kind },
      entryMode: 'chip',
      terminalId: 'T01',
      location: b.near(),
    });
  }
  return b.done(null, 'hotel: deposits taken as sales at check-in and refunded in full at check-out', 'healthy-hotel-deposits-refunded');
}

function singlesDay(): DomainFixture {
  const b = new Book(
    {
      id: 'IND-LA9',
      name: 'Guomei Digital Store',
      mcc: '5732',
      ...SHANGHAI,
      home: { lat: 30.5728, lng: 104.0668 },
      end: '2026-11-13',
      days: 35,
      salesPerDay: 12,
      ticket: 210_000,
      hours: [10, 22],
      creditShare: 0.45,
    },
    createRandom(1449),
  );
  // Singles' Day (11.11): four to eight times the trade for three days, phones and laptops at usual prices.
  b.genuine({ perDay: (day) => (day >= 31 && day <= 33 ? 12 * (day === 32 ? 8 : 4) : 12) });
  return b.done(null, "electronics store on Singles' Day: a volume spike of ordinary tickets", 'healthy-singles-day-electronics');
}

function springFestival(): DomainFixture {
  const b = new Book(
    {
      id: 'IND-LA10',
      name: 'Laofengxiang Gold',
      mcc: '5944',
      ...SHANGHAI,
      home: { lat: 31.2354, lng: 121.4758 },
      end: '2026-02-16',
      days: 36,
      salesPerDay: 8,
      ticket: 550_000,
      spread: 0.7,
      hours: [9.5, 21.5],
      creditShare: 0.4,
    },
    createRandom(1450),
  );
  // Before the Spring Festival (17 Feb 2026): gold jewellery and gift bars sell three to five times as much.
  b.genuine({ perDay: (day) => (day >= 29 ? 8 * 4 : 8), ticket: (day) => (day >= 29 ? 800_000 : 550_000) });
  return b.done(
    null,
    'jeweller before the Spring Festival: gold sells several times the usual volume, larger pieces',
    'healthy-spring-festival-jeweller',
  );
}

function offSeason(): DomainFixture {
  const b = new Book(
    {
      id: 'IND-LA11',
      name: 'Yalong Bay Beach Shop',
      mcc: '5947',
      ...SHANGHAI,
      home: { lat: 18.2275, lng: 109.6369 },
      end: '2026-07-31',
      days: 60,
      salesPerDay: 25,
      ticket: 18_000,
      hours: [9, 22],
      creditShare: 0.3,
      cardReuse: 0.9,
    },
    createRandom(1451),
  );
  // The winter season ends in early June; then a trickle of sales, some days none.
  b.genuine({ perDay: (day) => (day < 8 ? 25 : 1.5) });
  return b.done(null, 'seaside gift shop in its off-season: the trade falls to a trickle', 'healthy-seasonal-off-season');
}

/** Every domain fixture, in a fixed order. */
export function domainFixtures(): DomainFixture[] {
  return [
    cashOutBandGrocery(),
    cashOutPerSaleLimitElectronics(),
    cashOutReturningFurniture(),
    cashOutConcentrationApparel(),
    cashOutNightRestaurant(),
    cashOutMisfitBookstore(),
    fabricationCosmetics(),
    fabricationTraining(),
    relocationRestaurant(),
    relocationHardware(),
    nightClinic(),
    nightGrocery(),
    outageSupermarket(),
    outagePharmacy(),
    hospitalDeposits(),
    dentalPlans(),
    schoolFees(),
    wholesaler(
      'IND-LA6',
      '5045',
      'Zhongguancun IT Supply',
      { lat: 39.9834, lng: 116.3162 },
      1_200_000,
      1446,
      'healthy-b2b-wholesaler-computers',
    ),
    wholesaler(
      'IND-LA7',
      '5065',
      'Yiwu Electrical Parts',
      { lat: 29.3069, lng: 120.0751 },
      600_000,
      1447,
      'healthy-b2b-wholesaler-electrical',
    ),
    hotelDeposits(),
    singlesDay(),
    springFestival(),
    offSeason(),
  ];
}
