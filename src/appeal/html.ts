/**
 * A {@link Letter} as one self-contained HTML page that prints on A4: built from the letter's own
 * structure (no Markdown parser sees a value), every string escaped; no scripts, links, images or
 * fonts to fetch.
 */
import type { Lang } from '../contract/result.js';
import type { Block, Letter } from './letter.js';
import { escapeHtml as h } from './safeText.js';

const STYLE = `
@page { size: A4; margin: 20mm 18mm; }
html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif; font-size: 11pt; color: #111; }
body { max-width: 174mm; margin: 0 auto; padding: 12mm 0; line-height: 1.6; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 8mm; letter-spacing: 0.05em; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 9pt; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border: 0.4pt solid #888; padding: 1mm 1.4mm; text-align: left; vertical-align: top; }
th { background: #f1f1f1; }
p { margin: 1.5mm 0; text-align: justify; }
.fields p { margin: 0.6mm 0; }
.label { font-weight: bold; }
ol, ul { margin: 1mm 0; padding-left: 7mm; }
.closing p:first-child { text-indent: 2em; }
.signature { margin: 10mm 0 0 auto; width: 95mm; }
.signature p { margin: 2.5mm 0; }
.seal { color: #666; font-size: 9.5pt; }
@media screen { body { padding: 16mm; box-shadow: 0 0 4mm #ccc; margin: 8mm auto; } }
`;

/**
 * Renders a letter as a printable page.
 *
 * @example
 * ```ts
 * const page = letterHtml(letter, 'Draft application — Fresh Mart');
 * ```
 */
export function letterHtml(letter: Letter, pageTitle: string): string {
  const body = [`<h1>${h(letter.title)}</h1>`, ...letter.blocks.map((block) => blockHtml(block, letter.colon))].join('\n');
  return `<!doctype html>
<html lang="${langAttribute(letter.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(pageTitle)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function langAttribute(lang: Lang): string {
  return lang === 'zh-CN' ? 'zh-CN' : 'en';
}

function blockHtml(block: Block, colon: string): string {
  switch (block.type) {
    case 'fields':
      return `<div class="fields">\n${block.rows.map(([label, value]) => `<p><span class="label">${h(label)}${h(colon.trim())}</span>${colon.endsWith(' ') ? ' ' : ''}${h(value)}</p>`).join('\n')}\n</div>`;
    case 'heading':
      return `<h2>${h(block.text)}</h2>`;
    case 'paragraph':
      return `<p>${h(block.text)}</p>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>\n${block.items.map((item) => `<li>${h(item)}</li>`).join('\n')}\n</${tag}>`;
    }
    case 'table': {
      const head = `<tr>${block.head.map((c) => `<th>${h(c)}</th>`).join('')}</tr>`;
      const rows = block.rows.map((cells) => `<tr>${cells.map((c) => `<td>${h(c)}</td>`).join('')}</tr>`);
      return `<table>\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
    }
    case 'closing':
      return `<div class="closing">\n${block.lines.map((line) => `<p>${h(line)}</p>`).join('\n')}\n</div>`;
    case 'signature':
      return `<div class="signature">\n${block.rows.map(([label, value]) => `<p>${h(label)}${colon}${h(value)}</p>`).join('\n')}\n<p class="seal">${h(block.note)}</p>\n</div>`;
  }
}
