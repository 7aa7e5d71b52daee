/**
 * Fuzzing with fast-check (seeded, bounded): hostile case files and rule packs must give a valid
 * result or a typed error, never another exception, never NaN or Infinity, never a hang.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import defaultPackJson from '../rules/default.json';
import { CaseFileError, createClassifier, loadRulePack, ResultSchema, RulePackError } from '../src/index.js';
import { caseFile, decline, sale } from './support/factories.js';

const RUNS = 2_000;
const classifier = createClassifier();

const base = caseFile(
  [
    sale({ id: 'a', amount: 500_000, card: { token: 'c1', kind: 'credit' }, location: { lat: 31.2, lng: 121.4 }, terminalId: 'T1' }),
    sale({ id: 'b', day: 3, hour: 23.5, amount: 999_900, card: { token: 'c1', kind: 'credit' }, entryMode: 'keyed' }),
    decline({ id: 'c', day: 3, responseCode: '55', card: { token: 'c2', kind: 'debit' } }),
    sale({ id: 'd', day: 4, type: 'refund', refersTo: 'a', amount: 500_000 }),
    sale({ id: 'e', day: 9, amount: 12_345, currency: 'CNY' }),
  ],
  {
    merchant: {
      location: { lat: 31.2, lng: 121.4 },
      terminals: ['T1'],
      kyc: { verified: true, documentsExpireAt: '2026-03-05' },
      contract: { status: 'active', endsAt: '2027-01-01' },
      suspension: { reasonCode: 'CO01' },
    },
    events: [{ type: 'chargeback', at: '2026-03-05T10:00:00+08:00', transactionId: 'a' }],
  },
);

/** Every path in a JSON value, as key lists. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push(...paths(v, [...prefix, i]));
    });
  } else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

type Mutation = { pick: number; kind: 'replace' | 'delete' | 'duplicate'; value: unknown };
const mutation = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom('replace', 'delete', 'duplicate') as fc.Arbitrary<Mutation['kind']>,
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(-1, 0, 0.5, 1e308, Number.MAX_SAFE_INTEGER, '', '4111111111111111', '2026-13-45T99:00:00Z', '__proto__', null, [], {}),
  ),
});

/** Applies mutations to a deep copy of `input`. */
function mutate(input: unknown, mutations: Mutation[]): unknown {
  const copy = structuredClone(input);
  for (const m of mutations) {
    const all = paths(copy).filter((p) => p.length > 0);
    if (all.length === 0) break;
    const path = all[m.pick % all.length] as (string | number)[];
    let parent = copy as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1] as string | number;
    if (m.kind === 'replace') parent[last] = m.value;
    else if (m.kind === 'duplicate' && Array.isArray(parent)) parent.push(structuredClone(parent[last as number]));
    else if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  }
  return copy;
}

function allNumbersFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allNumbersFinite);
  if (value && typeof value === 'object') return Object.values(value).every(allNumbersFinite);
  return true;
}

/** Classifies and returns what came out: 'result' or the error's name. Anything else fails the test. */
function outcome(input: unknown, seen: Record<string, number>): void {
  let kind: string;
  try {
    const result = classifier.classifySync(input);
    expect(ResultSchema.safeParse(result).success).toBe(true);
    expect(allNumbersFinite(result)).toBe(true);
    kind = 'result';
  } catch (error) {
    if (!(error instanceof CaseFileError)) throw error;
    expect(error.message).not.toMatch(/4111111111111111|4111 1111/);
    kind = `CaseFileError(${error.code})`;
  }
  seen[kind] = (seen[kind] ?? 0) + 1;
}

describe('fuzzing classify', () => {
  it(`arbitrary JSON gives a result or a CaseFileError (${RUNS} cases)`, () => {
    const seen: Record<string, number> = {};
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (input) => outcome(input, seen)),
      { seed: 101, numRuns: RUNS },
    );
    console.log('fuzz classify/arbitrary JSON:', JSON.stringify(seen));
    expect(Object.values(seen).reduce((a, b) => a + b, 0)).toBe(RUNS);
  });

  it(`mutated valid case files give a result or a CaseFileError (${RUNS} cases)`, () => {
    const seen: Record<string, number> = {};
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => outcome(mutate(base, mutations), seen)),
      { seed: 102, numRuns: RUNS },
    );
    console.log('fuzz classify/mutated case files:', JSON.stringify(seen));
    expect(seen.result).toBeGreaterThan(100);
    expect(Object.keys(seen).some((k) => k.startsWith('CaseFileError'))).toBe(true);
  });
});

describe('fuzzing loadRulePack', () => {
  function packOutcome(input: unknown, seen: Record<string, number>): void {
    try {
      const pack = loadRulePack(input);
      expect(Object.isFrozen(pack)).toBe(true);
      seen.pack = (seen.pack ?? 0) + 1;
    } catch (error) {
      if (!(error instanceof RulePackError)) throw error;
      seen[`RulePackError(${error.code})`] = (seen[`RulePackError(${error.code})`] ?? 0) + 1;
    }
  }

  it(`arbitrary JSON gives a pack or a RulePackError (${RUNS} cases)`, () => {
    const seen: Record<string, number> = {};
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (input) => packOutcome(input, seen)),
      { seed: 103, numRuns: RUNS },
    );
    console.log('fuzz loadRulePack/arbitrary JSON:', JSON.stringify(seen));
  });

  it(`mutated default packs give a pack or a RulePackError (${RUNS} cases)`, () => {
    const seen: Record<string, number> = {};
    const small = { ...defaultPackJson, rules: defaultPackJson.rules.slice(0, 6) };
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => packOutcome(mutate(small, mutations), seen)),
      { seed: 104, numRuns: RUNS },
    );
    console.log('fuzz loadRulePack/mutated packs:', JSON.stringify(seen));
    expect(seen.pack).toBeGreaterThan(10);
  });
});
