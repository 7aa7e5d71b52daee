/**
 * The epoch ms of each validated transaction's `at`, computed once by `parseCaseFile` and reused by
 * `prepare`, so a timestamp is not parsed again. A cache, not state: keyed weakly by the validated
 * transactions array, consulted only while the zone and the length still match, and trusted for a
 * transaction only while its `at` is still the text that was read (a caller may edit a validated case
 * file before computing its signals; an edited or hand-built one is parsed as before).
 */
import type { Transaction } from './caseFile.js';

/** Instants read in one zone, with the text each was read from. */
export interface Instants {
  readonly zone: string;
  readonly ms: Float64Array;
  /** `at` of each transaction as read: `ms[i]` holds only while `transactions[i].at === ats[i]`. */
  readonly ats: readonly string[];
}

const INSTANTS = new WeakMap<readonly Transaction[], Instants>();

/** Records `ms[i]` as the instant of `transactions[i].at` read in `zone`. */
export function rememberInstants(transactions: readonly Transaction[], zone: string, ms: Float64Array): void {
  INSTANTS.set(transactions, { zone, ms, ats: transactions.map((tx) => tx.at) });
}

/** The instants recorded for `transactions` in `zone`, or undefined (check each `at` against `ats` before use). */
export function recalledInstants(transactions: readonly Transaction[], zone: string): Instants | undefined {
  const entry = INSTANTS.get(transactions);
  return entry !== undefined && entry.zone === zone && entry.ms.length === transactions.length ? entry : undefined;
}
