import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analystReport, createClassifier, SIGNAL_NAMES } from '../src/index.js';
import { findChromium, renderInChromium } from './support/chromium.js';

const example = (name: string) => JSON.parse(readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8'));

async function report(raw: unknown, lang: 'en' | 'zh-CN') {
  const classification = await createClassifier({ lang }).classifyDetailed(raw);
  return { html: analystReport(classification), result: classification.result };
}

describe('the analyst report', () => {
  it('is one self-contained page with the charts, the causes in words and no signal codes', async () => {
    const { html, result } = await report(example('relocated-terminal-apparel.json'), 'zh-CN');
    expect(html).not.toMatch(/<(script|link|img|iframe)\b|\bsrc=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html.match(/<svg /g)?.length).toBe(4); // sales, declines, heatmap, distance (this merchant has locations)
    expect(html).toContain('每日交易失败率');
    expect(html).toContain(result.causes[0]?.title as string);
    expect(html).toMatch(/距登记经营地址的最远距离 [\d.]+ 公里（规则：不低于/);
    const text = html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ');
    for (const name of SIGNAL_NAMES) expect(text).not.toContain(` ${name} `);
  });

  it('leaves the distance chart out when no transaction has a location and gives the same bytes twice', async () => {
    const raw = example('cash-out-supermarket.json');
    for (const tx of raw.transactions) delete tx.location;
    const first = (await report(raw, 'en')).html;
    expect(first.match(/<svg /g)?.length).toBe(3);
    expect((await report(raw, 'en')).html).toBe(first);
  });

  it('escapes markup and masks card numbers in merchant text', async () => {
    const raw = example('cash-out-supermarket.json');
    raw.merchant.name = '<img src=x onerror=alert(1)> & Co';
    const { html } = await report(raw, 'en');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; Co');
    expect(html).not.toContain('<img');
  });

  it('draws a warned signal with its weekly series, threshold and projection', async () => {
    const days = 56;
    const transactions = [];
    let seed = 11;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let d = 0; d < days; d++) {
      const date = new Date(Date.UTC(2026, 8, 1 + d)).toISOString().slice(0, 10);
      for (let k = 0; k < 40; k++) {
        const declined = rnd() < 0.02 + (0.2 * d) / days;
        transactions.push({
          id: `T${d}-${k}`,
          at: `${date}T${String(10 + (k % 10)).padStart(2, '0')}:${String(k).padStart(2, '0')}:00+08:00`,
          amount: 5_000 + Math.floor(rnd() * 10_000),
          status: declined ? 'declined' : 'approved',
          responseCode: declined ? '51' : '00',
          card: { token: `c${Math.floor(rnd() * 3000)}`, kind: 'debit' },
        });
      }
    }
    const { html } = await report({ merchant: { id: 'EW', mcc: '5812' }, transactions }, 'en');
    expect(html).toContain('High transaction failure rate · decline-rate-high');
    expect(html).toContain('stroke-dasharray="6 4"'); // the projection
    expect(html).toMatch(/projected crossing: 2026-1\d-\d\d/);
  });

  const chromium = findChromium('report browser test');
  it.skipIf(!chromium)('renders in a real Chromium', async () => {
    const { html } = await report(example('relocated-terminal-apparel.json'), 'zh-CN');
    const { dom, pngBytes } = renderInChromium(chromium as string, html, { height: 2600 });
    expect(dom).toContain('商户风险分析报告');
    expect(dom.match(/<svg /g)?.length).toBe(4);
    expect(pngBytes).toBeGreaterThan(30_000);
  });
});

describe('signal names for people', () => {
  it('names every signal of the catalog in both languages', async () => {
    const en = (await import('../src/advice/data/signal-names.en.json')).default as Record<string, string>;
    const zh = (await import('../src/advice/data/signal-names.zh-CN.json')).default as Record<string, string>;
    expect(SIGNAL_NAMES.filter((s) => !en[s] || !zh[s])).toEqual([]);
    expect(Object.keys(en).filter((s) => !(SIGNAL_NAMES as readonly string[]).includes(s))).toEqual([]);
  });
});

describe('the report shows what the acquirer said', () => {
  it('lists the conflict between the notice and the transactions, and the measures with who can lift them', async () => {
    const raw = example('cash-out-supermarket.json');
    raw.merchant.suspension = { note: '因贵商户长期未交易，已暂停收单服务', measures: ['funds-frozen'] };
    const { html, result } = await report(raw, 'zh-CN');
    expect(result.conflicts.length).toBeGreaterThan(0);
    expect(html).toContain('通知与交易数据不一致');
    expect(html).toContain('收单机构已采取的措施');
    expect(html).toContain(result.measures[0]?.title as string);
  });
});
