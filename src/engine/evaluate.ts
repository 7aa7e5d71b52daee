/**
 * Condition evaluation with json-rules-engine's semantics for the operator subset rule packs allow,
 * compiled once into plain closures; and the explanation of a fired rule (the leaves that held).
 */
import type { EvidenceCondition, Operator } from '../contract/result.js';
import type { LeafCondition, RuleCondition } from '../rules/schema.js';
import type { Signals } from '../signals/catalog.js';

/** A compiled condition: signals in, truth out. */
export type CompiledCondition = (signals: Signals) => boolean;

type Compare = (fact: number | boolean, value: number | boolean) => boolean;

/** json-rules-engine's built-in operators (numeric ones require a numeric fact, as its validator does). */
const COMPARE: Record<Operator, Compare> = {
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

/** True when `condition` is a leaf. */
export function isLeaf(condition: RuleCondition): condition is LeafCondition {
  return 'fact' in condition;
}

/** Compiles a validated condition tree into one closure (done once per classifier). */
export function compileCondition(condition: RuleCondition): CompiledCondition {
  if (isLeaf(condition)) {
    const { fact, value } = condition;
    const compare = COMPARE[condition.operator];
    return (signals) => compare(signals[fact as keyof Signals], value);
  }
  if ('all' in condition) {
    const parts = condition.all.map(compileCondition);
    return (signals) => parts.every((part) => part(signals));
  }
  if ('any' in condition) {
    const parts = condition.any.map(compileCondition);
    return (signals) => parts.some((part) => part(signals));
  }
  const inner = compileCondition(condition.not);
  return (signals) => !inner(signals);
}

/** Evaluates a condition tree directly (used for explanations and counterfactuals). */
export function holds(condition: RuleCondition, signals: Signals): boolean {
  if (isLeaf(condition)) return COMPARE[condition.operator](signals[condition.fact as keyof Signals], condition.value);
  if ('all' in condition) return condition.all.every((c) => holds(c, signals));
  if ('any' in condition) return condition.any.some((c) => holds(c, signals));
  return !holds(condition.not, signals);
}

/**
 * The leaves that made a holding condition hold: under `all` every child's, under `any` those of the
 * children that held, under `not` the leaves that made the inner condition fail, shown negated
 * (`not x >= 3` reads `x < 3`). Order follows the rule.
 */
export function explain(condition: RuleCondition, signals: Signals): EvidenceCondition[] {
  if (isLeaf(condition)) return [leafEvidence(condition, signals, condition.operator)];
  if ('all' in condition) return condition.all.flatMap((c) => explain(c, signals));
  if ('any' in condition) return condition.any.filter((c) => holds(c, signals)).flatMap((c) => explain(c, signals));
  return explainFailure(condition.not, signals);
}

/** The leaves that made a failing condition fail, each shown as the negated comparison that holds. */
function explainFailure(condition: RuleCondition, signals: Signals): EvidenceCondition[] {
  if (isLeaf(condition)) return [leafEvidence(condition, signals, NEGATED[condition.operator])];
  if ('all' in condition) return condition.all.filter((c) => !holds(c, signals)).flatMap((c) => explainFailure(c, signals));
  if ('any' in condition) return condition.any.flatMap((c) => explainFailure(c, signals));
  return explain(condition.not, signals);
}

function leafEvidence(leaf: LeafCondition, signals: Signals, operator: Operator): EvidenceCondition {
  return { signal: leaf.fact, value: signals[leaf.fact as keyof Signals], operator, threshold: leaf.value };
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
