/** The byte order mark some Windows tools write at the start of UTF-8 files (U+FEFF). */
const BOM = 0xfeff;

/**
 * `text` without its leading byte order marks. Excel and Windows exports start UTF-8 files (and, once
 * concatenated, NDJSON lines) with one, and a tool that adds its own to such a file makes two;
 * `JSON.parse` refuses them, and they are never part of the data.
 *
 * @example
 * ```ts
 * JSON.parse(stripBom('\uFEFF{"a":1}')); // { a: 1 }
 * JSON.parse(stripBom('\uFEFF\uFEFF{"a":1}')); // { a: 1 }
 * ```
 */
export function stripBom(text: string): string {
  let start = 0;
  while (text.charCodeAt(start) === BOM) start++;
  return start === 0 ? text : text.slice(start);
}

/** What the CLI says about input that is not UTF-8 (Chinese exports are often GBK / GB18030). */
export const NOT_UTF8 = 'not UTF-8 text (GBK / GB18030 exports: convert with `iconv -f gb18030 -t utf-8`)';

// `ignoreBOM` keeps leading marks in the text for stripBom, so that every path drops them the same way
// (the decoder used to drop one itself, so a line with two got through only when decoded here).
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes UTF-8 bytes, or returns undefined when they are not valid UTF-8: a GBK file read as UTF-8
 * would turn every Chinese word into replacement characters and silently lose the acquirer's notice.
 *
 * @example
 * ```ts
 * decodeUtf8(Buffer.from('套现')); // '套现'
 * decodeUtf8(Buffer.from([0xcc, 0xd7])); // undefined (GBK for 套)
 * ```
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}
