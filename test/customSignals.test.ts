import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import teamSignals from '../examples/custom-signals/team-signals.js';
import { type CustomSignal, CustomSignalError, createClassifier, lintRulePack, OptionsError, RulePackError } from '../src/index.js';
import { customFactSpecs } from '../src/signals/custom.js';
import { cli } from './support/cli.js';

const supermarket = JSON.parse(readFileSync('examples/cash-out-supermarket.json', 'utf8'));
const teamPack = JSON.parse(readFileSync('examples/custom-signals/team-pack.json', 'utf8'));

const signal = (overrides: Partial<CustomSignal> = {}): CustomSignal => ({
  name: 'teamScore',
  description: 'test score',
  unit: 'count',
  range: [0, 100],
  compute: (_caseFile, signals) => signals.saleCount % 7,
  ...overrides,
});
const packUsing = (fact: string, value: number | boolean) => ({
  name: 'p',
  version: '1.0.0',
  rules: [
    {
      name: 'team-rule',
      conditions: { all: [{ fact, operator: 'equal', value }] },
      event: { type: 'fictitious-transactions', params: { weight: 0.6 } },
    },
  ],
});

describe('custom signals', () => {
  it('are computed per merchant, reported after the built-in signals and usable as facts', async () => {
    const expected = JSON.parse(JSON.stringify(await createClassifier().classify(supermarket))).signals.saleCount % 7;
    for (const engine of ['compiled', 'json-rules-engine'] as const) {
      const classifier = createClassifier({ customSignals: [signal()], rulePack: packUsing('teamScore', expected), engine });
      const result = await classifier.classify(supermarket);
      expect(result.signals.teamScore).toBe(expected);
      expect(Object.keys(result.signals).at(-1)).toBe('teamScore');
      expect(result.causes[0]?.evidence[0]?.conditions).toEqual([
        { signal: 'teamScore', value: expected, operator: 'equal', threshold: expected },
      ]);
      expect(result.causes[0]?.toClear?.rules[0]?.changes[0]).toMatchObject({ signal: 'teamScore', operator: 'notEqual' });
    }
  });

  it('refuse names that clash with built-in signals or merchant attributes, and duplicates', () => {
    for (const [name, message] of [
      ['declineRate', /"declineRate" is a built-in signal/],
      ['mcc', /"mcc" is a merchant attribute fact/],
      ['Bad-name', /expected a name/],
    ] as const) {
      expect(() => createClassifier({ customSignals: [signal({ name })] })).toThrow(message);
    }
    expect(() => createClassifier({ customSignals: [signal(), signal()] })).toThrow(/"teamScore" is defined twice/);
    expect(() => createClassifier({ customSignals: [signal({ range: [5, 1] })] })).toThrow(OptionsError);
  });

  it('stop with a typed error naming the signal and the merchant when a value is not a finite number or boolean', () => {
    const bad: [CustomSignal, RegExp][] = [
      [signal({ compute: () => Number.NaN }), /customSignals.teamScore: returned NaN for merchant "M000500"; expected a finite number/],
      [signal({ compute: () => '3' as unknown as number }), /returned a string for merchant "M000500"/],
      [signal({ compute: () => 500 }), /returned 500 for merchant "M000500", outside its declared range \[0, 100\]/],
      [signal({ unit: 'boolean', range: undefined, compute: () => 1 }), /expected true or false/],
      [
        signal({
          compute: () => {
            throw new Error('boom 4111111111111111');
          },
        }),
        /threw for merchant "M000500": boom \[card number removed\]/,
      ],
    ];
    for (const [s, message] of bad) {
      const classifier = createClassifier({ customSignals: [s] });
      let caught: unknown;
      try {
        classifier.classifySync(supermarket);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(CustomSignalError);
      expect((caught as CustomSignalError).code).toBe('invalid_custom_signal');
      expect((caught as Error).message).toMatch(message);
      expect((caught as Error).message).not.toContain('4111111111111111');
    }
  });

  it('are required by classifySignals, and a pack naming an unknown one is refused', async () => {
    const classifier = createClassifier({ customSignals: [signal()] });
    const signals = (await classifier.classify(supermarket)).signals;
    await expect(classifier.classifySignals(signals)).resolves.toMatchObject({ signals: { teamScore: signals.teamScore } });
    const { teamScore: _dropped, ...without } = signals;
    await expect(classifier.classifySignals(without)).rejects.toThrow(/signals.teamScore/);
    expect(() => createClassifier({ rulePack: packUsing('teamScore', 1) })).toThrow(RulePackError);
  });

  it('give lint their ranges', () => {
    const pack = createClassifier({ customSignals: [signal()], rulePack: packUsing('teamScore', 1) }).rulePack;
    const outside = {
      ...packUsing('teamScore', 1),
      rules: [{ ...packUsing('teamScore', 1).rules[0], conditions: { all: [{ fact: 'teamScore', operator: 'in', value: [200, 300] }] } }],
    };
    const loaded = createClassifier({ customSignals: [signal()], rulePack: outside }).rulePack;
    const extraFacts = customFactSpecs([signal()]);
    expect(lintRulePack(pack, { extraFacts }).filter((f) => f.severity === 'error')).toEqual([]);
    expect(lintRulePack(loaded, { extraFacts }).map((f) => f.code)).toContain('list-out-of-range');
  });

  it('the documented example runs: its module and pack classify the example merchant', () => {
    const result = createClassifier({ customSignals: teamSignals, rulePack: teamPack }).classifySync(supermarket);
    expect(result.signals.onTeamWatchlist).toBe(true);
    expect(result.causes[0]?.evidence.map((e) => e.rule)).toContain('watchlist-sales-at-limit');
  });

  it('the CLI loads them from an ES module with --signals (classify, lint, backtest)', async () => {
    const args = ['--signals', 'examples/custom-signals/team-signals.js', '--rules', 'examples/custom-signals/team-pack.json'];
    const classified = await cli(['classify', 'examples/cash-out-supermarket.json', '--format', 'json', ...args]);
    expect(classified.stderr).toBe('');
    expect(JSON.parse(classified.stdout).signals.largestSaleVsLimit).toBeGreaterThan(0.95);
    const lint = await cli([
      'lint',
      'examples/custom-signals/team-pack.json',
      '--signals',
      'examples/custom-signals/team-signals.js',
      '--format',
      'json',
    ]);
    expect(lint.code).toBe(0);
    const withoutModule = await cli(['lint', 'examples/custom-signals/team-pack.json']);
    expect(withoutModule.code).toBe(2);
    expect(withoutModule.stderr).toMatch(/unknown signal "onTeamWatchlist"/);
  });

  it('the CLI refuses a module that does not export custom signals, or exports bad ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signals-'));
    writeFileSync(join(dir, 'none.mjs'), 'export const other = 1;\n');
    writeFileSync(join(dir, 'clash.mjs'), "export default [{ name: 'saleCount', description: 'x', unit: 'count', compute: () => 1 }];\n");
    const none = await cli(['classify', 'examples/cash-out-supermarket.json', '--signals', join(dir, 'none.mjs')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/must export an array of custom signals/);
    const clash = await cli(['classify', 'examples/cash-out-supermarket.json', '--signals', join(dir, 'clash.mjs')]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/customSignals\[0\].name: "saleCount" is a built-in signal/);
  });
});
