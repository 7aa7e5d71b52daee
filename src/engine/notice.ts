/**
 * The acquirer's own words: `merchant.suspension.reasonCode` and `note`, in Chinese or English,
 * read through the reason-code table (`./data/reason-codes.json`) and the phrase dictionary
 * (`./data/notice-phrases.json`), plus any maps the caller adds. A negated phrase ("未发现套现",
 * "no evidence of cash-out") does not state its cause; it rules it out.
 */
import { CAUSE_IDS, type CauseId } from '../contract/causes.js';
import { OptionsError, type Problem } from '../contract/errors.js';
import { NEGATION_CUES } from '../text/negationCues.js';
import { findPhrases, type PhraseEntry } from '../text/phrases.js';
import noticePhrases from './data/notice-phrases.json';
import reasonCodes from './data/reason-codes.json';

/** Where a stated cause was read. */
export type NoticeSource = 'reasonCode' | 'note';

/** A cause the notice names (or rules out), with the words that did it. */
export interface NoticeMention {
  readonly cause: CauseId;
  /** The code or phrase as listed in the dictionary, e.g. `套现` or `CO01`. */
  readonly phrase: string;
  readonly source: NoticeSource;
}

/** What a notice says: the causes it states and the causes it rules out. */
export interface NoticeReading {
  readonly stated: readonly NoticeMention[];
  readonly ruledOut: readonly NoticeMention[];
}

/** Extra reason codes and phrases a caller adds (they win over the built-in ones). */
export interface NoticeMaps {
  /** Reason code → cause id, e.g. `{ "R17": "code-jumping" }`. Matching ignores case, spaces, dashes and underscores. */
  readonly reasonCodes?: Readonly<Record<string, CauseId>>;
  /** Phrase → cause id, e.g. `{ "违规移机": "terminal-relocation" }`. */
  readonly phrases?: Readonly<Record<string, CauseId>>;
}

/** A prepared dictionary: built once per classifier. */
export interface NoticeDictionary {
  readonly codes: ReadonlyMap<string, CauseId>;
  readonly phrases: readonly PhraseEntry<CauseId | null>[];
}

/** Weight of a stated cause: the high-confidence score (see the data file). */
export const STATED_REASON_WEIGHT: number = noticePhrases.weight;

/** The evidence name of the acquirer's stated reason (no conditions: the notice, not the transactions). */
export const STATED_REASON_RULE = 'stated-reason';
/** Least transaction-evidence score at which a disagreement with the notice is reported. */
export const CONFLICT_MIN_SCORE: number = noticePhrases.conflictMinScore;

const MAX_ENTRIES = 10_000;
const MAX_KEY_LENGTH = 200;

/** Reason-code key: case, spaces, dashes and underscores ignored. */
export function reasonCodeKey(code: string): string {
  return code
    .normalize('NFKC')
    .replace(/[\s_-]+/g, '')
    .toLowerCase();
}

/**
 * Builds the dictionary from the built-in tables and the caller's maps, validating the maps.
 *
 * @throws `OptionsError` naming each bad entry by position (`notice.phrases[2]`).
 * @example
 * ```ts
 * const dictionary = createNoticeDictionary({ phrases: { 违规移机: 'terminal-relocation' } });
 * ```
 */
export function createNoticeDictionary(maps: NoticeMaps = {}): NoticeDictionary {
  const problems: Problem[] = [];
  const extraCodes = checkMap(maps.reasonCodes, 'notice.reasonCodes', problems);
  const extraPhrases = checkMap(maps.phrases, 'notice.phrases', problems);
  if (problems.length > 0) throw new OptionsError(problems);

  const codes = new Map<string, CauseId>();
  for (const [code, cause] of Object.entries(reasonCodes.codes)) codes.set(reasonCodeKey(code), cause as CauseId);
  for (const [code, cause] of extraCodes) codes.set(reasonCodeKey(code), cause);

  const byPhrase = new Map<string, CauseId | null>();
  for (const phrase of noticePhrases.measure) byPhrase.set(phrase, null);
  for (const [cause, phrases] of Object.entries(noticePhrases.causes)) {
    for (const phrase of phrases) byPhrase.set(phrase, cause as CauseId);
  }
  for (const [phrase, cause] of extraPhrases) byPhrase.set(phrase, cause);
  const phrases = [...byPhrase.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([phrase, value]) => ({ phrase, value }));
  return { codes, phrases };
}

/** The built-in dictionary. */
export const DEFAULT_NOTICE_DICTIONARY: NoticeDictionary = createNoticeDictionary();

/**
 * Reads a suspension notice. An exact reason code states its cause; otherwise the code and the
 * note are read for phrases. Each cause is listed once, with the first phrase that named it.
 *
 * @example
 * ```ts
 * readNotice({ note: '经核查，未发现套现，但存在跳码行为' }).stated; // [{ cause: 'code-jumping', phrase: '跳码', source: 'note' }]
 * ```
 */
export function readNotice(
  suspension: { readonly reasonCode?: string | undefined; readonly note?: string | undefined } | undefined,
  dictionary: NoticeDictionary = DEFAULT_NOTICE_DICTIONARY,
): NoticeReading {
  const stated = new Map<CauseId, NoticeMention>();
  const ruledOut = new Map<CauseId, NoticeMention>();
  const code = suspension?.reasonCode;
  if (code !== undefined) {
    const exact = dictionary.codes.get(reasonCodeKey(code));
    if (exact) stated.set(exact, { cause: exact, phrase: code, source: 'reasonCode' });
    else collect(code, 'reasonCode', dictionary, stated, ruledOut);
  }
  if (suspension?.note !== undefined) collect(suspension.note, 'note', dictionary, stated, ruledOut);
  for (const cause of stated.keys()) ruledOut.delete(cause);
  const order = (a: NoticeMention, b: NoticeMention) => CAUSE_IDS.indexOf(a.cause) - CAUSE_IDS.indexOf(b.cause);
  return { stated: [...stated.values()].sort(order), ruledOut: [...ruledOut.values()].sort(order) };
}

function collect(
  text: string,
  source: NoticeSource,
  dictionary: NoticeDictionary,
  stated: Map<CauseId, NoticeMention>,
  ruledOut: Map<CauseId, NoticeMention>,
): void {
  for (const match of findPhrases(text, dictionary.phrases, NEGATION_CUES)) {
    if (match.value === null) continue;
    const target = match.negated ? ruledOut : stated;
    if (!target.has(match.value)) target.set(match.value, { cause: match.value, phrase: match.phrase, source });
  }
}

function checkMap(map: unknown, path: string, problems: Problem[]): [string, CauseId][] {
  if (map === undefined) return [];
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    problems.push({ path, message: 'expected an object mapping text to a cause id' });
    return [];
  }
  const entries = Object.entries(map as Record<string, unknown>);
  if (entries.length > MAX_ENTRIES) {
    problems.push({ path, message: `expected at most ${MAX_ENTRIES} entries` });
    return [];
  }
  const out: [string, CauseId][] = [];
  for (const [index, [key, cause]] of entries.entries()) {
    // The path names the entry by position: a key is caller text and is never echoed.
    const at = `${path}[${index}]`;
    if (key.trim().length === 0 || key.length > MAX_KEY_LENGTH) {
      problems.push({ path: at, message: `expected a non-empty key of at most ${MAX_KEY_LENGTH} characters` });
    } else if (typeof cause !== 'string' || !(CAUSE_IDS as readonly string[]).includes(cause)) {
      problems.push({ path: at, message: 'expected a cause id of the catalog' });
    } else out.push([key, cause as CauseId]);
  }
  return out;
}
