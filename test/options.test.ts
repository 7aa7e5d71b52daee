import { describe, expect, it } from 'vitest';
import defaultPack from '../rules/default.json';
import {
  type ClassifierConfig,
  createClassifier,
  DEFAULT_LIMITS,
  DEFAULT_SIGNAL_OPTIONS,
  earlyWarning,
  loadRulePack,
  OptionsError,
  type Problem,
} from '../src/index.js';
import { caseFile, sale } from './support/factories.js';

/** The problems of the OptionsError `fn` throws (fails the test when it throws anything else or nothing). */
function problemsOf(fn: () => unknown): readonly Problem[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(OptionsError);
    return (error as OptionsError).problems;
  }
  throw new Error('expected an OptionsError, got none');
}

const create = (config: unknown) => () => createClassifier(config as ClassifierConfig);

describe('createClassifier refuses bad options, listing each one', () => {
  it('refuses a NaN limit instead of switching the limit off', () => {
    expect(problemsOf(create({ limits: { maxTransactions: Number.NaN } }))).toEqual([
      { path: 'limits.maxTransactions', message: 'expected a whole number from 1 to 100,000,000' },
    ]);
  });

  it('refuses an infinite maxDepth, so a deep file cannot overflow the stack', () => {
    expect(problemsOf(create({ limits: { maxDepth: Number.POSITIVE_INFINITY } }))).toEqual([
      { path: 'limits.maxDepth', message: 'expected a whole number from 1 to 100' },
    ]);
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = [deep];
    // With the default depth the same file is a CaseFileError, not a RangeError.
    expect(() => createClassifier().classifySync({ ...caseFile([sale()]), extra: deep })).toThrow(/nested deeper than 16/);
  });

  it('refuses roundLimits that are not a list of amounts instead of throwing TypeError on every call', () => {
    expect(problemsOf(create({ options: { roundLimits: 0 } }))).toEqual([
      { path: 'options.roundLimits', message: 'expected a list of amounts in minor units' },
    ]);
    expect(problemsOf(create({ options: { roundLimits: [1_000_000, -5, 2.5] } }))).toEqual([
      { path: 'options.roundLimits[1]', message: 'expected a whole number from 1 to 10,000,000,000,000' },
      { path: 'options.roundLimits[2]', message: 'expected a whole number from 1 to 10,000,000,000,000' },
    ]);
  });

  it('refuses hours outside the day', () => {
    expect(problemsOf(create({ options: { nightStartHour: 25, nightEndHour: -1 } }))).toEqual([
      { path: 'options.nightStartHour', message: 'expected a whole number from 0 to 23' },
      { path: 'options.nightEndHour', message: 'expected a whole number from 0 to 23' },
    ]);
  });

  it('lists every bad option of one config at once, unknown keys included', () => {
    const problems = problemsOf(
      create({
        lang: 'fr',
        engine: 'drools',
        colour: true,
        options: { minScore: 2, nearLimitBand: 0, farDistanceKm: '50', splitMinSales: 1, nightStart: 23 },
        limits: { maxRules: 0, maxEvent: 5 },
        warnings: { weeks: 2 },
        explain: 'some',
      }),
    );
    expect(problems).toEqual([
      { path: 'lang', message: 'expected one of zh-CN, en' },
      { path: 'engine', message: "expected 'compiled' or 'json-rules-engine'" },
      { path: 'options.nearLimitBand', message: 'expected a number above 0 and at most 0.5 (a fraction of the limit)' },
      { path: 'options.splitMinSales', message: 'expected a whole number from 2 to 10,000' },
      { path: 'options.farDistanceKm', message: 'expected a number above 0 and at most 20,040 km' },
      { path: 'options.minScore', message: 'expected a number from 0 to 1' },
      { path: 'options.nightStart', message: 'unknown option' },
      { path: 'limits.maxRules', message: 'expected a whole number from 1 to 100,000' },
      { path: 'limits.maxEvent', message: 'unknown option' },
      { path: 'warnings.weeks', message: 'expected an integer from 4 to 104' },
      { path: 'explain', message: "expected 'full', 'evidence' or 'none'" },
      { path: 'colour', message: 'unknown option' },
    ]);
  });

  it('never echoes a card number held in an unknown key', () => {
    const problems = problemsOf(create({ options: { '4111111111111111': 1 } }));
    expect(JSON.stringify(problems)).not.toContain('4111111111111111');
    expect(problems).toHaveLength(1);
  });

  it('accepts every documented default, each limit at its default, and the explain levels', () => {
    const classifier = createClassifier({
      options: { ...DEFAULT_SIGNAL_OPTIONS, minScore: 0.4 },
      limits: { ...DEFAULT_LIMITS },
      warnings: { weeks: 12 },
      ...({ explain: 'evidence' } as object),
    });
    expect(classifier.classifySync(caseFile([sale()])).merchantId).toBe('m-test');
    for (const explain of ['full', 'none']) expect(() => createClassifier({ explain } as ClassifierConfig)).not.toThrow();
    expect(() => createClassifier({ warnings: false })).not.toThrow();
  });

  it('refuses a config that is not an object', () => {
    expect(problemsOf(create(null))).toEqual([{ path: '', message: 'expected an options object' }]);
  });
});

describe('earlyWarning and loadRulePack check their options too', () => {
  it('earlyWarning refuses bad signal options and limits, and keys the classifier would take but it does not', () => {
    expect(problemsOf(() => earlyWarning(caseFile([sale()]), { options: { nightStartHour: 25 }, limits: { maxDepth: 0 } }))).toEqual([
      { path: 'options.nightStartHour', message: 'expected a whole number from 0 to 23' },
      { path: 'limits.maxDepth', message: 'expected a whole number from 1 to 100' },
    ]);
    expect(problemsOf(() => earlyWarning(caseFile([sale()]), { options: { minScore: 0.5 } } as never))).toEqual([
      { path: 'options.minScore', message: 'unknown option' },
    ]);
  });

  it('loadRulePack refuses NaN and infinite pack limits', () => {
    expect(problemsOf(() => loadRulePack(defaultPack, { maxRules: Number.NaN, maxConditionDepth: Number.POSITIVE_INFINITY }))).toEqual([
      { path: 'options.maxRules', message: 'expected a whole number from 1 to 100,000' },
      { path: 'options.maxConditionDepth', message: 'expected a whole number from 1 to 100' },
    ]);
  });
});
