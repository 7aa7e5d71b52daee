/**
 * Merchants that should get no cause: healthy ones, legitimate look-alikes (trade that resembles
 * a cause but is normal for the business), and near misses (a cause's behaviour in a mild form an
 * acquirer's risk analyst would not suspend for).
 */
import { localDay, MS_DAY, MS_HOUR, MS_MINUTE } from './clock.js';
import {
  addEvent,
  addTx,
  approvedSales,
  type Card,
  createDraft,
  type Draft,
  dayStart,
  dayStartOf,
  jitter,
  newCard,
  ordinaryTicket,
  ordinaryTrade,
  periodEnd,
  preauthFlow,
  price,
  randomEnd,
  timeBetween,
} from './draft.js';
import type { Rng } from './random.js';
import { CN_CITIES, OUTAGE_DECLINES, PROFILES, RETAIL_MCCS, WHOLESALE_MCCS } from './world.js';

/** A clean merchant story. */
export interface CleanScenario {
  readonly name: string;
  /** The cause it resembles (near misses and most look-alikes). */
  readonly resembles?: string;
  build(rng: Rng): Draft;
}

const days = (rng: Rng): number => rng.int(20, 60);

export const HEALTHY: CleanScenario = {
  name: 'healthy',
  build(rng) {
    const profile = rng.pick(PROFILES.filter((p) => p.mcc !== '5933' && p.mcc !== '7994'));
    const d = createDraft(rng, { mcc: profile.mcc, days: days(rng) });
    ordinaryTrade(d);
    if (rng.chance(0.1))
      addEvent(d, { type: 'contract-change', local: timeBetween(d, dayStart(d, rng.int(0, d.days - 1)), 9, 17), detail: '合同已续签' });
    return d;
  },
};

/** Spring Festival (春节) first days. */
const SPRING_FESTIVAL = [localDay(2025, 1, 29), localDay(2026, 2, 17), localDay(2027, 2, 6)];

export const LOOKALIKES: readonly CleanScenario[] = [
  {
    name: "jeweller's large tickets",
    resembles: 'frequent-large-amounts',
    build(rng) {
      const d = createDraft(rng, { mcc: '5944', days: days(rng), cnyOnly: true });
      ordinaryTrade(d);
      for (let k = rng.int(2, 6); k > 0; k--) {
        addTx(d, {
          local: timeBetween(d, dayStart(d, rng.int(0, d.days - 1)), 10.5, 20.5),
          amount: price(d, rng.real(50_000, 150_000), 'yuan'),
          card: newCard(d),
          entry: 'chip',
          origin: 'gold',
        });
      }
      return d;
    },
  },
  {
    name: 'bar / KTV night sales',
    resembles: 'credit-card-cash-out',
    build(rng) {
      const d = createDraft(rng, { mcc: rng.pick(['5813', '5813', '7298']), days: days(rng), cnyOnly: true, volume: 1.3 });
      ordinaryTrade(d);
      for (let k = rng.int(3, 10); k > 0; k--) {
        addTx(d, {
          local: timeBetween(d, dayStart(d, rng.int(0, d.days - 1)), 23, 27),
          amount: price(d, rng.real(1500, 6000), 'yuan'),
          card: newCard(d, 'credit'),
          origin: 'party',
        });
      }
      return d;
    },
  },
  {
    name: "wholesaler's round amounts",
    resembles: 'credit-card-cash-out',
    build(rng) {
      const d = createDraft(rng, { mcc: rng.pick(WHOLESALE_MCCS), days: rng.int(30, 60), cnyOnly: true, volume: 0.6 });
      ordinaryTrade(d);
      const clients = Array.from({ length: rng.int(8, 25) }, () => newCard(d, rng.chance(0.7) ? 'debit' : 'credit'));
      for (const client of clients) {
        const weekly = rng.int(1, 2);
        for (let i = rng.int(0, 6); i < d.days; i += rng.int(5, 9) / weekly) {
          const day = dayStart(d, Math.floor(i));
          addTx(d, {
            local: timeBetween(d, day, 9, 17),
            amount: price(
              d,
              rng.pick([5000, 8000, 10_000, 15_000, 20_000, 25_000, 30_000, 35_000, 45_000]) + rng.pick([0, 0, 0, 500]),
              'hundred',
            ),
            card: client,
            entry: 'chip',
            origin: 'client',
          });
        }
      }
      return d;
    },
  },
  {
    name: 'regulars paying twice a day',
    resembles: 'fictitious-transactions',
    build(rng) {
      const d = createDraft(rng, { mcc: rng.pick(['5814', '5814', '5812', '5499']), days: days(rng), volume: 0.5 });
      ordinaryTrade(d);
      const regulars = Array.from({ length: rng.int(20, 60) }, () => newCard(d, rng.chance(0.7) ? 'debit' : 'credit'));
      const prices = [8, 10, 12, 15, 18, 22, 25];
      for (let i = 0; i < d.days; i++) {
        const day = dayStart(d, i);
        const weekday = new Date(day).getUTCDay();
        if (weekday === 0 || weekday === 6) continue;
        for (const card of regulars) {
          if (!rng.chance(0.7)) continue;
          addTx(d, {
            local: timeBetween(d, day, 7.2, 9),
            amount: price(d, rng.pick(prices), 'yuan'),
            card,
            entry: 'contactless',
            origin: 'regular',
          });
          addTx(d, {
            local: timeBetween(d, day, 11.3, 13.2),
            amount: price(d, rng.pick(prices) + rng.pick([0, 5, 10]), 'yuan'),
            card,
            entry: rng.pick(['contactless', 'qr'] as const),
            origin: 'regular',
          });
        }
      }
      return d;
    },
  },
  {
    name: 'issuer / network outage day',
    resembles: 'high-failure-rate',
    build(rng) {
      const d = createDraft(rng, { mcc: rng.pick(RETAIL_MCCS), days: days(rng), volume: 1.3 });
      ordinaryTrade(d);
      const day = dayStart(d, rng.int(1, d.days - 2));
      const from = day + rng.int(10, 17) * MS_HOUR;
      const to = from + rng.int(60, 180) * MS_MINUTE;
      for (const sale of approvedSales(d)) {
        if (sale.local < from || sale.local > to || !rng.chance(0.8)) continue;
        for (let k = rng.int(1, 2); k > 0; k--) {
          addTx(d, {
            local: sale.local - k * rng.int(60, 300) * 1000,
            amount: sale.amount,
            status: 'declined',
            code: rng.weighted(OUTAGE_DECLINES),
            card: sale.card,
            entry: sale.entry,
            terminal: sale.terminal,
            origin: 'outage',
          });
        }
      }
      return d;
    },
  },
  {
    name: 'hospital deposits',
    resembles: 'frequent-large-amounts',
    build(rng) {
      const d = createDraft(rng, { mcc: '8062', days: days(rng), cnyOnly: true });
      ordinaryTrade(d);
      for (let i = 0; i < d.days; i++) {
        for (let k = rng.int(1, 8); k > 0; k--) {
          const card = newCard(d, rng.chance(0.7) ? 'debit' : 'credit');
          const deposit = addTx(d, {
            local: timeBetween(d, dayStart(d, i), 8, 17),
            amount: price(d, rng.pick([3000, 5000, 5000, 10_000, 10_000, 20_000, 30_000, 50_000]), 'hundred'),
            card,
            entry: 'chip',
            origin: 'deposit',
          });
          if (rng.chance(0.3) && i + 3 < d.days) {
            addTx(d, {
              local: timeBetween(d, dayStart(d, rng.int(i + 3, d.days - 1)), 9, 16),
              amount: Math.round((deposit.amount * rng.real(0.1, 0.6)) / 100) * 100,
              type: 'refund',
              card,
              refersTo: deposit.id,
              terminal: deposit.terminal,
              origin: 'deposit',
            });
          }
        }
      }
      return d;
    },
  },
  {
    name: 'dental treatment plans',
    resembles: 'frequent-large-amounts',
    build(rng) {
      const d = createDraft(rng, { mcc: '8021', days: days(rng), cnyOnly: true });
      ordinaryTrade(d);
      for (let k = rng.int(3, 10); k > 0; k--) {
        const card = newCard(d);
        const first = rng.int(0, d.days - 1);
        addTx(d, {
          local: timeBetween(d, dayStart(d, first), 9, 18),
          amount: price(d, rng.pick([12_000, 15_000, 18_000, 25_000, 36_000, 58_000]), 'hundred'),
          card,
          entry: 'chip',
          origin: 'implant',
        });
        if (rng.chance(0.4) && first + 14 < d.days) {
          addTx(d, {
            local: timeBetween(d, dayStart(d, rng.int(first + 14, d.days - 1)), 9, 18),
            amount: price(d, rng.pick([8000, 10_000, 12_000]), 'hundred'),
            card,
            entry: 'chip',
            origin: 'implant',
          });
        }
      }
      return d;
    },
  },
  {
    name: 'school fees at term start',
    resembles: 'frequent-large-amounts',
    build(rng) {
      const september = rng.chance(0.6);
      const year = rng.chance(0.5) ? 2025 : 2026;
      const termStart = september ? localDay(year, 9, 1) : localDay(year, 2, 24) + (year === 2026 ? 7 : 0) * MS_DAY;
      const d = createDraft(rng, {
        mcc: rng.pick(['8211', '8220', '8211']),
        days: rng.int(25, 50),
        cnyOnly: true,
        end: termStart + rng.int(5, 20) * MS_DAY,
      });
      ordinaryTrade(d);
      const fees = rng.shuffle([3800, 5000, 6500, 8800, 12_000, 18_000, 28_000]).slice(0, rng.int(2, 4));
      for (let day = termStart - rng.int(5, 10) * MS_DAY; day < termStart + 5 * MS_DAY && day < periodEnd(d); day += MS_DAY) {
        if (day < d.start) continue;
        for (let k = rng.int(15, 60); k > 0; k--) {
          addTx(d, {
            local: timeBetween(d, day, 8.5, 17),
            amount: price(d, rng.pick(fees), 'hundred'),
            card: newCard(d, rng.chance(0.6) ? 'debit' : 'credit'),
            entry: 'chip',
            origin: 'fee',
          });
        }
      }
      return d;
    },
  },
  {
    name: 'hotel deposits held by pre-authorisation and released',
    resembles: 'frequent-large-amounts',
    build(rng) {
      const d = createDraft(rng, { mcc: '7011', days: days(rng), cnyOnly: true, volume: 1.2 });
      ordinaryTrade(d);
      for (let k = rng.int(4, 15); k > 0; k--) {
        preauthFlow(
          d,
          timeBetween(d, dayStart(d, rng.int(0, d.days - 3)), 14, 23),
          newCard(d, 'credit'),
          'suite',
          rng.pick([5000, 10_000, 20_000, 50_000]),
        );
      }
      return d;
    },
  },
  {
    name: "Singles' Day / Spring Festival spike",
    resembles: 'frequent-large-amounts',
    build(rng) {
      const singles = rng.chance(0.5);
      const peak = singles ? localDay(rng.chance(0.5) ? 2025 : 2026, 11, 11) : rng.pick(SPRING_FESTIVAL.slice(1));
      const end = singles ? peak + rng.int(2, 20) * MS_DAY : peak + rng.int(8, 20) * MS_DAY;
      const d = createDraft(rng, { mcc: rng.pick(['5651', '5732', '5411', '5311', '5499']), days: rng.int(35, 60), cnyOnly: true, end });
      const factor = (day: number): number => {
        const offset = Math.round((day - peak) / MS_DAY);
        if (singles) return offset === 0 ? rng.real(4, 7) : Math.abs(offset) <= 2 ? rng.real(1.8, 3) : 1;
        if (offset >= -1 && offset <= 5) return rng.real(0, 0.15); // closed over the holiday
        if (offset >= -14 && offset < -1) return rng.real(1.8, 3.5); // 年货 shopping
        return 1;
      };
      ordinaryTrade(d, { factor });
      d.story.push(singles ? 'Singles Day' : 'Spring Festival');
      return d;
    },
  },
  {
    name: "seasonal business's off-season",
    resembles: 'dormant-account',
    build(rng) {
      const sanya = rng.chance(0.5);
      const city = sanya ? CN_CITIES.find((c) => c.name === '三亚') : CN_CITIES.find((c) => c.name === '哈尔滨');
      const end = localDay(rng.chance(0.5) ? 2025 : 2026, sanya ? 5 : 4, rng.int(10, 28));
      const d = createDraft(rng, { mcc: sanya ? '7011' : '7997', days: rng.int(45, 60), cnyOnly: true, end, city });
      const turn = d.start + Math.floor(d.days * rng.real(0.35, 0.6)) * MS_DAY;
      const low = rng.real(0.08, 0.25);
      ordinaryTrade(d, { factor: (day) => (day < turn ? 1.3 : low) });
      return d;
    },
  },
  {
    name: "car dealer's deposits and split payments",
    resembles: 'credit-card-cash-out',
    build(rng) {
      const d = createDraft(rng, { mcc: '5511', days: days(rng), cnyOnly: true, volume: 0.8 });
      ordinaryTrade(d);
      for (let k = rng.int(3, 10); k > 0; k--) {
        const buyer = Array.from({ length: rng.int(2, 3) }, () => newCard(d));
        const day = dayStart(d, rng.int(0, d.days - 1));
        addTx(d, {
          local: timeBetween(d, day, 10, 17),
          amount: price(d, rng.pick([5000, 10_000, 20_000]), 'hundred'),
          card: buyer[0] as Card,
          entry: 'chip',
          origin: 'deposit',
        });
        if (rng.chance(0.5) && day + 7 * MS_DAY < periodEnd(d)) {
          let t = timeBetween(d, day + rng.int(3, 7) * MS_DAY, 10, 16);
          for (const card of buyer) {
            addTx(d, { local: t, amount: price(d, rng.real(40_000, 90_000), 'hundred'), card, entry: 'chip', origin: 'car' });
            t += rng.int(3, 12) * MS_MINUTE;
          }
        }
      }
      return d;
    },
  },
];

export const NEAR_MISSES: readonly CleanScenario[] = [
  {
    name: 'a couple of round credit sales',
    resembles: 'credit-card-cash-out',
    build(rng) {
      const d = createDraft(rng, { mcc: rng.pick(['5732', '5651', '5999', '5712']), days: days(rng), cnyOnly: true });
      ordinaryTrade(d);
      const card = newCard(d, 'credit');
      const day = dayStart(d, rng.int(0, d.days - 1));
      addTx(d, { local: timeBetween(d, day, 11, 13), amount: price(d, rng.pick([1000, 2000, 3000]), 'hundred'), card, origin: 'mild' });
      addTx(d, { local: timeBetween(d, day, 17, 20), amount: price(d, rng.pick([500, 1000]), 'hundred'), card, origin: 'mild' });
      if (rng.chance(0.5))
        addTx(d, {
          local: timeBetween(d, dayStart(d, rng.int(0, d.days - 1)), 12, 19),
          amount: price(d, rng.real(9800, 9990), 'yuan'),
          card: newCard(d, 'credit'),
          origin: 'mild',
        });
      return d;
    },
  },
  {
    name: 'a few phone orders keyed in and a re-rung sale',
    resembles: 'fictitious-transactions',
    build(rng) {
      const d = createDraft(rng, { mcc: rng.pick(['5812', '5999', '7011', '5651']), days: days(rng) });
      ordinaryTrade(d);
      for (let k = rng.int(3, 6); k > 0; k--)
        addTx(d, {
          local: timeBetween(d, dayStart(d, rng.int(0, d.days - 1)), 10, 20),
          amount: ordinaryTicket(d),
          entry: 'keyed',
          origin: 'mild',
        });
      for (let k = 2; k > 0; k--) {
        const local = timeBetween(d, dayStart(d, rng.int(0, d.days - 1)), 11, 20);
        const amount = ordinaryTicket(d);
        const card = newCard(d);
        const sale = addTx(d, { local, amount, card, origin: 'mild' });
        addTx(d, {
          local: local + rng.int(60, 300) * 1000,
          amount,
          type: 'void',
          refersTo: sale.id,
          card,
          terminal: sale.terminal,
          origin: 'mild',
        });
        addTx(d, { local: local + rng.int(400, 700) * 1000, amount: amount - 100, card, terminal: sale.terminal, origin: 'mild' });
      }
      return d;
    },
  },
  {
    name: 'somewhat more declines (insufficient funds, wrong PIN, retried)',
    resembles: 'high-failure-rate',
    build(rng) {
      const d = createDraft(rng, { mcc: rng.pick(RETAIL_MCCS), days: days(rng) });
      d.declineRate = rng.real(0.04, 0.07);
      ordinaryTrade(d);
      return d;
    },
  },
  {
    name: 'one complaint and one reversed chargeback',
    resembles: 'complaints-and-disputes',
    build(rng) {
      const d = createDraft(rng, { mcc: rng.pick(RETAIL_MCCS), days: days(rng) });
      ordinaryTrade(d);
      const sale = rng.pick(approvedSales(d));
      addEvent(d, {
        type: 'complaint',
        local: Math.min(sale.local + 2 * MS_DAY, periodEnd(d) - MS_HOUR * 6),
        transactionId: sale.id,
        detail: '持卡人投诉菜品质量，已协商退款',
      });
      const other = rng.pick(approvedSales(d));
      addEvent(d, {
        type: 'chargeback',
        local: Math.min(other.local + 10 * MS_DAY, periodEnd(d) - MS_HOUR * 6),
        transactionId: other.id,
        amount: other.amount,
        detail: '调单：商户已提供签购单，退单已撤销',
      });
      return d;
    },
  },
  {
    name: 'sales a few kilometres away (weekend market, delivery)',
    resembles: 'terminal-relocation',
    build(rng) {
      const d = createDraft(rng, { mcc: rng.pick(['5499', '5812', '5999', '5651']), days: days(rng) });
      d.keep.add('location');
      d.keep.add('txLocation');
      ordinaryTrade(d);
      for (let k = rng.int(2, 8); k > 0; k--) {
        addTx(d, {
          local: timeBetween(d, dayStart(d, rng.int(0, d.days - 1)), 10, 18),
          amount: ordinaryTicket(d),
          location: jitter(d, d.home, 0.12),
          origin: 'mild',
        });
      }
      return d;
    },
  },
  {
    name: 'one or two large sales at a furniture or electronics shop',
    resembles: 'frequent-large-amounts',
    build(rng) {
      const d = createDraft(rng, { mcc: rng.pick(['5712', '5732']), days: days(rng), cnyOnly: true });
      ordinaryTrade(d);
      for (let k = rng.int(1, 2); k > 0; k--)
        addTx(d, {
          local: timeBetween(d, dayStart(d, rng.int(0, d.days - 1)), 11, 19),
          amount: price(d, rng.real(50_000, 90_000), 'yuan'),
          entry: 'chip',
          origin: 'mild',
        });
      return d;
    },
  },
  {
    name: 'a batch settled a day late over a holiday',
    resembles: 'settlement-irregularity',
    build(rng) {
      const d = createDraft(rng, { mcc: rng.pick(RETAIL_MCCS), days: days(rng) });
      ordinaryTrade(d);
      addEvent(d, {
        type: 'settlement-overdue',
        local: timeBetween(d, dayStart(d, rng.int(1, d.days - 1)), 9, 12),
        detail: rng.pick(['节假日批结延迟一日，已补结', 'Batch closed one day late (holiday), settled next day']),
      });
      return d;
    },
  },
  {
    name: 'a few fallback swipes from a dirty chip reader',
    resembles: 'security-compromise',
    build(rng) {
      const d = createDraft(rng, { mcc: rng.pick(RETAIL_MCCS), days: days(rng) });
      ordinaryTrade(d);
      for (let k = rng.int(2, 5); k > 0; k--)
        addTx(d, {
          local: timeBetween(d, dayStart(d, rng.int(0, d.days - 1)), 10, 20),
          amount: ordinaryTicket(d),
          entry: 'fallback',
          origin: 'mild',
        });
      return d;
    },
  },
  {
    name: 'documents expiring soon, reminder sent',
    resembles: 'kyc-deficiency',
    build(rng) {
      const d = createDraft(rng, { mcc: rng.pick(RETAIL_MCCS), days: days(rng) });
      d.kyc = { verified: true, documentsExpireAt: periodEnd(d) + rng.int(10, 40) * MS_DAY };
      d.keep.add('kyc');
      ordinaryTrade(d);
      addEvent(d, {
        type: 'kyc-notice',
        local: timeBetween(d, dayStart(d, d.days - rng.int(2, 10)), 9, 17),
        detail: '您的营业执照即将到期，请在到期前更新',
      });
      return d;
    },
  },
  {
    name: 'contract renewal due after the window',
    resembles: 'contract-ended',
    build(rng) {
      const d = createDraft(rng, { mcc: rng.pick(RETAIL_MCCS), days: days(rng) });
      d.contract = { status: 'active', endsAt: periodEnd(d) + rng.int(20, 60) * MS_DAY };
      d.keep.add('contract');
      ordinaryTrade(d);
      addEvent(d, {
        type: 'contract-change',
        local: timeBetween(d, dayStart(d, d.days - rng.int(2, 10)), 9, 17),
        detail: rng.pick(['续签提醒：协议将于两个月内到期', '合同已续签，新协议有效期三年']),
      });
      return d;
    },
  },
  {
    name: 'micro merchant close to, never over, its limits',
    resembles: 'micro-merchant-limit',
    build(rng) {
      const d = createDraft(rng, { mcc: rng.pick(['5499', '5814', '7230', '5999']), days: days(rng), cnyOnly: true, volume: 0.6 });
      const perSale = rng.pick([5000, 10_000]) * 100;
      const perDay = rng.pick([20_000, 50_000]) * 100;
      d.kind = 'individual';
      d.limits = { perSale, perDay };
      d.keep.add('kind');
      d.keep.add('limits');
      ordinaryTrade(d);
      for (let k = rng.int(2, 5); k > 0; k--) {
        const day = dayStart(d, rng.int(0, d.days - 1));
        const target = perDay * rng.real(0.5, 0.8);
        let sum = approvedSales(d)
          .filter((tx) => tx.local >= day && tx.local < day + MS_DAY)
          .reduce((total, tx) => total + tx.amount, 0);
        while (sum < target) {
          const amount = Math.min(Math.round((perSale * rng.real(0.3, 0.9)) / 100) * 100, Math.floor((perDay * 0.95 - sum) / 100) * 100);
          if (amount <= 0) break;
          addTx(d, { local: timeBetween(d, day, 10, 20), amount, origin: 'mild' });
          sum += amount;
        }
      }
      return d;
    },
  },
  {
    name: 'restaurant open late with a few banquets',
    resembles: 'mcc-mismatch',
    build(rng) {
      const d = createDraft(rng, { mcc: '5812', days: days(rng), cnyOnly: true });
      ordinaryTrade(d);
      for (let k = rng.int(3, 8); k > 0; k--)
        addTx(d, { local: timeBetween(d, dayStart(d, rng.int(0, d.days - 1)), 22, 23.6), amount: ordinaryTicket(d), origin: 'mild' });
      for (let k = rng.int(1, 4); k > 0; k--)
        addTx(d, {
          local: timeBetween(d, dayStart(d, rng.int(0, d.days - 1)), 19, 21.5),
          amount: price(d, rng.real(2000, 6000), 'yuan'),
          origin: 'banquet',
        });
      return d;
    },
  },
  {
    name: 'closed three weeks for renovation, then back',
    resembles: 'dormant-account',
    build(rng) {
      const d = createDraft(rng, { mcc: rng.pick(RETAIL_MCCS), days: rng.int(45, 70) });
      const closedFrom = rng.int(5, d.days - 30);
      const closedTo = closedFrom + rng.int(15, 24);
      ordinaryTrade(d, { factor: (_day, i) => (i >= closedFrom && i < closedTo ? 0 : 1) });
      return d;
    },
  },
  {
    name: '24-hour store with a few small night sales',
    resembles: 'fraud-related-freeze',
    build(rng) {
      const d = createDraft(rng, { mcc: rng.pick(['5499', '5411']), days: days(rng), cnyOnly: true });
      ordinaryTrade(d);
      for (let k = rng.int(4, 12); k > 0; k--)
        addTx(d, {
          local: timeBetween(d, dayStart(d, rng.int(0, d.days - 1)), 0, 4.5),
          amount: price(d, rng.real(8, 80), 'jiao'),
          origin: 'night',
        });
      return d;
    },
  },
  {
    name: 'general notice sent to every merchant',
    resembles: 'policy-rectification',
    build(rng) {
      const d = createDraft(rng, { mcc: rng.pick(RETAIL_MCCS), days: days(rng) });
      ordinaryTrade(d);
      addEvent(d, {
        type: 'regulatory-notice',
        local: timeBetween(d, dayStart(d, rng.int(0, d.days - 1)), 9, 17),
        detail: rng.pick([
          '反洗钱宣传月：致全体商户的一封信',
          '防范电信网络诈骗风险提示（致全体商户）',
          'Reminder to all merchants: keep sales receipts for 5 years',
        ]),
      });
      return d;
    },
  },
  {
    name: 'one settlement returned during bank maintenance, re-paid next day',
    resembles: 'settlement-account-problem',
    build(rng) {
      const d = createDraft(rng, { mcc: rng.pick(RETAIL_MCCS), days: days(rng) });
      ordinaryTrade(d);
      addEvent(d, {
        type: 'settlement-failed',
        local: timeBetween(d, dayStart(d, rng.int(1, d.days - 1)), 9, 12),
        detail: '银行系统维护，结算退回，次日已重新入账',
      });
      return d;
    },
  },
  {
    name: 'acquirer renamed, service unchanged',
    resembles: 'acquirer-exit',
    build(rng) {
      const d = createDraft(rng, { mcc: rng.pick(RETAIL_MCCS), days: days(rng) });
      ordinaryTrade(d);
      addEvent(d, {
        type: 'contract-change',
        local: timeBetween(d, dayStart(d, rng.int(0, d.days - 1)), 9, 17),
        detail: rng.pick(['收单机构更名通知：服务及费率不变', '终端免费升级通知（非接功能），服务不受影响']),
      });
      return d;
    },
  },
];

export { dayStartOf, randomEnd };
