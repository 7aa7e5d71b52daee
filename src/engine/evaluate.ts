/**
 * Condition evaluation, compiled once into plain closures over the rule language of `../rules/language`;
 * and the explanation of a fired rule (the leaves that held, with the names of their conditions).
 */
import type { EvidenceCondition, Operator } from '../contract/result.js';
import { COMPARE, holds, isFactRef, isLeaf, isRef, NEGATED, thresholdOf } from '../rules/language.js';
import type { LeafCondition, RuleCondition, TopCondition } from '../rules/schema.js';
import type { Facts, FactValue } from '../signals/facts.js';

/** A compiled condition: facts in, truth out. */
export type CompiledCondition = (facts: Facts) => boolean;

/**
 * Compiles a validated condition tree into one closure (done once per classifier). Shared conditions
 * are compiled once per `shared` cache, however many rules reference them.
 */
export function compileCondition(condition: RuleCondition, shared: Map<TopCondition, CompiledCondition> = new Map()): CompiledCondition {
  if (isLeaf(condition)) {
    const { fact, value } = condition;
    const compare = COMPARE[condition.operator];
    if (isFactRef(value)) {
      const other = value.fact;
      return (facts) => compare(facts[fact] as FactValue, facts[other] as FactValue);
    }
    const literal = value as FactValue;
    return (facts) => compare(facts[fact] as FactValue, literal);
  }
  if (isRef(condition)) {
    let compiled = shared.get(condition.resolved);
    if (!compiled) {
      compiled = compileCondition(condition.resolved, shared);
      shared.set(condition.resolved, compiled);
    }
    return compiled;
  }
  if ('all' in condition) {
    const parts = condition.all.map((c) => compileCondition(c, shared));
    return (facts) => parts.every((part) => part(facts));
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => compileCondition(c, shared));
    return (facts) => parts.some((part) => part(facts));
  }
  const inner = compileCondition(condition.not, shared);
  return (facts) => !inner(facts);
}

/**
 * The leaves that made a holding condition hold: under `all` every child's, under `any` those of the
 * children that held, under `not` the leaves that made the inner condition fail, shown negated
 * (`not x >= 3` reads `x < 3`). Order follows the rule. Each leaf carries the name of its condition:
 * its own `name`, else the nearest named condition around it, else the shared condition it came from.
 */
export function explain(condition: RuleCondition, facts: Facts, name?: string): EvidenceCondition[] {
  const here = condition.name ?? name;
  if (isLeaf(condition)) return [leafEvidence(condition, facts, condition.operator, here)];
  if (isRef(condition)) return explain(condition.resolved, facts, condition.name ?? condition.resolved.name ?? name ?? condition.condition);
  if ('all' in condition) return condition.all.flatMap((c) => explain(c, facts, here));
  if ('any' in condition) return condition.any.filter((c) => holds(c, facts)).flatMap((c) => explain(c, facts, here));
  return explainFailure(condition.not, facts, here);
}

/** The leaves that made a failing condition fail, each shown as the negated comparison that holds. */
function explainFailure(condition: RuleCondition, facts: Facts, name?: string): EvidenceCondition[] {
  const here = condition.name ?? name;
  if (isLeaf(condition)) return [leafEvidence(condition, facts, NEGATED[condition.operator], here)];
  if (isRef(condition))
    return explainFailure(condition.resolved, facts, condition.name ?? condition.resolved.name ?? name ?? condition.condition);
  if ('all' in condition) return condition.all.filter((c) => !holds(c, facts)).flatMap((c) => explainFailure(c, facts, here));
  if ('any' in condition) return condition.any.flatMap((c) => explainFailure(c, facts, here));
  return explain(condition.not, facts, here);
}

function leafEvidence(leaf: LeafCondition, facts: Facts, operator: Operator, name: string | undefined): EvidenceCondition {
  const threshold = thresholdOf(leaf, facts);
  return {
    signal: leaf.fact,
    value: facts[leaf.fact] as FactValue,
    operator,
    threshold: Array.isArray(threshold) ? [...threshold] : (threshold as FactValue),
    ...(isFactRef(leaf.value) ? { thresholdFact: leaf.value.fact } : {}),
    ...(name === undefined ? {} : { name }),
  };
}
