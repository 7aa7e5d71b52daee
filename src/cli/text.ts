/** Terminal text helpers: display width (CJK counts double), wrapping to a width, optional colour. */

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Columns `text` takes in a terminal: East Asian wide characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

/** Pads `text` with spaces to `width` columns. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * Wraps `text` to lines of at most `width` columns: at spaces for Latin text, anywhere between wide
 * characters; a word longer than the width is cut.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const token of text.match(
    /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|\s+|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+/gu,
  ) ?? []) {
    if (/^\s+$/.test(token)) {
      if (lineWidth > 0 && lineWidth < width) {
        line += ' ';
        lineWidth++;
      }
      continue;
    }
    let piece = token;
    while (piece.length > 0) {
      const w = displayWidth(piece);
      if (lineWidth + w <= width) {
        line += piece;
        lineWidth += w;
        piece = '';
      } else if (lineWidth > 0) {
        lines.push(line.trimEnd());
        line = '';
        lineWidth = 0;
      } else {
        const cut = [...piece].slice(0, width).join('');
        lines.push(cut);
        piece = piece.slice(cut.length);
      }
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

/** Colour functions; plain identity functions when colour is off. */
export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
}

/** ANSI colours when `enabled`, else no escapes at all. */
export function createPaint(enabled: boolean): Paint {
  const code = (open: number, close: number) => (text: string) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { bold: code(1, 22), dim: code(2, 22), red: code(31, 39), yellow: code(33, 39), green: code(32, 39) };
}

/**
 * Characters a terminal acts on instead of showing: C0 controls (ESC starts every escape sequence),
 * DEL, C1 controls (U+009B is a one-character CSI), bidirectional embeddings, overrides, isolates and
 * marks (U+202A–202E, U+2066–2069, U+200E/200F, U+061C), and the Unicode line and paragraph separators.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * `text` made safe to print on a terminal or into a log line: every control character, escape
 * sequence introducer and bidi control is written as a visible escape (`\x1b`, `\u202e`, `\n`), so
 * input cannot move the cursor, recolour, retitle the window or reorder what follows. Characters in
 * `keep` (e.g. `'\n'` for a multi-line message) pass through.
 *
 * @example
 * ```ts
 * printable('M1\u001b[2J'); // 'M1\\x1b[2J'
 * ```
 */
export function printable(text: string, keep = ''): string {
  return text.replace(CONTROL, (ch) => {
    if (keep.includes(ch)) return ch;
    const named = NAMED[ch];
    if (named) return named;
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
