import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, counterfactualFor, mustClear } from '../src/engine/counterfactual.js';
import { compileRulePack } from '../src/engine/firedRules.js';
import { noisyOr } from '../src/engine/rank.js';
import type { Signals } from '../src/index.js';
import { createClassifier, loadRulePack, SIGNAL_CATALOG } from '../src/index.js';
import { holds } from '../src/rules/language.js';
import { pack, signals } from './support/arbitraries.js';

describe('counterfactuals (toClear)', () => {
  it('applying the suggested change really stops each fired rule, for any nesting (seeded)', () => {
    let firedCount = 0;
    let explained = 0;
    fc.assert(
      fc.property(pack, signals, (rawPack, record) => {
        const validated = loadRulePack(rawPack, { maxConditionDepth: 64 });
        const fired = compileRulePack(validated)(record);
        const byName = new Map(fired.map((r) => [r.name, r]));
        const evidence = fired.map((r) => ({ rule: r.name, weight: r.event.params.weight, conditions: [] }));
        const { rules } = counterfactualFor(evidence, byName, record, 0.4);
        // A rule is left out only when no change of its signals stops it (e.g. "x = true or x = false"):
        // checked exhaustively over every region the rule's thresholds cut each signal into.
        firedCount += fired.length;
        const cleared = rules.filter((r) => r.cannot === undefined);
        explained += cleared.length;
        const named = new Set(cleared.map((r) => r.rule));
        for (const rule of fired.filter((r) => !named.has(r.name))) {
          const falsifying = findFalsifying(rule.conditions, record);
          if (falsifying !== 'too-many-signals') expect(falsifying, rule.name).toBeUndefined();
        }
        for (const { rule, changes } of cleared) {
          expect(changes.length).toBeGreaterThan(0);
          expect(holds((byName.get(rule) as (typeof fired)[number]).conditions, apply(record, changes))).toBe(false);
        }
      }),
      { seed: 7, numRuns: 400 },
    );
    expect(firedCount).toBeGreaterThan(200);
    expect(explained / firedCount).toBeGreaterThan(0.8);
  });

  it('names the fewest rules whose removal drops the score under the minimum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (weights, min) => {
          const evidence = weights.map((weight, i) => ({ rule: `r${i}`, weight, conditions: [] }));
          const cleared = new Set(mustClear(evidence, min));
          const left = evidence.filter((e) => !cleared.has(e.rule)).map((e) => e.weight);
          expect(noisyOr(left)).toBeLessThan(min);
          // One rule fewer is never enough: putting back the lightest cleared rule reaches the minimum again.
          if (cleared.size > 0) {
            const lightest = Math.min(...evidence.filter((e) => cleared.has(e.rule)).map((e) => e.weight));
            expect(noisyOr([...left, lightest])).toBeGreaterThanOrEqual(min);
          }
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });

  it('shows the smallest change for a real merchant, e.g. the night share down to just under its threshold', async () => {
    const { readFileSync } = await import('node:fs');
    const result = await createClassifier().classify(JSON.parse(readFileSync('examples/cash-out-supermarket.json', 'utf8')));
    const top = result.causes[0];
    const split = top?.toClear?.rules.find((r) => r.rule === 'cash-out-split-sales');
    expect(split?.changes).toEqual([
      { signal: 'splitSaleClusters', value: result.signals.splitSaleClusters, operator: 'lessThan', threshold: 2, example: 1 },
    ]);
    expect(top?.toClear?.mustClear.length).toBeGreaterThan(0);
  });
});

type Tree = Parameters<typeof holds>[0];

/** Brute force: an assignment of the rule's signals that makes it false, if any (up to 5 signals). */
function findFalsifying(conditions: Tree, record: Signals): Signals | undefined | 'too-many-signals' {
  const points = new Map<string, Set<number | boolean>>();
  const visit = (c: Tree): void => {
    if ('fact' in c) {
      const set = points.get(c.fact) ?? new Set<number | boolean>();
      // Counts and days are whole and never negative: a fractional or negative count falsifies nothing real.
      const spec = SIGNAL_CATALOG[c.fact as keyof typeof SIGNAL_CATALOG];
      const whole = spec?.unit === 'count' || spec?.unit === 'days';
      if (typeof c.value === 'boolean') set.add(true).add(false);
      else if (whole && typeof c.value === 'number')
        for (const v of [Math.floor(c.value) - 1, Math.floor(c.value), Math.ceil(c.value), Math.ceil(c.value) + 1]) {
          if (v >= (spec?.min ?? 0)) set.add(v);
        }
      else if (typeof c.value === 'number')
        // Only values the signal can take: a negative share falsifies nothing real either.
        for (const v of [c.value, c.value - 1e-3, c.value + 1e-3]) {
          if (v >= (spec?.min ?? Number.NEGATIVE_INFINITY) && v <= (spec?.max ?? Number.POSITIVE_INFINITY)) set.add(v);
        }
      points.set(c.fact, set);
    } else if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
    else if ('not' in c) visit(c.not);
    else visit(c.resolved);
  };
  visit(conditions);
  if (points.size > 5) return 'too-many-signals';
  const facts = [...points.keys()];
  const search = (i: number, current: Record<string, number | boolean>): Signals | undefined => {
    if (i === facts.length) return holds(conditions, current as Signals) ? undefined : (current as Signals);
    for (const v of points.get(facts[i] as string) ?? []) {
      const found = search(i + 1, { ...current, [facts[i] as string]: v });
      if (found) return found;
    }
    return undefined;
  };
  return search(0, { ...record });
}
