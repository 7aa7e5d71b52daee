/** A {@link Letter} as Markdown (GFM): the structure's own markup, every value escaped. */
import { maskPans } from '../text/cardNumber.js';
import type { Block, Letter } from './letter.js';
import { escapeMarkdown as md } from './safeText.js';

/**
 * Renders a letter as Markdown. Lines within a block end with a backslash (a hard line break); the
 * result is screened for card numbers once more as a whole.
 *
 * @example
 * ```ts
 * letterMarkdown({ lang: 'en', title: 'Appeal', colon: ': ', blocks: [{ type: 'paragraph', text: 'Hello' }] });
 * // '# Appeal\n\nHello\n'
 * ```
 */
export function letterMarkdown(letter: Letter): string {
  const parts = [`# ${md(letter.title)}`, ...letter.blocks.map((block) => blockMarkdown(block, letter.colon))];
  return maskPans(`${parts.join('\n\n')}\n`);
}

function lines(rows: readonly string[]): string {
  return rows.join('\\\n');
}

function blockMarkdown(block: Block, colon: string): string {
  switch (block.type) {
    case 'fields':
      return lines(block.rows.map(([label, value]) => `**${md(label)}${md(colon.trim())}** ${md(value)}`));
    case 'heading':
      return `## ${md(block.text)}`;
    case 'paragraph':
      return md(block.text);
    case 'list':
      return block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${md(item)}`).join('\n');
    case 'table': {
      const row = (cells: readonly string[]) => `| ${cells.map((c) => md(c) || ' ').join(' | ')} |`;
      return [row(block.head), `|${block.head.map(() => '---').join('|')}|`, ...block.rows.map(row)].join('\n');
    }
    case 'closing':
      return lines(block.lines.map(md));
    case 'signature':
      return lines([...block.rows.map(([label, value]) => `${md(label)}${colon}${md(value)}`), md(block.note)]);
  }
}
