/**
 * Early warning: for each rule that has not fired, follow the signals it tests week by week and
 * project when the trend crosses the rule's threshold. A warning needs a real trend (Mann–Kendall),
 * enough weeks with enough volume, and a crossing within the horizon; see docs/early-warning.md.
 */
import type { CaseFile } from '../contract/caseFile.js';
import { OptionsError, type Problem } from '../contract/errors.js';
import type { Operator, Warning } from '../contract/result.js';
import { compare, holds, isLeaf, isRef, thresholdOf } from '../rules/language.js';
import type { LeafCondition, Rule, RuleCondition, RulePack } from '../rules/schema.js';
import { SIGNAL_CATALOG, type SignalFamily, type SignalName } from '../signals/catalog.js';
import { signalsOfFamilies } from '../signals/computeSignals.js';
import type { Facts, FactValue } from '../signals/facts.js';
import type { SignalOptions } from '../signals/options.js';
import { type Prepared, prepare } from '../signals/prepare.js';
import { civilFromDays, parseDate } from '../time/timestamp.js';
import { canStillTrend, mannKendallZ, maxMannKendallZ, SCORE_MARGIN, theilSen } from './trend.js';
import { busyWeekCount, type WeekPart, weeklyParts } from './weeklySeries.js';

/** Settings of the trend search; every field optional. */
export interface WarningSettings {
  /** Most recent local weeks looked at. Default 12. */
  readonly weeks?: number;
  /** Least number of weeks with enough volume for a trend. Default 4. */
  readonly minWeeks?: number;
  /** Least sale attempts in a week for its shares to count. Default 30. */
  readonly minAttemptsPerWeek?: number;
  /** Farthest projected crossing still reported, in days. Default 90. */
  readonly horizonDays?: number;
  /** Least one-sided Mann–Kendall z score of a trend. Default 1.96. */
  readonly minTrendZ?: number;
}

/** The defaults of {@link WarningSettings}. */
export const DEFAULT_WARNING_SETTINGS: Required<WarningSettings> = {
  weeks: 12,
  minWeeks: 4,
  minAttemptsPerWeek: 30,
  horizonDays: 90,
  minTrendZ: 1.96,
};

/** Signals that can be followed week by week: shares and ratios that do not depend on the window's length. */
function isTrendable(signal: string): boolean {
  const spec = SIGNAL_CATALOG[signal as SignalName];
  if (spec?.kind !== 'number') return false;
  if (!(spec.unit.startsWith('share') || spec.unit === 'ratio' || spec.unit === 'km')) return false;
  // These compare the window's end with its start, or look at its last days only: within a week they mean nothing.
  return !/recent|last `?recentDays|earlier days/i.test(`${signal} ${spec.definition}`);
}

/** The catalog's trendable signals, decided once (the catalog is a constant). */
const TRENDABLE: ReadonlySet<string> = new Set(Object.keys(SIGNAL_CATALOG).filter(isTrendable));

/** True for a catalog signal that can be followed week by week (custom signals cannot). */
function trendable(signal: string): boolean {
  return TRENDABLE.has(signal);
}

/** Evaluates a condition with one leaf taken as true: would the rule fire if only this leaf changed? */
function holdsWith(condition: RuleCondition, signals: Facts, forced: LeafCondition): boolean {
  if (isLeaf(condition)) {
    return condition === forced || compare(condition.operator, signals[condition.fact] as FactValue, thresholdOf(condition, signals));
  }
  if (isRef(condition)) return holdsWith(condition.resolved, signals, forced);
  if ('all' in condition) return condition.all.every((c) => holdsWith(c, signals, forced));
  if ('any' in condition) return condition.any.some((c) => holdsWith(c, signals, forced));
  return !holdsWith(condition.not, signals, forced);
}

/** Numeric leaves of a rule, outside any `not` (a leaf under `not` pushes the other way). */
function positiveLeaves(condition: RuleCondition): LeafCondition[] {
  if (isLeaf(condition)) return [condition];
  if (isRef(condition)) return positiveLeaves(condition.resolved);
  if ('all' in condition) return condition.all.flatMap(positiveLeaves);
  if ('any' in condition) return condition.any.flatMap(positiveLeaves);
  return [];
}

const UPWARD: ReadonlySet<Operator> = new Set(['greaterThan', 'greaterThanInclusive']);
const DOWNWARD: ReadonlySet<Operator> = new Set(['lessThan', 'lessThanInclusive']);

/** Checks warning settings; throws `OptionsError` listing every bad one. */
export function resolveWarningSettings(settings: WarningSettings | undefined, path = 'warnings'): Required<WarningSettings> {
  const merged = { ...DEFAULT_WARNING_SETTINGS, ...(settings ?? {}) };
  const problems: Problem[] = [];
  const int = (key: keyof WarningSettings, min: number, max: number) => {
    const value = merged[key];
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push({ path: `${path}.${key}`, message: `expected an integer from ${min} to ${max}` });
    }
  };
  int('weeks', 4, 104);
  int('minWeeks', 3, 104);
  int('minAttemptsPerWeek', 1, 1_000_000);
  int('horizonDays', 1, 3650);
  if (typeof merged.minTrendZ !== 'number' || !(merged.minTrendZ >= 0 && merged.minTrendZ <= 10)) {
    problems.push({ path: `${path}.minTrendZ`, message: 'expected a number from 0 to 10' });
  }
  for (const key of Object.keys(settings ?? {})) {
    if (!(key in DEFAULT_WARNING_SETTINGS)) problems.push({ path: `${path}.${key}`, message: 'unknown option' });
  }
  if (problems.length > 0) throw new OptionsError(problems);
  return merged;
}

/** A rule with the leaves early warning may follow: numeric thresholds on trendable signals, compared up or down. */
interface WarningCandidateRule {
  readonly rule: Rule;
  readonly leaves: readonly LeafCondition[];
}

/** The warnings of one validated case (see {@link warningsFor}), with a pack's candidate leaves found once. */
export type WarningSearch = (
  caseFile: CaseFile,
  signals: Facts,
  options: Partial<SignalOptions>,
  /** The case already prepared with `options`, when the caller has it (its columns are reused). */
  prepared?: Prepared,
) => Warning[];

/**
 * Builds the warning search of a pack: the leaves a warning could follow are found here, once per
 * pack, rather than per case. Each case first checks, in one pass over its days, that enough weeks
 * are busy enough for a trend to be possible at all (a short or quiet case — most of a batch — stops
 * there, before any rule is evaluated or any week computed).
 */
export function createWarningSearch(pack: RulePack, settings: Required<WarningSettings>): WarningSearch {
  const rules: WarningCandidateRule[] = [];
  for (const rule of pack.rules) {
    const leaves = positiveLeaves(rule.conditions).filter(
      (leaf) => typeof leaf.value === 'number' && trendable(leaf.fact) && (UPWARD.has(leaf.operator) || DOWNWARD.has(leaf.operator)),
    );
    if (leaves.length > 0) rules.push({ rule, leaves });
  }
  // For each number of busy weeks (0 … settings.weeks), whether any series that long can reach the
  // trend score at all: worked out once here, not per case.
  const canReach = Array.from(
    { length: settings.weeks + 1 },
    (_, n) => n >= settings.minWeeks && maxMannKendallZ(n) >= settings.minTrendZ * (1 - SCORE_MARGIN),
  );
  return (caseFile, signals, options, prepared) => {
    if (rules.length === 0) return [];
    const p = prepared ?? prepare(caseFile, options);
    // Fewer busy weeks than needed, or too few for any series of that length to reach the trend score: no warning can come out.
    const busy = busyWeekCount(p, settings.weeks, settings.minAttemptsPerWeek);
    if (!canReach[busy]) return [];

    const candidates: { rule: Rule; leaf: LeafCondition }[] = [];
    for (const { rule, leaves } of rules) {
      if (holds(rule.conditions, signals)) continue; // fired: nothing to warn about
      for (const leaf of leaves) if (holdsWith(rule.conditions, signals, leaf)) candidates.push({ rule, leaf });
    }
    if (candidates.length === 0) return [];

    const weeks = weeklyParts(caseFile, options, settings.weeks, p, {
      minAttempts: settings.minAttemptsPerWeek,
      minWeeks: settings.minWeeks,
    });
    if (weeks.length < settings.minWeeks) return [];
    const series = candidateSeries(candidates, weeks, settings.minTrendZ);
    const lastDay = parseDate(weeks[weeks.length - 1]?.to ?? '') ?? 0;

    const warnings: Warning[] = [];
    for (let c = 0; c < candidates.length; c++) {
      const ys = series[c];
      if (ys === undefined) continue;
      const { rule, leaf } = candidates[c] as (typeof candidates)[number];
      const warning = trendWarning(rule, leaf, weeks, ys, lastDay, settings);
      if (warning) warnings.push(warning);
    }
    return warnings.sort(
      (a, b) =>
        (a.daysToCrossing ?? Number.POSITIVE_INFINITY) - (b.daysToCrossing ?? Number.POSITIVE_INFINITY) ||
        (a.cause < b.cause ? -1 : a.cause > b.cause ? 1 : 0) ||
        (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
        (a.signal < b.signal ? -1 : a.signal > b.signal ? 1 : 0),
    );
  };
}

/**
 * Each candidate's weekly values, oldest week first, or undefined for a candidate dropped on the way.
 * The weeks are computed family by family, oldest first, and a candidate is dropped as soon as its
 * first values rule out a trend score of `minZ` in its direction whatever the later weeks hold
 * ({@link canStillTrend}); a family stops being computed when none of its candidates is left. A
 * dropped candidate would have given no warning: the result is the same, for less work.
 */
function candidateSeries(
  candidates: readonly { readonly leaf: LeafCondition }[],
  weeks: readonly WeekPart[],
  minZ: number,
): (number[] | undefined)[] {
  const n = weeks.length;
  const series: (number[] | undefined)[] = candidates.map(() => []);
  const byFamily = new Map<SignalFamily, number[]>();
  candidates.forEach(({ leaf }, c) => {
    const family = SIGNAL_CATALOG[leaf.fact as SignalName].family;
    const members = byFamily.get(family);
    if (members === undefined) byFamily.set(family, [c]);
    else members.push(c);
  });
  const discordant = new Float64Array(candidates.length);
  const tied = new Float64Array(candidates.length);
  for (const [family, members] of byFamily) {
    const only = new Set([family]);
    let alive = members;
    for (let k = 0; k < n && alive.length > 0; k++) {
      const signals = signalsOfFamilies((weeks[k] as WeekPart).part, only) as Facts;
      const still: number[] = [];
      for (const c of alive) {
        const ys = series[c] as number[];
        const leaf = (candidates[c] as (typeof candidates)[number]).leaf;
        const y = signals[leaf.fact] as number;
        const upward = UPWARD.has(leaf.operator);
        for (const earlier of ys) {
          if (earlier === y) tied[c] = (tied[c] as number) + 1;
          else if (upward ? y < earlier : y > earlier) discordant[c] = (discordant[c] as number) + 1;
        }
        ys.push(y);
        if (canStillTrend(n, discordant[c] as number, tied[c] as number, minZ)) still.push(c);
        else series[c] = undefined;
      }
      alive = still;
    }
  }
  return series;
}

/**
 * The warnings of one validated case: rules that have not fired whose tested signal trends toward
 * the threshold, soonest crossing first. For many cases, build the search once with {@link createWarningSearch}.
 */
export function warningsFor(
  caseFile: CaseFile,
  pack: RulePack,
  signals: Facts,
  options: Partial<SignalOptions>,
  settings: Required<WarningSettings>,
  /** The case already prepared with `options`, when the caller has it (its columns are reused). */
  prepared?: Prepared,
): Warning[] {
  return createWarningSearch(pack, settings)(caseFile, signals, options, prepared);
}

function trendWarning(
  rule: Rule,
  leaf: LeafCondition,
  weeks: readonly WeekPart[],
  ys: readonly number[],
  lastDay: number,
  settings: Required<WarningSettings>,
): Warning | undefined {
  const threshold = leaf.value as number;
  // x is the week's position counted back from the last week (0), so gaps left by quiet weeks keep their width.
  const xs = weeks.map((w) => -w.age);
  const upward = UPWARD.has(leaf.operator);
  const z = mannKendallZ(ys);
  if ((upward ? z : -z) < settings.minTrendZ) return undefined;
  const { slope, intercept } = theilSen(xs, ys);
  if (upward ? slope <= 0 : slope >= 0) return undefined;
  const now = intercept; // the trend line at x = 0, the last week
  const reached = compare(leaf.operator, now, threshold);
  const weeksToCross = reached ? 0 : (threshold - now) / slope;
  const days = Math.ceil(weeksToCross * 7);
  if (!Number.isFinite(days) || days > settings.horizonDays) return undefined;
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    cause: rule.event.type,
    rule: rule.name,
    signal: leaf.fact,
    operator: leaf.operator,
    threshold,
    series: weeks.map((w, k) => ({ from: w.from, to: w.to, value: ys[k] as number })),
    slopePerWeek: round(slope),
    projectedCrossing: civilFromDays(lastDay + days),
    daysToCrossing: days,
    confidence: weeks.length >= 6 ? (Math.abs(z) >= 2.58 ? 'high' : 'medium') : 'low',
  };
}
