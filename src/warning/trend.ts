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

/** Median of a list; 0 for an empty one. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
