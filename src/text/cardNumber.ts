/**
 * Detection of primary account numbers (full card numbers, PCI DSS "PAN"), for every string the
 * library accepts or prints.
 *
 * A card number is 13–19 digits that pass the Luhn check AND carry a card scheme's issuer prefix with
 * a length that scheme issues (table: `data/card-issuers.json`, ISO/IEC 7812). So acquirer-assigned
 * identifiers that happen to pass Luhn — a 15-digit merchant number (商户编号) such as 898…, an 8-digit
 * terminal id (终端号), a 12-digit reference number (参考号) — are not card numbers.
 *
 * Digits may be written in any Unicode decimal digits (`\p{Nd}`: full-width ４, Arabic-Indic ٤,
 * Devanagari ४, …), and digit groups may be joined by separators: spaces of every width, dots, dashes,
 * underscores, slashes, zero-width characters, soft hyphens, line breaks and tabs. Up to
 * {@link MAX_VISIBLE_SEPARATORS} visible separators (and {@link MAX_GAP} characters in all) may stand
 * between two groups. Every sequence of whole groups of 13–19 digits is checked, so
 * "4111 1111 1111 1111 2026" is still caught. The scan is linear: no regular expression backtracks.
 */
import issuers from './data/card-issuers.json';

const MIN_DIGITS = 13;
const MAX_DIGITS = 19;
/** Visible separators allowed between two digit groups ("4111 - 1111" has three). */
const MAX_VISIBLE_SEPARATORS = 3;
/** Characters allowed between two digit groups, invisible ones included. */
const MAX_GAP = 8;
const MASK = '[card number removed]';

/** One prefix range of the issuer table: the first `width` digits, as a number, within [low, high]. */
interface PrefixRange {
  readonly width: number;
  readonly low: number;
  readonly high: number;
  readonly lengths: ReadonlySet<number>;
}

/** The issuer table, read once from the data file (a constant). */
const PREFIX_RANGES: readonly PrefixRange[] = issuers.schemes.flatMap((scheme) =>
  scheme.prefixes.map((prefix) => {
    const [low = '', high = low] = prefix.split('-');
    return { width: low.length, low: Number(low), high: Number(high), lengths: new Set(scheme.lengths) };
  }),
);

/** A single Unicode decimal digit (general category Nd). */
const DECIMAL_DIGIT = /^\p{Nd}$/u;

/** True when `digits` (only 0-9) passes the Luhn (mod 10) check. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * True when `digits` (only 0-9) is a card number: 13–19 digits, a scheme's issuer prefix with a
 * length that scheme issues, and a valid Luhn check digit.
 *
 * @example
 * ```ts
 * isCardNumberDigits('4111111111111111'); // true (Visa)
 * isCardNumberDigits('898310048160019');  // false: passes Luhn, but no scheme issues 898… in 15 digits
 * ```
 */
export function isCardNumberDigits(digits: string): boolean {
  const length = digits.length;
  if (length < MIN_DIGITS || length > MAX_DIGITS || !passesLuhn(digits)) return false;
  const lead = Number(digits.slice(0, 8));
  for (const range of PREFIX_RANGES) {
    if (!range.lengths.has(length)) continue;
    const prefix = Math.floor(lead / 10 ** (8 - range.width));
    if (prefix >= range.low && prefix <= range.high) return true;
  }
  return false;
}

/**
 * The value (0–9) of the decimal digit with code point `cp`, or -1. Unicode encodes every Nd digit in
 * runs of ten from 0 to 9, so the value is the distance from the start of its run, modulo 10.
 */
function digitValue(cp: number): number {
  if (cp >= 48 && cp <= 57) return cp - 48;
  if (cp < 0x660 || (cp >= 0x1c5a && cp < 0xa620) || (cp >= 0xabfa && cp < 0xff10)) return -1;
  if (cp >= 0xff10 && cp <= 0xff19) return cp - 0xff10;
  if (!DECIMAL_DIGIT.test(String.fromCodePoint(cp))) return -1;
  let zero = cp;
  while (cp - zero < 60 && DECIMAL_DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
  return (cp - zero) % 10;
}

/** Unicode format characters and marks. */
const INVISIBLE = /^[\p{Cf}\p{M}]$/u;

/**
 * 1 for a visible separator, 2 for an invisible one, 0 for anything else. Colons and plus signs are
 * not separators: a valid timestamp (`10:44:27.1234567+08:00`) would otherwise join into a 13-digit run.
 */
function separatorKind(c: number): 0 | 1 | 2 {
  switch (c) {
    case 0x20: // space
    case 0x09: // tab
    case 0x0a: // line feed
    case 0x0b:
    case 0x0c:
    case 0x0d: // carriage return
    case 0x2d: // hyphen-minus
    case 0x2e: // full stop
    case 0x2f: // solidus
    case 0x5f: // low line
    case 0x2c: // comma
    case 0x28: // ( and ) and [ and ]: "(4111)1111-…"
    case 0x29:
    case 0x5b:
    case 0x5d:
    case 0xb7: // middle dot
    case 0x85: // next line
    case 0xa0: // no-break space
    case 0x1680:
    case 0x202f: // narrow no-break space
    case 0x205f:
    case 0x2028:
    case 0x2029:
    case 0x2212: // minus sign
    case 0x3000: // ideographic space
    case 0xff0d: // full-width hyphen-minus
    case 0xff0e: // full-width full stop
    case 0xff0f: // full-width solidus
    case 0xff3f: // full-width low line
    case 0xff0c: // full-width comma
    case 0x3001: // ideographic comma
    case 0x30fb: // katakana middle dot
    case 0x2027: // hyphenation point
    case 0xff08: // full-width ( )
    case 0xff09:
    case 0x3010: // 【 】
    case 0x3011:
      return 1;
    case 0xad: // soft hyphen
    case 0x180e:
    case 0x200b: // zero-width space
    case 0x200c: // zero-width non-joiner
    case 0x200d: // zero-width joiner
    case 0x2060: // word joiner
    case 0xfeff: // zero-width no-break space (BOM)
      return 2;
    default:
      // En quad … hair space (U+2000–U+200A) and hyphen … horizontal bar (U+2010–U+2015).
      if ((c >= 0x2000 && c <= 0x200a) || (c >= 0x2010 && c <= 0x2015)) return 1;
      // Format characters (bidi overrides such as U+202E) and combining marks (U+FE0F, U+0301) draw
      // nothing between two digits: an attacker's way to hide a card number from a plain scan.
      return c > 0x7f && INVISIBLE.test(String.fromCodePoint(c)) ? 2 : 0;
  }
}

/** Kind of a character in {@link hasCandidateRun}: a digit (the separator kinds are 1 and 2, else 0). */
const DIGIT = 3;

/** {@link separatorKind} of each ASCII character, with {@link DIGIT} for 0-9: one lookup per character. */
const ASCII_KIND: Uint8Array = Uint8Array.from({ length: 0x80 }, (_, c) => (c >= 48 && c <= 57 ? DIGIT : separatorKind(c)));

/**
 * True when `text` holds a run of at least 13 digits joined by separators as the scan joins them: a
 * cheap pre-check (no allocation for ASCII text) that clears timestamps, ids and prose at once.
 */
function hasCandidateRun(text: string): boolean {
  let digits = 0;
  let visible = 0;
  let gap = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let kind: number;
    if (c < 0x80) kind = ASCII_KIND[c] as number;
    else if (c < 0x660) kind = digits > 0 ? separatorKind(c) : 0;
    else {
      const cp = text.codePointAt(i) as number;
      if (cp > 0xffff) i++;
      kind = digitValue(cp) >= 0 ? DIGIT : digits > 0 ? separatorKind(c) : 0;
    }
    if (kind === DIGIT) {
      if (++digits >= MIN_DIGITS) return true;
      visible = 0;
      gap = 0;
      continue;
    }
    if (kind === 0 || digits === 0) {
      digits = 0;
      // A new run starts after i: too few characters left for 13 digits (most of a timestamp or a token).
      if (text.length - i <= MIN_DIGITS) return false;
      continue;
    }
    gap++;
    if (kind === 1) visible++;
    if (gap > MAX_GAP || visible > MAX_VISIBLE_SEPARATORS) {
      digits = 0;
      if (text.length - i <= MIN_DIGITS) return false;
    }
  }
  return false;
}

/** One run being scanned: its digits (ASCII) and, per digit group, where it lies in the run and the text. */
interface Run {
  digits: string;
  readonly groupEnd: number[];
  readonly textStart: number[];
  readonly textEnd: number[];
}

/**
 * The spans `[start, end)` (UTF-16 indexes) of the card numbers written in `text`, each from its
 * first digit to its last, separators included; overlapping or touching spans merged. With `first`,
 * stops at the first one.
 */
function cardNumberSpans(text: string, first: boolean): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (text.length < MIN_DIGITS || !hasCandidateRun(text)) return spans;
  const run: Run = { digits: '', groupEnd: [], textStart: [], textEnd: [] };
  let inGroup = false;
  let visible = 0;
  let gap = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const cp = c >= 0xd800 && c <= 0xdbff ? (text.codePointAt(i) as number) : c;
    const width = cp > 0xffff ? 2 : 1;
    const value = digitValue(cp);
    if (value >= 0) {
      if (!inGroup) {
        run.textStart.push(i);
        run.groupEnd.push(0);
        run.textEnd.push(0);
        inGroup = true;
      }
      run.digits += value;
      run.groupEnd[run.groupEnd.length - 1] = run.digits.length;
      run.textEnd[run.textEnd.length - 1] = i + width;
      visible = 0;
      gap = 0;
    } else {
      inGroup = false;
      const kind = run.digits.length > 0 ? separatorKind(cp) : 0;
      if (kind === 0) {
        closeRun(run, spans);
        if (first && spans.length > 0) return spans;
      } else {
        gap++;
        if (kind === 1) visible++;
        if (gap > MAX_GAP || visible > MAX_VISIBLE_SEPARATORS) {
          closeRun(run, spans);
          if (first && spans.length > 0) return spans;
        }
      }
    }
    i += width - 1;
  }
  closeRun(run, spans);
  return mergeSpans(spans);
}

/** Adds to `spans` every sequence of whole groups of the run that is a card number, and empties the run. */
function closeRun(run: Run, spans: Array<[number, number]>): void {
  const { digits, groupEnd, textStart, textEnd } = run;
  if (digits.length >= MIN_DIGITS) {
    for (let firstGroup = 0; firstGroup < groupEnd.length; firstGroup++) {
      const from = firstGroup === 0 ? 0 : (groupEnd[firstGroup - 1] as number);
      for (let last = firstGroup; last < groupEnd.length; last++) {
        const length = (groupEnd[last] as number) - from;
        if (length > MAX_DIGITS) break;
        if (length >= MIN_DIGITS && isCardNumberDigits(digits.slice(from, groupEnd[last]))) {
          spans.push([textStart[firstGroup] as number, textEnd[last] as number]);
        }
      }
    }
  }
  run.digits = '';
  groupEnd.length = 0;
  textStart.length = 0;
  textEnd.length = 0;
}

function mergeSpans(spans: Array<[number, number]>): Array<[number, number]> {
  if (spans.length < 2) return spans;
  spans.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [spans[0] as [number, number]];
  for (const span of spans.slice(1)) {
    const last = merged[merged.length - 1] as [number, number];
    if (span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push(span);
  }
  return merged;
}

/**
 * True when `text` contains a card number, however written (see the module comment).
 *
 * @example
 * ```ts
 * containsPan('paid with ４１１１-１１１１-１１１１-１１１１'); // true
 * containsPan('商户编号 898310048160019');                    // false: a merchant number
 * containsPan('622588******1234');                           // false: masked
 * ```
 */
export function containsPan(text: string): boolean {
  // The pre-check first, so the short and digit-poor strings that are most of a case file cost no allocation.
  if (text.length < MIN_DIGITS || !hasCandidateRun(text)) return false;
  return cardNumberSpans(text, true).length > 0;
}

/**
 * True when the whole of `value` (surrounding whitespace aside) is one card number, however written.
 *
 * @example
 * ```ts
 * isPan('4111 1111 1111 1111'); // true
 * isPan('4111 1111 1111 1112'); // false: fails Luhn
 * ```
 */
export function isPan(value: string): boolean {
  const trimmed = value.trim();
  const spans = cardNumberSpans(trimmed, false);
  return spans.length === 1 && spans[0]?.[0] === 0 && spans[0][1] === trimmed.length;
}

/**
 * Replaces every card number in `text` — all its digits and the separators between them — with
 * `[card number removed]`, for text that must be shown anyway.
 *
 * @example
 * ```ts
 * maskPans('card 4111.1111.1111.1111 declined'); // 'card [card number removed] declined'
 * ```
 */
export function maskPans(text: string): string {
  const spans = cardNumberSpans(text, false);
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    out += text.slice(at, start) + MASK;
    at = end;
  }
  return out + text.slice(at);
}
