import { describe, expect, it } from 'vitest';
import defaultPackJson from '../rules/default.json';
import { CAUSE_IDS, defaultRulePack, loadRulePack, mergeRulePacks, RulePackError } from '../src/index.js';

const rule = (overrides: Record<string, unknown> = {}) => ({
  name: 'test-rule',
  conditions: { all: [{ fact: 'declineRate', operator: 'greaterThanInclusive', value: 0.3 }] },
  event: { type: 'high-failure-rate', params: { weight: 0.5 } },
  ...overrides,
});
const pack = (rules: unknown[]) => ({ name: 'test', version: '1.0.0', rules });

function refusal(input: unknown): RulePackError {
  try {
    loadRulePack(input);
  } catch (error) {
    expect(error).toBeInstanceOf(RulePackError);
    return error as RulePackError;
  }
  throw new Error('expected a RulePackError');
}

describe('the default rule pack', () => {
  it('loads, and every cause has at least two rules', () => {
    for (const cause of CAUSE_IDS) {
      expect(defaultRulePack.rules.filter((r) => r.event.type === cause).length, cause).toBeGreaterThanOrEqual(2);
    }
  });

  it('is plain json-rules-engine JSON with a description per rule', () => {
    for (const r of defaultPackJson.rules) {
      expect(Object.keys(r).sort()).toEqual(['conditions', 'description', 'event', 'name']);
      expect(r.description.length).toBeGreaterThan(10);
    }
  });
});

describe('loadRulePack refuses bad packs, naming the rule and the field', () => {
  const cases: [string, unknown, string, RegExp][] = [
    [
      'an unknown fact',
      pack([rule({ conditions: { all: [{ fact: 'nope', operator: 'equal', value: 1 }] } })]),
      'rules[0] "test-rule": conditions.all[0].fact',
      /unknown signal "nope"/,
    ],
    [
      'an unknown cause',
      pack([rule({ event: { type: 'bad-luck', params: { weight: 0.5 } } })]),
      'rules[0] "test-rule": event.type',
      /cause id/,
    ],
    [
      'a bad operator',
      pack([rule({ conditions: { all: [{ fact: 'declineRate', operator: 'regex', value: 1 }] } })]),
      'rules[0] "test-rule": conditions.all[0].operator',
      /expected one of/,
    ],
    [
      'weight 2',
      pack([rule({ event: { type: 'high-failure-rate', params: { weight: 2 } } })]),
      'rules[0] "test-rule": event.params.weight',
      /at most 1/,
    ],
    [
      'weight 0',
      pack([rule({ event: { type: 'high-failure-rate', params: { weight: 0 } } })]),
      'rules[0] "test-rule": event.params.weight',
      /greater than 0/,
    ],
    ['a duplicate name', pack([rule(), rule()]), 'rules[1] "test-rule": name', /duplicates the name of rules\[0\]/],
    [
      'a path with a script expression',
      pack([rule({ conditions: { all: [{ fact: 'declineRate', path: '$..[?(@.constructor)]', operator: 'equal', value: 1 }] } })]),
      'rules[0] "test-rule": conditions.all[0].path',
      /path is not allowed/,
    ],
    [
      'a string threshold',
      pack([rule({ conditions: { all: [{ fact: 'declineRate', operator: 'equal', value: '0.3' }] } })]),
      'rules[0] "test-rule": conditions.all[0].value',
      /number or boolean/,
    ],
    [
      'a fact-valued comparison',
      pack([rule({ conditions: { all: [{ fact: 'declineRate', operator: 'equal', value: { fact: 'saleCount' } }] } })]),
      'rules[0] "test-rule": conditions.all[0].value',
      /number or boolean/,
    ],
    [
      'a numeric operator on a boolean signal',
      pack([rule({ conditions: { all: [{ fact: 'kycExpired', operator: 'greaterThan', value: true }] } })]),
      'rules[0] "test-rule": conditions.all[0].operator',
      /boolean; use equal or notEqual/,
    ],
    [
      'a leaf at the top',
      pack([rule({ conditions: { fact: 'declineRate', operator: 'equal', value: 1 } })]),
      'rules[0] "test-rule": conditions',
      /all, any or not/,
    ],
    ['an empty all', pack([rule({ conditions: { all: [] } })]), 'rules[0] "test-rule": conditions.all', /non-empty/],
    ['a missing version', { name: 'x', rules: [] }, 'version', /version/],
    ['an unknown rule key', pack([rule({ onSuccess: 'alert(1)' })]), 'rules[0] "test-rule"', /Unrecognized key/],
  ];
  for (const [what, input, path, message] of cases) {
    it(`refuses ${what}`, () => {
      const error = refusal(input);
      expect(error.problems.map((p) => p.path)).toContain(path);
      expect(error.message).toMatch(message);
    });
  }

  it('refuses conditions nested deeper than the limit', () => {
    let conditions: unknown = { fact: 'declineRate', operator: 'equal', value: 1 };
    for (let i = 0; i < 12; i++) conditions = { all: [conditions] };
    const error = refusal(pack([rule({ conditions })]));
    expect(error.message).toMatch(/deeper than 8/);
  });

  it('refuses __proto__ keys instead of letting them through', () => {
    const hostile = JSON.parse('{"name":"x","version":"1.0.0","rules":[],"__proto__":{"polluted":true}}');
    refusal(hostile);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('loadRulePack results', () => {
  it("sorts rules by name so load order never matters, and does not freeze the caller's object", () => {
    const input = pack([rule({ name: 'b' }), rule({ name: 'a' })]);
    const loaded = loadRulePack(input);
    expect(loaded.rules.map((r) => r.name)).toEqual(['a', 'b']);
    expect(Object.isFrozen(loaded.rules[0])).toBe(true);
    expect(Object.isFrozen(input.rules[0])).toBe(false);
  });

  it('merges packs and refuses a name used twice across them', () => {
    const merged = mergeRulePacks([loadRulePack(pack([rule({ name: 'a' })])), loadRulePack(pack([rule({ name: 'b' })]))]);
    expect(merged.rules.map((r) => r.name)).toEqual(['a', 'b']);
    expect(() => mergeRulePacks([loadRulePack(pack([rule()])), loadRulePack(pack([rule()]))])).toThrow(RulePackError);
  });
});
