/**
 * A letter as plain data: a title and blocks of plain text. The Markdown and HTML renderers build
 * their output from this structure and escape every string, so nothing in a value is read as markup.
 */
import type { Lang } from '../contract/result.js';

/** One labelled line: `商户编号：M000500`. */
export type Field = readonly [label: string, value: string];

/** A block of the letter; every string is plain text. */
export type Block =
  | { readonly type: 'fields'; readonly rows: readonly Field[] }
  | { readonly type: 'heading'; readonly text: string }
  | { readonly type: 'paragraph'; readonly text: string }
  | { readonly type: 'list'; readonly ordered: boolean; readonly items: readonly string[] }
  | { readonly type: 'table'; readonly head: readonly string[]; readonly rows: readonly (readonly string[])[] }
  | { readonly type: 'closing'; readonly lines: readonly string[] }
  | { readonly type: 'signature'; readonly rows: readonly Field[]; readonly note: string };

/** The whole letter. */
export interface Letter {
  readonly lang: Lang;
  readonly title: string;
  /** What separates a field's label from its value (`：` or `: `). */
  readonly colon: string;
  readonly blocks: readonly Block[];
}
