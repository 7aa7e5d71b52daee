/** Per-day and per-hour facts of a prepared case, for the report's charts. */
import type { Location } from '../contract/caseFile.js';
import { distanceKm } from '../signals/location.js';
import { FLAG, type Prepared } from '../signals/prepare.js';
import { civilFromDays, weekdayOf } from '../time/timestamp.js';

/** What the charts draw, one entry per local day of the window. */
export interface DailyFacts {
  /** Local dates, `YYYY-MM-DD`. */
  readonly days: readonly string[];
  readonly saleCount: readonly number[];
  /** Approved sale amount per day, minor units. */
  readonly saleAmount: readonly number[];
  /** Approved sales at or above the large-amount threshold per day. */
  readonly largeSaleCount: readonly number[];
  /** Declined / attempted sales per day; null on a day without attempts. */
  readonly declineRate: readonly (number | null)[];
  /** Farthest located attempt from the registered address per day (km), null without one. */
  readonly maxDistanceKm: readonly (number | null)[] | null;
  /** Sale attempts by weekday (Monday 0) and local hour. */
  readonly weekdayHour: readonly (readonly number[])[];
}

/** Longest window drawn day by day (a dormant merchant's year fits). */
const MAX_DAYS = 400;

/** Collects the daily facts of a prepared case (the last {@link MAX_DAYS} days of its window). */
export function dailyFacts(p: Prepared): DailyFacts {
  const lastDay = p.clock.dayOf(p.windowTo);
  const firstDay = Math.max(p.clock.dayOf(p.windowFrom), lastDay - MAX_DAYS + 1);
  const count = Math.max(1, lastDay - firstDay + 1);
  const saleCount = new Array<number>(count).fill(0);
  const saleAmount = new Array<number>(count).fill(0);
  const largeSaleCount = new Array<number>(count).fill(0);
  const attempts = new Array<number>(count).fill(0);
  const declines = new Array<number>(count).fill(0);
  const home: Location | undefined = p.caseFile.merchant.location;
  const distance: (number | null)[] = new Array<number | null>(count).fill(null);
  const weekdayHour = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (let i = 0; i < p.txs.length; i++) {
    const day = p.day[i] as number;
    const d = day - firstDay;
    if (d < 0 || d >= count) continue;
    const flags = p.flags[i] as number;
    if (flags & FLAG.attempt) {
      attempts[d] = (attempts[d] as number) + 1;
      const row = weekdayHour[weekdayOf(day)] as number[];
      row[p.hour[i] as number] = (row[p.hour[i] as number] as number) + 1;
      const at = p.txs[i]?.location;
      if (home && at) distance[d] = Math.max(distance[d] ?? 0, distanceKm(home, at));
    }
    if (flags & FLAG.declined) declines[d] = (declines[d] as number) + 1;
    if (flags & FLAG.sale) {
      const amount = p.amount[i] as number;
      saleCount[d] = (saleCount[d] as number) + 1;
      saleAmount[d] = (saleAmount[d] as number) + amount;
      if (amount >= p.options.largeAmountThreshold) largeSaleCount[d] = (largeSaleCount[d] as number) + 1;
    }
  }
  return {
    days: Array.from({ length: count }, (_, d) => civilFromDays(firstDay + d)),
    saleCount,
    saleAmount,
    largeSaleCount,
    declineRate: attempts.map((a, d) => (a === 0 ? null : (declines[d] as number) / a)),
    maxDistanceKm: home && distance.some((x) => x !== null) ? distance : null,
    weekdayHour,
  };
}
