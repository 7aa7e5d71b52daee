/**
 * ISO 8601 timestamp parsing without `Date` objects: one scan of the string, integer arithmetic.
 * Accepted: `YYYY-MM-DD[T| ]HH:MM[:SS[.fraction]]`, then `Z`, an offset `±HH:MM` / `±HHMM`, or nothing.
 * A timestamp without an offset is a local date-time in the merchant's time zone (exports from
 * Chinese acquirers write `2026-10-01 10:44:27`); it becomes an instant only with a zone, see
 * {@link LocalTimeResolver}. Hour 24 (`24:00`) and leap seconds (`:60`) are refused: write `00:00`
 * of the next day.
 */

/** Shape of an accepted timestamp (calendar validity is checked by {@link parseTimestamp}). */
export const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;
/** Shape of a plain calendar date. */
export const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const MS_PER_MINUTE = 60_000;
/** Milliseconds in one day. */
export const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Weekday of a day number (days since 1970-01-01, a Thursday), Monday 0 … Sunday 6. */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Year, month (1–12) and day of a day number (days since 1970-01-01): Howard Hinnant's civil_from_days. */
function civilOf(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The month of a day number (days since 1970-01-01) as `year × 12 + month − 1`: a key that orders months. */
export function monthOfDay(days: number): number {
  const { year, month } = civilOf(days);
  return year * 12 + month - 1;
}

/** The `YYYY-MM-DD` date of a day number (days since 1970-01-01). */
export function civilFromDays(days: number): string {
  const { year, month, day } = civilOf(days);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function validDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The digit at `i` as a number, or -1. */
function digitAt(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Two digits at `i` as a number, or -1. */
function twoDigits(text: string, i: number): number {
  const a = digitAt(text, i);
  const b = digitAt(text, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/** Resolves a local date-time (wall-clock milliseconds, as if UTC) to an instant in one time zone. */
export interface LocalTimeResolver {
  /** Epoch ms of the wall-clock time `localMs`; see `createLocalClock` for gaps and overlaps. */
  instantOfLocal(localMs: number): number;
}

/** Earliest instant accepted in a case file: 1970-01-01T00:00:00Z. */
export const MIN_INSTANT = 0;
/** Latest instant accepted in a case file: 9999-12-31T23:59:59.999Z. */
export const MAX_INSTANT = daysFromCivil(10000, 1, 1) * MS_PER_DAY - 1;
/** Latest day number accepted for a plain date: 9999-12-31. */
const MAX_DAY = daysFromCivil(9999, 12, 31);

/**
 * The calendar date of the last timestamp a scan accepted, for the next: a run of timestamps on one
 * day (an export's rows) then pays for the date's digits and calendar arithmetic once. State of one
 * reader (one pass over one file's rows), never shared.
 */
export interface DateMemo {
  /** `YYYY-MM-DD` as written, or '' before the first. */
  datePrefix: string;
  /** Its day number (days since 1970-01-01). */
  dateDays: number;
}

/** Treats a local date-time as UTC: used to check the written wall-clock value alone. */
const AS_WRITTEN: LocalTimeResolver = { instantOfLocal: (localMs) => localMs };

/**
 * The instant of `text` (epoch ms), or NaN when it is not a timestamp (wrong shape, impossible date
 * or time, offset beyond ±18:00) or has no offset and `zone` is undefined. One scan over char codes,
 * no allocation: this runs once per transaction. It accepts exactly what {@link TIMESTAMP} does.
 */
function scan(text: string, zone: LocalTimeResolver | undefined, memo?: DateMemo): number {
  const n = text.length;
  if (n < 16) return Number.NaN;
  // The date part of the timestamp before, when this one starts with it (rows of one day share it).
  const known = memo !== undefined && memo.datePrefix !== '' && text.startsWith(memo.datePrefix);
  let year = 0;
  let month = 0;
  let day = 0;
  if (!known) {
    const y1 = twoDigits(text, 0);
    const y2 = twoDigits(text, 2);
    if (y1 < 0 || y2 < 0 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
    year = y1 * 100 + y2;
    month = twoDigits(text, 5);
    day = twoDigits(text, 8);
    if (month < 0 || day < 0 || !validDate(year, month, day)) return Number.NaN;
  }
  const sep = text.charCodeAt(10);
  if (sep !== 84 && sep !== 116 && sep !== 32) return Number.NaN;
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  if (hour < 0 || minute < 0 || text.charCodeAt(13) !== 58) return Number.NaN;
  let i = 16;
  let second = 0;
  let millis = 0;
  if (text.charCodeAt(i) === 58) {
    second = twoDigits(text, i + 1);
    if (second < 0) return Number.NaN;
    i += 3;
    const dot = text.charCodeAt(i);
    if (dot === 46 || dot === 44) {
      i++;
      let digits = 0;
      let scale = 100;
      while (i < n && digitAt(text, i) >= 0) {
        if (digits < 3) millis += digitAt(text, i) * scale;
        scale /= 10;
        digits++;
        i++;
      }
      if (digits === 0 || digits > 9) return Number.NaN;
    }
  }
  let offsetMinutes = Number.NaN;
  const mark = text.charCodeAt(i);
  if (i === n) {
    // No offset: local time.
  } else if (mark === 90 || mark === 122) {
    if (i + 1 !== n) return Number.NaN;
    offsetMinutes = 0;
  } else if (mark === 43 || mark === 45) {
    const oh = twoDigits(text, i + 1);
    const colon = text.charCodeAt(i + 3) === 58 ? 1 : 0;
    const om = twoDigits(text, i + 3 + colon);
    if (oh < 0 || om < 0 || i + 5 + colon !== n || oh > 18 || om > 59) return Number.NaN;
    offsetMinutes = (mark === 45 ? -1 : 1) * (oh * 60 + om);
  } else return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  let days: number;
  if (known) days = (memo as DateMemo).dateDays;
  else {
    days = daysFromCivil(year, month, day);
    if (memo !== undefined) {
      memo.datePrefix = text.slice(0, 10);
      memo.dateDays = days;
    }
  }
  const localMs = days * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  if (!Number.isNaN(offsetMinutes)) return localMs - offsetMinutes * MS_PER_MINUTE;
  return zone === undefined ? Number.NaN : zone.instantOfLocal(localMs);
}

/**
 * Epoch milliseconds of an ISO 8601 timestamp, or `undefined` when the text is not one. A timestamp
 * with `Z` or an offset is that instant; one without an offset is local time in `zone` (a
 * `LocalClock` from `createLocalClock(merchant.timezone)`).
 *
 * @param text - e.g. `2026-10-01T10:44:27+08:00`, `2026-10-01 10:44:27`, `2026-10-01T10:44:27.120+0800`.
 * @param zone - resolves local date-times; DST gaps move forward, overlaps take the earlier instant.
 * @param memo - the date of the timestamp read before (see {@link DateMemo}); updated when this one is accepted.
 * @returns epoch ms, or `undefined`.
 * @example
 * ```ts
 * const clock = createLocalClock('Asia/Shanghai');
 * parseTimestamp('2026-10-01 10:44:27', clock) === parseTimestamp('2026-10-01T10:44:27+08:00', clock); // true
 * ```
 */
export function parseTimestamp(text: string, zone: LocalTimeResolver, memo?: DateMemo): number | undefined {
  const ms = scan(text, zone, memo);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Epoch milliseconds of a timestamp that carries `Z` or an offset; `undefined` for anything else,
 * local date-times included.
 *
 * @example
 * ```ts
 * parseInstant('2026-03-01T00:00:00Z'); // 1772323200000
 * parseInstant('2026-03-01 00:00:00');  // undefined: local time needs a zone
 * ```
 */
export function parseInstant(text: string): number | undefined {
  const ms = scan(text, undefined);
  return Number.isNaN(ms) ? undefined : ms;
}

/** What is wrong with a timestamp: nothing, its form or calendar, or its range. */
export type TimestampCheck = 'ok' | 'invalid' | 'out-of-range';

/**
 * Checks a timestamp as written: its shape and calendar, and that it lies within 1970–9999 (the
 * instant for an offset timestamp, the wall-clock value for a local one; a local value within a day of
 * either end is checked again once the zone is known). Years before 1970 are refused because exports
 * write 1900-01-01 or 0001-01-01 for "no date", and such a placeholder would stretch a window or a
 * dormancy over a century.
 */
export function checkTimestamp(text: string): TimestampCheck {
  const ms = scan(text, AS_WRITTEN);
  if (Number.isNaN(ms)) return 'invalid';
  return ms < MIN_INSTANT || ms > MAX_INSTANT ? 'out-of-range' : 'ok';
}

/** Checks a plain date `YYYY-MM-DD` the same way (1970-01-01 to 9999-12-31). */
export function checkDate(text: string): TimestampCheck {
  const day = parseDate(text);
  if (day === undefined) return 'invalid';
  return day < 0 || day > MAX_DAY ? 'out-of-range' : 'ok';
}

/**
 * True when `text` is a local timestamp (no offset) whose wall-clock value lies within a day of the
 * accepted range's ends, so that only its instant in the merchant's zone can tell whether it is in range.
 */
export function isLocalNearRangeEdge(text: string): boolean {
  const lead = text.charCodeAt(0);
  if (lead !== 49 && lead !== 57) return false; // neither '1' nor '9': most timestamps stop here
  if (!text.startsWith('1970-01-01') && !text.startsWith('9999-12-31')) return false;
  return !Number.isNaN(scan(text, AS_WRITTEN)) && Number.isNaN(scan(text, undefined));
}

/** Parses a calendar date `YYYY-MM-DD` to its day number (days since 1970-01-01), or `undefined`. */
export function parseDate(text: string): number | undefined {
  const m = DATE_ONLY.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return validDate(year, month, day) ? daysFromCivil(year, month, day) : undefined;
}

/** Formats epoch milliseconds as an ISO 8601 UTC timestamp. */
export function formatUtc(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
