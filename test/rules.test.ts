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
      'a fact-valued comparison of different kinds',
      pack([rule({ conditions: { all: [{ fact: 'declineRate', operator: 'equal', value: { fact: 'kycExpired' } }] } })]),
      'rules[0] "test-rule": conditions.all[0].value.fact',
      /compares number fact declineRate with boolean fact kycExpired/,
    ],
    [
      'a fact-valued comparison with a path',
      pack([rule({ conditions: { all: [{ fact: 'declineRate', operator: 'equal', value: { fact: 'saleCount', path: '$.x' } }] } })]),
      'rules[0] "test-rule": conditions.all[0].value',
      /no JSONPath path/,
    ],
    [
      'in with a single number',
      pack([rule({ conditions: { all: [{ fact: 'saleCount', operator: 'in', value: 3 }] } })]),
      'rules[0] "test-rule": conditions.all[0].value',
      /in needs a list: .*throws on a number; write \[ … \]/,
    ],
    [
      'in with a fact as value',
      pack([rule({ conditions: { all: [{ fact: 'mcc', operator: 'in', value: { fact: 'currency' } }] } })]),
      'rules[0] "test-rule": conditions.all[0].value',
      /matches substrings of text; write the list itself/,
    ],
    [
      'in with text for a numeric signal',
      pack([rule({ conditions: { all: [{ fact: 'saleCount', operator: 'in', value: ['3'] }] } })]),
      'rules[0] "test-rule": conditions.all[0].value',
      /list of numbers \(in uses strict equality/,
    ],
    [
      'a list with equal',
      pack([rule({ conditions: { all: [{ fact: 'saleCount', operator: 'equal', value: [3] }] } })]),
      'rules[0] "test-rule": conditions.all[0].value',
      /a list only goes with in \/ notIn/,
    ],
    [
      'an order comparison of a merchant attribute',
      pack([rule({ conditions: { all: [{ fact: 'mcc', operator: 'greaterThan', value: '5000' }] } })]),
      'rules[0] "test-rule": conditions.all[0].operator',
      /merchant attribute \(text\); use equal, notEqual, in or notIn/,
    ],
    [
      'in on a boolean signal',
      pack([rule({ conditions: { all: [{ fact: 'kycExpired', operator: 'in', value: [true] }] } })]),
      'rules[0] "test-rule": conditions.all[0].operator',
      /boolean; use equal or notEqual/,
    ],
    [
      'contains',
      pack([rule({ conditions: { all: [{ fact: 'mcc', operator: 'contains', value: '5' }] } })]),
      'rules[0] "test-rule": conditions.all[0].operator',
      /contains tests an array fact .* write in \/ notIn/,
    ],
    [
      'params on a leaf',
      pack([rule({ conditions: { all: [{ fact: 'saleCount', operator: 'equal', value: 1, params: { x: 1 } }] } })]),
      'rules[0] "test-rule": conditions.all[0].params',
      /params are not allowed/,
    ],
    [
      'a misspelt signal, with a suggestion',
      pack([rule({ conditions: { all: [{ fact: 'declineRat', operator: 'equal', value: 1 }] } })]),
      'rules[0] "test-rule": conditions.all[0].fact',
      /did you mean "declineRate"/,
    ],
    [
      'a reference to an unknown shared condition',
      pack([rule({ conditions: { all: [{ condition: 'nope' }] } })]),
      'rules[0] "test-rule": conditions.all[0].condition',
      /unknown shared condition "nope": this pack defines none/,
    ],
    [
      'shared conditions in a cycle',
      {
        ...pack([rule({ conditions: { condition: 'a' } })]),
        conditions: { a: { all: [{ condition: 'b' }] }, b: { any: [{ condition: 'a' }] } },
      },
      'conditions.a',
      /cycle \(a → b → a\); json-rules-engine would recurse forever/,
    ],
    ['a priority of 0', pack([rule({ priority: 0 })]), 'rules[0] "test-rule": priority', /≥ 1/],
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
      /bare leaf here: the top must be all, any, not or a shared-condition reference .* wrap the leaf as \{ "all": \[ … \] \}/,
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

  it('reports a reference to an unknown shared condition as one problem, not four', () => {
    const error = refusal(pack([rule({ conditions: { all: [{ condition: 'nope' }] } })]));
    expect(error.problems).toHaveLength(1);
  });

  it('refuses a pack that uses a custom signal it was not told about, and accepts it with extraFacts', () => {
    const input = pack([rule({ conditions: { all: [{ fact: 'teamScore', operator: 'greaterThan', value: 3 }] } })]);
    expect(refusal(input).message).toMatch(/unknown signal "teamScore".*custom signal given to the loader/);
    expect(loadRulePack(input, { extraFacts: { teamScore: { unit: 'count' } } }).rules).toHaveLength(1);
  });

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

describe('loadRulePack accepts the json-rules-engine features a risk team writes', () => {
  it('takes fact-to-fact values, in / notIn lists, merchant attributes, names, priorities and shared conditions', () => {
    const loaded = loadRulePack({
      name: 'team',
      version: '1.0.0',
      conditions: {
        'rectified-sector': { all: [{ fact: 'mcc', operator: 'in', value: ['7995', '5933'], name: 'sector under rectification' }] },
      },
      rules: [
        rule({
          priority: 50,
          conditions: {
            any: [
              { condition: 'rectified-sector' },
              {
                fact: 'declineCount',
                operator: 'greaterThan',
                value: { fact: 'saleCount' },
                name: 'more declines than sales',
                priority: 2,
              },
              { fact: 'cardTestingBursts', operator: 'notIn', value: [0] },
            ],
          },
        }),
        rule({ name: 'top-ref', conditions: { condition: 'rectified-sector' } }),
      ],
    });
    expect(loaded.rules.map((r) => r.name)).toEqual(['test-rule', 'top-ref']);
    // The written form round-trips: what JSON.stringify gives loads again to the same pack.
    expect(loadRulePack(JSON.parse(JSON.stringify(loaded)))).toEqual(loaded);
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
