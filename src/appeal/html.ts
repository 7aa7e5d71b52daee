/** The appeal letter as one self-contained HTML page that prints on A4: no scripts, fonts or images to fetch. */
import { marked } from 'marked';
import type { Lang } from '../contract/result.js';

const STYLE = `
@page { size: A4; margin: 20mm 18mm; }
html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif; font-size: 11pt; color: #111; }
body { max-width: 174mm; margin: 0 auto; padding: 12mm 0; line-height: 1.55; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 8mm; }
h2 { font-size: 12.5pt; margin: 7mm 0 2mm; border-bottom: 0.4pt solid #999; padding-bottom: 1mm; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 9.5pt; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border: 0.4pt solid #888; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }
th { background: #f1f1f1; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 8.5pt; color: #555; }
p { margin: 1.5mm 0; }
@media screen { body { padding: 16mm; box-shadow: 0 0 4mm #ccc; margin: 8mm auto; } }
`;

/** Wraps the letter's Markdown as a printable page. The Markdown holds no raw HTML (values are escaped). */
export function appealHtml(markdown: string, lang: Lang, title: string): string {
  const body = marked.parse(markdown, { async: false, gfm: true, breaks: true }) as string;
  const safeTitle = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${safeTitle}</title>
<style>${STYLE}</style>
</head>
<body>
${body}</body>
</html>
`;
}
