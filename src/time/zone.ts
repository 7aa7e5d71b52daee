/**
 * Local day and hour in an IANA time zone, from epoch milliseconds, by offset arithmetic.
 * The zone's UTC offset is looked up with `Intl` once per UTC week seen, at the week's first and last
 * minute; a week in which the offset changes (a DST switch) is looked up per day, then per hour the
 * same way, and an hour in which it changes (some zones switch on the half hour) per instant. So DST
 * zones are right and a scan pays for `Intl` a few times per week, not per transaction. The offsets
 * are remembered per zone for the process (a bounded memo), so a batch pays for `Intl` once per zone.
 */
import { type LocalTimeResolver, MS_PER_DAY } from './timestamp.js';

const MS_PER_HOUR = 3_600_000;
const MS_PER_WEEK = 7 * MS_PER_DAY;

/** The runtime's canonical zone names, read once (a constant, never changed). */
const CANONICAL_ZONES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('timeZone'));

/** True when `timeZone` is an IANA zone name this runtime knows (canonical names, or aliases it accepts). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (CANONICAL_ZONES.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Converts instants to local wall-clock positions in one time zone, and local date-times (timestamps
 * written without an offset) back to instants.
 */
export interface LocalClock extends LocalTimeResolver {
  /** UTC offset in milliseconds at `epochMs`. */
  offsetAt(epochMs: number): number;
  /** Local day number (days since 1970-01-01 in the zone) of `epochMs`. */
  dayOf(epochMs: number): number;
  /** Local hour (0–23) of `epochMs`. */
  hourOf(epochMs: number): number;
}

/**
 * The UTC offsets of one zone, looked up with `Intl` and remembered. One table per zone is shared by
 * every clock of that zone in the process: memoisation of a pure function (the tz data of the running
 * process), never visible to callers, and bounded (see {@link MAX_CACHED_ZONES}, {@link MAX_CACHED_SPANS}).
 */
interface OffsetTable {
  offsetAt(epochMs: number): number;
}

/** Zones whose offset tables are kept; past this, the tables are dropped and rebuilt on demand. */
export const MAX_CACHED_ZONES = 64;
/** Cached weeks (or days, hours) per zone; past this, that cache is emptied and refilled on demand. */
export const MAX_CACHED_SPANS = 8192;

/** Offset tables by zone name: a bounded memo (see {@link OffsetTable}). */
const OFFSET_TABLES = new Map<string, OffsetTable>();

function offsetTableOf(timeZone: string): OffsetTable {
  let table = OFFSET_TABLES.get(timeZone);
  if (table === undefined) {
    if (OFFSET_TABLES.size >= MAX_CACHED_ZONES) OFFSET_TABLES.clear();
    table = createOffsetTable(timeZone);
    OFFSET_TABLES.set(timeZone, table);
  }
  return table;
}

function createOffsetTable(timeZone: string): OffsetTable {
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
  // Offsets are cached per UTC week when the offset is the same at its first and last minute (no zone
  // in the tz database changes its offset twice within a week), else per day, then per hour, then
  // looked up per instant.
  const weekOffsets = new Map<number, number>();
  const dayOffsets = new Map<number, number>();
  const hourOffsets = new Map<number, number>();
  let lastWeekKey = Number.NaN;
  let lastOffset = 0;
  const uniform = (key: number, span: number, cache: Map<number, number>): number => {
    let offset = cache.get(key);
    if (offset === undefined) {
      const start = computeOffset(format, key * span);
      const end = computeOffset(format, key * span + span - 60_000);
      offset = start === end ? start : Number.NaN;
      if (cache.size >= MAX_CACHED_SPANS) cache.clear();
      cache.set(key, offset);
    }
    return offset;
  };
  return {
    offsetAt(epochMs: number): number {
      const weekKey = Math.floor(epochMs / MS_PER_WEEK);
      if (weekKey === lastWeekKey) return lastOffset;
      const weekly = uniform(weekKey, MS_PER_WEEK, weekOffsets);
      if (!Number.isNaN(weekly)) {
        lastWeekKey = weekKey;
        lastOffset = weekly;
        return weekly;
      }
      const daily = uniform(Math.floor(epochMs / MS_PER_DAY), MS_PER_DAY, dayOffsets);
      if (!Number.isNaN(daily)) return daily;
      const hourly = uniform(Math.floor(epochMs / MS_PER_HOUR), MS_PER_HOUR, hourOffsets);
      return Number.isNaN(hourly) ? computeOffset(format, epochMs) : hourly;
    },
  };
}

/**
 * Builds a {@link LocalClock} for `timeZone` (assumed valid, see {@link isKnownTimeZone}). Cheap: the
 * zone's `Intl.DateTimeFormat` and the offsets it gave are shared by all clocks of that zone.
 */
export function createLocalClock(timeZone: string): LocalClock {
  const table = offsetTableOf(timeZone);
  const offsetAt = (epochMs: number): number => table.offsetAt(epochMs);
  // Local date-time to instant, like Temporal's `disambiguation: 'compatible'`: a wall-clock time
  // skipped by a DST gap is moved forward by the gap's length (02:30 on a spring-forward night is
  // 03:30), and one that happens twice in an overlap is the earlier instant (the first 01:30).
  const instantOfLocal = (localMs: number): number => {
    const before = offsetAt(localMs - MS_PER_DAY);
    const after = offsetAt(localMs + MS_PER_DAY);
    if (before === after) return localMs - before;
    const early = localMs - before;
    const late = localMs - after;
    const earlyExists = offsetAt(early) === before;
    const lateExists = offsetAt(late) === after;
    if (earlyExists && lateExists) return Math.min(early, late);
    if (lateExists) return late;
    // In a gap (or only the offset before applies): read the time with the offset before the switch.
    return early;
  };
  return {
    offsetAt,
    instantOfLocal,
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
  const asUtc = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return asUtc - epochMs;
}
