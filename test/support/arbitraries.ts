/** fast-check arbitraries: random valid rule packs and random signal records. */
import fc from 'fast-check';
import { CAUSE_IDS, OPERATORS, SIGNAL_CATALOG, SIGNAL_NAMES, type Signals } from '../../src/index.js';

const numericNames = SIGNAL_NAMES.filter((n) => SIGNAL_CATALOG[n].kind === 'number');
const booleanNames = SIGNAL_NAMES.filter((n) => SIGNAL_CATALOG[n].kind === 'boolean');
// A few shared values so that equality and boundary comparisons happen often.
const VALUES = [0, 0.1, 0.5, 1, 3, 7];
const value = fc.oneof(fc.constantFrom(...VALUES), fc.double({ min: -5, max: 50, noNaN: true }));

const leaf = fc.oneof(
  fc.record({ fact: fc.constantFrom(...numericNames), operator: fc.constantFrom(...OPERATORS), value }),
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
