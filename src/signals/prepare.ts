/**
 * One pass over the case file that every signal family shares: timestamps parsed once, the local day
 * and hour of each transaction in the merchant's zone, the window applied, and time order fixed
 * (ties broken by id, so the order of the file never changes a result).
 */
import type { CaseEvent, CaseFile, Transaction } from '../contract/caseFile.js';
import { recalledInstants } from '../contract/transactionInstants.js';
import { formatUtc, MS_PER_DAY, parseTimestamp } from '../time/timestamp.js';
import { createLocalClock, type LocalClock } from '../time/zone.js';
import { columnSpec, columnsOf } from './columns.js';
import { DEFAULT_SIGNAL_OPTIONS, type SignalOptions } from './options.js';
import { sortAmounts } from './sortAmounts.js';

/** The shared, read-only view of a case file that signal families compute from. */
export interface Prepared {
  readonly caseFile: CaseFile;
  readonly options: SignalOptions;
  readonly clock: LocalClock;
  /** Window bounds, epoch ms (inclusive). */
  readonly windowFrom: number;
  readonly windowTo: number;
  /** Transactions inside the window, in time order. */
  readonly txs: readonly Transaction[];
  /** Epoch ms of `txs[i]`. */
  readonly ms: Float64Array;
  /** Local day number of `txs[i]`. */
  readonly day: Int32Array;
  /** Local hour of `txs[i]`. */
  readonly hour: Uint8Array;
  /** Amount of `txs[i]`, minor units. */
  readonly amount: Float64Array;
  /** Facts about `txs[i]` as bits: see {@link FLAG}. */
  readonly flags: Uint8Array;
  /** Dense card number of `txs[i]` (index into `cardTokens`), or -1 without a card. */
  readonly card: Int32Array;
  /** Distinct card tokens in the window, by card number. */
  readonly cardTokens: readonly string[];
  /** Indexes into `txs` of approved sales, in time order. */
  readonly sales: Int32Array;
  /**
   * A memo for {@link saleAmountsAscending}: filled on first read, since only two families read the
   * sorted amounts (a week of early warning that computes neither never sorts). A plain data field,
   * not a getter: a getter made every family's reads of a Prepared slower.
   */
  readonly ascending: { amounts?: Float64Array };
  /** Events inside the window, in file order. */
  readonly events: readonly CaseEvent[];
  /** Epoch ms of `events[i]`. */
  readonly eventMs: Float64Array;
  /** Epoch ms of the last approved sale in the whole file at or before the window end, or NaN. */
  readonly lastApprovedSaleMs: number;
  /** Transactions in the file outside the window (ignored). */
  readonly transactionsOutside: number;
  /** Events in the file outside the window (ignored). */
  readonly eventsOutside: number;
}

const MS_PER_HOUR = 3_600_000;

/** The per-transaction columns of a {@link Prepared}, carved from one buffer. */
const TRANSACTION_COLUMNS = columnSpec({ ms: 'f64', amount: 'f64', day: 'i32', card: 'i32', hour: 'u8', flags: 'u8' });

/** Bits of `Prepared.flags`: read once per transaction here, so the families loop over typed arrays. */
export const FLAG = {
  /** Approved sale or pre-authorisation completion of a positive amount: the only kind that counts as a sale. */
  sale: 1,
  /**
   * Authorisation attempt: an approved or declined sale or pre-authorisation (a verification of zero
   * amount included), or a declined completion. An approved completion is a sale but not a new
   * attempt: its pre-authorisation was the attempt.
   */
  attempt: 2,
  /** Declined attempt (sale, pre-authorisation or completion). */
  declined: 4,
  /** Paid with a credit card. */
  credit: 8,
  /** Card number typed in. */
  keyed: 16,
  /** Chip read failed, magnetic stripe used. */
  fallback: 32,
  /** Approved refund or void of a positive amount (a pre-authorisation cancel is neither). */
  reversal: 64,
} as const;

/**
 * The flags of one transaction. Pre-authorisations (预授权) hold funds without selling: an approved
 * `preauth` is an attempt but no sale, its `preauth-completion` (预授权完成) is the sale, and a
 * `preauth-cancel` (预授权撤销, a hotel deposit released at check-out) is neither a sale nor a refund.
 * Zero amounts (verifications) are attempts but never sales or reversals.
 */
function flagsOf(tx: Transaction): number {
  let f = 0;
  const { type, status } = tx;
  if (status === 'declined') {
    if (type === 'sale' || type === 'preauth' || type === 'preauth-completion') f |= FLAG.declined | FLAG.attempt;
  } else if (status === 'approved') {
    if (type === 'sale' || type === 'preauth-completion') {
      if (tx.amount > 0) f |= FLAG.sale;
      if (type === 'sale') f |= FLAG.attempt;
    } else if (type === 'preauth') f |= FLAG.attempt;
    else if ((type === 'refund' || type === 'void') && tx.amount > 0) f |= FLAG.reversal;
  }
  if (tx.card?.kind === 'credit') f |= FLAG.credit;
  if (tx.entryMode === 'keyed') f |= FLAG.keyed;
  else if (tx.entryMode === 'fallback') f |= FLAG.fallback;
  return f;
}

/** True when `tx` counts as a sale: an approved sale or pre-authorisation completion of a positive amount. */
export function isApprovedSale(tx: Transaction): boolean {
  return tx.status === 'approved' && tx.amount > 0 && (tx.type === 'sale' || tx.type === 'preauth-completion');
}

/** Resolves the options for one merchant: case-file thresholds win over classifier options. */
export function resolveOptions(caseFile: CaseFile, options: Partial<SignalOptions>): SignalOptions {
  const merged: SignalOptions = { ...DEFAULT_SIGNAL_OPTIONS, ...options };
  const { largeAmountThreshold, singleSaleLimit } = caseFile.merchant;
  return {
    ...merged,
    largeAmountThreshold: largeAmountThreshold ?? merged.largeAmountThreshold,
    splitSaleThreshold: Math.min(merged.splitSaleThreshold, singleSaleLimit ?? Number.POSITIVE_INFINITY),
  };
}

/** Builds the {@link Prepared} view. The case file must come from `parseCaseFile`. */
export function prepare(caseFile: CaseFile, options: Partial<SignalOptions> = {}): Prepared {
  const clock = createLocalClock(caseFile.merchant.timezone);
  const windowFrom = parseTimestamp(caseFile.window.from, clock) ?? 0;
  const windowTo = parseTimestamp(caseFile.window.to, clock) ?? 0;

  const all = caseFile.transactions;
  // parseCaseFile has already read every timestamp in this zone; a hand-built case file, or a
  // timestamp edited since, is read here.
  const known = recalledInstants(all, caseFile.merchant.timezone);
  const allMs = new Float64Array(all.length);
  const insideAll = new Int32Array(all.length);
  let insideCount = 0;
  let lastApprovedSaleMs = Number.NaN;
  for (let i = 0; i < all.length; i++) {
    const tx = all[i] as Transaction;
    const at = known !== undefined && tx.at === known.ats[i] ? (known.ms[i] as number) : (parseTimestamp(tx.at, clock) ?? 0);
    allMs[i] = at;
    if (at >= windowFrom && at <= windowTo) insideAll[insideCount++] = i;
    if (at <= windowTo && isApprovedSale(tx) && !(at <= lastApprovedSaleMs)) lastApprovedSaleMs = at;
  }
  const inside = insideAll.subarray(0, insideCount);
  // Exports are usually in time order already: check before paying for a sort.
  if (!inTimeOrder(inside, allMs, all))
    inside.sort((a, b) => {
      const diff = (allMs[a] as number) - (allMs[b] as number);
      if (diff !== 0) return diff;
      const idA = (all[a] as Transaction).id;
      const idB = (all[b] as Transaction).id;
      return idA < idB ? -1 : idA > idB ? 1 : 0;
    });

  const n = inside.length;
  const txs: Transaction[] = new Array(n);
  const { ms, day, hour, card, amount, flags } = columnsOf(n, TRANSACTION_COLUMNS);
  const cardNumbers = new Map<string, number>();
  const cardTokens: string[] = [];
  const saleIndexes = new Int32Array(n);
  let saleCount = 0;
  for (let k = 0; k < n; k++) {
    const i = inside[k] as number;
    const tx = all[i] as Transaction;
    const at = allMs[i] as number;
    txs[k] = tx;
    ms[k] = at;
    const local = at + clock.offsetAt(at);
    const localDay = Math.floor(local / MS_PER_DAY);
    day[k] = localDay;
    hour[k] = Math.floor((local - localDay * MS_PER_DAY) / MS_PER_HOUR);
    amount[k] = tx.amount;
    const f = flagsOf(tx);
    flags[k] = f;
    const token = tx.card?.token;
    if (token === undefined) card[k] = -1;
    else {
      let number = cardNumbers.get(token);
      if (number === undefined) {
        number = cardTokens.length;
        cardNumbers.set(token, number);
        cardTokens.push(token);
      }
      card[k] = number;
    }
    if (f & FLAG.sale) saleIndexes[saleCount++] = k;
  }
  const sales = saleIndexes.subarray(0, saleCount);

  const events: CaseEvent[] = [];
  const eventTimes: number[] = [];
  for (const event of caseFile.events) {
    const at = parseTimestamp(event.at, clock) ?? 0;
    if (at >= windowFrom && at <= windowTo) {
      events.push(event);
      eventTimes.push(at);
    }
  }

  return {
    caseFile,
    options: resolveOptions(caseFile, options),
    clock,
    windowFrom,
    windowTo,
    txs,
    ms,
    day,
    hour,
    amount,
    flags,
    card,
    cardTokens,
    sales,
    ascending: {},
    events,
    eventMs: Float64Array.from(eventTimes),
    lastApprovedSaleMs,
    transactionsOutside: all.length - n,
    eventsOutside: caseFile.events.length - events.length,
  };
}

/**
 * The {@link Prepared} view of part of a prepared case, as `prepare` would build it for a case file
 * holding only the transactions and events of local days `firstDay`–`lastDay` (of `p`'s window),
 * with the window `windowFrom`–`windowTo` (epoch ms, inclusive). Slices `p`'s columns: no timestamp
 * is parsed again. Used for the weekly series of early warning.
 */
export function preparedPart(
  p: Prepared,
  firstDay: number,
  lastDay: number,
  windowFrom: number,
  windowTo: number,
  /** Indexes into `p.txs` of exactly its transactions on days `firstDay`–`lastDay`, ascending, when the caller has them. */
  onDays?: readonly number[],
): Prepared {
  // Members of the part, in p's (time) order; those outside the part's window are left out.
  const picked: number[] = [];
  let lastApprovedSaleMs = Number.NaN;
  let bucketSize = 0;
  const scanned = onDays?.length ?? p.txs.length;
  for (let j = 0; j < scanned; j++) {
    const k = onDays === undefined ? j : (onDays[j] as number);
    const d = p.day[k] as number;
    if (d < firstDay || d > lastDay) continue;
    bucketSize++;
    const at = p.ms[k] as number;
    if (at >= windowFrom && at <= windowTo) picked.push(k);
    if (at <= windowTo && ((p.flags[k] as number) & FLAG.sale) !== 0 && !(at <= lastApprovedSaleMs)) lastApprovedSaleMs = at;
  }
  const n = picked.length;
  const txs: Transaction[] = new Array(n);
  const { ms, day, hour, card, amount, flags } = columnsOf(n, TRANSACTION_COLUMNS);
  // Card numbers are dense within the part, numbered in order of first use as `prepare` numbers them.
  const renumber = new Int32Array(p.cardTokens.length).fill(-1);
  const cardTokens: string[] = [];
  const saleIndexes = new Int32Array(n);
  let saleCount = 0;
  for (let j = 0; j < n; j++) {
    const k = picked[j] as number;
    txs[j] = p.txs[k] as Transaction;
    ms[j] = p.ms[k] as number;
    day[j] = p.day[k] as number;
    hour[j] = p.hour[k] as number;
    amount[j] = p.amount[k] as number;
    const f = p.flags[k] as number;
    flags[j] = f;
    const c = p.card[k] as number;
    if (c < 0) card[j] = -1;
    else {
      let number = renumber[c] as number;
      if (number < 0) {
        number = cardTokens.length;
        renumber[c] = number;
        cardTokens.push(p.cardTokens[c] as string);
      }
      card[j] = number;
    }
    if (f & FLAG.sale) saleIndexes[saleCount++] = j;
  }
  const sales = saleIndexes.subarray(0, saleCount);

  const events: CaseEvent[] = [];
  const eventTimes: number[] = [];
  let eventBucket = 0;
  for (let e = 0; e < p.events.length; e++) {
    const at = p.eventMs[e] as number;
    const d = p.clock.dayOf(at);
    if (d < firstDay || d > lastDay) continue;
    eventBucket++;
    if (at >= windowFrom && at <= windowTo) {
      events.push(p.events[e] as CaseEvent);
      eventTimes.push(at);
    }
  }
  return {
    caseFile: { ...p.caseFile, window: { from: formatUtc(windowFrom), to: formatUtc(windowTo) }, transactions: txs, events },
    options: p.options,
    clock: p.clock,
    windowFrom,
    windowTo,
    txs,
    ms,
    day,
    hour,
    amount,
    flags,
    card,
    cardTokens,
    sales,
    ascending: {},
    events,
    eventMs: Float64Array.from(eventTimes),
    lastApprovedSaleMs,
    transactionsOutside: bucketSize - n,
    eventsOutside: eventBucket - events.length,
  };
}

/**
 * True when `amount` is a whole multiple of `unit`: exactly `amount % unit === 0`, which V8 computes
 * on doubles with a call to `fmod`, about ten times slower than a division. For a whole unit and an
 * amount within ±2^53 (every validated case) the quotient is a whole number only when the unit
 * divides exactly, as the nearest double to k − r/unit is never k there; anything else (a
 * hand-built case file, an unvalidated option) takes `%`.
 */
export function isMultipleOf(amount: number, unit: number): boolean {
  if (Number.isInteger(unit) && amount <= Number.MAX_SAFE_INTEGER && amount >= -Number.MAX_SAFE_INTEGER) {
    return Number.isInteger(amount / unit);
  }
  return amount % unit === 0;
}

/** Amounts of the approved sales, ascending (for the median and the most frequent amount); sorted on the first call. */
export function saleAmountsAscending(p: Prepared): Float64Array {
  let sorted = p.ascending.amounts;
  if (sorted === undefined) {
    sorted = new Float64Array(p.sales.length);
    for (let k = 0; k < p.sales.length; k++) sorted[k] = p.amount[p.sales[k] as number] as number;
    p.ascending.amounts = sortAmounts(sorted);
  }
  return sorted;
}

/** `part / whole`, or 0 when `whole` is 0: shares of an empty set are defined as 0, never NaN. */
export function share(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

/** True when `indexes` are already ordered by time, ties by id. */
function inTimeOrder(indexes: Int32Array, ms: Float64Array, all: readonly Transaction[]): boolean {
  for (let k = 1; k < indexes.length; k++) {
    const a = indexes[k - 1] as number;
    const b = indexes[k] as number;
    const diff = (ms[a] as number) - (ms[b] as number);
    if (diff > 0 || (diff === 0 && (all[a] as Transaction).id >= (all[b] as Transaction).id)) return false;
  }
  return true;
}
