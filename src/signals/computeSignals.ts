/** Combines the signal families into one flat, documented record. */
import type { CaseFile } from '../contract/caseFile.js';
import { acquirerRecordSignals } from './acquirerRecords.js';
import { amountSignals } from './amounts.js';
import { cashOutSignals } from './cashOut.js';
import type { SignalFamily, Signals } from './catalog.js';
import { conductSignals } from './conduct.js';
import { fabricationSignals } from './fabrication.js';
import { failureSignals } from './failures.js';
import { locationSignals } from './location.js';
import type { SignalOptions } from './options.js';
import { type Prepared, prepare } from './prepare.js';
import { statusSignals } from './status.js';

/** The families by name, in the order their signals are listed. */
const FAMILIES: Readonly<Record<SignalFamily, (p: Prepared) => object>> = {
  amounts: amountSignals,
  cashOut: cashOutSignals,
  fabrication: fabricationSignals,
  failures: failureSignals,
  location: locationSignals,
  conduct: conductSignals,
  status: statusSignals,
  acquirerRecords: acquirerRecordSignals,
};
const FAMILY_NAMES = Object.keys(FAMILIES) as SignalFamily[];

/** Signals plus what the window left out. */
export interface SignalReport {
  readonly signals: Signals;
  readonly transactionsOutside: number;
  readonly eventsOutside: number;
}

/** Computes every signal of a prepared case, rounding shares and ratios to 6 decimals for stable output. */
export function signalsOf(p: Prepared): Signals {
  return signalsOfFamilies(p, undefined) as Signals;
}

/**
 * The signals of the given families only (every family without `families`), as {@link signalsOf}
 * computes them: same values, same key order among the keys computed.
 */
export function signalsOfFamilies(p: Prepared, families: ReadonlySet<SignalFamily> | undefined): Partial<Signals> {
  const out: Record<string, number | boolean> = {};
  // A loop, not object spreads: same keys in the same order (a later family's key keeps its first
  // position, as with spreads), without building seven intermediate objects.
  for (const name of FAMILY_NAMES) {
    if (families !== undefined && !families.has(name)) continue;
    const signals = FAMILIES[name](p) as Record<string, number | boolean>;
    for (const key in signals) {
      const value = signals[key] as number | boolean;
      out[key] = typeof value === 'number' ? roundStable(value) : value;
    }
  }
  return out as Partial<Signals>;
}

/**
 * Computes the signals of a validated case file.
 *
 * @param caseFile - a case file returned by `parseCaseFile`.
 * @param options - thresholds; see `DEFAULT_SIGNAL_OPTIONS`.
 * @returns a flat record of named numbers and booleans (see `docs/signals.md`).
 * @example
 * ```ts
 * const signals = computeSignals(parseCaseFile(json));
 * signals.declineRate; // 0.04
 * ```
 */
export function computeSignals(caseFile: CaseFile, options: Partial<SignalOptions> = {}): Signals {
  return signalsOf(prepare(caseFile, options));
}

/** Like {@link computeSignals}, also reporting what the window left out. */
export function computeSignalReport(caseFile: CaseFile, options: Partial<SignalOptions> = {}): SignalReport {
  const p = prepare(caseFile, options);
  return { signals: signalsOf(p), transactionsOutside: p.transactionsOutside, eventsOutside: p.eventsOutside };
}

/** Rounds to 6 decimals so sums taken in a different order print the same; integers are unchanged. */
function roundStable(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Number.isInteger(value) ? value : Math.round(value * 1e6) / 1e6;
}
