/**
 * The rule language: json-rules-engine's semantics for the operators rule packs allow — comparison,
 * negation, the leaf guard and direct evaluation of a condition tree. The engine compiles and explains
 * with it; lint and counterfactuals reason with it. One definition, so they can never disagree.
 */
import type { Operator } from '../contract/result.js';
import type { Signals } from '../signals/catalog.js';
import type { LeafCondition, RuleCondition } from './schema.js';

type Compare = (fact: number | boolean, value: number | boolean) => boolean;

/** json-rules-engine's built-in operators (numeric ones require a numeric fact, as its validator does). */
export const COMPARE: Readonly<Record<Operator, Compare>> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  lessThan: (a, b) => typeof a === 'number' && a < (b as number),
  lessThanInclusive: (a, b) => typeof a === 'number' && a <= (b as number),
  greaterThan: (a, b) => typeof a === 'number' && a > (b as number),
  greaterThanInclusive: (a, b) => typeof a === 'number' && a >= (b as number),
};

/** `value operator threshold` with json-rules-engine's semantics (numeric operators need a number). */
export function compare(operator: Operator, value: number | boolean, threshold: number | boolean): boolean {
  return COMPARE[operator](value, threshold);
}

/** The operator that holds exactly when the given one does not. */
export const NEGATED: Readonly<Record<Operator, Operator>> = {
  equal: 'notEqual',
  notEqual: 'equal',
  lessThan: 'greaterThanInclusive',
  lessThanInclusive: 'greaterThan',
  greaterThan: 'lessThanInclusive',
  greaterThanInclusive: 'lessThan',
};

/** True when `condition` is a leaf. */
export function isLeaf(condition: RuleCondition): condition is LeafCondition {
  return 'fact' in condition;
}

/** Evaluates a condition tree directly (used for explanations, counterfactuals and lint). */
export function holds(condition: RuleCondition, signals: Signals): boolean {
  if (isLeaf(condition)) return COMPARE[condition.operator](signals[condition.fact as keyof Signals], condition.value);
  if ('all' in condition) return condition.all.every((c) => holds(c, signals));
  if ('any' in condition) return condition.any.some((c) => holds(c, signals));
  return !holds(condition.not, signals);
}
