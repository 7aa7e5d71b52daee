import { describe, expect, it } from 'vitest';
import { backtest, createClassifier, loadRulePack } from '../src/index.js';
import { generateMerchant } from '../src/synth/generate.js';
import { generateSet } from '../src/synth/generateSet.js';
import { serializeCase } from '../src/synth/serialize.js';

const labelled = (seed: number, count: number) => [...generateSet({ seed, count })].map((c) => ({ label: c.label, ...c.caseFile }));

describe('the synthetic generator', () => {
  it('is deterministic: same seed, same bytes', () => {
    const a = [...generateSet({ seed: 42, count: 25 })].map(serializeCase).join('');
    const b = [...generateSet({ seed: 42, count: 25 })].map(serializeCase).join('');
    expect(a).toBe(b);
    expect([...generateSet({ seed: 43, count: 25 })].map(serializeCase).join('')).not.toBe(a);
  });

  it('labels near misses as clean and two-cause merchants with both causes', () => {
    const near = generateMerchant({ seed: 1, kind: 'restaurant', causes: ['terminal-relocation'], strength: 0.35 });
    expect(near.label).toMatchObject({ expected: null, acceptable: [] });
    const pair = generateMerchant({ seed: 1, kind: 'restaurant', causes: ['kyc-deficiency', 'settlement-irregularity'] });
    expect(pair.label).toMatchObject({ expected: 'kyc-deficiency', acceptable: ['settlement-irregularity'] });
  });

  it('writes valid case files', () => {
    const classifier = createClassifier();
    for (const c of labelled(7, 40)) expect(() => classifier.classifySync(c)).not.toThrow();
  });
});

describe('backtest', () => {
  it('computes accuracy, recall, clean rate, per-cause metrics and confusion from the labels', () => {
    const cases = labelled(8, 60);
    const report = backtest(cases, createClassifier());
    expect(report.total).toBe(60);
    const sumConfusion = Object.values(report.confusion)
      .flatMap((row) => Object.values(row))
      .reduce((a, b) => a + b, 0);
    expect(sumConfusion).toBe(60);
    expect(report.cleanRate + report.falsePositiveRate).toBeCloseTo(1, 6);
    const support = Object.values(report.perCause).reduce((a, m) => a + m.support, 0);
    expect(support).toBe(cases.filter((c) => c.label.expected !== null).length);
  });

  it('counts misses when the rules are wrong, and reports the worst with their evidence', () => {
    // A pack that calls every merchant with any sale a cash-out: healthy ones become false positives.
    const wrong = loadRulePack({
      name: 'wrong',
      version: '1.0.0',
      rules: [
        {
          name: 'everyone',
          conditions: { all: [{ fact: 'saleCount', operator: 'greaterThan', value: 0 }] },
          event: { type: 'credit-card-cash-out', params: { weight: 0.9 } },
        },
      ],
    });
    const cases = labelled(9, 40);
    const report = backtest(cases, createClassifier({ rulePack: wrong }), { worst: 3 });
    expect(report.cleanRate).toBeLessThan(0.2);
    expect(report.top1Accuracy).toBeLessThan(0.3);
    expect(report.perCause['credit-card-cash-out'].recall).toBeGreaterThan(0.5);
    expect(report.perCause['credit-card-cash-out'].precision).toBeLessThan(0.3);
    expect(report.misses).toHaveLength(3);
    expect(report.misses[0]?.causes[0]?.evidence[0]?.rule).toBe('everyone');
  });

  it('records inputs without a label or with an invalid case file as failed', () => {
    const [good] = labelled(10, 1);
    const report = backtest([good, { merchant: {} }, { label: { expected: null }, merchant: { id: 'x' } }], createClassifier());
    expect(report.total).toBe(1);
    expect(report.failed.map((f) => f.index)).toEqual([1, 2]);
    expect(report.failed[0]?.message).toBe('missing or invalid label');
  });
});

describe('backtest reports never echo a card number', () => {
  it('refuses a case whose label note holds a card number, without repeating it', async () => {
    const { backtest: run } = await import('../src/backtest/backtest.js');
    const { createClassifier: make } = await import('../src/index.js');
    const { readFileSync } = await import('node:fs');
    const fixture = JSON.parse(readFileSync(new URL('./fixtures/credit-card-cash-out-1-supermarket.json', import.meta.url), 'utf8'));
    const labelled = { ...fixture, label: { expected: 'dormant-account', acceptable: [], note: 'card 4111 1111 1111 1111 paid' } };
    const report = run([labelled], make(), { worst: 5 });
    expect(JSON.stringify(report)).not.toMatch(/4111/);
    expect(report.failed).toHaveLength(1);
    expect(report.misses).toEqual([]);
  });
});
