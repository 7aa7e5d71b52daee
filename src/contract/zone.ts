/**
 * Local day and hour in an IANA time zone, from epoch milliseconds, by offset arithmetic.
 * The zone's UTC offset is looked up with `Intl` once per UTC hour seen, at the hour's first and last
 * minute; an hour in which the offset changes (a DST switch, which some zones make on the half hour)
 * is looked up per instant. So DST zones are right and a scan of many transactions does not pay for
 * `Intl` per transaction.
 */
import { MS_PER_DAY } from './time.js';

const MS_PER_HOUR = 3_600_000;

/** True when `timeZone` is an IANA zone name this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Converts instants to local wall-clock positions in one time zone. */
export interface LocalClock {
  /** UTC offset in milliseconds at `epochMs`. */
  offsetAt(epochMs: number): number;
  /** Local day number (days since 1970-01-01 in the zone) of `epochMs`. */
  dayOf(epochMs: number): number;
  /** Local hour (0–23) of `epochMs`. */
  hourOf(epochMs: number): number;
}

/** Builds a {@link LocalClock} for `timeZone` (assumed valid, see {@link isKnownTimeZone}). */
export function createLocalClock(timeZone: string): LocalClock {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  // Offsets are cached per UTC hour: the cache belongs to this clock (one per classification), not the module.
  const offsets = new Map<number, number>();
  // Transactions come in time order, so the previous hour's answer is usually the right one.
  let lastHourKey = Number.NaN;
  let lastOffset = 0;
  const offsetAt = (epochMs: number): number => {
    const hourKey = Math.floor(epochMs / MS_PER_HOUR);
    if (hourKey === lastHourKey) return lastOffset;
    let offset = offsets.get(hourKey);
    if (offset === undefined) {
      const start = computeOffset(format, hourKey * MS_PER_HOUR);
      const end = computeOffset(format, hourKey * MS_PER_HOUR + MS_PER_HOUR - 60_000);
      offset = start === end ? start : Number.NaN;
      offsets.set(hourKey, offset);
    }
    if (Number.isNaN(offset)) return computeOffset(format, epochMs);
    lastHourKey = hourKey;
    lastOffset = offset;
    return offset;
  };
  return {
    offsetAt,
    dayOf: (epochMs) => Math.floor((epochMs + offsetAt(epochMs)) / MS_PER_DAY),
    hourOf: (epochMs) => {
      const local = epochMs + offsetAt(epochMs);
      return Math.floor((local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY) / MS_PER_HOUR);
    },
  };
}

function computeOffset(format: Intl.DateTimeFormat, instantMs: number): number {
  // Whole seconds: the formatter shows no milliseconds.
  const epochMs = Math.floor(instantMs / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - epochMs;
}
