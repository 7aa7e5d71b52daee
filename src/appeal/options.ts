/** The options of `draftAppeal`, checked: every problem at once, unknown keys refused, no value echoed. */
import { CAUSE_IDS, type CauseId } from '../contract/causes.js';
import { OptionsError, type Problem } from '../contract/errors.js';
import { LANGS, type Lang } from '../contract/result.js';
import { maskPans } from '../text/cardNumber.js';
import { checkDate } from '../time/timestamp.js';
import documents from './data/documents.json';

/** How the letter stands on a violation the acquirer names: disputes it, reports it rectified, or explains. */
export type Stance = 'dispute' | 'rectified' | 'explain';

/** Every stance. */
export const STANCES = documents.stances as readonly Stance[];

/** Options of `draftAppeal`. */
export interface AppealOptions {
  /** Language of the letter and checklist. Default: the result's language. */
  readonly lang?: Lang;
  /** The cause to appeal. Default: the top-ranked cause of the result. */
  readonly cause?: CauseId;
  /**
   * How the letter stands on the cause: `dispute` (申诉书), `rectified` (情况说明及整改报告) or
   * `explain` (情况说明). Default per cause (`src/appeal/data/documents.json`); status causes
   * (contract, documents, dormancy, the acquirer's own decisions) take only `explain`.
   */
  readonly stance?: Stance;
  /** The merchant's own explanation; a clearly marked placeholder when absent. Line breaks start paragraphs. */
  readonly merchantStatement?: string;
  /** Rectification measures or steps taken; clearly marked placeholders when absent. */
  readonly rectifications?: readonly string[];
  /** Most flagged transactions listed in the letter (0–10,000). Default 10. */
  readonly maxTransactions?: number;
  /** Addressee: the acquirer's name or department. Default: a generic 收单机构 / Acquirer. */
  readonly addressee?: string;
  /** Name of the person signing (法定代表人 / 经营者); a placeholder when absent. */
  readonly signatory?: string;
  /** Contact person and phone; a placeholder when absent. */
  readonly contact?: string;
  /** Date of the letter, `YYYY-MM-DD`. Default: the last local day of the case window (never the clock). */
  readonly date?: string;
}

const SHORT_TEXT = 200;
const LONG_TEXT = 10_000;
const MAX_RECTIFICATIONS = 50;
const MAX_LISTED = 10_000;

type Check = (value: unknown) => string | undefined;

const oneOf =
  (allowed: readonly string[]): Check =>
  (value) =>
    typeof value === 'string' && allowed.includes(value) ? undefined : `expected one of ${allowed.join(', ')}`;
const text =
  (max: number): Check =>
  (value) =>
    typeof value !== 'string' ? 'expected a string' : value.length > max ? `must be at most ${max} characters` : undefined;

const CHECKS: Readonly<Record<keyof AppealOptions, Check>> = {
  lang: oneOf(LANGS),
  cause: oneOf(CAUSE_IDS),
  stance: oneOf(STANCES),
  merchantStatement: text(LONG_TEXT),
  rectifications: () => undefined, // checked item by item below
  maxTransactions: (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_LISTED
      ? undefined
      : `expected an integer from 0 to ${MAX_LISTED}`,
  addressee: text(SHORT_TEXT),
  signatory: text(SHORT_TEXT),
  contact: text(SHORT_TEXT),
  date: (value) =>
    typeof value === 'string' && checkDate(value) === 'ok' ? undefined : 'expected a calendar date YYYY-MM-DD (years 1970–9999)',
};

/**
 * The options, checked. Absent (`undefined`) options are allowed; anything else must have the type
 * and range its TSDoc gives.
 *
 * @throws `OptionsError` listing every problem (path and message, never the value).
 * @example
 * ```ts
 * checkAppealOptions({ lang: 'zh-CN', stance: 'rectified' });
 * ```
 */
export function checkAppealOptions(options: unknown): AppealOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new OptionsError([{ path: '', message: 'expected an options object' }]);
  }
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (!Object.hasOwn(CHECKS, key)) {
      problems.push({
        path: maskPans(key.length > 64 ? `${key.slice(0, 64)}…` : key),
        message: `unknown option; expected one of ${Object.keys(CHECKS).join(', ')}`,
      });
      continue;
    }
    if (value === undefined) continue;
    const message = CHECKS[key as keyof AppealOptions](value);
    if (message) problems.push({ path: key, message });
  }
  const rectifications = (options as { rectifications?: unknown }).rectifications;
  if (rectifications !== undefined) {
    if (!Array.isArray(rectifications)) problems.push({ path: 'rectifications', message: 'expected an array of strings' });
    else {
      if (rectifications.length > MAX_RECTIFICATIONS)
        problems.push({ path: 'rectifications', message: `at most ${MAX_RECTIFICATIONS} items` });
      rectifications.forEach((item, i) => {
        const message = text(LONG_TEXT)(item);
        if (message) problems.push({ path: `rectifications[${i}]`, message });
      });
    }
  }
  if (problems.length > 0) throw new OptionsError(problems);
  return options as AppealOptions;
}
