/**
 * Validation of {@link ClassifierConfig} (and the options `earlyWarning` shares with it): one zod
 * schema with each option's real range, every problem listed with its path, unknown keys refused.
 * Ranges are project estimates: wide enough for any real acquirer setting, narrow enough that no
 * value turns a signal off by accident (`NaN`), overflows the stack (`Infinity`) or throws later.
 */
import { z } from 'zod';
import { OptionsError, type Problem } from '../contract/errors.js';
import { group, LimitsSchema, wholeNumber } from '../contract/limits.js';
import { problemsOf } from '../contract/optionProblems.js';
import { LANGS } from '../contract/result.js';
import type { SignalOptions } from '../signals/options.js';
import { resolveWarningSettings } from '../warning/earlyWarning.js';
import { EXPLAIN_LEVELS } from './rank.js';

/** Largest amount in minor units, as for case-file amounts. */
const MAX_AMOUNT = 10_000_000_000_000;

/** A number with `min < x` (or `min <= x` when `inclusive`) and `x <= max`. */
function between(min: number, max: number, { inclusive = false, unit = '' } = {}): z.ZodNumber {
  const error = `expected a number ${inclusive ? 'from' : 'above'} ${group(min)} ${inclusive ? 'to' : 'and at most'} ${group(max)}${unit}`;
  const number = z.number({ error }).max(max, { error });
  return inclusive ? number.min(min, { error }) : number.gt(min, { error });
}

const amount = (min = 1) => wholeNumber(min, MAX_AMOUNT);

/** Every field of {@link SignalOptions} with its range, plus `minScore`. */
const signalOptionShape = {
  largeAmountThreshold: amount(),
  roundAmountUnit: amount(),
  roundLimits: z
    .array(amount(), { error: 'expected a list of amounts in minor units' })
    .max(100, { error: 'expected at most 100 round limits' }),
  nearLimitBand: between(0, 0.5, { unit: ' (a fraction of the limit)' }),
  nearLimitWideBand: between(0, 0.5, { unit: ' (a fraction of the limit)' }),
  nightStartHour: wholeNumber(0, 23),
  nightEndHour: wholeNumber(0, 23),
  cashOutMinAmount: amount(0),
  largeTicketFactor: between(1, 1_000, { inclusive: true }),
  largeTicketUnknownMcc: amount(),
  returningCardDays: wholeNumber(1, 1_000),
  sameCardDailyRepeat: wholeNumber(2, 10_000),
  heavyCardDailySales: wholeNumber(2, 10_000),
  splitWindowMinutes: between(0, 1_440, { unit: ' minutes' }),
  splitMinSales: wholeNumber(2, 10_000),
  splitSaleThreshold: amount(),
  cardTestingMinutes: between(0, 1_440, { unit: ' minutes' }),
  cardTestingCards: wholeNumber(2, 10_000),
  quickRefundHours: between(0, 8_784, { unit: ' hours' }),
  farDistanceKm: between(0, 20_040, { unit: ' km' }),
  recentDays: wholeNumber(1, 366),
  minBaselineDays: wholeNumber(1, 366),
  mccOutlierFactor: between(1, 1_000, { inclusive: true }),
} satisfies Record<keyof SignalOptions, z.ZodType>;

/** `options` of `createClassifier`: every signal threshold and `minScore`, all optional. */
export const SignalOptionsSchema = z
  .strictObject({ ...signalOptionShape, minScore: between(0, 1, { inclusive: true }) })
  .partial()
  .optional();

/** `options` of `earlyWarning`: the signal thresholds only. */
const WarningSignalOptionsSchema = z.strictObject(signalOptionShape).partial().optional();

/** Warning settings, checked by `resolveWarningSettings` (one source for their ranges). */
const warningSettings = (path: string) =>
  z
    .unknown()
    .superRefine((value, ctx) => {
      if (value === undefined || value === false) return;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        ctx.addIssue({ code: 'custom', message: 'expected warning settings (an object) or false' });
        return;
      }
      try {
        resolveWarningSettings(value, path);
      } catch (error) {
        if (!(error instanceof OptionsError)) throw error;
        for (const p of error.problems) ctx.addIssue({ code: 'custom', message: p.message, path: p.path.split('.').slice(1) });
      }
    })
    .optional();

/** The whole `ClassifierConfig`; `rulePack`, `notice` and `customSignals` are checked by their own loaders. */
export const ClassifierConfigSchema = z.strictObject({
  rulePack: z.unknown().optional(),
  lang: z.enum(LANGS, { error: `expected one of ${LANGS.join(', ')}` }).optional(),
  engine: z.enum(['compiled', 'json-rules-engine'], { error: "expected 'compiled' or 'json-rules-engine'" }).optional(),
  options: SignalOptionsSchema,
  limits: LimitsSchema.optional(),
  notice: z.unknown().optional(),
  customSignals: z.unknown().optional(),
  warnings: warningSettings('warnings'),
  explain: z.enum(EXPLAIN_LEVELS, { error: "expected 'full', 'evidence' or 'none'" }).optional(),
});

/** `earlyWarning`'s config: rule pack, signal options, limits, and the warning settings at the top level. */
const EarlyWarningConfigSchema = z
  .strictObject({
    rulePack: z.unknown().optional(),
    options: WarningSignalOptionsSchema,
    limits: LimitsSchema.optional(),
    weeks: z.unknown().optional(),
    minWeeks: z.unknown().optional(),
    minAttemptsPerWeek: z.unknown().optional(),
    horizonDays: z.unknown().optional(),
    minTrendZ: z.unknown().optional(),
  })
  .optional();

/**
 * Checks a classifier config: every option against its range, unknown keys refused.
 *
 * @param config - untrusted `ClassifierConfig`.
 * @throws `OptionsError` whose problems give each bad option's path (`options.nightStartHour`) and what is wrong.
 * @example
 * ```ts
 * checkClassifierConfig({ options: { nightStartHour: 25 } }); // OptionsError: options.nightStartHour: expected a whole number from 0 to 23
 * ```
 */
export function checkClassifierConfig(config: unknown): void {
  check(ClassifierConfigSchema, config);
}

/**
 * Checks an `earlyWarning` config: signal options and limits as for the classifier; the warning
 * settings are checked by `resolveWarningSettings`.
 *
 * @throws `OptionsError` listing every bad option.
 * @example
 * ```ts
 * checkEarlyWarningConfig({ limits: { maxDepth: Infinity } }); // OptionsError: limits.maxDepth: …
 * ```
 */
export function checkEarlyWarningConfig(config: unknown): void {
  check(EarlyWarningConfigSchema, config);
}

function check(schema: z.ZodType, config: unknown): void {
  if (config !== undefined && (typeof config !== 'object' || config === null || Array.isArray(config))) {
    throw new OptionsError([{ path: '', message: 'expected an options object' }]);
  }
  const parsed = schema.safeParse(config);
  if (!parsed.success) throw new OptionsError(problemsOf(parsed.error, '') as Problem[]);
}
