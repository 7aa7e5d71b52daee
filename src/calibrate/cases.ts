/**
 * Labelled cases prepared once for calibration: the label, every fact (signals, custom signals,
 * merchant attributes) and the stated reason code. Candidate thresholds are then judged on facts only.
 */
import { LabelSchema } from '../backtest/backtest.js';
import type { CauseId } from '../contract/causes.js';
import type { Limits } from '../contract/limits.js';
import { parseCaseFile } from '../contract/parseCaseFile.js';
import { readNotice } from '../engine/notice.js';
import { computeSignals } from '../signals/computeSignals.js';
import { type CustomSignal, computeCustomSignals } from '../signals/custom.js';
import { type Facts, merchantFactsOf } from '../signals/facts.js';
import type { SignalOptions } from '../signals/options.js';

/** One labelled merchant, ready for fast evaluation. */
export interface PreparedCase {
  /** Position in the input. */
  readonly index: number;
  /** The cause expected on top, or null for a merchant that should get no cause. */
  readonly expected: CauseId | null;
  /** Causes also right on top (the expected one first). */
  readonly wanted: readonly CauseId[];
  readonly facts: Facts;
  /** Causes the acquirer's notice names (they add the stated-reason weight, as in classification). */
  readonly stated: readonly CauseId[];
}

/** What preparing needs besides the cases. */
export interface PrepareOptions {
  readonly customSignals?: readonly CustomSignal[];
  readonly signalOptions?: Partial<SignalOptions>;
  readonly limits?: Partial<Limits>;
}

/** Prepares labelled cases (`{ label, ...caseFile }`); bad ones are returned in `failed`, by index. */
export function prepareCases(
  inputs: Iterable<unknown>,
  options: PrepareOptions = {},
): { cases: PreparedCase[]; failed: { index: number; message: string }[] } {
  const cases: PreparedCase[] = [];
  const failed: { index: number; message: string }[] = [];
  let index = -1;
  for (const input of inputs) {
    index++;
    const label = LabelSchema.safeParse((input as { label?: unknown } | null)?.label);
    if (!label.success) {
      failed.push({ index, message: 'missing or invalid label' });
      continue;
    }
    try {
      const caseFile = parseCaseFile(input, options.limits ?? {});
      const signals = computeSignals(caseFile, options.signalOptions ?? {});
      const custom = options.customSignals?.length ? computeCustomSignals(options.customSignals, caseFile, signals) : {};
      const { expected, acceptable } = label.data;
      cases.push({
        index,
        expected,
        wanted: expected === null ? [] : [expected, ...acceptable],
        facts: { ...signals, ...custom, ...merchantFactsOf(caseFile) },
        stated: readNotice(caseFile.merchant.suspension).stated.map((m) => m.cause),
      });
    } catch (error) {
      failed.push({ index, message: error instanceof Error ? (error.message.split('\n')[0] ?? 'error') : 'error' });
    }
  }
  return { cases, failed };
}
