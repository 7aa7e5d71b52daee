/**
 * A hand-written fast path for the one part of a case file that is large: its transactions. It
 * accepts exactly what `TransactionSchema` accepts (a differential test holds it to that) and builds
 * the same output; on anything it does not accept it returns undefined, and the caller falls back to
 * zod, which then reports every problem with its path. zod stays the definition of the contract.
 */

import { containsPan } from '../text/cardNumber.js';
import { type DateMemo, type LocalTimeResolver, MAX_INSTANT, MIN_INSTANT, parseTimestamp } from '../time/timestamp.js';
import { CURRENCY_CODE, MASKED_CARD, MAX_AMOUNT, MAX_ID_LENGTH, MCC_CODE, TRANSACTION_TYPES, type Transaction } from './caseFile.js';
import type { Limits } from './limits.js';
import { isCleanString, isCleanValue, plainObjectPrototype } from './screen.js';

const TYPES: ReadonlySet<string> = new Set(TRANSACTION_TYPES);
const STATUSES = new Set(['approved', 'declined', 'reversed']);
const KINDS = new Set(['credit', 'debit', 'prepaid', 'unknown']);
const ENTRY_MODES = new Set(['chip', 'contactless', 'swipe', 'keyed', 'fallback', 'qr']);

/** An id as the schema takes it: a string of 1 to 128 characters. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= MAX_ID_LENGTH;
}

/** An object as `z.object` takes it: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finite number from `min` to `max`. */
export function isFiniteIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

/**
 * Reads local times as written and notes that it did: a timestamp without an offset is an instant only
 * in the merchant's zone, which is checked after the transactions.
 */
class WrittenTime implements LocalTimeResolver, DateMemo {
  /** True when the last timestamp read had no offset. */
  local = false;
  /** The last timestamp read, as written. */
  ms = 0;
  /** The date of the last timestamp read (rows of one day share it: see DateMemo). */
  datePrefix = '';
  dateDays = 0;
  instantOfLocal(localMs: number): number {
    this.local = true;
    return localMs;
  }
}

/** Times of validated transactions as written: epoch ms, or local wall-clock ms where `local[i]` is 1. */
export interface WrittenTimes {
  readonly ms: Float64Array;
  readonly local: Uint8Array;
}

/** The validated transaction, or undefined when zod must judge it. */
export function fastTransaction(raw: unknown): Transaction | undefined {
  return fastTransactionAt(raw, new WrittenTime(), undefined);
}

/**
 * What the card-number screen needs while a transaction is read: the limits, and whether `for…in`
 * over a JSON object visits its own keys only (see `isCleanValue`).
 */
interface Screen {
  readonly limit: Limits;
  readonly plainPrototype: boolean;
}

/**
 * Shortest timestamp the screen must look at. In a timestamp the parser accepts, digits join into a
 * run of 13 only across the seconds, a fraction of seven digits or more and a negative offset without
 * a colon (`:59.9318229-1303`, the minus being a separator): 19 + 8 + 5 characters at least (found by
 * the property test in test/fast-arithmetic.test.ts). A shorter one that parses is clean.
 */
const SHORTEST_SCREENED_TIME = 32;

/**
 * Longest string the screen does not look at whole: a timestamp the fast path accepts (64 characters;
 * one under 32 is not scanned for digits), a masked card (6 + 9 + 4) or an enum ('preauth-completion').
 * With a tighter string limit the full screen judges, so that every length is checked as before.
 */
const LONGEST_UNSCREENED = 64;

/** Depth of a transaction in a case file (root 0, `transactions` 1), as the screen counts nesting. */
const TRANSACTION_DEPTH = 2;

/** True when an optional identifier is absent, or present, valid and clean. */
function isOptionalId(value: unknown, screen: Screen | undefined): boolean {
  return value === undefined || (isId(value) && isScreened(value, screen));
}

/** True when an identifier the fast path copies passes the screen (always, without a screen). */
function isScreened(value: string, screen: Screen | undefined): boolean {
  return screen === undefined || isCleanString(value, screen.limit);
}

/**
 * True when every key `for…in` visits on a transaction (own or inherited) is one the fast path reads:
 * then every string it holds has been screened field by field. Any other key (the schema drops it, but
 * it may hold a card number) sends the object to the full walk.
 */
function hasOnlyTransactionKeys(raw: Record<string, unknown>): boolean {
  for (const key in raw) {
    switch (key) {
      case 'id':
      case 'at':
      case 'amount':
      case 'currency':
      case 'type':
      case 'status':
      case 'responseCode':
      case 'card':
      case 'entryMode':
      case 'terminalId':
      case 'location':
      case 'refersTo':
      case 'referenceNumber':
      case 'authCode':
      case 'voucherNumber':
      case 'merchantNumber':
      case 'mcc':
        break;
      default:
        return false;
    }
  }
  return true;
}

/** {@link hasOnlyTransactionKeys} for a card: token, kind, masked. */
function hasOnlyCardKeys(card: Record<string, unknown>): boolean {
  for (const key in card) if (key !== 'token' && key !== 'kind' && key !== 'masked') return false;
  return true;
}

/** {@link hasOnlyTransactionKeys} for a location: lat, lng. */
function hasOnlyLocationKeys(location: Record<string, unknown>): boolean {
  for (const key in location) if (key !== 'lat' && key !== 'lng') return false;
  return true;
}

/**
 * {@link fastTransaction}, with the time as written left in `time` (read only when it returns a
 * transaction). With `screen`, the transaction must also pass the card-number screen: each string
 * copied is screened as it is read (a masked card, six and four digits at most, and the enum and code
 * fields cannot hold 13 digits); only an object with keys beyond those read (the schema drops them)
 * is walked whole. Fields are read by name, never by a loop over key names (a keyed load per field
 * is several times slower).
 */
function fastTransactionAt(raw: unknown, time: WrittenTime, screen: Screen | undefined): Transaction | undefined {
  if (!isRecord(raw)) return undefined;
  const { id, at, amount, currency, type, status, responseCode, card, entryMode, terminalId, location, mcc } = raw;
  const { refersTo, referenceNumber, authCode, voucherNumber, merchantNumber } = raw;
  if (!isId(id) || !isScreened(id, screen)) return undefined;
  if (typeof at !== 'string' || at.length > 64 || (at.length >= SHORTEST_SCREENED_TIME && !isScreened(at, screen))) return undefined;
  time.local = false;
  const ms = parseTimestamp(at, time, time);
  if (ms === undefined || ms < MIN_INSTANT || ms > MAX_INSTANT) return undefined;
  time.ms = ms;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0 || amount > MAX_AMOUNT) return undefined;
  if (typeof status !== 'string' || !STATUSES.has(status)) return undefined;
  const tx: Record<string, unknown> = { id, at, amount };
  if (currency !== undefined) {
    if (typeof currency !== 'string' || !CURRENCY_CODE.test(currency)) return undefined;
    tx.currency = currency;
  }
  if (type !== undefined) {
    if (typeof type !== 'string' || !TYPES.has(type)) return undefined;
  }
  tx.type = type ?? 'sale';
  tx.status = status;
  if (responseCode !== undefined) {
    if (isId(responseCode)) {
      if (!isScreened(responseCode, screen)) return undefined;
      tx.responseCode = responseCode;
    } else if (typeof responseCode === 'number' && Number.isSafeInteger(responseCode) && responseCode >= 0) {
      // A number is no string for the screen: a card number written as one is judged by the schema.
      const code = String(responseCode);
      if (code.length >= 13 && containsPan(code)) return undefined;
      tx.responseCode = code;
    } else return undefined;
  }
  if (card !== undefined) {
    if (!isRecord(card) || !isId(card.token)) return undefined;
    if (card.kind !== undefined && (typeof card.kind !== 'string' || !KINDS.has(card.kind))) return undefined;
    if (card.masked !== undefined && (typeof card.masked !== 'string' || !MASKED_CARD.test(card.masked))) return undefined;
    if (screen !== undefined) {
      if (!hasOnlyCardKeys(card)) return wholeIsClean(raw, screen) ? fastTransactionAt(raw, time, undefined) : undefined;
      if (!isCleanString(card.token, screen.limit)) return undefined;
    }
    tx.card =
      card.masked === undefined
        ? { token: card.token, kind: card.kind ?? 'unknown' }
        : { token: card.token, kind: card.kind ?? 'unknown', masked: card.masked };
  }
  if (entryMode !== undefined) {
    if (typeof entryMode !== 'string' || !ENTRY_MODES.has(entryMode)) return undefined;
    tx.entryMode = entryMode;
  }
  if (terminalId !== undefined) {
    if (!isId(terminalId) || !isScreened(terminalId, screen)) return undefined;
    tx.terminalId = terminalId;
  }
  if (location !== undefined) {
    if (!isRecord(location) || !isFiniteIn(location.lat, -90, 90) || !isFiniteIn(location.lng, -180, 180)) return undefined;
    if (screen !== undefined && !hasOnlyLocationKeys(location)) {
      return wholeIsClean(raw, screen) ? fastTransactionAt(raw, time, undefined) : undefined;
    }
    tx.location = { lat: location.lat, lng: location.lng };
  }
  if (
    !isOptionalId(refersTo, screen) ||
    !isOptionalId(referenceNumber, screen) ||
    !isOptionalId(authCode, screen) ||
    !isOptionalId(voucherNumber, screen) ||
    !isOptionalId(merchantNumber, screen)
  ) {
    return undefined;
  }
  if (refersTo !== undefined) tx.refersTo = refersTo;
  if (referenceNumber !== undefined) tx.referenceNumber = referenceNumber;
  if (authCode !== undefined) tx.authCode = authCode;
  if (voucherNumber !== undefined) tx.voucherNumber = voucherNumber;
  if (merchantNumber !== undefined) tx.merchantNumber = merchantNumber;
  if (mcc !== undefined) {
    if (typeof mcc !== 'string' || !MCC_CODE.test(mcc)) return undefined;
    tx.mcc = mcc;
  }
  // Keys the schema drops: the whole object is walked by the screen.
  if (screen !== undefined && !hasOnlyTransactionKeys(raw) && !wholeIsClean(raw, screen)) return undefined;
  return tx as Transaction;
}

/** The full screen of one transaction object (keys the fast path does not read, nested values). */
function wholeIsClean(raw: Record<string, unknown>, screen: Screen): boolean {
  return isCleanValue(raw, screen.limit, TRANSACTION_DEPTH, screen.plainPrototype);
}

/**
 * All transactions through the fast path with their times as written, or undefined as soon as one
 * needs zod. With `limit`, each transaction also passes the card-number screen of `parseCaseFile`
 * (strings, keys, nesting), read as it is validated; without, the caller screens them.
 */
export function fastTransactions(raw: unknown, limit?: Limits): { transactions: Transaction[]; times: WrittenTimes } | undefined {
  if (!Array.isArray(raw)) return undefined;
  const screen = limit === undefined ? undefined : { limit, plainPrototype: plainObjectPrototype() };
  // Tighter limits than the fields the screen skips (or than the depth of a transaction's card and
  // location): the full screen judges.
  if (limit !== undefined && (TRANSACTION_DEPTH + 1 > limit.maxDepth || limit.maxStringLength < LONGEST_UNSCREENED)) return undefined;
  const out = new Array<Transaction>(raw.length);
  const ms = new Float64Array(raw.length);
  const local = new Uint8Array(raw.length);
  const time = new WrittenTime();
  for (let i = 0; i < raw.length; i++) {
    const tx = fastTransactionAt(raw[i], time, screen);
    if (tx === undefined) return undefined;
    out[i] = tx;
    ms[i] = time.ms;
    local[i] = time.local ? 1 : 0;
  }
  return { transactions: out, times: { ms, local } };
}
