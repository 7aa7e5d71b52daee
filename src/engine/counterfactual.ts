/**
 * Counterfactual explanations: for each fired rule, the smallest change of the signals that stops it
 * firing; for a cause, the fired rules that must all stop for its score to fall under the minimum.
 * Exact for any nesting of all / any / not and shared conditions: a condition is made false (or true,
 * under `not`) by the cheapest combination of leaf flips, where a flip's cost is its relative distance
 * to the threshold. A fact-to-fact leaf is flipped by moving its fact past the other fact's current
 * value; `in` / `notIn` by the nearest value outside / inside the list. Merchant attributes (text) are
 * not signals a merchant changes: a rule only they decide is reported with `cannot`.
 */
import type { Evidence, Operator } from '../contract/result.js';
import { childrenOf, compare, holds, isFactRef, isLeaf, isRef, NEGATED, type ThresholdValue, thresholdOf } from '../rules/language.js';
import type { LeafCondition, Rule, RuleCondition } from '../rules/schema.js';
import { type FactLookup, type Facts, type FactValue, factLookup } from '../signals/facts.js';
import { STATED_REASON_RULE } from './notice.js';

/** One signal change: from its value to the other side of a threshold. */
export interface SignalChange {
  readonly signal: string;
  readonly value: FactValue;
  /** The comparison the new value must meet, e.g. `lessThan 0.2`. */
  readonly operator: Operator;
  readonly threshold: ThresholdValue;
  /** For a fact-to-fact comparison, the other fact (held at its current value, which is `threshold`). */
  readonly thresholdFact?: string;
  /** A concrete value that meets it (the nearest one for whole-number signals). */
  readonly example: number | boolean;
}

/** The cheapest way to stop one fired rule. */
export interface RuleCounterfactual {
  readonly rule: string;
  readonly changes: readonly SignalChange[];
  /** Why no change of signals stops the rule (then `changes` is empty). */
  readonly cannot?: string;
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
  signals: Facts,
  minScore: number,
  lookup: FactLookup = factLookup(),
): CauseCounterfactual {
  const rules: RuleCounterfactual[] = [];
  const ctx: Ctx = { facts: signals, lookup };
  for (const e of evidence) {
    const rule = rulesByName.get(e.rule);
    if (!rule) continue;
    // The cheapest option that, applied to the signals, really stops the rule (signals shared by
    // several leaves can interact, so every candidate is checked).
    const best =
      toFalse(rule.conditions, ctx)
        .filter((option) => Number.isFinite(option.cost))
        .sort(byCost)
        .find((option) => !holds(rule.conditions, apply(signals, option.changes))) ?? searchFalsifying(rule.conditions, ctx);
    if (best) rules.push({ rule: rule.name, changes: best.changes });
    else rules.push({ rule: rule.name, changes: [], cannot: cannotReason(rule.conditions, lookup) });
  }
  return { rules, mustClear: mustClear(evidence, minScore) };
}

/** Why a rule cannot be stopped by changing signals. */
function cannotReason(condition: RuleCondition, lookup: FactLookup): string {
  const text = [
    ...new Set(
      leaves(condition)
        .filter((l) => !changeable(l.fact, lookup))
        .map((l) => l.fact),
    ),
  ].sort();
  return text.length > 0
    ? `merchant attributes decide it (${text.join(', ')}); no change of signals stops it`
    : 'no change of its signals stops it (its conditions hold whatever their values)';
}

function leaves(condition: RuleCondition): LeafCondition[] {
  return isLeaf(condition) ? [condition] : childrenOf(condition).flatMap(leaves);
}

/** Signals (numbers, booleans) can change; merchant attributes (text) cannot. */
function changeable(fact: string, lookup: FactLookup): boolean {
  const kind = lookup(fact)?.kind;
  return kind === 'number' || kind === 'boolean';
}

interface Ctx {
  readonly facts: Facts;
  readonly lookup: FactLookup;
}

/**
 * The fewest fired rules whose removal drops the noisy-OR score under `minScore`: removing the
 * heaviest first is optimal, since every weight lowers the remaining score monotonically.
 */
export function mustClear(evidence: readonly Evidence[], minScore: number): string[] {
  // The acquirer's stated reason is not something the merchant's transactions can clear: it stays.
  const stays = evidence.filter((e) => e.rule === STATED_REASON_RULE).reduce((miss, e) => miss * (1 - e.weight), 1);
  const sorted = evidence.filter((e) => e.rule !== STATED_REASON_RULE).sort((a, b) => b.weight - a.weight || (a.rule < b.rule ? -1 : 1));
  const removed: string[] = [];
  let remaining = sorted;
  while (remaining.length > 0 && 1 - stays * remaining.reduce((miss, e) => miss * (1 - e.weight), 1) >= minScore) {
    removed.push((remaining[0] as Evidence).rule);
    remaining = remaining.slice(1);
  }
  return removed;
}

/** Options (sets of leaf changes) that make a holding condition false. */
function toFalse(condition: RuleCondition, ctx: Ctx): Option[] {
  if (!holds(condition, ctx.facts)) return [{ cost: 0, changes: [] }];
  if (isLeaf(condition)) return leafOption(condition, NEGATED[condition.operator], ctx);
  if (isRef(condition)) return toFalse(condition.resolved, ctx);
  if ('all' in condition) return condition.all.flatMap((c) => toFalse(c, ctx));
  if ('any' in condition) return combine(condition.any.filter((c) => holds(c, ctx.facts)).map((c) => toFalse(c, ctx)));
  return toTrue(condition.not, ctx);
}

/** Options that make a failing condition true. */
function toTrue(condition: RuleCondition, ctx: Ctx): Option[] {
  if (holds(condition, ctx.facts)) return [{ cost: 0, changes: [] }];
  if (isLeaf(condition)) return leafOption(condition, condition.operator, ctx);
  if (isRef(condition)) return toTrue(condition.resolved, ctx);
  if ('all' in condition) return combine(condition.all.filter((c) => !holds(c, ctx.facts)).map((c) => toTrue(c, ctx)));
  if ('any' in condition) return condition.any.flatMap((c) => toTrue(c, ctx));
  return toFalse(condition.not, ctx);
}

/** The change of a leaf's fact that makes `fact operator threshold` hold; none for text facts. */
function leafOption(leaf: LeafCondition, operator: Operator, ctx: Ctx): Option[] {
  if (!changeable(leaf.fact, ctx.lookup)) return [];
  const threshold = thresholdOf(leaf, ctx.facts);
  const change = changeTo(leaf.fact, operator, threshold, ctx);
  if (!change) return [];
  if (!isFactRef(leaf.value)) return [change];
  const thresholdFact = leaf.value.fact;
  return [{ cost: change.cost, changes: change.changes.map((c) => ({ ...c, thresholdFact })) }];
}

/** Every branch must change: the cheapest option of each, merged (same-signal changes must agree). */
function combine(groups: Option[][]): Option[] {
  let merged: Option[] = [{ cost: 0, changes: [] }];
  for (const group of groups) {
    if (group.length === 0) return [];
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
    // (a fact-to-fact threshold is the other fact's current value; the final check catches any interaction)
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
function searchFalsifying(condition: RuleCondition, ctx: Ctx): Option | undefined {
  const signals = ctx.facts;
  const candidates = new Map<string, Set<number | boolean>>();
  for (const c of leaves(condition)) {
    if (!changeable(c.fact, ctx.lookup)) continue;
    const set = candidates.get(c.fact) ?? new Set<number | boolean>();
    const threshold = thresholdOf(c, signals);
    // Both sides of a numeric threshold as well: with several leaves on one signal (x = 0 or x = 1) the
    // negation's example can land on another leaf's value, while the value past it would not.
    const operators: readonly Operator[] =
      typeof threshold === 'number' ? [c.operator, NEGATED[c.operator], 'lessThan', 'greaterThan'] : [c.operator, NEGATED[c.operator]];
    const spec = ctx.lookup(c.fact);
    for (const operator of operators) {
      const example = exampleValue(c.fact, operator, threshold, signals[c.fact] as FactValue, ctx.lookup);
      if (example === undefined) continue;
      if (
        typeof example === 'number' &&
        ((spec?.min !== undefined && example < spec.min) || (spec?.max !== undefined && example > spec.max))
      )
        continue;
      set.add(example);
    }
    candidates.set(c.fact, set);
  }
  const facts = [...candidates.keys()].sort();
  let budget = SEARCH_BUDGET;
  for (let size = 1; size <= facts.length; size++) {
    let best: Option | undefined;
    for (const subset of subsets(facts, size)) {
      for (const values of product(subset.map((f) => [...(candidates.get(f) ?? [])].filter((v) => v !== signals[f])))) {
        if (--budget < 0) return best;
        const option = subset.reduce<Option>(
          (acc, fact, i) => {
            const change = changeTo(fact, 'equal', values[i] as number | boolean, ctx) as Option;
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
export function apply<T extends Facts>(signals: T, changes: readonly SignalChange[]): T {
  const next: Record<string, FactValue> = { ...signals };
  for (const change of changes) next[change.signal] = change.example;
  return next as T;
}

function changeTo(signal: string, operator: Operator, threshold: ThresholdValue, ctx: Ctx): Option | undefined {
  const value = ctx.facts[signal] as FactValue;
  const example = exampleValue(signal, operator, threshold, value, ctx.lookup);
  if (example === undefined) return undefined;
  const cost =
    typeof value === 'number' && typeof example === 'number'
      ? Math.abs(example - value) / Math.max(Math.abs(value), Math.abs(example), 1e-9)
      : 1;
  return { cost, changes: [{ signal, value, operator, threshold, example }] };
}

/** The value nearest to the current one that meets `operator threshold` (undefined when none). */
function exampleValue(
  signal: string,
  operator: Operator,
  threshold: ThresholdValue,
  value: FactValue,
  lookup: FactLookup,
): number | boolean | undefined {
  if (typeof threshold === 'boolean') return operator === 'equal' ? threshold : !threshold;
  const spec = lookup(signal);
  const whole = spec?.unit === 'count' || spec?.unit === 'days';
  const step = whole ? 1 : 1e-6;
  if (Array.isArray(threshold)) return listExample(operator === 'in', threshold as readonly number[], value, step);
  if (typeof threshold !== 'number') return undefined;
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
    default:
      return undefined;
  }
}

/** The nearest value inside (`inside`) or outside a list of numbers. */
function listExample(inside: boolean, list: readonly number[], value: FactValue, step: number): number | undefined {
  if (typeof value !== 'number') return undefined;
  if (inside) {
    let best: number | undefined;
    for (const x of list) if (best === undefined || Math.abs(x - value) < Math.abs(best - value)) best = x;
    return best;
  }
  if (!list.includes(value)) return value;
  for (let k = 1; k <= list.length + 1; k++) {
    for (const candidate of [round6(value - k * step), round6(value + k * step)]) {
      if (candidate >= 0 && !list.includes(candidate)) return candidate;
    }
  }
  return undefined;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
