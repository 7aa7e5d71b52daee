/**
 * Fuzzing with fast-check (seeded, bounded): hostile case files and rule packs must give a valid
 * result or a typed error, never another exception, never NaN or Infinity, never a hang. The
 * generators are built so that a good share of inputs is valid (each test asserts ≥ 20 % accepted),
 * so the checks on results run as often as the checks on errors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import defaultPackJson from '../rules/default.json';
import {
  CaseFileError,
  type ClassifierError,
  createClassifier,
  lintRulePack,
  loadRulePack,
  type Result,
  ResultSchema,
  RulePackError,
} from '../src/index.js';
import { SIGNAL_CATALOG, SIGNAL_NAMES } from '../src/signals/catalog.js';
import { caseFile, decline, sale } from './support/factories.js';

const RUNS = 1_000;
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

/**
 * A mutation: `tweak` keeps the value's type (a number stays a number near the old one, a string keeps
 * its shape with a small change) and so usually keeps the input valid; the others usually break it.
 */
type Mutation = { pick: number; kind: 'tweak' | 'replace' | 'delete' | 'duplicate'; value: unknown; factor: number };
const mutation = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom('tweak', 'tweak', 'tweak', 'tweak', 'replace', 'delete', 'duplicate') as fc.Arbitrary<Mutation['kind']>,
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(-1, 0, 0.5, 1e308, Number.MAX_SAFE_INTEGER, '', '4111111111111111', '2026-13-45T99:00:00Z', '__proto__', null, [], {}),
  ),
  factor: fc.double({ min: 0.5, max: 2, noNaN: true }),
});

function tweak(old: unknown, m: Mutation): unknown {
  if (typeof old === 'number') return Number.isInteger(old) ? Math.max(1, Math.round(old * m.factor)) : old * m.factor;
  if (typeof old === 'boolean') return !old;
  if (typeof old === 'string') {
    // Shift the last digit of a date or number by one, else append a character: the shape survives.
    const digit = /\d(?=\D*$)/.exec(old);
    if (digit) return `${old.slice(0, digit.index)}${(Number(digit[0]) + 1) % 10}${old.slice(digit.index + 1)}`;
    return `${old}x`;
  }
  return old;
}

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
    if (m.kind === 'tweak') parent[last] = tweak(parent[last], m);
    else if (m.kind === 'replace') parent[last] = m.value;
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

/** What a result must satisfy whatever the input. */
function checkResult(result: Result): void {
  expect(ResultSchema.safeParse(result).success).toBe(true);
  expect(allNumbersFinite(result)).toBe(true);
  expect(result.causes.map((c) => c.rank)).toEqual(result.causes.map((_, i) => i + 1));
  for (const [i, cause] of result.causes.entries()) {
    expect(cause.score).toBeGreaterThanOrEqual(0.4);
    expect(cause.score).toBeLessThanOrEqual(1);
    expect(cause.evidence.length).toBeGreaterThan(0);
    if (i > 0) expect(cause.score).toBeLessThanOrEqual(result.causes[i - 1]?.score as number);
  }
}

/** What an input error must satisfy: typed, every problem placed, no card number echoed. */
function checkError(error: ClassifierError): void {
  expect(error.problems.length).toBeGreaterThan(0);
  for (const p of error.problems) {
    expect(typeof p.path).toBe('string');
    expect(p.message.length).toBeGreaterThan(0);
  }
  expect(error.message).not.toMatch(/4111111111111111|4111 1111|\d{13,}/);
  expect(error.message).not.toMatch(/\n\s+at /); // no stack in the message
}

type Tally = Record<string, number>;
const count = (tally: Tally, key: string) => {
  tally[key] = (tally[key] ?? 0) + 1;
};

/** Classifies; on a result checks it (and that a reversed transaction order gives the same bytes). */
function classifyOutcome(input: unknown, tally: Tally): void {
  let result: Result;
  try {
    result = classifier.classifySync(input);
  } catch (error) {
    if (!(error instanceof CaseFileError)) throw error;
    checkError(error);
    count(tally, 'rejected');
    return;
  }
  checkResult(result);
  const reversed = { ...(input as { transactions: unknown[] }) };
  reversed.transactions = [...reversed.transactions].reverse();
  expect(JSON.stringify(classifier.classifySync(reversed))).toBe(JSON.stringify(result));
  count(tally, 'accepted');
}

/** A plausible case file: valid in shape most of the time, with odd but legal values (and some illegal ones). */
const caseFileArbitrary = fc
  .record({
    mcc: fc.constantFrom('5411', '5812', '5944', '7011', '5732', '8062', '0000', '54a1'),
    timezone: fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Mars/Olympus'),
    txs: fc.array(
      fc.record({
        day: fc.integer({ min: 1, max: 28 }),
        hour: fc.integer({ min: 0, max: 23 }),
        amount: fc.oneof(
          { weight: 12, arbitrary: fc.integer({ min: 1, max: 20_000_000 }) },
          { weight: 1, arbitrary: fc.constantFrom(-5, 1.5, 0) },
        ),
        status: fc.constantFrom('approved', 'approved', 'approved', 'declined', 'reversed'),
        type: fc.constantFrom('sale', 'sale', 'sale', 'refund', 'void'),
        card: fc.integer({ min: 0, max: 12 }),
        kind: fc.constantFrom('credit', 'debit', 'unknown'),
        entryMode: fc.constantFrom('chip', 'contactless', 'keyed', 'fallback', 'swipe', undefined),
        responseCode: fc.constantFrom('00', '05', '51', '55', '14', '91', undefined),
      }),
      { maxLength: 60 },
    ),
    events: fc.array(
      fc.record({
        type: fc.constantFrom('complaint', 'chargeback', 'security-incident', 'settlement-overdue', 'fund-freeze', 'bogus'),
        day: fc.integer({ min: 1, max: 28 }),
      }),
      { maxLength: 4 },
    ),
  })
  .map(({ mcc, timezone, txs, events }) => ({
    merchant: { id: 'fz', mcc, timezone },
    transactions: txs.map((t, i) => ({
      id: `t${i}`,
      at: `2026-02-${String(t.day).padStart(2, '0')}T${String(t.hour).padStart(2, '0')}:15:00+08:00`,
      amount: t.amount,
      status: t.status,
      type: t.type,
      card: { token: `card-${t.card}`, kind: t.kind },
      ...(t.entryMode ? { entryMode: t.entryMode } : {}),
      ...(t.responseCode ? { responseCode: t.responseCode } : {}),
    })),
    events: events.map((e) => ({ type: e.type, at: `2026-02-${String(e.day).padStart(2, '0')}T12:00:00+08:00` })),
  }));

const acceptedShare = (tally: Tally) => (tally.accepted ?? 0) / ((tally.accepted ?? 0) + (tally.rejected ?? 0));

describe('fuzzing classify', () => {
  it(`arbitrary JSON gives a CaseFileError that places every problem (${RUNS} cases)`, () => {
    const tally: Tally = {};
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (input) => classifyOutcome(input, tally)),
      { seed: 101, numRuns: RUNS },
    );
    console.log('fuzz classify/arbitrary JSON:', JSON.stringify(tally));
    // Random JSON is never a case file: all of it must be refused, each with its problems placed.
    expect(tally).toEqual({ rejected: RUNS });
  });

  it(`plausible case files give a checked result or a placed CaseFileError, ≥ 20 % accepted (${RUNS} cases)`, () => {
    const tally: Tally = {};
    fc.assert(
      fc.property(caseFileArbitrary, (input) => classifyOutcome(input, tally)),
      { seed: 105, numRuns: RUNS },
    );
    console.log('fuzz classify/plausible case files:', JSON.stringify(tally), `accepted ${(100 * acceptedShare(tally)).toFixed(0)} %`);
    expect(acceptedShare(tally)).toBeGreaterThanOrEqual(0.2);
    expect(tally.rejected ?? 0).toBeGreaterThan(0);
  });

  it(`mutated valid case files give a checked result or a placed CaseFileError, ≥ 20 % accepted (${RUNS} cases)`, () => {
    const tally: Tally = {};
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => classifyOutcome(mutate(base, mutations), tally)),
      { seed: 102, numRuns: RUNS },
    );
    console.log('fuzz classify/mutated case files:', JSON.stringify(tally), `accepted ${(100 * acceptedShare(tally)).toFixed(0)} %`);
    expect(acceptedShare(tally)).toBeGreaterThanOrEqual(0.2);
    expect(tally.rejected ?? 0).toBeGreaterThan(0);
  });
});

describe('fuzzing loadRulePack', () => {
  const caseForPacks = structuredClone(base);

  function packOutcome(input: unknown, tally: Tally): void {
    let pack: ReturnType<typeof loadRulePack>;
    try {
      pack = loadRulePack(input);
    } catch (error) {
      if (!(error instanceof RulePackError)) throw error;
      checkError(error);
      count(tally, 'rejected');
      return;
    }
    expect(Object.isFrozen(pack)).toBe(true);
    expect(Array.isArray(lintRulePack(pack))).toBe(true);
    checkResult(createClassifier({ rulePack: pack }).classifySync(caseForPacks));
    count(tally, 'accepted');
  }

  /** A random pack of well-formed rules over real signals, with some broken fields. */
  const numeric = SIGNAL_NAMES.filter((s) => SIGNAL_CATALOG[s].kind === 'number');
  const leaf = fc.record({
    fact: fc.oneof({ weight: 15, arbitrary: fc.constantFrom(...numeric) }, { weight: 1, arbitrary: fc.constantFrom('noSuchSignal', '') }),
    operator: fc.constantFrom('greaterThanInclusive', 'greaterThan', 'lessThan', 'lessThanInclusive', 'equal', 'notEqual'),
    value: fc.oneof(
      { weight: 15, arbitrary: fc.double({ min: 0, max: 100, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom('3', null) },
    ),
  });
  const packArbitrary = fc
    .array(
      fc.record({
        all: fc.array(leaf, { minLength: 1, maxLength: 3 }),
        cause: fc.constantFrom('high-failure-rate', 'credit-card-cash-out', 'dormant-account', 'not-a-cause'),
        weight: fc.oneof(
          { weight: 15, arbitrary: fc.double({ min: 0.05, max: 1, noNaN: true }) },
          { weight: 1, arbitrary: fc.constant(0) },
        ),
      }),
      { minLength: 1, maxLength: 5 },
    )
    .map((rules) => ({
      name: 'fuzz',
      version: '1.0.0',
      rules: rules.map((r, i) => ({ name: `r${i}`, conditions: { all: r.all }, event: { type: r.cause, params: { weight: r.weight } } })),
    }));

  it(`arbitrary JSON gives a RulePackError that places every problem (${RUNS} cases)`, () => {
    const tally: Tally = {};
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (input) => packOutcome(input, tally)),
      { seed: 103, numRuns: RUNS },
    );
    console.log('fuzz loadRulePack/arbitrary JSON:', JSON.stringify(tally));
    expect(tally).toEqual({ rejected: RUNS });
  });

  it(`random packs load and classify, or give a placed RulePackError, ≥ 20 % accepted (${RUNS} cases)`, () => {
    const tally: Tally = {};
    fc.assert(
      fc.property(packArbitrary, (input) => packOutcome(input, tally)),
      { seed: 106, numRuns: RUNS },
    );
    console.log('fuzz loadRulePack/random packs:', JSON.stringify(tally), `accepted ${(100 * acceptedShare(tally)).toFixed(0)} %`);
    expect(acceptedShare(tally)).toBeGreaterThanOrEqual(0.2);
    expect(tally.rejected ?? 0).toBeGreaterThan(0);
  });

  it(`mutated default packs give a pack or a placed RulePackError, ≥ 20 % accepted (${RUNS} cases)`, () => {
    const tally: Tally = {};
    const small = { ...defaultPackJson, rules: defaultPackJson.rules.slice(0, 6) };
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => packOutcome(mutate(small, mutations), tally)),
      { seed: 104, numRuns: RUNS },
    );
    console.log('fuzz loadRulePack/mutated packs:', JSON.stringify(tally), `accepted ${(100 * acceptedShare(tally)).toFixed(0)} %`);
    expect(acceptedShare(tally)).toBeGreaterThanOrEqual(0.2);
  });
});
