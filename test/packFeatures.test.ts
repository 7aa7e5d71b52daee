import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createClassifier, OptionsError } from '../src/index.js';
import { lintRulePack } from '../src/rules/lint.js';
import { loadRulePack } from '../src/rules/loadRulePack.js';

const supermarket = JSON.parse(readFileSync('examples/cash-out-supermarket.json', 'utf8'));
const weight = (w: number) => ({ params: { weight: w } });

/** A pack that flags a sector under rectification by MCC list, with named and shared conditions. */
const sectorPack = {
  name: 'sectors',
  version: '1.0.0',
  conditions: {
    'in-rectified-sector': { all: [{ fact: 'mcc', operator: 'in', value: ['5411', '7995'], name: 'sector under rectification' }] },
  },
  rules: [
    {
      name: 'rectified-sector-selling',
      conditions: { all: [{ condition: 'in-rectified-sector' }, { fact: 'saleCount', operator: 'greaterThan', value: 0 }] },
      event: { type: 'policy-rectification', ...weight(0.6) },
    },
    {
      name: 'more-declines-than-a-tenth',
      conditions: {
        all: [{ fact: 'saleCount', operator: 'greaterThan', value: { fact: 'declineCount' }, name: 'sales outnumber declines' }],
      },
      event: { type: 'high-failure-rate', ...weight(0.5) },
    },
  ],
};

describe('merchant attributes, names and fact-to-fact values in results', () => {
  it("reads mcc from the case file's merchant and shows the condition's name and the other fact in evidence", async () => {
    for (const engine of ['compiled', 'json-rules-engine'] as const) {
      const result = await createClassifier({ rulePack: sectorPack, engine }).classify(supermarket);
      const policy = result.causes.find((c) => c.id === 'policy-rectification');
      expect(policy?.evidence[0]?.conditions).toEqual([
        { signal: 'mcc', value: '5411', operator: 'in', threshold: ['5411', '7995'], name: 'sector under rectification' },
        { signal: 'saleCount', value: result.signals.saleCount, operator: 'greaterThan', threshold: 0 },
      ]);
      // Only the MCC can't be changed by the merchant; the sale count can.
      expect(policy?.toClear?.rules[0]?.changes).toEqual([
        { signal: 'saleCount', value: result.signals.saleCount, operator: 'lessThanInclusive', threshold: 0, example: 0 },
      ]);
      const failure = result.causes.find((c) => c.id === 'high-failure-rate');
      expect(failure?.evidence[0]?.conditions[0]).toEqual({
        signal: 'saleCount',
        value: result.signals.saleCount,
        operator: 'greaterThan',
        threshold: result.signals.declineCount,
        thresholdFact: 'declineCount',
        name: 'sales outnumber declines',
      });
      expect(failure?.toClear?.rules[0]?.changes[0]).toMatchObject({ operator: 'lessThanInclusive', thresholdFact: 'declineCount' });
      expect(Object.keys(result.signals)).not.toContain('mcc');
    }
  });

  it('says a rule cannot be cleared by signals when only merchant attributes decide it', async () => {
    const pack = {
      name: 'p',
      version: '1.0.0',
      rules: [
        {
          name: 'sector',
          conditions: { any: [{ fact: 'mcc', operator: 'equal', value: '5411' }] },
          event: { type: 'policy-rectification', ...weight(0.6) },
        },
      ],
    };
    const result = await createClassifier({ rulePack: pack }).classify(supermarket);
    expect(result.causes[0]?.toClear?.rules).toEqual([
      { rule: 'sector', changes: [], cannot: 'merchant attributes decide it (mcc); no change of signals stops it' },
    ]);
  });

  it('classifySignals takes merchant attributes as an option, and asks for mcc when the pack needs it', async () => {
    const classifier = createClassifier({ rulePack: sectorPack });
    const signals = (await classifier.classify(supermarket)).signals;
    const withMcc = await classifier.classifySignals(signals, { merchant: { mcc: '5411' } });
    expect(withMcc.causes.map((c) => c.id)).toContain('policy-rectification');
    const other = await classifier.classifySignals(signals, { merchant: { mcc: '5812' } });
    expect(other.causes.map((c) => c.id)).not.toContain('policy-rectification');
    await expect(classifier.classifySignals(signals)).rejects.toThrow(/merchant.mcc: the rule pack compares mcc/);
    await expect(classifier.classifySignals(signals, { merchant: { mcc: '54' } })).rejects.toBeInstanceOf(OptionsError);
  });

  it('merchantKind and contractStatus read "unknown" when the case file leaves them out', async () => {
    const pack = {
      name: 'p',
      version: '1.0.0',
      rules: [
        {
          name: 'unknown-kind',
          conditions: {
            all: [
              { fact: 'merchantKind', operator: 'equal', value: 'unknown' },
              { fact: 'currency', operator: 'equal', value: 'CNY' },
            ],
          },
          event: { type: 'kyc-deficiency', ...weight(0.5) },
        },
      ],
    };
    const result = await createClassifier({ rulePack: pack }).classify(supermarket);
    expect(result.causes.map((c) => c.id)).toContain('kyc-deficiency');
    const company = await createClassifier({ rulePack: pack }).classify({
      ...supermarket,
      merchant: { ...supermarket.merchant, kind: 'company' },
    });
    expect(company.causes.map((c) => c.id)).not.toContain('kyc-deficiency');
  });
});

describe('lint knows the new features', () => {
  const base = (rules: unknown[], conditions?: unknown) =>
    loadRulePack({ name: 'p', version: '1.0.0', ...(conditions ? { conditions } : {}), rules });
  const r = (name: string, conditions: unknown) => ({ name, conditions, event: { type: 'high-failure-rate', ...weight(0.5) } });
  const codes = (pack: ReturnType<typeof base>) =>
    lintRulePack(pack)
      .filter((f) => f.code !== 'cause-without-rule')
      .map((f) => [f.severity, f.code, f.rule ?? null]);

  it('finds a shared condition never used', () => {
    expect(
      codes(
        base([r('a', { all: [{ fact: 'declineRate', operator: 'greaterThan', value: 0.3 }] })], {
          spare: { all: [{ fact: 'saleCount', operator: 'greaterThan', value: 1 }] },
        }),
      ),
    ).toEqual([['warning', 'unused-shared-condition', null]]);
  });

  it('finds an in list that can never match the fact range, and one with some impossible values', () => {
    expect(codes(base([r('a', { all: [{ fact: 'declineRate', operator: 'in', value: [2, 3] }] })]))).toEqual([
      ['error', 'list-out-of-range', 'a'],
      ['error', 'never-fires', 'a'],
    ]);
    expect(codes(base([r('a', { all: [{ fact: 'merchantKind', operator: 'in', value: ['company', 'shop'] }] })]))).toEqual([
      ['warning', 'list-out-of-range', 'a'],
    ]);
    expect(codes(base([r('a', { all: [{ fact: 'mcc', operator: 'in', value: ['54111'] }] })]))).toEqual([
      ['error', 'list-out-of-range', 'a'],
      ['error', 'never-fires', 'a'],
    ]);
  });

  it('finds fact-to-fact comparisons of different units, and decides satisfiability across facts', () => {
    expect(codes(base([r('a', { all: [{ fact: 'saleCount', operator: 'greaterThan', value: { fact: 'declineRate' } }] })]))).toEqual([
      ['warning', 'unit-mismatch', 'a'],
    ]);
    // a > b and b > a can never both hold.
    expect(
      codes(
        base([
          r('a', {
            all: [
              { fact: 'saleCount', operator: 'greaterThan', value: { fact: 'declineCount' } },
              { fact: 'declineCount', operator: 'greaterThan', value: { fact: 'saleCount' } },
            ],
          }),
        ]),
      ),
    ).toEqual([['error', 'never-fires', 'a']]);
    // a ≥ b or b ≥ a always holds.
    expect(
      codes(
        base([
          r('a', {
            any: [
              { fact: 'saleCount', operator: 'greaterThanInclusive', value: { fact: 'declineCount' } },
              { fact: 'declineCount', operator: 'greaterThanInclusive', value: { fact: 'saleCount' } },
            ],
          }),
        ]),
      ),
    ).toEqual([['warning', 'always-fires', 'a']]);
  });
});

describe('rules/README.md', () => {
  it('every JSON example loads: whole packs as they are, rules and leaves inside a pack', () => {
    const blocks = [...readFileSync('rules/README.md', 'utf8').matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    const extraFacts = { onTeamWatchlist: { unit: 'boolean' } };
    for (const block of blocks) {
      const items = block.trim().startsWith('{ "fact"')
        ? block
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line))
        : [JSON.parse(block)];
      for (const item of items) {
        const json =
          'rules' in item
            ? item
            : 'conditions' in item
              ? { name: 'doc', version: '1.0.0', rules: [item] }
              : {
                  name: 'doc',
                  version: '1.0.0',
                  rules: [{ name: 'doc', conditions: { all: [item] }, event: { type: 'policy-rectification', params: { weight: 0.5 } } }],
                };
        expect(() => loadRulePack(json, { extraFacts }), block).not.toThrow();
      }
    }
  });
});
