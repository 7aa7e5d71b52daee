import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  adviceFor,
  CAUSE_IDS,
  classify,
  createClassifier,
  defaultRulePack,
  LANGS,
  OptionsError,
  type Result,
  ResultSchema,
} from '../src/index.js';
import type { Label } from './support/factories.js';

interface Fixture {
  label: Label;
  merchant: Record<string, unknown>;
  transactions: unknown[];
  events: unknown[];
}

const dir = new URL('./fixtures/', import.meta.url);
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, json: JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Fixture }));

const classifier = createClassifier();
const reference = createClassifier({ engine: 'json-rules-engine' });

describe('fixture merchants are ranked as their labels say', () => {
  it('has at least three fixtures per cause and five healthy ones', () => {
    for (const cause of CAUSE_IDS) {
      expect(
        fixtures.filter((f) => f.json.label.expected === cause && f.json.label.acceptable.length === 0).length,
        cause,
      ).toBeGreaterThanOrEqual(3);
    }
    expect(fixtures.filter((f) => f.file.startsWith('healthy-')).length).toBeGreaterThanOrEqual(5);
  });

  for (const { file, json } of fixtures) {
    const { expected, acceptable } = json.label;
    const title =
      expected === null
        ? `${file}: no cause`
        : acceptable.length === 0
          ? `${file}: top cause ${expected}`
          : `${file}: ${[expected, ...acceptable].join(' and ')} both in the top 3`;
    it(title, async () => {
      const result = await classifier.classify(json);
      const ids = result.causes.map((c) => c.id);
      if (expected === null) expect(ids).toEqual([]);
      else if (acceptable.length === 0) expect(ids[0]).toBe(expected);
      else {
        expect([expected, ...acceptable]).toContain(ids[0]);
        for (const id of [expected, ...acceptable]) expect(ids.slice(0, 3)).toContain(id);
      }
      expect(ResultSchema.parse(result)).toEqual(result);
    });
  }
});

describe('results', () => {
  const cashOut = fixtures.find((f) => f.file.startsWith('credit-card-cash-out-1'))?.json;

  it('reports evidence values equal to the computed signals, with operator and threshold', async () => {
    const result = await classifier.classify(cashOut);
    const top = result.causes[0];
    expect(top?.evidence.length).toBeGreaterThan(0);
    for (const evidence of top?.evidence ?? []) {
      const rule = defaultRulePack.rules.find((r) => r.name === evidence.rule);
      expect(rule?.event.type).toBe(top?.id);
      for (const c of evidence.conditions) {
        expect(c.value).toBe(result.signals[c.signal]);
        expect(['number', 'boolean']).toContain(typeof c.threshold); // flags such as mccWholesale = false are thresholds too
      }
    }
  });

  it('ranks by score, then category severity, then id, and scores by noisy-OR of the fired weights', async () => {
    for (const { json } of fixtures) {
      const { causes } = await classifier.classify(json);
      causes.forEach((cause, i) => {
        expect(cause.rank).toBe(i + 1);
        const expected = 1 - cause.evidence.reduce((miss, e) => miss * (1 - e.weight), 1);
        expect(cause.score).toBeCloseTo(expected, 4);
        if (i > 0) expect(cause.score).toBeLessThanOrEqual(causes[i - 1]?.score ?? 1);
      });
    }
  });

  it('gives byte-identical output across runs, shuffled transactions and rule order', async () => {
    const first = JSON.stringify(await classifier.classify(cashOut));
    expect(JSON.stringify(await classifier.classify(cashOut))).toBe(first);
    const shuffled = structuredClone(cashOut) as Fixture;
    shuffled.transactions.reverse();
    shuffled.transactions.push(shuffled.transactions.shift());
    shuffled.events.reverse();
    expect(JSON.stringify(await classifier.classify(shuffled))).toBe(first);
    const reversedPack = { ...defaultRulePack, rules: [...defaultRulePack.rules].reverse() };
    expect(JSON.stringify(await createClassifier({ rulePack: reversedPack }).classify(cashOut))).toBe(first);
  });

  it('gives the same result with the json-rules-engine reference engine on every fixture', async () => {
    for (const { json } of fixtures) {
      expect(await reference.classify(json)).toEqual(classifier.classifySync(json));
    }
  });

  it('takes the stated reason code as evidence with the code that stated it', async () => {
    const healthy = fixtures.find((f) => f.file === 'healthy-supermarket.json')?.json as Fixture;
    const hinted = { ...healthy, merchant: { ...healthy.merchant, suspension: { reasonCode: '套现' } } };
    const result = await classifier.classify(hinted);
    expect(result.causes.map((c) => [c.id, c.confidence, c.evidence])).toEqual([
      ['credit-card-cash-out', 'high', [{ rule: 'stated-reason', weight: 0.75, conditions: [], phrase: '套现', source: 'reasonCode' }]],
    ]);
  });

  it('has 18 causes in the catalog', () => {
    expect(CAUSE_IDS).toHaveLength(18);
    expect(new Set(CAUSE_IDS).size).toBe(18);
  });

  it('differs between languages only in text', async () => {
    const en = await classifier.classify(cashOut, { lang: 'en' });
    const zh = await classifier.classify(cashOut, { lang: 'zh-CN' });
    const strip = (r: Result) => ({
      ...r,
      lang: '',
      causes: r.causes.map((c) => ({
        ...c,
        title: '',
        summary: '',
        remediation: [],
        appealMaterials: [],
        prevention: [],
        alternatives: [],
      })),
    });
    expect(strip(zh)).toEqual(strip(en));
    expect(zh.causes[0]?.title).toBe('信用卡套现');
  });

  it('honours minScore and refuses bad options', async () => {
    const strict = createClassifier({ options: { minScore: 0.999 } }); // above the cash-out fixture's score (0.99 with the card-level rules)
    expect((await strict.classify(cashOut)).causes).toEqual([]);
    expect(() => createClassifier({ options: { minScore: 2 } })).toThrow(OptionsError);
    expect(() => createClassifier({ lang: 'fr' as never })).toThrow(OptionsError);
    expect(() => createClassifier({ engine: 'drools' as never })).toThrow(OptionsError);
  });

  it('classifies precomputed signals and refuses incomplete ones', async () => {
    const full = await classifier.classify(cashOut);
    const fromSignals = await classifier.classifySignals(full.signals);
    expect(fromSignals.causes.map((c) => c.id)).toEqual(
      full.causes.filter((c) => c.evidence.some((e) => e.rule !== 'stated-reason')).map((c) => c.id),
    );
    await expect(classifier.classifySignals({ saleCount: 1 })).rejects.toThrow(OptionsError);
  });

  it('is immutable and safe under 100 concurrent classifications', async () => {
    expect(Object.isFrozen(classifier)).toBe(true);
    const inputs = fixtures.slice(0, 10).map((f) => f.json);
    const sequential = inputs.map((json) => JSON.stringify(classifier.classifySync(json)));
    const concurrent = await Promise.all(Array.from({ length: 100 }, (_, i) => reference.classify(inputs[i % 10])));
    concurrent.forEach((result, i) => {
      expect(JSON.stringify(result)).toBe(sequential[i % 10]);
    });
  });

  it('offers a one-shot classify', async () => {
    const result = await classify(cashOut, { lang: 'zh-CN' });
    expect(result.causes[0]?.id).toBe('credit-card-cash-out');
  });
});

describe('advice catalog', () => {
  it('has every kind of advice for every cause in both languages', () => {
    for (const lang of LANGS) {
      for (const cause of CAUSE_IDS) {
        const advice = adviceFor(cause, lang);
        expect(advice.title.length, `${lang} ${cause} title`).toBeGreaterThan(1);
        expect(advice.summary.length, `${lang} ${cause} summary`).toBeGreaterThan(20);
        for (const kind of ['remediation', 'appealMaterials', 'prevention', 'alternatives'] as const) {
          expect(advice[kind].length, `${lang} ${cause} ${kind}`).toBeGreaterThanOrEqual(2);
          for (const line of advice[kind]) expect(line.trim().length).toBeGreaterThan(3);
        }
      }
    }
  });

  it('starts remediation by confirming with the acquirer and includes an appeal step', () => {
    for (const cause of CAUSE_IDS) {
      const en = adviceFor(cause, 'en');
      expect(en.remediation[0]).toMatch(/confirm/);
      expect(en.remediation.some((line) => /appeal/.test(line))).toBe(true);
      expect(adviceFor(cause, 'zh-CN').remediation.some((line) => line.includes('申诉'))).toBe(true);
    }
  });
});
