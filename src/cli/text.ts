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
