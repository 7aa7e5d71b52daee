import { describe, expect, it } from 'vitest';
import { CAUSE_IDS, defaultRulePack, loadRulePack } from '../src/index.js';
import { lintRulePack } from '../src/rules/lint.js';

const leaf = (fact: string, operator: string, value: number | boolean) => ({ fact, operator, value });
const rule = (name: string, conditions: unknown, weight = 0.5, cause = 'high-failure-rate') => ({
  name,
  conditions,
  event: { type: cause, params: { weight } },
});
/** A pack with one rule per cause besides the ones under test, so cause-without-rule stays quiet. */
const lint = (...rules: unknown[]) =>
  lintRulePack(loadRulePack({ name: 't', version: '1.0.0', rules: [...rules, ...fillers] })).filter(
    (f) => f.code !== 'cause-without-rule' || rules.length === 0,
  );
const fillers = defaultRulePack.rules
  .filter((r, i, all) => all.findIndex((x) => x.event.type === r.event.type) === i)
  .map((r) => ({ ...r, name: `filler-${r.name}` }));
const codes = (findings: ReturnType<typeof lint>) =>
  findings.filter((f) => !f.rule?.startsWith('filler-')).map((f) => [f.severity, f.code, f.rule]);

describe('lintRulePack', () => {
  it('finds a rule that can never fire (contradictory conditions)', () => {
    expect(
      codes(lint(rule('r', { all: [leaf('declineRate', 'greaterThanInclusive', 0.5), leaf('declineRate', 'lessThan', 0.3)] }))),
    ).toEqual([['error', 'never-fires', 'r']]);
    expect(codes(lint(rule('b', { all: [leaf('kycExpired', 'equal', true), { not: leaf('kycExpired', 'equal', true) }] })))).toEqual([
      ['error', 'never-fires', 'b'],
    ]);
  });

  it('finds a threshold outside the signal range (a share above 1)', () => {
    expect(codes(lint(rule('r', { all: [leaf('nightSaleShare', 'greaterThan', 1.5)] })))).toEqual([
      ['error', 'never-fires', 'r'],
      ['error', 'threshold-out-of-range', 'r'],
    ]);
  });

  it('finds a rule that always fires', () => {
    expect(codes(lint(rule('r', { any: [leaf('mccKnown', 'equal', true), leaf('mccKnown', 'equal', false)] })))).toEqual([
      ['warning', 'always-fires', 'r'],
    ]);
    expect(codes(lint(rule('s', { all: [leaf('declineRate', 'lessThanInclusive', 1)] })))).toEqual([['warning', 'always-fires', 's']]);
  });

  it('finds a rule shadowed by a stronger rule with a subset of its conditions', () => {
    const strong = rule('strong', { all: [leaf('declineRate', 'greaterThanInclusive', 0.3)] }, 0.6);
    const weak = rule(
      'weak',
      { all: [leaf('declineRate', 'greaterThanInclusive', 0.4), leaf('attemptCount', 'greaterThanInclusive', 30)] },
      0.3,
    );
    expect(codes(lint(strong, weak))).toEqual([['warning', 'shadowed', 'weak']]);
    const heavier = rule(
      'weak',
      { all: [leaf('declineRate', 'greaterThanInclusive', 0.4), leaf('attemptCount', 'greaterThanInclusive', 30)] },
      0.9,
    );
    expect(codes(lint(strong, heavier))).toEqual([]);
  });

  it('finds duplicate conditions', () => {
    const twice = rule('r', { all: [leaf('declineRate', 'greaterThanInclusive', 0.3), leaf('declineRate', 'greaterThanInclusive', 0.3)] });
    expect(codes(lint(twice))).toEqual([['warning', 'duplicate-condition', 'r']]);
  });

  it('finds causes with no rule', () => {
    const findings = lintRulePack(
      loadRulePack({ name: 't', version: '1.0.0', rules: [rule('r', { all: [leaf('declineRate', 'greaterThan', 0.3)] })] }),
    );
    expect(findings.filter((f) => f.code === 'cause-without-rule')).toHaveLength(CAUSE_IDS.length - 1);
  });

  it('finds no error in the default pack (its escalation tiers are shadowed warnings by design)', () => {
    const findings = lintRulePack(defaultRulePack);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(new Set(findings.map((f) => f.code))).toEqual(new Set(['shadowed']));
  });
});

describe('lintRulePack when its search budget runs out', () => {
  // Parity of seven facts (xor chained): no partial assignment decides it, so telling whether
  // "P and not P" can hold means trying every combination (320 of them, each evaluating the whole
  // tree), far more than a budget of 20 steps (condition nodes evaluated).
  const bits = [
    ...['mccKnown', 'contractEnded', 'kycExpired', 'kycUnverified', 'mccUnderRectification', 'microMerchant'].map((f) =>
      leaf(f, 'equal', true),
    ),
    leaf('declineRate', 'greaterThan', 0.5),
  ];
  const xor = (a: unknown, b: unknown) => ({ any: [{ all: [a, { not: b }] }, { all: [{ not: a }, b] }] });
  const parity = bits.slice(1).reduce<unknown>((acc, bit) => xor(acc, bit), bits[0]);
  const load = (name: string, conditions: unknown) =>
    loadRulePack({ name: 't', version: '1.0.0', rules: [rule(name, conditions), ...fillers] }, { maxConditionDepth: 64 });

  it('says it could not check a rule instead of saying nothing', () => {
    const pack = load('hard', { all: [parity, { not: parity }] });
    const tight = lintRulePack(pack, { searchBudget: 20 }).filter((f) => f.rule === 'hard');
    expect(tight.map((f) => [f.severity, f.code])).toEqual([['warning', 'could-not-check']]);
    expect(tight[0]?.message).toContain('can ever fire');
    // With the default budget the same rule is decided: it can never fire.
    expect(
      lintRulePack(pack)
        .filter((f) => f.rule === 'hard')
        .map((f) => f.code),
    ).toEqual(['never-fires']);
  });

  it('also when only the always-fires question runs out', () => {
    const pack = load('wide', { any: [parity, { not: parity }] });
    // Enough steps to find values that make it hold, too few to show that nothing makes it fail.
    const tight = lintRulePack(pack, { searchBudget: 10_000 }).filter((f) => f.rule === 'wide');
    expect(tight.map((f) => [f.severity, f.code])).toEqual([['warning', 'could-not-check']]);
    expect(tight[0]?.message).toContain('always fires');
    expect(
      lintRulePack(pack)
        .filter((f) => f.rule === 'wide')
        .map((f) => f.code),
    ).toEqual(['always-fires']);
  });
});
