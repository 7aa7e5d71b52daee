import { describe, expect, it } from 'vitest';
import { createClassifier, loadRulePack, RulePackError } from '../src/index.js';
import { containsPan } from '../src/text/cardNumber.js';

/** A card number written every way an export or a hand-edited pack might carry it. */
const WRITTEN = [
  '4111111111111111',
  '4111 1111 1111 1111',
  '４１１１１１１１１１１１１１１１',
  '4111\u00a01111\u00a01111\u00a01111',
  '4111.1111.1111.1111',
  '4111\u200b1111\u200b1111\u200b1111',
];

const rule = (overrides: Record<string, unknown> = {}) => ({
  name: 'night-sales',
  description: 'Many sales at night',
  conditions: { all: [{ fact: 'nightSaleShare', operator: 'greaterThan', value: 0.5 }] },
  event: { type: 'credit-card-cash-out', params: { weight: 0.5 } },
  ...overrides,
});

const pack = (overrides: Record<string, unknown> = {}) => ({ name: 'team', version: '1.0.0', rules: [rule()], ...overrides });

/** The problems of the RulePackError `json` raises, checked to quote no card number. */
function refusal(json: unknown): { path: string; message: string }[] {
  let caught: unknown;
  try {
    loadRulePack(json);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(RulePackError);
  const error = caught as RulePackError;
  expect(containsPan(error.message), error.message).toBe(false);
  expect(containsPan(JSON.stringify(error.problems)), JSON.stringify(error.problems)).toBe(false);
  return error.problems.filter((p) => p.message.startsWith('holds a card number')).map((p) => ({ path: p.path, message: 'card' }));
}

describe('a rule pack must not carry card numbers', () => {
  it('refuses a card number in the pack name or description, naming the field', () => {
    for (const pan of WRITTEN) {
      expect(refusal(pack({ name: `team ${pan}` }))).toEqual([{ path: 'name', message: 'card' }]);
      expect(refusal(pack({ description: `made for card ${pan}` }))).toEqual([{ path: 'description', message: 'card' }]);
    }
  });

  it('refuses a card number in a rule name or description, naming the rule and the field', () => {
    expect(refusal(pack({ rules: [rule({ name: '4111111111111111' })] }))).toEqual([
      { path: 'rules[0] "[card number removed]": name', message: 'card' },
    ]);
    for (const pan of WRITTEN) {
      expect(refusal(pack({ rules: [rule(), rule({ name: 'other', description: `seen on ${pan}` })] }))).toEqual([
        { path: 'rules[1] "other": description', message: 'card' },
      ]);
    }
  });

  it('refuses a card number in a condition name, a shared condition name or a compared value', () => {
    const named = rule({
      conditions: { all: [{ fact: 'nightSaleShare', operator: 'greaterThan', value: 0.5, name: 'card 4111 1111 1111 1111' }] },
    });
    expect(refusal(pack({ rules: [named] }))).toEqual([{ path: 'rules[0] "night-sales": conditions.all[0].name', message: 'card' }]);
    const shared = pack({
      conditions: { '4111111111111111': { all: [{ fact: 'nightSaleShare', operator: 'greaterThan', value: 0.5 }] } },
      rules: [rule({ conditions: { condition: '4111111111111111' } })],
    });
    expect(refusal(shared)).toEqual([
      { path: 'conditions.[card number removed]', message: 'card' },
      { path: 'rules[0] "night-sales": conditions.condition', message: 'card' },
    ]);
    const value = rule({ conditions: { all: [{ fact: 'mcc', operator: 'in', value: ['5411', '4111111111111111'] }] } });
    expect(refusal(pack({ rules: [value] }))).toEqual([{ path: 'rules[0] "night-sales": conditions.all[0].value[1]', message: 'card' }]);
  });

  it('keeps a card number out of results: createClassifier refuses such a pack', () => {
    expect(() => createClassifier({ rulePack: pack({ name: 'team 4111 1111 1111 1111' }) })).toThrow(RulePackError);
  });

  it('accepts digits that are not a card number', () => {
    expect(loadRulePack(pack({ name: 'team 2026-03 v1234567890', description: 'limit 50000000 fen' })).name).toBe(
      'team 2026-03 v1234567890',
    );
  });
});
