/**
 * Robust trend statistics for short weekly series: the Theil–Sen slope (median of pairwise slopes)
 * and the Mann–Kendall test for a monotonic trend. Both ignore the size of outliers, which is what a
 * series of 4–12 weekly shares needs: one odd week must neither make nor break a trend.
 */

/** A fitted line: value ≈ intercept + slope × x. */
export interface TrendLine {
  /** Change of the value per unit of x (per week here). */
  readonly slope: number;
  /** The line's value at x = 0. */
  readonly intercept: number;
}

/** Theil–Sen estimator: the median of the slopes of every pair of points, intercept the median residual. */
export function theilSen(xs: readonly number[], ys: readonly number[]): TrendLine {
  const slopes: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    for (let j = i + 1; j < xs.length; j++) {
      const dx = (xs[j] as number) - (xs[i] as number);
      if (dx !== 0) slopes.push(((ys[j] as number) - (ys[i] as number)) / dx);
    }
  }
  const slope = median(slopes);
  const intercept = median(ys.map((y, k) => y - slope * (xs[k] as number)));
  return { slope, intercept };
}

/**
 * Mann–Kendall statistic as a one-sided z score: positive for a rising series, negative for a falling
 * one, 0 without a trend. Uses the normal approximation with continuity correction and the variance
 * correction for tied values.
 */
export function mannKendallZ(ys: readonly number[]): number {
  const n = ys.length;
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += Math.sign((ys[j] as number) - (ys[i] as number));
  const ties = new Map<number, number>();
  for (const y of ys) ties.set(y, (ties.get(y) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of ties.values()) tieTerm += t * (t - 1) * (2 * t + 5);
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  if (variance <= 0 || s === 0) return 0;
  return (s - Math.sign(s)) / Math.sqrt(variance);
}

/** Relative margin under a threshold within which a bound still keeps a series (rounding, not statistics). */
export const SCORE_MARGIN = 1e-9;

/** Largest n for which {@link maxMannKendallZ} enumerates the tie patterns (partitions of n; 627 for 20). */
const MAX_ENUMERATED = 20;

/**
 * The largest z that {@link mannKendallZ} can return for any series of `n` values, or +∞ for n > 20
 * (not enumerated). A series too short for this to reach the threshold cannot show a trend, whatever
 * its values: the caller can skip computing it. Ties lower the variance as well as S, so every tie
 * pattern (a partition of n into groups of equal values) is tried, each at its largest S (the values
 * ascending, ties grouped): S = n(n−1)/2 − Σ t(t−1)/2.
 *
 * @example
 * ```ts
 * maxMannKendallZ(4); // 1.83 (one tied pair): four weeks never reach z = 1.96
 * maxMannKendallZ(5); // 2.20
 * ```
 */
export function maxMannKendallZ(n: number): number {
  if (n > MAX_ENUMERATED) return Number.POSITIVE_INFINITY;
  const pairs = (n * (n - 1)) / 2;
  const full = n * (n - 1) * (2 * n + 5);
  let best = 0;
  // Partitions of n as non-increasing group sizes; `tiedPairs` and `tieTerm` summed over the groups so far.
  const visit = (left: number, largest: number, tiedPairs: number, tieTerm: number): void => {
    if (left === 0) {
      const s = pairs - tiedPairs;
      const variance = (full - tieTerm) / 18;
      if (variance > 0 && s > 0) best = Math.max(best, (s - 1) / Math.sqrt(variance));
      return;
    }
    for (let t = Math.min(left, largest); t >= 1; t--) {
      visit(left - t, t, tiedPairs + (t * (t - 1)) / 2, tieTerm + t * (t - 1) * (2 * t + 5));
    }
  };
  visit(n, n, 0, 0);
  return best;
}

/**
 * False when no values of the last `n − known` points can give the `n`-point series a Mann–Kendall
 * score of `minZ` or more in the direction asked for, given its first `known` values: `discordant` of
 * their pairs go against that direction and `tied` are equal. So a series can be dropped before its
 * later values are computed.
 *
 * Why the bound holds: with T tied pairs in all, S ≤ P − T − 2·discordant (P = n(n−1)/2 pairs), and
 * the tie correction Σ t(t−1)(2t+5) ≤ (2n+5)·2T, so Var ≥ (2n+5)(P − T)/9. The bound
 * 3(x − 2·discordant − 1)/√((2n+5)x), with x = P − T, grows with x, and x ≤ P − tied.
 */
export function canStillTrend(n: number, discordant: number, tied: number, minZ: number): boolean {
  if (!(minZ > 0)) return true; // a zero score passes a zero threshold: nothing to rule out
  const untied = (n * (n - 1)) / 2 - tied;
  if (untied <= 0) return false;
  // Without ties the bound equals the score, but worked out in another order it can come out a rounding
  // step lower than `mannKendallZ` gives: a relative margin keeps a series whose score is exactly minZ.
  return (3 * (untied - 2 * discordant - 1)) / Math.sqrt((2 * n + 5) * untied) >= minZ * (1 - SCORE_MARGIN);
}

/** Median of a list; 0 for an empty one. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
