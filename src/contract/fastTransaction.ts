/**
 * A hand-written fast path for the one part of a case file that is large: its transactions. It
 * accepts exactly what `TransactionSchema` accepts (a differential test holds it to that) and builds
 * the same output; on anything it does not accept it returns undefined, and the caller falls back to
 * zod, which then reports every problem with its path. zod stays the definition of the contract.
 */

import { type LocalTimeResolver, MAX_INSTANT, MIN_INSTANT, parseTimestamp } from '../time/timestamp.js';
import { MASKED_CARD, TRANSACTION_TYPES, type Transaction } from './caseFile.js';

const MAX_ID = 128;
const MAX_AMOUNT = 10_000_000_000_000;
const TYPES: ReadonlySet<string> = new Set(TRANSACTION_TYPES);
const STATUSES = new Set(['approved', 'declined', 'reversed']);
const KINDS = new Set(['credit', 'debit', 'prepaid', 'unknown']);
const ENTRY_MODES = new Set(['chip', 'contactless', 'swipe', 'keyed', 'fallback', 'qr']);
const CURRENCY = /^[A-Z]{3}$/;
const MCC = /^\d{4}$/;
const OPTIONAL_IDS = ['refersTo', 'referenceNumber', 'authCode', 'voucherNumber', 'merchantNumber'] as const;

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= MAX_ID;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

/**
 * Reads local times as written and notes that it did: a timestamp without an offset is an instant only
 * in the merchant's zone, which is checked after the transactions.
 */
class WrittenTime implements LocalTimeResolver {
  /** True when the last timestamp read had no offset. */
  local = false;
  /** The last timestamp read, as written. */
  ms = 0;
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
  return fastTransactionAt(raw, new WrittenTime());
}

/** {@link fastTransaction}, with the time as written left in `time` (read only when it returns a transaction). */
function fastTransactionAt(raw: unknown, time: WrittenTime): Transaction | undefined {
  if (!isRecord(raw)) return undefined;
  const { id, at, amount, currency, type, status, responseCode, card, entryMode, terminalId, location, mcc } = raw;
  if (!isId(id)) return undefined;
  if (typeof at !== 'string' || at.length > 64) return undefined;
  time.local = false;
  const ms = parseTimestamp(at, time);
  if (ms === undefined || ms < MIN_INSTANT || ms > MAX_INSTANT) return undefined;
  time.ms = ms;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0 || amount > MAX_AMOUNT) return undefined;
  if (typeof status !== 'string' || !STATUSES.has(status)) return undefined;
  const tx: Record<string, unknown> = { id, at, amount };
  if (currency !== undefined) {
    if (typeof currency !== 'string' || !CURRENCY.test(currency)) return undefined;
    tx.currency = currency;
  }
  if (type !== undefined && (typeof type !== 'string' || !TYPES.has(type))) return undefined;
  tx.type = type ?? 'sale';
  tx.status = status;
  if (responseCode !== undefined) {
    if (isId(responseCode)) tx.responseCode = responseCode;
    else if (typeof responseCode === 'number' && Number.isSafeInteger(responseCode) && responseCode >= 0)
      tx.responseCode = String(responseCode);
    else return undefined;
  }
  if (card !== undefined) {
    if (!isRecord(card) || !isId(card.token)) return undefined;
    if (card.kind !== undefined && (typeof card.kind !== 'string' || !KINDS.has(card.kind))) return undefined;
    if (card.masked !== undefined && (typeof card.masked !== 'string' || !MASKED_CARD.test(card.masked))) return undefined;
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
    if (!isId(terminalId)) return undefined;
    tx.terminalId = terminalId;
  }
  if (location !== undefined) {
    if (!isRecord(location) || !isFiniteIn(location.lat, -90, 90) || !isFiniteIn(location.lng, -180, 180)) return undefined;
    tx.location = { lat: location.lat, lng: location.lng };
  }
  for (const key of OPTIONAL_IDS) {
    const value = raw[key];
    if (value === undefined) continue;
    if (!isId(value)) return undefined;
    tx[key] = value;
  }
  if (mcc !== undefined) {
    if (typeof mcc !== 'string' || !MCC.test(mcc)) return undefined;
    tx.mcc = mcc;
  }
  return tx as Transaction;
}

/**
 * All transactions through the fast path with their times as written, or undefined as soon as one
 * needs zod.
 */
export function fastTransactions(raw: unknown): { transactions: Transaction[]; times: WrittenTimes } | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out = new Array<Transaction>(raw.length);
  const ms = new Float64Array(raw.length);
  const local = new Uint8Array(raw.length);
  const time = new WrittenTime();
  for (let i = 0; i < raw.length; i++) {
    const tx = fastTransactionAt(raw[i], time);
    if (tx === undefined) return undefined;
    out[i] = tx;
    ms[i] = time.ms;
    local[i] = time.local ? 1 : 0;
  }
  return { transactions: out, times: { ms, local } };
}
