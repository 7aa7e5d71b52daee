/** The byte order mark some Windows tools write at the start of UTF-8 files (U+FEFF). */
const BOM = 0xfeff;

/**
 * `text` without a leading byte order mark. Excel and Windows exports start UTF-8 files (and, once
 * concatenated, NDJSON lines) with one, and `JSON.parse` refuses it.
 *
 * @example
 * ```ts
 * JSON.parse(stripBom('\uFEFF{"a":1}')); // { a: 1 }
 * ```
 */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === BOM ? text.slice(1) : text;
}
