/**
 * A case cut into merchant-local weeks (Monday 00:00 to Sunday 24:00 in `merchant.timezone`), each
 * week with its own signals, so a rule's signal can be followed over time. The case is prepared once
 * and each week is a slice of its columns, so the weeks together cost about one pass of the signal
 * families over the case.
 */
import type { CaseFile } from '../contract/caseFile.js';
import type { Signals } from '../signals/catalog.js';
import { signalsOf } from '../signals/computeSignals.js';
import type { SignalOptions } from '../signals/options.js';
import { FLAG, type Prepared, prepare, preparedPart } from '../signals/prepare.js';
import { civilFromDays, MS_PER_DAY, weekdayOf } from '../time/timestamp.js';
import type { LocalClock } from '../time/zone.js';

/** One local week of a case and its signals. */
export interface Week {
  /** Local date of the Monday, `YYYY-MM-DD`. */
  readonly from: string;
  /** Local date of the Sunday (or of the window's last day in a cut-off last week). */
  readonly to: string;
  /** Weeks before the last one: 0 for the last week, 1 for the one before, … */
  readonly age: number;
  /** Sale attempts (approved plus declined sales) in the week: the volume behind its shares. */
  readonly attempts: number;
  readonly signals: Signals;
}

/**
 * The weeks early warning reads: those with at least `minAttempts` sale attempts, and none at all
 * when fewer than `minWeeks` weeks reach `minAttempts`.
 */
export interface SeriesFocus {
  readonly minAttempts: number;
  readonly minWeeks: number;
}

/** Sale attempts of a prepared part as the signals count them: `saleCount + declineCount`. */
function attemptsOf(part: Prepared): number {
  let attempts = 0;
  for (let k = 0; k < part.flags.length; k++) attempts += attemptWeight(part.flags[k] as number);
  return attempts;
}

/** What one transaction adds to `saleCount + declineCount`: 1 for a sale, 1 for a declined attempt. */
function attemptWeight(f: number): number {
  return ((f & FLAG.sale) !== 0 ? 1 : 0) + ((f & FLAG.attempt) !== 0 && (f & FLAG.declined) !== 0 ? 1 : 0);
}

/** The local weeks of a prepared case's window: the last day, its Monday, and how many weeks (at most `maxWeeks`) reach back. */
function weekGrid(p: Prepared, maxWeeks: number): { lastDay: number; lastMonday: number; count: number } {
  const lastDay = p.clock.dayOf(p.windowTo);
  const lastMonday = lastDay - weekdayOf(lastDay);
  const firstDay = p.clock.dayOf(p.windowFrom);
  const firstMonday = firstDay - weekdayOf(firstDay);
  return { lastDay, lastMonday, count: Math.max(0, Math.min(maxWeeks, (lastMonday - firstMonday) / 7 + 1)) };
}

/** How many weeks before the one starting `lastMonday` local day `day` falls (0 for that week). */
function ageOf(lastMonday: number, day: number): number {
  return (lastMonday - (day - weekdayOf(day))) / 7;
}

/**
 * How many of the last `maxWeeks` local weeks hold at least `minAttempts` sale attempts, counted in
 * one pass without building the weeks: at least the number of weeks {@link weeklyParts} keeps with
 * the same focus, so a caller can tell beforehand that a series would be too short.
 */
export function busyWeekCount(p: Prepared, maxWeeks: number, minAttempts: number): number {
  const { lastMonday, count } = weekGrid(p, maxWeeks);
  const attempts = new Float64Array(count);
  for (let k = 0; k < p.txs.length; k++) {
    const age = ageOf(lastMonday, p.day[k] as number);
    if (age >= 0 && age < count) attempts[age] = (attempts[age] as number) + attemptWeight(p.flags[k] as number);
  }
  let busy = 0;
  for (let age = 0; age < count; age++) if ((attempts[age] as number) >= minAttempts) busy++;
  return busy;
}

/** The instant at which local day `day` starts. */
function localMidnight(clock: LocalClock, day: number): number {
  const guess = day * MS_PER_DAY;
  const instant = guess - clock.offsetAt(guess);
  // Near a DST switch the offset at the guess can differ from the one at the instant: settle on the latter.
  return guess - clock.offsetAt(instant);
}

/** One local week of a case, prepared but without signals: its transactions and events as a {@link Prepared} part. */
export interface WeekPart extends Omit<Week, 'signals'> {
  readonly part: Prepared;
}

/**
 * The last `maxWeeks` local weeks of the case's window (the last one may be cut short by the window's
 * end, the first by its start), oldest first, each with the signals of its own transactions and events.
 *
 * @param prepared - the case already prepared with the same `options` (the classifier has it): its
 *   columns are sliced per week, so no timestamp is parsed again. Without it the case is prepared once.
 */
export function weeklySeries(caseFile: CaseFile, options: Partial<SignalOptions>, maxWeeks: number, prepared?: Prepared): Week[] {
  return weeklyParts(caseFile, options, maxWeeks, prepared).map(({ part, ...week }) => ({ ...week, signals: signalsOf(part) }));
}

/**
 * The weeks of {@link weeklySeries} before any signal is computed (cheap slices of the prepared
 * columns), so that a caller can compute only the signals it still needs, week by week. With
 * `focus`, only weeks with `focus.minAttempts` attempts, and none when fewer than `focus.minWeeks`.
 */
export function weeklyParts(
  caseFile: CaseFile,
  options: Partial<SignalOptions>,
  maxWeeks: number,
  prepared?: Prepared,
  focus?: SeriesFocus,
): WeekPart[] {
  const p = prepared ?? prepare(caseFile, options);
  const { clock, windowFrom, windowTo } = p;
  const { lastDay, lastMonday, count } = weekGrid(p, maxWeeks);

  // Each transaction's week, in one pass (ages 0 … count-1; older ones belong to no week).
  const byAge: number[][] = Array.from({ length: count }, () => []);
  for (let k = 0; k < p.txs.length; k++) {
    const age = ageOf(lastMonday, p.day[k] as number);
    if (age >= 0 && age < count) (byAge[age] as number[]).push(k);
  }
  const weeks: WeekPart[] = [];
  for (let k = 0; k < count; k++) {
    const age = count - 1 - k;
    const monday = lastMonday - 7 * age;
    const from = Math.max(windowFrom, localMidnight(clock, monday));
    const to = Math.min(windowTo, localMidnight(clock, monday + 7) - 1);
    const part = preparedPart(p, monday, monday + 6, from, to, byAge[age]);
    const attempts = attemptsOf(part);
    if (focus === undefined || attempts >= focus.minAttempts) {
      weeks.push({ from: civilFromDays(monday), to: civilFromDays(Math.min(monday + 6, lastDay)), age, attempts, part });
    }
  }
  return focus !== undefined && weeks.length < focus.minWeeks ? [] : weeks;
}
