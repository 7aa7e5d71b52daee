/** How letters write times, dates, money and cards: local to the merchant, deterministic. */
import type { CaseFile, Transaction } from '../contract/caseFile.js';
import { parseDate, parseTimestamp } from '../time/timestamp.js';
import { createLocalClock } from '../time/zone.js';

/** Times of one case file, in its merchant's zone. */
export interface CaseClock {
  /** Epoch ms of a timestamp or date of the case file (no offset: local time in the merchant's zone). */
  readonly instant: (at: string) => number;
  /** `YYYY-MM-DD HH:MM` local. */
  readonly localTime: (ms: number) => string;
  /** `YYYY-MM-DD` local. */
  readonly localDay: (ms: number) => string;
  /** A date-or-timestamp field as a local day (`2026-03-20`); a plain date stays as written. */
  readonly dayOf: (at: string) => string;
}

/**
 * The clock of a case file.
 *
 * @example
 * ```ts
 * caseClock(caseFile).dayOf('2026-03-20T01:00:00Z'); // '2026-03-20' in Asia/Shanghai
 * ```
 */
export function caseClock(caseFile: CaseFile): CaseClock {
  const clock = createLocalClock(caseFile.merchant.timezone);
  const localTime = (ms: number) => new Date(ms + clock.offsetAt(ms)).toISOString().slice(0, 16).replace('T', ' ');
  const instant = (at: string) => {
    const ms = parseTimestamp(at, clock);
    if (ms !== undefined) return ms;
    const day = parseDate(at);
    return day === undefined ? 0 : day * 86_400_000 - clock.offsetAt(day * 86_400_000);
  };
  return {
    instant,
    localTime,
    localDay: (ms) => localTime(ms).slice(0, 10),
    dayOf: (at) => (parseDate(at) !== undefined ? at : localTime(instant(at)).slice(0, 10)),
  };
}

/**
 * Card tokens are shown by their last four characters only.
 *
 * @example
 * ```ts
 * maskToken('tok_8f2a91'); // '****2a91'
 * ```
 */
export function maskToken(token: string): string {
  return token.length <= 4 ? '****' : `****${token.slice(-4)}`;
}

/**
 * The card as a letter shows it: the masked number's first six and last four digits
 * (`622588******1234`), else the token's last four characters; `—` without a card.
 *
 * @example
 * ```ts
 * cardLabel({ token: 'tok_1', kind: 'credit', masked: '622588xxxxxx1234' }); // '622588******1234'
 * ```
 */
export function cardLabel(card: Transaction['card']): string {
  if (!card) return '—';
  if (card.masked) return `${card.masked.slice(0, 6)}******${card.masked.slice(-4)}`;
  return maskToken(card.token);
}
