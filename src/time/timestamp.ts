/**
 * ISO 8601 timestamp parsing without `Date` objects: one scan of the string, integer arithmetic.
 * Accepted: `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z` or an offset `±HH:MM` / `±HHMM`.
 */

/** Shape of an accepted timestamp (calendar validity is checked by {@link parseTimestamp}). */
export const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;
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

/** The `YYYY-MM-DD` date of a day number (days since 1970-01-01). */
export function civilFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
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

/**
 * Epoch milliseconds of an ISO 8601 timestamp that carries `Z` or an offset, or `undefined` when the
 * text is not one (no offset, impossible date or time, offset beyond ±18:00). One scan over char
 * codes, no allocation: this runs once per transaction. It accepts exactly what {@link TIMESTAMP} does.
 */
export function parseTimestamp(text: string): number | undefined {
  const n = text.length;
  if (n < 17) return undefined;
  const y1 = twoDigits(text, 0);
  const y2 = twoDigits(text, 2);
  if (y1 < 0 || y2 < 0 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const year = y1 * 100 + y2;
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const sep = text.charCodeAt(10);
  if (month < 0 || day < 0 || (sep !== 84 && sep !== 116 && sep !== 32)) return undefined;
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  if (hour < 0 || minute < 0 || text.charCodeAt(13) !== 58) return undefined;
  let i = 16;
  let second = 0;
  let millis = 0;
  if (text.charCodeAt(i) === 58) {
    second = twoDigits(text, i + 1);
    if (second < 0) return undefined;
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
      if (digits === 0 || digits > 9) return undefined;
    }
  }
  let offsetMinutes = 0;
  const zone = text.charCodeAt(i);
  if (zone === 90 || zone === 122) {
    if (i + 1 !== n) return undefined;
  } else if (zone === 43 || zone === 45) {
    const oh = twoDigits(text, i + 1);
    const colon = text.charCodeAt(i + 3) === 58 ? 1 : 0;
    const om = twoDigits(text, i + 3 + colon);
    if (oh < 0 || om < 0 || i + 5 + colon !== n || oh > 18 || om > 59) return undefined;
    offsetMinutes = (zone === 45 ? -1 : 1) * (oh * 60 + om);
  } else return undefined;
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  const localMs = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return localMs - offsetMinutes * MS_PER_MINUTE;
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
