/**
 * A case cut into merchant-local weeks (Monday 00:00 to Sunday 24:00 in `merchant.timezone`), each
 * week with its own signals, so a rule's signal can be followed over time. Transactions are bucketed
 * once, so the weeks together cost about one pass of `computeSignals` over the case.
 */
import type { CaseEvent, CaseFile, Transaction } from '../contract/caseFile.js';
import type { Signals } from '../signals/catalog.js';
import { computeSignals } from '../signals/computeSignals.js';
import type { SignalOptions } from '../signals/options.js';
import { civilFromDays, formatUtc, MS_PER_DAY, parseTimestamp } from '../time/timestamp.js';
import { createLocalClock, type LocalClock } from '../time/zone.js';

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

/** Local day number → weekday with Monday 0 (1970-01-01, day 0, was a Thursday). */
const weekdayOf = (day: number): number => (((day + 3) % 7) + 7) % 7;

/** The instant at which local day `day` starts. */
function localMidnight(clock: LocalClock, day: number): number {
  const guess = day * MS_PER_DAY;
  const instant = guess - clock.offsetAt(guess);
  // Near a DST switch the offset at the guess can differ from the one at the instant: settle on the latter.
  return guess - clock.offsetAt(instant);
}

/**
 * The last `maxWeeks` local weeks of the case's window (the last one may be cut short by the window's
 * end, the first by its start), oldest first, each with the signals of its own transactions and events.
 */
export function weeklySeries(caseFile: CaseFile, options: Partial<SignalOptions>, maxWeeks: number): Week[] {
  const clock = createLocalClock(caseFile.merchant.timezone);
  const windowFrom = parseTimestamp(caseFile.window.from, clock) ?? 0;
  const windowTo = parseTimestamp(caseFile.window.to, clock) ?? 0;
  const lastDay = clock.dayOf(windowTo);
  const lastMonday = lastDay - weekdayOf(lastDay);
  const firstDay = clock.dayOf(windowFrom);
  const firstMonday = firstDay - weekdayOf(firstDay);
  const count = Math.max(0, Math.min(maxWeeks, (lastMonday - firstMonday) / 7 + 1));

  const txBuckets: Transaction[][] = Array.from({ length: count }, () => []);
  const eventBuckets: CaseEvent[][] = Array.from({ length: count }, () => []);
  const ageOf = (at: string): number => {
    const ms = parseTimestamp(at, clock);
    if (ms === undefined || ms < windowFrom || ms > windowTo) return -1;
    return Math.floor((lastMonday - clock.dayOf(ms) + 6) / 7);
  };
  for (const tx of caseFile.transactions) {
    const age = ageOf(tx.at);
    if (age >= 0 && age < count) txBuckets[count - 1 - age]?.push(tx);
  }
  for (const event of caseFile.events) {
    const age = ageOf(event.at);
    if (age >= 0 && age < count) eventBuckets[count - 1 - age]?.push(event);
  }

  const weeks: Week[] = [];
  for (let k = 0; k < count; k++) {
    const age = count - 1 - k;
    const monday = lastMonday - 7 * age;
    const from = Math.max(windowFrom, localMidnight(clock, monday));
    const to = Math.min(windowTo, localMidnight(clock, monday + 7) - 1);
    const signals = computeSignals(
      {
        ...caseFile,
        window: { from: formatUtc(from), to: formatUtc(to) },
        transactions: txBuckets[k] ?? [],
        events: eventBuckets[k] ?? [],
      },
      options,
    );
    weeks.push({
      from: civilFromDays(monday),
      to: civilFromDays(Math.min(monday + 6, lastDay)),
      age,
      attempts: (signals.saleCount as number) + (signals.declineCount as number),
      signals,
    });
  }
  return weeks;
}
