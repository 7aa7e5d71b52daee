/**
 * Condition evaluation, compiled once into plain closures over the rule language of `../rules/language`;
 * and the explanation of a fired rule (the leaves that held).
 */
import type { EvidenceCondition, Operator } from '../contract/result.js';
import { COMPARE, holds, isLeaf, NEGATED } from '../rules/language.js';
import type { LeafCondition, RuleCondition } from '../rules/schema.js';
import type { Signals } from '../signals/catalog.js';

/** A compiled condition: signals in, truth out. */
export type CompiledCondition = (signals: Signals) => boolean;

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
