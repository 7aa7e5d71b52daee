/**
 * The rule language: json-rules-engine 7.3.1's semantics for the operators rule packs allow —
 * comparison, negation, the leaf guard, fact-valued thresholds, shared-condition references and
 * direct evaluation of a condition tree. The engine compiles and explains with it; lint, calibration
 * and counterfactuals reason with it. One definition, so they can never disagree.
 */
import type { Operator } from '../contract/result.js';
import type { Facts, FactValue } from '../signals/facts.js';
import type { ConditionRef, FactRef, LeafCondition, RuleCondition, Threshold } from './schema.js';

/** A resolved threshold: a literal, a list, or another fact's value. */
export type ThresholdValue = FactValue | readonly (number | string)[];

type Compare = (fact: FactValue, value: ThresholdValue) => boolean;

/**
 * json-rules-engine's numeric fact validator: `Number.parseFloat(x).toString() !== 'NaN'`. Facts
 * here are finite numbers, booleans or strings, and string facts never meet a numeric operator (the
 * loader refuses it), so this is "is a number".
 */
const numeric = (a: FactValue): a is number => typeof a === 'number';

/** json-rules-engine's built-in operators (`engine-default-operators.js`), as they behave on our facts. */
export const COMPARE: Readonly<Record<Operator, Compare>> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  lessThan: (a, b) => numeric(a) && a < (b as number),
  lessThanInclusive: (a, b) => numeric(a) && a <= (b as number),
  greaterThan: (a, b) => numeric(a) && a > (b as number),
  greaterThanInclusive: (a, b) => numeric(a) && a >= (b as number),
  // `b.indexOf(a) > -1`: strict equality against each element; the loader only lets lists through.
  in: (a, b) => (b as readonly FactValue[]).indexOf(a) > -1,
  notIn: (a, b) => (b as readonly FactValue[]).indexOf(a) === -1,
};

/** `value operator threshold` with json-rules-engine's semantics. */
export function compare(operator: Operator, value: FactValue, threshold: ThresholdValue): boolean {
  return COMPARE[operator](value, threshold);
}

/** The operator that holds exactly when the given one does not (facts are never NaN). */
export const NEGATED: Readonly<Record<Operator, Operator>> = {
  equal: 'notEqual',
  notEqual: 'equal',
  lessThan: 'greaterThanInclusive',
  lessThanInclusive: 'greaterThan',
  greaterThan: 'lessThanInclusive',
  greaterThanInclusive: 'lessThan',
  in: 'notIn',
  notIn: 'in',
};

/** Operators that compare numbers by order. */
export const ORDER_OPERATORS: readonly Operator[] = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'];

/** True when `condition` is a leaf. */
export function isLeaf(condition: RuleCondition): condition is LeafCondition {
  return 'fact' in condition;
}

/** True when `condition` references a shared condition. */
export function isRef(condition: RuleCondition): condition is ConditionRef {
  return 'condition' in condition;
}

/** True when a threshold is another fact's value (`{ fact }`). */
export function isFactRef(value: Threshold): value is FactRef {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The threshold a leaf compares with, given the facts (another fact's value for `{ fact }`). */
export function thresholdOf(leaf: LeafCondition, facts: Facts): ThresholdValue {
  return isFactRef(leaf.value) ? (facts[leaf.value.fact] as FactValue) : (leaf.value as ThresholdValue);
}

/** The children of a boolean or reference condition (a leaf has none). */
export function childrenOf(condition: RuleCondition): readonly RuleCondition[] {
  if (isLeaf(condition)) return [];
  if (isRef(condition)) return [condition.resolved];
  if ('all' in condition) return condition.all;
  if ('any' in condition) return condition.any;
  return [condition.not];
}

/** Evaluates a condition tree directly (used for explanations, counterfactuals, lint and calibration). */
export function holds(condition: RuleCondition, facts: Facts): boolean {
  if (isLeaf(condition)) return COMPARE[condition.operator](facts[condition.fact] as FactValue, thresholdOf(condition, facts));
  if (isRef(condition)) return holds(condition.resolved, facts);
  if ('all' in condition) return condition.all.every((c) => holds(c, facts));
  if ('any' in condition) return condition.any.some((c) => holds(c, facts));
  return !holds(condition.not, facts);
}

/** Every leaf of a tree, shared conditions included (each reference walked once per occurrence). */
export function leavesOf(condition: RuleCondition): LeafCondition[] {
  if (isLeaf(condition)) return [condition];
  return childrenOf(condition).flatMap(leavesOf);
}
