import { readdirSync, readFileSync } from 'node:fs';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { createClassifier, draftAppeal, OptionsError } from '../src/index.js';
import { containsPan } from '../src/text/cardNumber.js';

const dir = new URL('./fixtures/', import.meta.url);
const fixtureFor = (cause: string) => {
  const file = readdirSync(dir).find((f) => f.startsWith(`${cause}-1-`)) as string;
  return JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
};
const base = fixtureFor('credit-card-cash-out');
const classifier = createClassifier({ lang: 'zh-CN' });
const named = async (name: string) => classifier.classifyDetailed({ ...base, merchant: { ...base.merchant, name } });

/** The text a reader sees in an HTML page: tags dropped, entities decoded. */
const textOf = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
/** The Markdown as a GFM renderer (marked) turns it into HTML. */
const rendered = (markdown: string) => marked.parse(markdown, { async: false, gfm: true }) as string;
const count = (html: string, tag: string) => (html.match(new RegExp(`<${tag}[\\s>]`, 'g')) ?? []).length;

const HOSTILE = [
  '[click here](https://evil.example/x)',
  '![logo](https://evil.example/a.png)',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '# Heading',
  '**bold** _em_ ~~gone~~ `code`',
  '| a | b |',
  'www.evil.example and https://evil.example and mail@evil.example',
  '[x](javascript:alert(1)) [y](data:text/html;base64,PHNjcmlwdD4=)',
  '<https://evil.example>',
  'line one\n\n# injected heading\n\n- injected item',
  '---',
  '1. numbered',
];

describe('values in the letter cannot add markup', () => {
  it('renders a hostile merchant name, statement, addressee, signatory, contact and measures as text in Markdown and HTML', async () => {
    const benign = draftAppeal(await named('Fresh Mart'), { merchantStatement: 'ok', rectifications: ['ok'], stance: 'rectified' });
    const benignMd = rendered(benign.markdown);
    for (const hostile of HOSTILE) {
      const draft = draftAppeal(await named(hostile), {
        stance: 'rectified',
        merchantStatement: hostile,
        rectifications: [hostile],
        addressee: hostile,
        signatory: hostile,
        contact: hostile,
      });
      for (const html of [rendered(draft.markdown), draft.html]) {
        expect(html, hostile).not.toMatch(/<(a|img|script|code|em|del|hr|iframe|input)[\s>]/);
        expect(html, hostile).not.toMatch(/<[^>]*\b(href|src|on\w+)=/);
      }
      const md = rendered(draft.markdown);
      for (const tag of ['h1', 'h2', 'h3', 'strong', 'table', 'li', 'tr'])
        expect(count(md, tag), `${hostile} ${tag}`).toBe(count(benignMd, tag));
      expect(count(draft.html, 'h2')).toBe(count(benign.html, 'h2'));
      expect(count(draft.html, 'li')).toBe(count(benign.html, 'li'));
    }
  });

  it('keeps the HTML page self-contained: no script, link, image, external URL or data: URL', async () => {
    const draft = draftAppeal(await named('![x](https://evil.example/a.png)'));
    expect(draft.html).not.toMatch(/<(script|link|img|iframe|object)\b|url\(|@import|<[^>]*(href|src)=/);
    expect(draft.html).not.toMatch(/<[^>]*(https?|data|javascript):/);
  });
});

describe('card numbers never reach the rendered letter', () => {
  const pan = '4111111111111111';
  const cases = [
    ['split over lines', '4111\n1111\n1111\n1111'],
    ['split over CRLF and tabs', '4111\r\n1111\t1111\r\n1111'],
    ['backslash-escaped dashes', '4111\\-1111\\-1111\\-1111'],
    ['written plainly', `Shop ${pan}`],
    ['with zero-width joins', '4111\u200b1111\u200b1111\u200b1111'],
  ] as const;
  for (const [what, value] of cases) {
    it(`masks a card number ${what} in the merchant name and in every caller text`, async () => {
      // The case file refuses a card number in the name where its own screen sees one; the letter must hold either way.
      const classification = await named(value).catch(() => named('Shop'));
      const draft = draftAppeal(classification, {
        merchantStatement: value,
        rectifications: [value],
        addressee: value,
        signatory: value,
        contact: value,
        stance: 'rectified',
      });
      expect(containsPan(draft.markdown), 'markdown').toBe(false);
      expect(containsPan(textOf(rendered(draft.markdown))), 'markdown as rendered').toBe(false);
      expect(containsPan(textOf(draft.html)), 'html text').toBe(false);
      for (const text of [textOf(draft.html), textOf(rendered(draft.markdown))]) {
        expect(text).not.toContain('4111-1111-1111-1111');
        expect(text).not.toContain('4111 1111 1111 1111');
        expect(text).not.toContain(pan);
      }
    });
  }
});

describe('the options of draftAppeal', () => {
  it('refuses a language that is an Object.prototype key with an OptionsError, not a TypeError', async () => {
    const c = await named('Shop');
    expect(() => draftAppeal(c, { lang: 'constructor' as never })).toThrow(OptionsError);
  });

  it('lists every problem at once, refuses unknown keys and never echoes a value', async () => {
    const c = await named('Shop');
    let error: unknown;
    try {
      draftAppeal(c, {
        lang: 'fr',
        stance: 'sorry',
        maxTransactions: -1,
        rectifications: 'stop',
        date: '2026-02-30',
        signatory: 7,
        '4111111111111111': true,
      } as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OptionsError);
    const problems = (error as OptionsError).problems;
    expect(problems.map((p) => p.path).sort()).toEqual(
      ['[card number removed]', 'date', 'lang', 'maxTransactions', 'rectifications', 'signatory', 'stance'].sort(),
    );
    expect((error as Error).message).not.toContain('4111111111111111');
    expect((error as Error).message).not.toContain('sorry');
  });

  it('refuses a stance a status cause does not take', async () => {
    const c = await createClassifier().classifyDetailed(fixtureFor('contract-ended'));
    expect(() => draftAppeal(c, { stance: 'dispute' })).toThrow(/contract-ended takes only: explain/);
  });

  it('refuses rectifications that are not strings and text over the limits', async () => {
    const c = await named('Shop');
    expect(() => draftAppeal(c, { rectifications: ['ok', 3 as never] })).toThrow(/rectifications\[1\]/);
    expect(() => draftAppeal(c, { contact: 'x'.repeat(201) })).toThrow(/contact/);
  });
});
