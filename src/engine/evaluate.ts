/**
 * Condition evaluation, compiled once into plain closures over the rule language of `../rules/language`;
 * and the explanation of a fired rule (the leaves that held, with the names of their conditions).
 */
import type { EvidenceCondition, Operator } from '../contract/result.js';
import { COMPARE, isFactRef, isLeaf, isRef, NEGATED, thresholdOf } from '../rules/language.js';
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
 * One walk: each node is evaluated once, whatever the nesting.
 */
export function explain(condition: RuleCondition, facts: Facts, name?: string): EvidenceCondition[] {
  const out: EvidenceCondition[] = [];
  why(condition, facts, name, true, out);
  return out;
}

/**
 * True when `condition` evaluates to `target`; then the leaves that made it so have been appended to
 * `out` (for `false`, each shown as the negated comparison that holds). On false `out` is unchanged.
 */
function why(condition: RuleCondition, facts: Facts, name: string | undefined, target: boolean, out: EvidenceCondition[]): boolean {
  if (isLeaf(condition)) {
    const threshold = thresholdOf(condition, facts);
    if (COMPARE[condition.operator](facts[condition.fact] as FactValue, threshold as FactValue) !== target) return false;
    out.push(leafEvidence(condition, facts, threshold, target ? condition.operator : NEGATED[condition.operator], condition.name ?? name));
    return true;
  }
  if (isRef(condition)) {
    return why(condition.resolved, facts, condition.name ?? condition.resolved.name ?? name ?? condition.condition, target, out);
  }
  const here = condition.name ?? name;
  if ('not' in condition) return why(condition.not, facts, here, !target, out);
  const mark = out.length;
  // `all` holding / `any` failing need every child; `any` holding / `all` failing keep the children that do.
  const every = 'all' in condition === target;
  let some = false;
  for (const child of 'all' in condition ? condition.all : condition.any) {
    if (why(child, facts, here, target, out)) some = true;
    else if (every) {
      out.length = mark;
      return false;
    }
  }
  return every || some;
}

function leafEvidence(
  leaf: LeafCondition,
  facts: Facts,
  threshold: ReturnType<typeof thresholdOf>,
  operator: Operator,
  name: string | undefined,
): EvidenceCondition {
  const evidence: { -readonly [K in keyof EvidenceCondition]: EvidenceCondition[K] } = {
    signal: leaf.fact,
    value: facts[leaf.fact] as FactValue,
    operator,
    threshold: Array.isArray(threshold) ? [...threshold] : (threshold as FactValue),
  };
  if (isFactRef(leaf.value)) evidence.thresholdFact = leaf.value.fact;
  if (name !== undefined) evidence.name = name;
  return evidence;
}

/** A compiled explanation: true when the condition evaluates to `target`, its leaves then appended to `out`. */
type Why = (facts: Facts, out: EvidenceCondition[]) => boolean;

/**
 * Compiles {@link explain} for one condition tree into closures (names resolved at compile time), for
 * packs explained many times: `compileExplain(c)(facts)` equals `explain(c, facts)` on a holding `c`.
 */
export function compileExplain(condition: RuleCondition): (facts: Facts) => EvidenceCondition[] {
  const holdsWhy = compileWhy(condition, undefined, true);
  return (facts) => {
    const out: EvidenceCondition[] = [];
    holdsWhy(facts, out);
    return out;
  };
}

function compileWhy(condition: RuleCondition, name: string | undefined, target: boolean): Why {
  if (isLeaf(condition)) {
    const leaf = condition;
    const compare = COMPARE[leaf.operator];
    const operator = target ? leaf.operator : NEGATED[leaf.operator];
    const here = leaf.name ?? name;
    if (isFactRef(leaf.value)) {
      const other = leaf.value.fact;
      return (facts, out) => {
        if (compare(facts[leaf.fact] as FactValue, facts[other] as FactValue) !== target) return false;
        out.push(leafEvidence(leaf, facts, facts[other] as FactValue, operator, here));
        return true;
      };
    }
    const literal = leaf.value as FactValue;
    return (facts, out) => {
      if (compare(facts[leaf.fact] as FactValue, literal) !== target) return false;
      out.push(leafEvidence(leaf, facts, literal, operator, here));
      return true;
    };
  }
  if (isRef(condition)) {
    return compileWhy(condition.resolved, condition.name ?? condition.resolved.name ?? name ?? condition.condition, target);
  }
  const here = condition.name ?? name;
  if ('not' in condition) return compileWhy(condition.not, here, !target);
  const parts = ('all' in condition ? condition.all : condition.any).map((c) => compileWhy(c, here, target));
  if ('all' in condition === target) {
    return (facts, out) => {
      const mark = out.length;
      for (const part of parts) {
        if (!part(facts, out)) {
          out.length = mark;
          return false;
        }
      }
      return true;
    };
  }
  return (facts, out) => {
    let some = false;
    for (const part of parts) if (part(facts, out)) some = true;
    return some;
  };
}
