/**
 * Finds known phrases in free text written by people (acquirer notices, event details), in Chinese
 * or English, and tells whether each is negated ("未发现套现", "no evidence of cash-out"). Pure:
 * the phrase lists and negation cues are data passed in.
 */

/** Words that negate a phrase, and words that look like a negation but are not. */
export interface NegationCues {
  /** Cues before a phrase in the same clause: 未发现, 不存在, no evidence of … */
  readonly before: readonly string[];
  /** Cues after a phrase in the same clause: 不成立, was not found … */
  readonly after: readonly string[];
  /** Cues that negate only right before the phrase (one space allowed): 未挂失, but not 未完成实名认证. */
  readonly adjacent: readonly string[];
  /** Text that contains a cue but does not negate (无法排除, cannot rule out): masked before the search. */
  readonly neutral: readonly string[];
  /** Contrast words that end a negation's scope (但, however). */
  readonly contrast: readonly string[];
}

/** One phrase to look for and the value it stands for. */
export interface PhraseEntry<T> {
  readonly phrase: string;
  readonly value: T;
}

/** A phrase found in the text. */
export interface PhraseMatch<T> {
  readonly value: T;
  /** The phrase as listed (not as written), e.g. `套现`. */
  readonly phrase: string;
  /** True when a negation cue governs it (未发现套现). */
  readonly negated: boolean;
  /** Position in the normalised text, for a stable order. */
  readonly index: number;
}

/** How far before (or after) a phrase a negation cue may stand, in characters. */
const CUE_REACH = 40;
const CLAUSE_BREAK = /[。；;！!？?\n\r：:.，]/;

/**
 * Lower case, full-width forms folded (NFKC), runs of white space made single. The full-width comma
 * becomes 。 first: NFKC would fold it into the ASCII comma, which does not end a clause, and a
 * negation would then reach across it (经核查未发现套现行为，因我司业务调整… would negate 业务调整).
 */
export function normalizePhraseText(text: string): string {
  return text
    .replace(/\uFF0C/g, '。')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/**
 * Every listed phrase in `text`, longest phrase first where two overlap, in text order.
 *
 * @example
 * ```ts
 * findPhrases('经核查，未发现套现，但存在跳码', [{ phrase: '套现', value: 'a' }, { phrase: '跳码', value: 'b' }], cues);
 * // [{ value: 'a', phrase: '套现', negated: true, … }, { value: 'b', phrase: '跳码', negated: false, … }]
 * ```
 */
export function findPhrases<T>(text: string, entries: readonly PhraseEntry<T>[], cues: NegationCues): PhraseMatch<T>[] {
  const normal = normalizePhraseText(text);
  const sorted = entries
    .map((e) => ({ ...e, key: normalizePhraseText(e.phrase) }))
    .filter((e) => e.key.trim().length > 0)
    .sort((a, b) => b.key.length - a.key.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const taken = new Uint8Array(normal.length);
  const found: PhraseMatch<T>[] = [];
  for (const entry of sorted) {
    let from = 0;
    for (;;) {
      const at = normal.indexOf(entry.key, from);
      if (at < 0) break;
      from = at + 1;
      const end = at + entry.key.length;
      if (!wordBounded(normal, at, end, entry.key)) continue;
      if (taken.subarray(at, end).some((x) => x === 1)) continue;
      taken.fill(1, at, end);
      found.push({ value: entry.value, phrase: entry.phrase, negated: isNegated(normal, at, end, cues), index: at });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** ASCII phrases must stand as whole words (`no` is not in `notice`); CJK phrases need no boundary. */
function wordBounded(text: string, start: number, end: number, key: string): boolean {
  const word = /[a-z0-9]/;
  if (word.test(key[0] ?? '') && word.test(text[start - 1] ?? '')) return false;
  if (word.test(key[key.length - 1] ?? '') && word.test(text[end] ?? '')) return false;
  return true;
}

function isNegated(text: string, start: number, end: number, cues: NegationCues): boolean {
  let clauseStart = start;
  while (clauseStart > 0 && !CLAUSE_BREAK.test(text[clauseStart - 1] as string)) clauseStart--;
  let clauseEnd = end;
  while (clauseEnd < text.length && !CLAUSE_BREAK.test(text[clauseEnd] as string)) clauseEnd++;
  let before = mask(text.slice(Math.max(clauseStart, start - CUE_REACH), start), cues.neutral);
  let after = mask(text.slice(end, Math.min(clauseEnd, end + CUE_REACH)), cues.neutral);
  // A contrast word ends the scope: in "未发现套现，但存在跳码" nothing before 但 negates 跳码.
  const lastContrast = lastIndexOfAny(before, cues.contrast);
  if (lastContrast >= 0) before = before.slice(lastContrast);
  const firstContrast = firstIndexOfAny(after, cues.contrast);
  if (firstContrast >= 0) after = after.slice(0, firstContrast);
  const touching = before.replace(/ $/, '');
  return (
    cues.before.some((cue) => containsCue(before, cue)) ||
    cues.after.some((cue) => containsCue(after, cue)) ||
    cues.adjacent.some((cue) => {
      const key = normalizePhraseText(cue);
      return touching.endsWith(key) && wordBounded(touching, touching.length - key.length, touching.length, key);
    })
  );
}

function mask(text: string, neutral: readonly string[]): string {
  let out = text;
  for (const phrase of neutral) {
    const key = normalizePhraseText(phrase);
    if (key.length > 0) out = out.split(key).join(' '.repeat(key.length));
  }
  return out;
}

function containsCue(text: string, cue: string): boolean {
  const key = normalizePhraseText(cue);
  let from = 0;
  for (;;) {
    const at = text.indexOf(key, from);
    if (at < 0) return false;
    if (wordBounded(text, at, at + key.length, key)) return true;
    from = at + 1;
  }
}

function lastIndexOfAny(text: string, words: readonly string[]): number {
  let best = -1;
  for (const w of words) {
    const key = normalizePhraseText(w);
    const at = text.lastIndexOf(key);
    if (at >= 0 && wordBounded(text, at, at + key.length, key)) best = Math.max(best, at);
  }
  return best;
}

function firstIndexOfAny(text: string, words: readonly string[]): number {
  let best = -1;
  for (const w of words) {
    const key = normalizePhraseText(w);
    const at = text.indexOf(key);
    if (at >= 0 && wordBounded(text, at, at + key.length, key) && (best < 0 || at < best)) best = at;
  }
  return best;
}
