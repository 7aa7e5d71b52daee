/** The public early-warning entry point: validates, computes the signals once, then follows the trends. */
import type { Limits } from '../contract/limits.js';
import { parseCaseFile } from '../contract/parseCaseFile.js';
import type { Warning } from '../contract/result.js';
import { loadRulePack } from '../rules/loadRulePack.js';
import type { RulePack } from '../rules/schema.js';
import { signalsOf } from '../signals/computeSignals.js';
import type { SignalOptions } from '../signals/options.js';
import { prepare } from '../signals/prepare.js';
import { resolveWarningSettings, type WarningSettings, warningsFor } from '../warning/earlyWarning.js';
import { defaultRulePack } from './classifier.js';
import { checkEarlyWarningConfig } from './config.js';

/** Options of {@link earlyWarning}. */
export interface EarlyWarningConfig extends WarningSettings {
  /** A rule pack (validated by `loadRulePack`, or raw JSON that will be). Default: the bundled pack. */
  readonly rulePack?: RulePack | unknown;
  /** Signal thresholds, as for `createClassifier`. */
  readonly options?: Partial<SignalOptions>;
  /** Size limits for the case file and rule pack. */
  readonly limits?: Partial<Limits>;
}

/** What {@link earlyWarning} returns. */
export interface EarlyWarningReport {
  readonly merchantId: string;
  /** The window's end: the day the projection starts from. */
  readonly asOf: string;
  /** Soonest projected crossing first; empty for a merchant with no drifting signal. */
  readonly warnings: readonly Warning[];
}

/**
 * Finds the rules a merchant is drifting toward: for each rule that has not fired, the weekly series
 * (merchant-local weeks) of the signals it tests, a robust trend, and the projected crossing date.
 *
 * @param caseFile - an untrusted case file (validated here).
 * @param config - rule pack, signal options, trend settings; all optional.
 * @returns the merchant id, the window's end and the warnings, soonest first.
 * @throws `CaseFileError` for a bad case file, `RulePackError` for a bad pack, `OptionsError` for bad settings.
 * @example
 * ```ts
 * const { warnings } = earlyWarning(caseFile);
 * for (const w of warnings) console.log(w.cause, w.signal, w.projectedCrossing);
 * ```
 */
export function earlyWarning(caseFile: unknown, config: EarlyWarningConfig = {}): EarlyWarningReport {
  checkEarlyWarningConfig(config);
  const { rulePack: packInput, options = {}, limits = {}, ...settings } = config;
  const resolved = resolveWarningSettings(settings, 'config');
  const pack = packInput === undefined ? defaultRulePack : loadRulePack(packInput, limits);
  const parsed = parseCaseFile(caseFile, limits);
  // Prepared once: the signals and the weekly series both read its columns.
  const prepared = prepare(parsed, options);
  const warnings = warningsFor(parsed, pack, signalsOf(prepared), options, resolved, prepared);
  return { merchantId: parsed.merchant.id, asOf: parsed.window.to, warnings };
}
