/**
 * Text from a case file or a caller on its way into a letter: screened for card numbers, flattened to
 * one line, and escaped for the output it lands in (Markdown or HTML). The letter's renderers call
 * these on every string they print, their own wording included, so no value can add markup.
 */
import { maskPans } from '../text/cardNumber.js';

/** Line breaks, other control characters and zero-width marks: anything that is not one plain space in a line. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are removed.
const BREAKS = /[\u0000-\u001f\u007f-\u009f\u00ad\u2028\u2029\u200b-\u200f\u2060-\u2064\ufeff]+/g;

/**
 * One line of plain text: card numbers masked (before and after the line breaks become spaces, so a
 * number written over several lines is caught as one), control characters gone, spaces collapsed.
 *
 * @example
 * ```ts
 * screenLine('4111\n1111\n1111\n1111'); // '[card number removed]'
 * ```
 */
export function screenLine(text: string): string {
  return maskPans(maskPans(text).replace(BREAKS, ' ').replace(/\s+/g, ' ').trim());
}

/**
 * Paragraphs of plain text (split at line breaks), each screened like {@link screenLine}; the whole is
 * screened first, so a card number spread over several lines is masked before it is split.
 *
 * @example
 * ```ts
 * screenParagraphs('first\n\nsecond'); // ['first', 'second']
 * ```
 */
export function screenParagraphs(text: string): string[] {
  return maskPans(text)
    .split(/\r\n|[\n\r\u2028\u2029]/)
    .map(screenLine)
    .filter((line) => line.length > 0);
}

/**
 * Plain text as Markdown that renders as the same text: no emphasis, links, images, autolinks, HTML,
 * table cells, headings, lists or code. Characters with meaning are backslash-escaped or written as
 * entities; `://`, `www.` and `@` are broken with entities so GFM autolinks do not fire.
 *
 * @example
 * ```ts
 * escapeMarkdown('[x](javascript:alert(1))'); // '\\[x\\](javascript:alert(1))'
 * ```
 */
export function escapeMarkdown(text: string): string {
  const escaped = screenLine(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/:\/\//g, '&#58;//')
    .replace(/(w)(w)(w)\./gi, '$1$2$3&#46;')
    .replace(/@/g, '&#64;');
  // Block markers only mean something at the start of a line, which a value may be.
  return escaped
    .replace(/^(#{1,6}|[-+])(?=\s|$)/, '\\$1')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
    .replace(/^([=-])(?=[=-]*\s*$)/, '\\$1');
}

/**
 * Plain text as HTML text content (also safe inside a double-quoted attribute).
 *
 * @example
 * ```ts
 * escapeHtml('<b>"x"</b>'); // '&lt;b&gt;&quot;x&quot;&lt;/b&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return screenLine(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
