/**
 * One NDJSON line of a batch, and a chunk of them: classified, or turned into an error record that
 * takes the line's place in the output. Shared by the main thread and the workers, so both write the
 * same bytes.
 */
import { isUtf8 } from 'node:buffer';
import { type Classifier, ClassifierError, type Lang, maskPans } from '../index.js';
import { decodeUtf8, NOT_UTF8, stripBom } from './bom.js';

/** Machine-readable code of a line that was not classified. */
export type LineErrorCode =
  | 'invalid_json'
  | 'invalid_encoding'
  | 'line_too_long'
  | 'invalid_case_file'
  | 'limit_exceeded'
  | 'invalid_options'
  | 'invalid_rule_pack'
  | 'invalid_custom_signal'
  | 'internal_error';

/** What a failed line's error record says: a code and each problem's path and message (card numbers masked). */
export interface LineError {
  readonly code: LineErrorCode;
  readonly problems: readonly { readonly path: string; readonly message: string }[];
}

/** What became of one line: its output line (a result, or an error record) and, for a classified line, its top cause. */
export type LineOutcome =
  | { readonly number: number; readonly json: string; readonly top: string }
  | { readonly number: number; readonly json: string; readonly error: string };

/** What became of a chunk of lines: its output lines (each ending in `\n`), top causes, and one stderr message per failed line. */
export interface ChunkOutcome {
  readonly out: string;
  readonly tops: readonly string[];
  readonly failures: readonly string[];
}

/** Classifies one NDJSON line: its result JSON, or an error record in its place. */
export function classifyLine(classifier: Classifier, line: { number: number; text: string }, lang: Lang): LineOutcome {
  try {
    const result = classifier.classifySync(JSON.parse(line.text), { lang });
    return { number: line.number, json: JSON.stringify(result), top: result.causes[0]?.id ?? '(none)' };
  } catch (error) {
    return failedLine(line.number, lineError(error));
  }
}

/**
 * Classifies a chunk of whole lines (UTF-8, each ending in `\n`, the first numbered `first`); blank
 * lines are skipped and give no output line. Bytes after the last `\n` are not a line.
 *
 * The chunk is checked to be UTF-8 at once (`isUtf8`, a vectorised check) and each line is decoded on
 * its own when its turn comes: decoding the whole chunk into one string and splitting it cost about a
 * fifth of `JSON.parse`'s time again, and decoding every line up front kept them all alive, so the
 * young generation copied them and moved them to the old one. Only when the check fails is each line
 * decoded strictly, to find the bad ones.
 */
export function classifyChunk(classifier: Classifier, first: number, bytes: Uint8Array, lang: Lang): ChunkOutcome {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const valid = isUtf8(buffer);
  let out = '';
  const tops: string[] = [];
  const failures: string[] = [];
  let start = 0;
  for (let end = buffer.indexOf(10), i = 0; end !== -1; end = buffer.indexOf(10, start), i++) {
    const raw = valid ? buffer.toString('utf8', start, end) : decodeUtf8(buffer.subarray(start, end));
    start = end + 1;
    if (raw === undefined) {
      const outcome = failedLine(first + i, { code: 'invalid_encoding', problems: [{ path: '', message: NOT_UTF8 }] });
      out += `${outcome.json}\n`;
      if ('error' in outcome) failures.push(outcome.error);
      continue;
    }
    let text = stripBom(raw);
    if (text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
    if (text.trim() === '') continue;
    const outcome = classifyLine(classifier, { number: first + i, text }, lang);
    out += `${outcome.json}\n`;
    if ('top' in outcome) tops.push(outcome.top);
    else failures.push(outcome.error);
  }
  return { out, tops, failures };
}

/** The error record and stderr message of line `number`. */
export function failedLine(number: number, error: LineError): LineOutcome {
  return { number, json: JSON.stringify({ line: number, error }), error: lineFailureMessage(number, error) };
}

/** The one-line stderr message of a failed line: `line N: path: message; …`, control characters escaped. */
export function lineFailureMessage(number: number, error: LineError): string {
  return `line ${number}: ${printable(error.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; '))}`;
}

/** A line too long to read. */
export function tooLongLine(number: number, maxLineBytes: number): LineOutcome {
  return failedLine(number, { code: 'line_too_long', problems: [{ path: '', message: `longer than ${maxLineBytes} bytes, skipped` }] });
}

/** Code and problems of an error, card numbers masked in paths and messages. Never a stack. */
export function lineError(error: unknown): LineError {
  if (error instanceof SyntaxError) return { code: 'invalid_json', problems: [{ path: '', message: 'not valid JSON' }] };
  if (error instanceof ClassifierError) {
    return {
      code: error.code,
      problems: error.problems.map((p) => ({ path: maskPans(p.path || '(root)'), message: maskPans(p.message) })),
    };
  }
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? 'error') : String(error);
  return { code: 'internal_error', problems: [{ path: '', message: maskPans(message) }] };
}

/** Control characters (C0, DEL, C1), line and paragraph separators, and bidirectional overrides. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with control characters written as `\u00XX` escapes, so a key or message taken from the
 * input cannot start a new line on stderr (forging a record) or move the cursor.
 *
 * @example
 * ```ts
 * printable('a\nline 9: b'); // 'a\\u000aline 9: b'
 * ```
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
