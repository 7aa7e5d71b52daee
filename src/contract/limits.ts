/** Size limits checked before any expensive work, so hostile input fails fast with a typed error. */
import { z } from 'zod';
import { OptionsError } from './errors.js';
import { problemsOf } from './optionProblems.js';

/** Size limits for case files and rule packs. */
export interface Limits {
  /** Most transactions one case file may hold. Default 1,000,000; at most 100,000,000. */
  readonly maxTransactions: number;
  /** Most events one case file may hold. Default 100,000; at most 10,000,000. */
  readonly maxEvents: number;
  /** Longest string anywhere in a case file, in characters. Default 2,000; at most 1,000,000. */
  readonly maxStringLength: number;
  /** Deepest nesting of objects and arrays in a case file. Default 16; at most 100 (deeper walks risk the stack). */
  readonly maxDepth: number;
  /** Most rules one rule pack may hold. Default 1,000; at most 100,000. */
  readonly maxRules: number;
  /** Deepest nesting of `all` / `any` / `not` in one rule. Default 8; at most 100. */
  readonly maxConditionDepth: number;
}

/** The documented default limits. */
export const DEFAULT_LIMITS: Limits = Object.freeze({
  maxTransactions: 1_000_000,
  maxEvents: 100_000,
  maxStringLength: 2_000,
  maxDepth: 16,
  maxRules: 1_000,
  maxConditionDepth: 8,
});

/**
 * The largest value each limit accepts (project estimate): well above any real export, low enough
 * that a limit still protects the process (a depth past a few hundred can overflow the stack).
 */
export const MAX_LIMITS: Limits = Object.freeze({
  maxTransactions: 100_000_000,
  maxEvents: 10_000_000,
  maxStringLength: 1_000_000,
  maxDepth: 100,
  maxRules: 100_000,
  maxConditionDepth: 100,
});

/** A whole number from `min` to `max`, every failure in the same words. */
export function wholeNumber(min: number, max: number): z.ZodNumber {
  const error = `expected a whole number from ${group(min)} to ${group(max)}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** `1000000` → `1,000,000` (fixed, locale-free). */
export function group(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const limit = (key: keyof Limits) => wholeNumber(1, MAX_LIMITS[key]).optional();

/** Schema of `Partial<Limits>`: each a positive whole number up to {@link MAX_LIMITS}; unknown keys refused. */
export const LimitsSchema = z.strictObject({
  maxTransactions: limit('maxTransactions'),
  maxEvents: limit('maxEvents'),
  maxStringLength: limit('maxStringLength'),
  maxDepth: limit('maxDepth'),
  maxRules: limit('maxRules'),
  maxConditionDepth: limit('maxConditionDepth'),
});

/**
 * Checks size limits; `keys` restricts the check to the limits a caller reads (others pass through).
 *
 * @param limits - untrusted `Partial<Limits>`.
 * @param path - where the limits sit in the caller's options (`limits`).
 * @throws `OptionsError` listing every bad limit (path and message).
 * @example
 * ```ts
 * checkLimits({ maxDepth: Infinity }); // OptionsError: limits.maxDepth: expected a whole number from 1 to 100
 * ```
 */
export function checkLimits(limits: unknown, path = 'limits', keys?: readonly (keyof Limits)[]): void {
  if (limits === undefined) return;
  const schema = keys ? LimitsSchema.pick(Object.fromEntries(keys.map((k) => [k, true])) as never).loose() : LimitsSchema;
  const parsed = schema.safeParse(limits);
  if (!parsed.success) throw new OptionsError(problemsOf(parsed.error, path));
}
