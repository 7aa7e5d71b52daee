/**
 * A merchant being generated: its registration, its ordinary trade, and the helpers the cause
 * scenarios use to add or change transactions and events. Nothing here is written out; see
 * `exporter.ts` for the messy export.
 */
import { dateOf, hourOf, localDay, MS_DAY, MS_HOUR, MS_MINUTE, weekdayOf } from './clock.js';
import type { Rng } from './random.js';
import {
  BINS,
  BRANDS,
  type City,
  CN_CITIES,
  FOREIGN_CITIES,
  HOURS,
  ORDINARY_DECLINES,
  type Profile,
  profileOf,
  XJ_CITIES,
} from './world.js';

export type CardKind = 'credit' | 'debit' | 'prepaid' | 'unknown';
export type EntryMode = 'chip' | 'contactless' | 'swipe' | 'keyed' | 'fallback' | 'qr';
export type TxType = 'sale' | 'refund' | 'void' | 'preauth' | 'preauth-completion' | 'preauth-cancel';
export type TxStatus = 'approved' | 'declined' | 'reversed';
export type EventType =
  | 'complaint'
  | 'chargeback'
  | 'security-incident'
  | 'regulatory-notice'
  | 'settlement-overdue'
  | 'settlement-failed'
  | 'contract-change'
  | 'kyc-notice'
  | 'fund-freeze'
  | 'law-enforcement-request';
export type Measure =
  | 'transactions-suspended'
  | 'credit-cards-blocked'
  | 'limit-lowered'
  | 'settlement-delayed'
  | 'funds-frozen'
  | 'terminal-recalled'
  | 'service-terminated';

export interface Card {
  readonly token: string;
  readonly kind: CardKind;
  readonly masked: string;
}

export interface Point {
  readonly lat: number;
  readonly lng: number;
}

/** One transaction as generated (local wall-clock time; written out by the exporter). */
export interface DraftTx {
  id: string;
  local: number;
  amount: number;
  type: TxType;
  status: TxStatus;
  code?: string;
  card?: Card;
  entry?: EntryMode;
  terminal?: string;
  location?: Point;
  refersTo?: string;
  referenceNumber?: string;
  authCode?: string;
  voucherNumber?: string;
  merchantNumber?: string;
  mcc?: string;
  /** Never written: which story produced the row (for the generator's own checks). */
  origin: string;
}

export interface DraftEvent {
  type: EventType;
  local: number;
  transactionId?: string;
  amount?: number;
  detail?: string;
}

export interface Suspension {
  local?: number;
  reasonCode?: string;
  note?: string;
  noticeId?: string;
  measures?: Measure[];
}

/** Fields the exporter must keep (a scenario depends on them). */
export type Keep =
  | 'location'
  | 'txLocation'
  | 'terminals'
  | 'window'
  | 'merchantNumber'
  | 'txMcc'
  | 'kind'
  | 'limits'
  | 'contract'
  | 'kyc'
  | 'cardKind';

export interface Draft {
  readonly rng: Rng;
  profile: Profile;
  readonly city: City;
  readonly zone: string;
  readonly currency: string;
  readonly fx: number;
  /** The registered MCC (may differ from the profile the trade follows). */
  mcc: string;
  name: string;
  /** 15-digit merchant number (商户编号) registered for this merchant. */
  merchantNumber: string;
  /** Merchant id written in `merchant.id` (the merchant number or an internal id). */
  id: string;
  home: Point;
  terminals: string[];
  /** First local midnight of the trading period. */
  start: number;
  /** Number of local days in the period. */
  days: number;
  /** Ordinary approved sales a day. */
  perDay: number;
  declineRate: number;
  regulars: Card[];
  txs: DraftTx[];
  events: DraftEvent[];
  suspension?: Suspension;
  kind?: 'individual' | 'individual-business' | 'company';
  limits?: { perSale?: number; perDay?: number; perMonth?: number };
  singleSaleLimit?: number;
  contract?: { status: 'active' | 'expired' | 'terminated'; endsAt?: number };
  kyc?: { verified?: boolean; documentsExpireAt?: number };
  registeredAt: number;
  keep: Set<Keep>;
  /** Words for the label note. */
  story: string[];
  /** Causes a scenario made acceptable besides the labelled ones. */
  also: string[];
  seq: number;
  idStyle: 'dated' | 'reference' | 'alnum' | 'uuid';
  voucher: Map<string, number>;
}

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';

function randomText(rng: Rng, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[rng.int(0, alphabet.length - 1)];
  return out;
}

/** Digits, at most 12 in a row and never starting like a card scheme. */
export function digits(rng: Rng, length: number, first = '1'): string {
  return first + randomText(rng, '0123456789', length - first.length);
}

/** Random text that never holds a long digit run (no token can look like a card number). */
export function safeText(rng: Rng, alphabet: string, length: number): string {
  for (;;) {
    const text = randomText(rng, alphabet, length);
    if (!/\d{7}/.test(text) && /[a-z]/.test(text)) return text;
  }
}

export function newCard(d: Draft, kind?: CardKind): Card {
  const rng = d.rng;
  const chosen: CardKind = kind ?? (rng.chance(d.profile.credit) ? 'credit' : rng.chance(0.04) ? 'prepaid' : 'debit');
  const binList = d.currency !== 'CNY' && rng.chance(0.6) ? BINS.foreign : chosen === 'unknown' ? BINS.debit : BINS[chosen];
  const bin = rng.pick(binList);
  const amex = bin.startsWith('37');
  const masked = `${bin}${'*'.repeat(amex ? 5 : rng.chance(0.9) ? 6 : 9)}${randomText(rng, '0123456789', 4)}`;
  const style = rng.int(0, 3);
  const token =
    style === 0
      ? `tok_${safeText(rng, BASE36, 14)}`
      : style === 1
        ? safeText(rng, HEX, 32)
        : style === 2
          ? `C${safeText(rng, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'.toLowerCase(), 10).toUpperCase()}`
          : `card-${safeText(rng, HEX, 8)}-${safeText(rng, HEX, 4)}`;
  return { token, kind: chosen, masked };
}

function pickCity(rng: Rng, cnyOnly: boolean): City {
  const roll = rng.next();
  if (!cnyOnly && roll < 0.1) return rng.pick(FOREIGN_CITIES);
  if (roll > 0.93) return rng.pick(XJ_CITIES);
  return rng.pick(CN_CITIES);
}

/** Options for a new draft. */
export interface DraftOptions {
  readonly mcc: string;
  readonly days: number;
  /** Only mainland cities (amounts and limits in CNY). */
  readonly cnyOnly?: boolean;
  /** Last local day of the period, or drawn. */
  readonly end?: number;
  /** Multiplier on ordinary volume. */
  readonly volume?: number;
  readonly city?: City;
}

/** A random date in 2025-03 … 2026-12 as a local midnight. */
export function randomEnd(rng: Rng): number {
  return localDay(2025, 3, 1) + rng.int(0, 650) * MS_DAY;
}

export function createDraft(rng: Rng, options: DraftOptions): Draft {
  const profile = profileOf(options.mcc);
  const city = options.city ?? pickCity(rng, options.cnyOnly ?? false);
  const end = options.end ?? randomEnd(rng);
  const start = end - (options.days - 1) * MS_DAY;
  const area = city.area;
  const merchantNumber = `898${area}${options.mcc}${digits(rng, 4, String(rng.int(0, 9)))}`;
  const idRoll = rng.next();
  const id =
    idRoll < 0.5
      ? merchantNumber
      : idRoll < 0.75
        ? `M${dateOf(start - rng.int(200, 2000) * MS_DAY).replaceAll('-', '')}-${digits(rng, 4, '0')}`
        : `${rng.pick(['SH', 'BJ', 'GZ', 'SZ', 'HZ', 'CD', 'WH'])}-${safeText(rng, 'abcdefghjkmnpqrstuvwxyz', 3).toUpperCase()}-${digits(rng, 5, '0')}`;
  const terminals = Array.from(
    {
      length: rng.weighted([
        [1, 6],
        [2, 3],
        [3, 1],
        [5, 0.4],
      ] as const),
    },
    () => digits(rng, 8, rng.pick(['1', '2', '3', '7', '8'])),
  );
  const brand = rng.pick(BRANDS);
  const d: Draft = {
    rng,
    profile,
    city,
    zone: city.zone,
    currency: city.currency,
    fx: city.fx,
    mcc: options.mcc,
    name: `${city.currency === 'CNY' ? city.name : ''}${brand}${rng.pick(profile.suffixes)}`,
    merchantNumber,
    id,
    home: { lat: round6(city.lat + rng.real(-0.06, 0.06)), lng: round6(city.lng + rng.real(-0.06, 0.06)) },
    terminals,
    start,
    days: options.days,
    perDay: rng.real(profile.perDay[0], profile.perDay[1]) * (options.volume ?? 1),
    declineRate: rng.real(0.006, 0.03),
    regulars: [],
    txs: [],
    events: [],
    registeredAt: start - rng.int(120, 2500) * MS_DAY,
    keep: new Set(),
    story: [],
    also: [],
    seq: rng.int(1, 5000),
    idStyle: rng.pick(['dated', 'reference', 'alnum', 'uuid'] as const),
    voucher: new Map(),
  };
  d.kind = rng.weighted([
    ['company', profile.b2b ? 8 : 5],
    ['individual-business', 4],
    ['individual', 0.6],
  ] as const);
  const regularCount = Math.max(3, Math.round(d.perDay * rng.real(1.5, 4)));
  d.regulars = Array.from({ length: regularCount }, () => newCard(d));
  if (rng.chance(0.75)) d.contract = { status: 'active', endsAt: end + rng.int(60, 1500) * MS_DAY };
  if (rng.chance(0.7)) d.kyc = { verified: true, documentsExpireAt: end + rng.int(60, 3000) * MS_DAY };
  if (rng.chance(0.25)) d.singleSaleLimit = rng.pick([50_000, 100_000, 200_000, 500_000]) * 100 * (profile.b2b ? 2 : 1);
  return d;
}

export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Local midnight of day `i` of the period. */
export function dayStart(d: Draft, i: number): number {
  return d.start + i * MS_DAY;
}

/** Local midnight after the last day. */
export function periodEnd(d: Draft): number {
  return d.start + d.days * MS_DAY;
}

/** A wall-clock time on a day, drawn from an hour-weight shape. */
export function timeOn(d: Draft, day: number, weights: readonly number[]): number {
  const hour = d.rng.weighted(weights.map((w, h) => [h, w] as const));
  return day + hour * MS_HOUR + d.rng.int(0, 59) * MS_MINUTE + d.rng.int(0, 59) * 1000 + d.rng.int(0, 999);
}

/** A wall-clock time between two hours (the end may pass midnight: 22 → 26). */
export function timeBetween(d: Draft, day: number, fromHour: number, toHour: number): number {
  return day + Math.floor(d.rng.real(fromHour, toHour) * MS_HOUR) + d.rng.int(0, 59_999);
}

/** Converts a CNY amount to minor units of the merchant's currency, rounded the business's way. */
export function price(d: Draft, cny: number, rounding = d.profile.rounding, prices = d.profile.prices): number {
  const units = cny * d.fx;
  switch (rounding) {
    case 'fen':
      return Math.max(1, Math.round(units * 100));
    case 'jiao':
      return Math.max(10, Math.round(units * 10) * 10);
    case 'yuan':
      return Math.max(100, Math.round(units) * 100);
    case 'ten':
      return Math.max(1000, Math.round(units / 10) * 1000);
    case 'hundred':
      return Math.max(10_000, Math.round(units / 100) * 10_000);
    case 'price': {
      const points = prices ?? [cny];
      let total = 0;
      const items = d.rng.weighted([
        [1, 6],
        [2, 3],
        [3, 1],
      ] as const);
      for (let i = 0; i < items; i++) total += d.rng.pick(points) * d.fx;
      return Math.max(100, Math.round(total) * 100);
    }
  }
}

/** An ordinary ticket of the profile. */
export function ordinaryTicket(d: Draft, profile: Profile = d.profile): number {
  const cny = Math.min(profile.ticket * 30, Math.max(profile.ticket / 15, d.rng.logNormal(profile.ticket, profile.sigma)));
  const amount = price(d, cny, profile.rounding, profile.prices);
  // an ordinary sale stays well inside the single-sale limit the acquirer agreed
  return d.singleSaleLimit !== undefined && amount > d.singleSaleLimit * 0.8
    ? price(d, (d.singleSaleLimit * 0.5) / 100 / d.fx, 'hundred')
    : amount;
}

export function ordinaryEntry(d: Draft): EntryMode {
  const b2b = d.profile.b2b === true;
  return d.rng.weighted([
    ['chip', b2b ? 6 : 4.5],
    ['contactless', b2b ? 0.5 : 3],
    ['qr', b2b ? 0.2 : 1.2],
    ['swipe', b2b ? 2 : 1],
    ['keyed', d.profile.preauth ? 0.3 : 0.05],
    ['fallback', 0.06],
  ] as const);
}

function nextId(d: Draft, local: number): string {
  d.seq += d.rng.int(1, 3);
  const rng = d.rng;
  switch (d.idStyle) {
    case 'dated':
      return `T${dateOf(local).replaceAll('-', '')}${String(d.seq).padStart(6, '0')}`;
    case 'reference':
      return `${String(new Date(local).getUTCDate()).padStart(2, '0')}${String(d.seq).padStart(8, '0')}${rng.int(10, 99)}`;
    case 'alnum':
      return `tx_${d.seq.toString(36)}${safeText(rng, BASE36, 6)}`;
    case 'uuid':
      return `${safeText(rng, HEX, 8)}-${safeText(rng, HEX, 4)}-4${safeText(rng, HEX, 3)}-${rng.pick(['8', '9', 'a', 'b'])}${safeText(rng, HEX, 3)}-${safeText(rng, HEX, 12)}`;
  }
}

/** Fields of a new transaction; the rest are filled in. */
export interface TxInput {
  local: number;
  amount: number;
  type?: TxType;
  status?: TxStatus;
  code?: string;
  card?: Card;
  entry?: EntryMode;
  terminal?: string;
  location?: Point;
  refersTo?: string;
  merchantNumber?: string;
  mcc?: string;
  origin?: string;
}

/** Adds one transaction with realistic identifiers (参考号, 授权码, 凭证号). */
export function addTx(d: Draft, input: TxInput): DraftTx {
  const rng = d.rng;
  const terminal = input.terminal ?? rng.pick(d.terminals);
  const status = input.status ?? 'approved';
  const voucher = (d.voucher.get(terminal) ?? rng.int(1, 900)) + 1;
  d.voucher.set(terminal, voucher);
  const at = new Date(input.local);
  const tx: DraftTx = {
    id: nextId(d, input.local),
    local: input.local,
    amount: input.amount,
    type: input.type ?? 'sale',
    status,
    code: input.code ?? (status === 'approved' ? '00' : status === 'reversed' ? '98' : '05'),
    card: input.card ?? newCard(d),
    entry: input.entry ?? ordinaryEntry(d),
    terminal,
    location: input.location ?? jitter(d, d.home, 0.002),
    referenceNumber: `${String(at.getUTCHours()).padStart(2, '0')}${String(at.getUTCMinutes()).padStart(2, '0')}${String(at.getUTCSeconds()).padStart(2, '0')}${digits(rng, 6, String(rng.int(0, 9)))}`,
    voucherNumber: String(voucher % 1_000_000).padStart(6, '0'),
    merchantNumber: input.merchantNumber ?? d.merchantNumber,
    mcc: input.mcc ?? d.mcc,
    origin: input.origin ?? 'ordinary',
  };
  if (input.refersTo !== undefined) tx.refersTo = input.refersTo;
  if (status === 'approved' && tx.type !== 'void' && tx.type !== 'refund') {
    tx.authCode = rng.chance(0.8)
      ? digits(rng, 6, String(rng.int(0, 9)))
      : safeText(rng, '0123456789abcdefghjkmnpqrstuvwxyz', 6).toUpperCase();
  }
  d.txs.push(tx);
  return tx;
}

export function jitter(d: Draft, p: Point, degrees: number): Point {
  return { lat: round6(p.lat + d.rng.real(-degrees, degrees)), lng: round6(p.lng + d.rng.real(-degrees, degrees)) };
}

/** A returning customer's card, or a new one. */
export function customer(d: Draft): Card {
  if (d.regulars.length > 0 && d.rng.chance(d.profile.regulars)) return d.rng.pick(d.regulars);
  return newCard(d);
}

/** Options for ordinary trade. */
export interface TradeOptions {
  /** First and last day index (inclusive). */
  readonly from?: number;
  readonly to?: number;
  /** Volume multiplier per day index. */
  readonly factor?: (day: number, i: number) => number;
  readonly profile?: Profile;
  readonly origin?: string;
  readonly declineRate?: number;
}

/**
 * The merchant's ordinary, legitimate trade: weekday and weekend volumes, opening hours, regular
 * customers, occasional declines with retries, cashier voids, refunds, hotel pre-authorisations.
 */
export function ordinaryTrade(d: Draft, options: TradeOptions = {}): void {
  const rng = d.rng;
  const profile = options.profile ?? d.profile;
  const origin = options.origin ?? 'ordinary';
  const declineRate = options.declineRate ?? d.declineRate;
  const from = options.from ?? 0;
  const to = options.to ?? d.days - 1;
  const weights = HOURS[profile.hours];
  for (let i = from; i <= to; i++) {
    const day = dayStart(d, i);
    const weekday = weekdayOf(day);
    const weekend = weekday === 0 || weekday === 6;
    if (profile.b2b && weekday === 0 && rng.chance(0.8)) continue;
    if (rng.chance(0.025)) continue; // closed: staff day off, power cut
    const factor = (weekend ? profile.weekend : 1) * (options.factor?.(day, i) ?? 1) * rng.real(0.75, 1.25);
    const count = rng.poisson(d.perDay * factor);
    for (let k = 0; k < count; k++) {
      const local = timeOn(d, day, weights);
      const card = customer(d);
      if (profile.preauth && rng.chance(0.55)) {
        preauthFlow(d, local, card, origin);
        continue;
      }
      const amount = ordinaryTicket(d, profile);
      if (rng.chance(declineRate)) {
        const code = rng.weighted(ORDINARY_DECLINES);
        const first = addTx(d, { local, amount, status: 'declined', code, card, origin });
        if ((code === '55' || code === '51' || code === '61' || code === '91') && rng.chance(0.65)) {
          const retryCard = code === '55' || code === '91' ? card : customer(d);
          const retryAmount = code === '61' ? Math.round(amount / 2) : amount;
          addTx(d, {
            local: first.local + rng.int(30, 240) * 1000,
            amount: retryAmount,
            card: retryCard,
            terminal: first.terminal,
            origin,
          });
        }
        continue;
      }
      const sale = addTx(d, { local, amount, card, origin });
      if (rng.chance(0.006)) {
        addTx(d, {
          local: local + rng.int(40, 1200) * 1000,
          amount,
          type: 'void',
          card,
          refersTo: sale.id,
          terminal: sale.terminal,
          entry: sale.entry,
          origin,
        });
        addTx(d, { local: local + rng.int(1300, 1800) * 1000, amount: ordinaryTicket(d, profile), card, terminal: sale.terminal, origin });
      } else if (rng.chance(0.004)) {
        const later = Math.min(local + rng.int(1, 6) * MS_DAY, periodEnd(d) - MS_HOUR * 2);
        const refundLocal = dayStartOf(later) + Math.min(21, Math.max(10, hourOf(later))) * MS_HOUR + rng.int(0, 3_000_000);
        addTx(d, {
          local: refundLocal,
          amount: rng.chance(0.7) ? amount : Math.round(amount * rng.real(0.2, 0.9)),
          type: 'refund',
          card,
          refersTo: sale.id,
          terminal: sale.terminal,
          origin,
        });
      } else if (rng.chance(0.002)) {
        sale.status = 'reversed';
        sale.code = rng.pick(['98', '68', '96']);
        delete sale.authCode;
      }
    }
    if (rng.chance(0.01)) {
      // a zero-amount account verification (card-on-file check, terminal test)
      addTx(d, { local: timeOn(d, day, weights), amount: 0, type: 'preauth', card: customer(d), origin });
    }
  }
}

export function dayStartOf(local: number): number {
  return Math.floor(local / MS_DAY) * MS_DAY;
}

/** Hotel / car rental: pre-authorise a deposit, then complete at check-out or release it. */
export function preauthFlow(d: Draft, local: number, card: Card, origin: string, depositCny?: number): void {
  const rng = d.rng;
  if (rng.chance(0.05)) {
    addTx(d, { local: local - rng.int(60, 600) * 1000, amount: 0, type: 'preauth', card, entry: 'keyed', origin });
  }
  const nights = rng.weighted([
    [1, 5],
    [2, 3],
    [3, 2],
    [5, 1],
  ] as const);
  const stay = ordinaryTicket(d) * nights;
  const deposit =
    depositCny !== undefined ? price(d, depositCny, 'hundred') : price(d, rng.pick([300, 500, 500, 1000, 1000, 2000]), 'hundred');
  const hold = addTx(d, { local, amount: stay + deposit, type: 'preauth', card, entry: rng.chance(0.85) ? 'chip' : 'swipe', origin });
  const checkout = dayStartOf(local) + nights * MS_DAY + rng.int(8 * 60, 13 * 60) * MS_MINUTE + rng.int(0, 59_999);
  if (checkout >= periodEnd(d)) return; // guest still in house at the end of the export
  if (rng.chance(0.75)) {
    const extras = rng.chance(0.3) ? price(d, rng.logNormal(120, 0.7)) : 0;
    addTx(d, {
      local: checkout,
      amount: Math.min(hold.amount, stay + extras),
      type: 'preauth-completion',
      card,
      refersTo: hold.id,
      entry: hold.entry,
      terminal: hold.terminal,
      origin,
    });
  } else {
    addTx(d, {
      local: checkout,
      amount: hold.amount,
      type: 'preauth-cancel',
      card,
      refersTo: hold.id,
      entry: hold.entry,
      terminal: hold.terminal,
      origin,
    });
    addTx(d, {
      local: checkout + rng.int(60, 400) * 1000,
      amount: stay,
      card,
      terminal: hold.terminal,
      entry: rng.chance(0.5) ? 'qr' : 'chip',
      origin,
    });
  }
}

export function addEvent(d: Draft, event: DraftEvent): void {
  d.events.push(event);
}

/** Approved sales (type sale) produced so far. */
export function approvedSales(d: Draft): DraftTx[] {
  return d.txs.filter((tx) => tx.type === 'sale' && tx.status === 'approved');
}

/** An acquirer notice reference such as SQ2026100100123 or RN-2026-0412. */
export function noticeId(d: Draft, local: number): string {
  const date = dateOf(local).replaceAll('-', '');
  return d.rng.pick([
    `SQ${date}${digits(d.rng, 5, '0')}`,
    `RN-${date.slice(0, 4)}-${digits(d.rng, 4, '0')}`,
    `FK${date.slice(2)}-${d.rng.int(10, 999)}`,
  ]);
}

/** A city's other place, far away (for relocation). */
export function farPlace(d: Draft): Point {
  const candidates = [...CN_CITIES, ...XJ_CITIES].filter((c) => Math.abs(c.lat - d.home.lat) + Math.abs(c.lng - d.home.lng) > 4);
  const city = d.rng.pick(candidates);
  return { lat: city.lat, lng: city.lng };
}
