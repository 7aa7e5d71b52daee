/**
 * The epoch ms of each validated transaction's `at`, computed once by `parseCaseFile` and reused by
 * `prepare`, so a timestamp is not parsed again. A cache, not state: keyed weakly by the validated
 * transactions array, and consulted only when the zone and the length still match (anything else,
 * such as a hand-built case file, is parsed as before).
 */
import type { Transaction } from './caseFile.js';

interface Instants {
  readonly zone: string;
  readonly ms: Float64Array;
}

const INSTANTS = new WeakMap<readonly Transaction[], Instants>();

/** Records `ms[i]` as the instant of `transactions[i].at` read in `zone`. */
export function rememberInstants(transactions: readonly Transaction[], zone: string, ms: Float64Array): void {
  INSTANTS.set(transactions, { zone, ms });
}

/** The instants recorded for `transactions` in `zone`, or undefined. */
export function recalledInstants(transactions: readonly Transaction[], zone: string): Float64Array | undefined {
  const entry = INSTANTS.get(transactions);
  return entry !== undefined && entry.zone === zone && entry.ms.length === transactions.length ? entry.ms : undefined;
}
