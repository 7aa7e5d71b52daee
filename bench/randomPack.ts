/**
 * A seeded random rule pack for the benchmarks: many deeply nested rules (all / any / not down to
 * the pack depth limit) over the built-in signals, and a random signal record to classify with it.
 */
import { CAUSE_IDS, SIGNAL_CATALOG, SIGNAL_NAMES, type Signals } from '../src/index.js';
import { createRandom, type Random } from '../src/synth/random.js';

const numeric = SIGNAL_NAMES.filter((n) => SIGNAL_CATALOG[n].kind === 'number');
const booleans = SIGNAL_NAMES.filter((n) => SIGNAL_CATALOG[n].kind === 'boolean');
const ORDER = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'] as const;
const VALUES = [0, 0.1, 0.5, 1, 3, 7];

function leaf(r: Random): unknown {
  if (r.chance(0.2)) return { fact: r.pick(booleans), operator: r.pick(['equal', 'notEqual']), value: r.chance(0.5) };
  const fact = r.pick(numeric);
  const { min = 0, max = 20 } = SIGNAL_CATALOG[fact] as { min?: number; max?: number };
  const value = r.chance(0.5) ? r.pick(VALUES.filter((v) => v >= min && v <= max)) : min + r.next() * (Math.min(max, min + 20) - min);
  return { fact, operator: r.pick(['equal', 'notEqual', ...ORDER]), value };
}

function tree(r: Random, depth: number): unknown {
  if (depth <= 1 || (depth < 6 && r.chance(0.25))) return leaf(r);
  const kind = r.int(0, 4);
  if (kind === 0) return { not: tree(r, depth - 1) };
  const children = Array.from({ length: r.int(2, 3) }, () => tree(r, depth - 1));
  return kind <= 2 ? { any: children } : { all: children };
}

/** A pack of `count` rules nested up to 7 levels below the top condition (the default depth limit is 8). */
export function randomPack(seed: number, count: number): unknown {
  const r = createRandom(seed);
  return {
    name: 'random',
    version: '1.0.0',
    rules: Array.from({ length: count }, (_, i) => ({
      name: `r${i}`,
      conditions: { [r.chance(0.5) ? 'any' : 'all']: Array.from({ length: r.int(2, 3) }, () => tree(r, 7)) },
      event: { type: r.pick(CAUSE_IDS), params: { weight: Math.round((0.05 + r.next() * 0.9) * 100) / 100 } },
    })),
  };
}

/** A random record of every built-in signal. */
export function randomSignals(seed: number): Signals {
  const r = createRandom(seed);
  return Object.fromEntries(
    SIGNAL_NAMES.map((n) => [n, SIGNAL_CATALOG[n].kind === 'boolean' ? r.chance(0.5) : r.chance(0.5) ? r.pick(VALUES) : r.next() * 20]),
  ) as unknown as Signals;
}
