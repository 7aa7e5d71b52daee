/**
 * Counterfactual explanations: for each fired rule, the smallest change of the signals that stops it
 * firing; for a cause, the fired rules that must all stop for its score to fall under the minimum.
 * Exact for any nesting of all / any / not: a condition is made false (or true, under `not`) by the
 * cheapest combination of leaf flips, where a flip's cost is its relative distance to the threshold.
 */
import type { Evidence, Operator } from '../contract/result.js';
import { compare, holds, isLeaf, NEGATED } from '../rules/language.js';
import type { LeafCondition, Rule, RuleCondition } from '../rules/schema.js';
import { SIGNAL_CATALOG, type SignalName, type Signals } from '../signals/catalog.js';

/** One signal change: from its value to the other side of a threshold. */
export interface SignalChange {
  readonly signal: string;
  readonly value: number | boolean;
  /** The comparison the new value must meet, e.g. `lessThan 0.2`. */
  readonly operator: Operator;
  readonly threshold: number | boolean;
  /** A concrete value that meets it (the nearest one for whole-number signals). */
  readonly example: number | boolean;
}

/** The cheapest way to stop one fired rule. */
export interface RuleCounterfactual {
  readonly rule: string;
  readonly changes: readonly SignalChange[];
}

/** What would clear a reported cause. */
export interface CauseCounterfactual {
  /** Per fired rule, the smallest change that stops it firing. */
  readonly rules: readonly RuleCounterfactual[];
  /** Fired rules (fewest first, heaviest first) that must all stop for the score to fall under the minimum. */
  readonly mustClear: readonly string[];
}

type Option = { cost: number; changes: SignalChange[] };

/** Counterfactuals of one cause from its evidence (rules named there) and the pack's rules. */
export function counterfactualFor(
  evidence: readonly Evidence[],
  rulesByName: ReadonlyMap<string, Rule>,
  signals: Signals,
  minScore: number,
): CauseCounterfactual {
  const rules: RuleCounterfactual[] = [];
  for (const e of evidence) {
    const rule = rulesByName.get(e.rule);
    if (!rule) continue;
    // The cheapest option that, applied to the signals, really stops the rule (signals shared by
    // several leaves can interact, so every candidate is checked).
    const best =
      toFalse(rule.conditions, signals)
        .sort(byCost)
        .find((option) => !holds(rule.conditions, apply(signals, option.changes))) ?? searchFalsifying(rule.conditions, signals);
    if (best) rules.push({ rule: rule.name, changes: best.changes });
  }
  return { rules, mustClear: mustClear(evidence, minScore) };
}

/**
 * The fewest fired rules whose removal drops the noisy-OR score under `minScore`: removing the
 * heaviest first is optimal, since every weight lowers the remaining score monotonically.
 */
export function mustClear(evidence: readonly Evidence[], minScore: number): string[] {
  const sorted = [...evidence].sort((a, b) => b.weight - a.weight || (a.rule < b.rule ? -1 : 1));
  const removed: string[] = [];
  let remaining = sorted;
  while (remaining.length > 0 && 1 - remaining.reduce((miss, e) => miss * (1 - e.weight), 1) >= minScore) {
    removed.push((remaining[0] as Evidence).rule);
    remaining = remaining.slice(1);
  }
  return removed;
}

/** Options (sets of leaf changes) that make a holding condition false. */
function toFalse(condition: RuleCondition, signals: Signals): Option[] {
  if (!holds(condition, signals)) return [{ cost: 0, changes: [] }];
  if (isLeaf(condition)) return [flipLeaf(condition, signals)];
  if ('all' in condition) return condition.all.flatMap((c) => toFalse(c, signals));
  if ('any' in condition) return combine(condition.any.filter((c) => holds(c, signals)).map((c) => toFalse(c, signals)));
  return toTrue(condition.not, signals);
}

/** Options that make a failing condition true. */
function toTrue(condition: RuleCondition, signals: Signals): Option[] {
  if (holds(condition, signals)) return [{ cost: 0, changes: [] }];
  if (isLeaf(condition)) return [makeLeafHold(condition, signals)];
  if ('all' in condition) return combine(condition.all.filter((c) => !holds(c, signals)).map((c) => toTrue(c, signals)));
  if ('any' in condition) return condition.any.flatMap((c) => toTrue(c, signals));
  return toFalse(condition.not, signals);
}

/** Every branch must change: the cheapest option of each, merged (same-signal changes must agree). */
function combine(groups: Option[][]): Option[] {
  let merged: Option[] = [{ cost: 0, changes: [] }];
  for (const group of groups) {
    const next: Option[] = [];
    for (const base of merged) {
      for (const option of [...group].sort(byCost).slice(0, 4)) {
        const joined = join(base, option);
        if (joined) next.push(joined);
      }
    }
    merged = next.sort(byCost).slice(0, 8);
  }
  return merged;
}

function join(a: Option, b: Option): Option | undefined {
  const changes = [...a.changes];
  for (const change of b.changes) {
    const at = changes.findIndex((c) => c.signal === change.signal);
    const clash = changes[at];
    if (!clash) changes.push(change);
    else if (compare(clash.operator, change.example, clash.threshold)) changes[at] = change;
    else if (!compare(change.operator, clash.example, change.threshold)) return undefined;
  }
  return { cost: a.cost + b.cost, changes };
}

function byCost(a: Option, b: Option): number {
  return a.cost - b.cost;
}

const SEARCH_BUDGET = 20_000;

/**
 * Fallback when leaf-by-leaf options interact (one signal in several leaves): a search over the
 * regions the rule's thresholds cut each of its signals into, fewest changed signals first, cheapest
 * first within that. Complete for rules whose search fits the budget; otherwise it gives up.
 */
function searchFalsifying(condition: RuleCondition, signals: Signals): Option | undefined {
  const candidates = new Map<string, Set<number | boolean>>();
  const visit = (c: RuleCondition): void => {
    if (isLeaf(c)) {
      const set = candidates.get(c.fact) ?? new Set<number | boolean>();
      // Both sides of the threshold as well: with several leaves on one signal (x = 0 or x = 1) the
      // negation's example can land on another leaf's value, while the value past it would not.
      const spec = SIGNAL_CATALOG[c.fact as SignalName];
      for (const operator of [c.operator, NEGATED[c.operator], 'lessThan', 'greaterThan'] as const) {
        const example = exampleValue(c.fact, operator, c.value, signals[c.fact as SignalName]);
        if (
          typeof example === 'number' &&
          ((spec?.min !== undefined && example < spec.min) || (spec && 'max' in spec && spec.max !== undefined && example > spec.max))
        )
          continue;
        set.add(example);
      }
      candidates.set(c.fact, set);
    } else if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
    else visit(c.not);
  };
  visit(condition);
  const facts = [...candidates.keys()].sort();
  let budget = SEARCH_BUDGET;
  for (let size = 1; size <= facts.length; size++) {
    let best: Option | undefined;
    for (const subset of subsets(facts, size)) {
      for (const values of product(subset.map((f) => [...(candidates.get(f) ?? [])].filter((v) => v !== signals[f as SignalName])))) {
        if (--budget < 0) return best;
        const option = subset.reduce<Option>(
          (acc, fact, i) => {
            const change = changeTo(fact, 'equal', values[i] as number | boolean, signals);
            return { cost: acc.cost + change.cost, changes: [...acc.changes, ...change.changes] };
          },
          { cost: 0, changes: [] },
        );
        if ((!best || option.cost < best.cost) && !holds(condition, apply(signals, option.changes))) best = option;
      }
    }
    if (best) return best;
  }
  return undefined;
}

function* subsets<T>(items: readonly T[], size: number, start = 0): Generator<T[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= items.length - size; i++) {
    for (const rest of subsets(items, size - 1, i + 1)) yield [items[i] as T, ...rest];
  }
}

function* product<T>(lists: readonly T[][]): Generator<T[]> {
  if (lists.length === 0) {
    yield [];
    return;
  }
  const [first, ...rest] = lists;
  for (const head of first ?? []) for (const tail of product(rest)) yield [head, ...tail];
}

/** The signals with the changes applied. */
export function apply(signals: Signals, changes: readonly SignalChange[]): Signals {
  const next: Record<string, number | boolean> = { ...signals };
  for (const change of changes) next[change.signal] = change.example;
  return next as Signals;
}

function flipLeaf(leaf: LeafCondition, signals: Signals): Option {
  return changeTo(leaf.fact, NEGATED[leaf.operator], leaf.value, signals);
}

function makeLeafHold(leaf: LeafCondition, signals: Signals): Option {
  return changeTo(leaf.fact, leaf.operator, leaf.value, signals);
}

function changeTo(signal: string, operator: Operator, threshold: number | boolean, signals: Signals): Option {
  const value = signals[signal as SignalName];
  const example = exampleValue(signal, operator, threshold, value);
  const cost =
    typeof value === 'number' && typeof example === 'number'
      ? Math.abs(example - value) / Math.max(Math.abs(value), Math.abs(example), 1e-9)
      : 1;
  return { cost, changes: [{ signal, value, operator, threshold, example }] };
}

/** The value nearest to the current one that meets `operator threshold`. */
function exampleValue(signal: string, operator: Operator, threshold: number | boolean, value: number | boolean): number | boolean {
  if (typeof threshold === 'boolean') return operator === 'equal' ? threshold : !threshold;
  const spec = SIGNAL_CATALOG[signal as SignalName];
  const whole = spec?.unit === 'count' || spec?.unit === 'days';
  const step = whole ? 1 : 1e-6;
  switch (operator) {
    case 'lessThan':
      return whole ? Math.ceil(threshold) - 1 : round6(threshold - step);
    case 'lessThanInclusive':
      return whole ? Math.floor(threshold) : threshold;
    case 'greaterThan':
      return whole ? Math.floor(threshold) + 1 : round6(threshold + step);
    case 'greaterThanInclusive':
      return whole ? Math.ceil(threshold) : threshold;
    case 'equal':
      return threshold;
    case 'notEqual':
      return typeof value === 'number' && value !== threshold ? value : round6(threshold + step);
  }
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
