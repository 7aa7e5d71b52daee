/** fast-check arbitraries: random valid rule packs and random signal records. */
import fc from 'fast-check';
import { CAUSE_IDS, SIGNAL_CATALOG, SIGNAL_NAMES, type Signals } from '../../src/index.js';
import { MERCHANT_FACTS } from '../../src/signals/facts.js';

const numericNames = SIGNAL_NAMES.filter((n) => SIGNAL_CATALOG[n].kind === 'number');
const booleanNames = SIGNAL_NAMES.filter((n) => SIGNAL_CATALOG[n].kind === 'boolean');
const ORDER = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'] as const;
const SIX = ['equal', 'notEqual', ...ORDER] as const;
// A few shared values so that equality and boundary comparisons happen often.
const VALUES = [0, 0.1, 0.5, 1, 3, 7];
const value = fc.oneof(fc.constantFrom(...VALUES), fc.double({ min: -5, max: 50, noNaN: true }));

const leaf = fc.oneof(
  fc.record({ fact: fc.constantFrom(...numericNames), operator: fc.constantFrom(...SIX), value }),
  fc.record({ fact: fc.constantFrom(...booleanNames), operator: fc.constantFrom('equal', 'notEqual'), value: fc.boolean() }),
);
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ all: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('tree'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('tree') }),
  ),
}));
const top = fc.oneof(
  fc.record({ all: fc.array(tree, { minLength: 1, maxLength: 3 }) }),
  fc.record({ any: fc.array(tree, { minLength: 1, maxLength: 3 }) }),
  fc.record({ not: tree }),
);
/** Random packs of the original language: the six comparisons over signals, all / any / not. */
export const pack = fc
  .array(fc.record({ conditions: top, cause: fc.constantFrom(...CAUSE_IDS), weight: fc.double({ min: 0.01, max: 1, noNaN: true }) }), {
    minLength: 1,
    maxLength: 12,
  })
  .map((rules) => ({
    name: 'random',
    version: '1.0.0',
    rules: rules.map((r, i) => ({ name: `r${i}`, conditions: r.conditions, event: { type: r.cause, params: { weight: r.weight } } })),
  }));
export const signals = fc.record(
  Object.fromEntries(SIGNAL_NAMES.map((n) => [n, SIGNAL_CATALOG[n].kind === 'boolean' ? fc.boolean() : value])) as Record<
    string,
    fc.Arbitrary<unknown>
  >,
) as fc.Arbitrary<Signals>;

// ---- Every feature: merchant attributes, custom signals, in / notIn, fact-to-fact, shared conditions, names, priorities.

/** Custom facts the rich packs may use (pass as `extraFacts`). */
export const EXTRA_FACTS = {
  teamScore: { unit: 'count', description: 'test', range: [0, 10] as [number, number] },
  teamFlag: { unit: 'boolean', description: 'test' },
} as const;

const TEXT: Record<string, readonly string[]> = {
  mcc: ['5411', '5812', '7011', '5944'],
  merchantKind: MERCHANT_FACTS.merchantKind.values,
  currency: ['CNY', 'USD'],
  timezone: ['Asia/Shanghai', 'Europe/London'],
  contractStatus: MERCHANT_FACTS.contractStatus.values,
};
const textNames = Object.keys(TEXT);
// A handful of numeric facts, so that fact-to-fact comparisons meet equal values often.
const someNumeric = ['saleCount', 'declineRate', 'chargebackCount', 'nightSaleShare', 'dormantDays', 'teamScore'];
const someBoolean = ['kycExpired', 'mccKnown', 'teamFlag', 'contractEnded'];

const numList = fc.array(fc.constantFrom(...VALUES, 2, 10), { minLength: 1, maxLength: 4 });
const named = <T extends object>(arb: fc.Arbitrary<T>) =>
  fc
    .tuple(
      arb,
      fc.option(fc.constantFrom('big', 'odd one', 'x'), { nil: undefined }),
      fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    )
    .map(([c, name, priority]) => ({ ...c, ...(name === undefined ? {} : { name }), ...(priority === undefined ? {} : { priority }) }));

const richLeaf = named(
  fc.oneof(
    fc.record({ fact: fc.constantFrom(...someNumeric), operator: fc.constantFrom(...SIX), value }),
    fc.record({ fact: fc.constantFrom(...someNumeric), operator: fc.constantFrom('in', 'notIn'), value: numList }),
    fc.record({
      fact: fc.constantFrom(...someNumeric),
      operator: fc.constantFrom(...SIX),
      value: fc.record({ fact: fc.constantFrom(...someNumeric) }),
    }),
    fc.record({ fact: fc.constantFrom(...someBoolean), operator: fc.constantFrom('equal', 'notEqual'), value: fc.boolean() }),
    fc.record({
      fact: fc.constantFrom(...someBoolean),
      operator: fc.constantFrom('equal', 'notEqual'),
      value: fc.record({ fact: fc.constantFrom(...someBoolean) }),
    }),
    fc.constantFrom(...textNames).chain((fact) =>
      fc.oneof(
        fc.record({
          fact: fc.constant(fact),
          operator: fc.constantFrom('equal', 'notEqual'),
          value: fc.constantFrom(...(TEXT[fact] ?? [])),
        }),
        fc.record({
          fact: fc.constant(fact),
          operator: fc.constantFrom('in', 'notIn'),
          value: fc.array(fc.constantFrom(...(TEXT[fact] ?? [])), { minLength: 1, maxLength: 3 }),
        }),
        fc.record({
          fact: fc.constant(fact),
          operator: fc.constantFrom('equal', 'notEqual'),
          value: fc.record({ fact: fc.constantFrom(...textNames) }),
        }),
      ),
    ),
  ),
);

/** A random condition tree whose references name shared conditions `s0 … s(n-1)`. */
function richTree(refs: number): fc.Arbitrary<unknown> {
  const ref = refs > 0 ? [named(fc.record({ condition: fc.constantFrom(...Array.from({ length: refs }, (_, i) => `s${i}`)) }))] : [];
  const { node } = fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      richLeaf,
      ...ref,
      named(fc.record({ all: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) })),
      named(fc.record({ any: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) })),
      named(fc.record({ not: tie('node') })),
    ),
  }));
  return fc.oneof(
    named(fc.record({ all: fc.array(node, { minLength: 1, maxLength: 3 }) })),
    named(fc.record({ any: fc.array(node, { minLength: 1, maxLength: 3 }) })),
    named(fc.record({ not: node })),
    ...ref,
  );
}

/**
 * Random packs using every feature of the format; shared condition `sN` may reference only `s0 …
 * s(N-1)`, so references never form a cycle. Load with `{ extraFacts: EXTRA_FACTS }`.
 */
export const richPack = fc.integer({ min: 0, max: 3 }).chain((sharedCount) =>
  fc
    .record({
      shared: fc.tuple(...Array.from({ length: sharedCount }, (_, i) => richTree(i))),
      rules: fc.array(
        fc.record({
          conditions: richTree(sharedCount),
          cause: fc.constantFrom(...CAUSE_IDS),
          weight: fc.double({ min: 0.01, max: 1, noNaN: true }),
          priority: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 10 },
      ),
    })
    .map(({ shared, rules }) => ({
      name: 'random',
      version: '1.0.0',
      ...(shared.length === 0 ? {} : { conditions: Object.fromEntries(shared.map((c, i) => [`s${i}`, c])) }),
      rules: rules.map((r, i) => ({
        name: `r${i}`,
        ...(r.priority === undefined ? {} : { priority: r.priority }),
        conditions: r.conditions,
        event: { type: r.cause, params: { weight: r.weight } },
      })),
    })),
);

/** Random facts: signals, merchant attributes and the custom facts of {@link EXTRA_FACTS}. */
export const facts = fc
  .tuple(
    signals,
    fc.record(Object.fromEntries(textNames.map((n) => [n, fc.constantFrom(...(TEXT[n] ?? []))])) as Record<string, fc.Arbitrary<string>>),
    fc.record({ teamScore: fc.oneof(fc.constantFrom(...VALUES, 2, 10), fc.integer({ min: 0, max: 10 })), teamFlag: fc.boolean() }),
  )
  .map(([s, m, c]) => ({ ...s, ...m, ...c }) as Record<string, number | boolean | string>);
