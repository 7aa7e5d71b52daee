/**
 * Local time in a merchant's zone and the many ways exports write it. Times are carried as
 * "local milliseconds" (the wall clock read as if it were UTC) plus the zone's offset at that moment.
 */

export const MS_MINUTE = 60_000;
export const MS_HOUR = 3_600_000;
export const MS_DAY = 86_400_000;

/** Zones with a fixed offset (no daylight saving since long before the generated dates). */
const FIXED: Readonly<Record<string, number>> = {
  'Asia/Shanghai': 480,
  'Asia/Hong_Kong': 480,
  'Asia/Singapore': 480,
  'Asia/Urumqi': 360,
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC in minutes at a UTC instant. */
export function offsetMinutes(zone: string, utcMs: number): number {
  const fixed = FIXED[zone];
  if (fixed !== undefined) return fixed;
  let format = formatters.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(Math.floor(utcMs / 1000) * 1000))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / MS_MINUTE);
}

/** A moment: its wall clock in the merchant's zone, the offset in force, and the UTC instant. */
export interface Moment {
  readonly local: number;
  readonly offset: number;
  readonly utc: number;
}

/**
 * Resolves a wall-clock reading in a zone. A reading that does not exist (skipped by a daylight
 * saving change) moves forward to the real wall clock of the same instant.
 */
export function moment(zone: string, local: number): Moment {
  let offset = offsetMinutes(zone, local - offsetMinutes(zone, local) * MS_MINUTE);
  const utc = local - offset * MS_MINUTE;
  offset = offsetMinutes(zone, utc);
  return { local: utc + offset * MS_MINUTE, offset, utc };
}

/** Local midnight of a calendar date, as local milliseconds. */
export function localDay(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of local milliseconds. */
export function dateOf(local: number): string {
  const d = new Date(local);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Hour of day (0–23) of local milliseconds. */
export function hourOf(local: number): number {
  return new Date(local).getUTCHours();
}

/** Day of week (0 = Sunday) of local milliseconds. */
export function weekdayOf(local: number): number {
  return new Date(local).getUTCDay();
}

/** How an export writes a timestamp. */
export type TimeStyle =
  | 'local-space' // 2026-10-01 10:44:27 (no offset: local time in merchant.timezone)
  | 'local-t' // 2026-10-01T10:44:27
  | 'local-fraction' // 2026-10-01 10:44:27.123
  | 'offset' // 2026-10-01T10:44:27+08:00
  | 'offset-basic' // 2026-10-01T10:44:27+0800
  | 'offset-fraction' // 2026-10-01T10:44:27.5+08:00
  | 'zulu' // 2026-10-01T02:44:27Z
  | 'zulu-millis'; // 2026-10-01T02:44:27.000Z

export const TIME_STYLES: readonly TimeStyle[] = [
  'local-space',
  'local-t',
  'local-fraction',
  'offset',
  'offset-basic',
  'offset-fraction',
  'zulu',
  'zulu-millis',
];

/** True for the styles that carry no offset. */
export function isOffsetless(style: TimeStyle): boolean {
  return style.startsWith('local');
}

function clock(ms: number, sep: string, fraction: number): string {
  const d = new Date(ms);
  const base = `${dateOf(ms)}${sep}${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (fraction === 0) return base;
  return `${base}.${pad(d.getUTCMilliseconds(), 3).slice(0, fraction)}`;
}

function offsetText(offset: number, colon: boolean): string {
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${sign}${pad(Math.floor(abs / 60))}${colon ? ':' : ''}${pad(abs % 60)}`;
}

/** Writes a moment in one export style. `fraction` picks 1–3 fractional digits where the style has them. */
export function writeMoment(m: Moment, style: TimeStyle, fraction = 3): string {
  switch (style) {
    case 'local-space':
      return clock(m.local, ' ', 0);
    case 'local-t':
      return clock(m.local, 'T', 0);
    case 'local-fraction':
      return clock(m.local, fraction === 1 ? 'T' : ' ', fraction);
    case 'offset':
      return clock(m.local, 'T', 0) + offsetText(m.offset, true);
    case 'offset-basic':
      return clock(m.local, 'T', 0) + offsetText(m.offset, false);
    case 'offset-fraction':
      return clock(m.local, 'T', fraction) + offsetText(m.offset, true);
    case 'zulu':
      return `${clock(m.utc, 'T', 0)}Z`;
    case 'zulu-millis':
      return `${clock(m.utc, 'T', 3)}Z`;
  }
}
