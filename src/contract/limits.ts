/** Size limits checked before any expensive work, so hostile input fails fast with a typed error. */
export interface Limits {
  /** Most transactions one case file may hold. Default 1,000,000. */
  readonly maxTransactions: number;
  /** Most events one case file may hold. Default 100,000. */
  readonly maxEvents: number;
  /** Longest string anywhere in a case file, in characters. Default 2,000. */
  readonly maxStringLength: number;
  /** Deepest nesting of objects and arrays in a case file. Default 16. */
  readonly maxDepth: number;
  /** Most rules one rule pack may hold. Default 1,000. */
  readonly maxRules: number;
  /** Deepest nesting of `all` / `any` / `not` in one rule. Default 8. */
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
