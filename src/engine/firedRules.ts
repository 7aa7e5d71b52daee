/**
 * Which rules fire on a set of signals. Two evaluators give the same answer: `compiled` (default;
 * plain closures built once) and `json-rules-engine` (the reference semantics, one `Engine` built
 * once per classifier). A differential test holds them to each other.
 */
import { Engine } from 'json-rules-engine';
import type { Rule, TopCondition, ValidatedRulePack } from '../rules/schema.js';
import type { Facts } from '../signals/facts.js';
import { type CompiledCondition, compileCondition } from './evaluate.js';

/** Which evaluator runs the rules. */
export type EngineKind = 'compiled' | 'json-rules-engine';

/** Finds the fired rules of a pack. Immutable; safe to share between concurrent calls. */
export interface RuleEvaluator {
  readonly kind: EngineKind;
  /** The fired rules, in the pack's (name) order. */
  fired(facts: Facts): Promise<readonly Rule[]>;
}

/** Builds the evaluator for a validated pack. */
export function createRuleEvaluator(pack: ValidatedRulePack, kind: EngineKind = 'compiled'): RuleEvaluator {
  return kind === 'compiled' ? compiledEvaluator(pack) : referenceEvaluator(pack);
}

/**
 * Compiles a validated pack into one synchronous function: facts (signals, plus merchant attributes
 * and custom signals when the pack uses them) in, fired rules out (in pack order). This is what
 * `createClassifier` does once. It takes only a {@link ValidatedRulePack}: validation rejects what the
 * compiled evaluator and json-rules-engine would read differently (unknown facts, JSONPath, a `contains`
 * on text), so the two evaluators always agree.
 *
 * @example
 * ```ts
 * const fired = compileRulePack(defaultRulePack)(signals).map((rule) => rule.name);
 * ```
 */
export function compileRulePack(pack: ValidatedRulePack): (facts: Facts) => Rule[] {
  const shared = new Map<TopCondition, CompiledCondition>();
  const compiled = pack.rules.map((rule) => ({ rule, test: compileCondition(rule.conditions, shared) }));
  return (facts) => {
    const out: Rule[] = [];
    for (const { rule, test } of compiled) if (test(facts)) out.push(rule);
    return out;
  };
}

function compiledEvaluator(pack: ValidatedRulePack): RuleEvaluator {
  const run = compileRulePack(pack);
  return Object.freeze({ kind: 'compiled' as const, fired: async (facts: Facts) => run(facts) });
}

function referenceEvaluator(pack: ValidatedRulePack): RuleEvaluator {
  // No JSONPath: packs cannot carry `path`, and the resolver below never evaluates an expression.
  const engine = new Engine([], {
    allowUndefinedFacts: false,
    pathResolver: (value: unknown) => value,
  });
  // Shared conditions go in as json-rules-engine's own setCondition; references stay references.
  // structuredClone keeps the written form (a reference's resolved condition is not enumerable).
  for (const [name, condition] of Object.entries(pack.conditions ?? {})) engine.setCondition(name, structuredClone(condition) as never);
  const byName = new Map<string, Rule>();
  for (const rule of pack.rules) {
    byName.set(rule.name, rule);
    engine.addRule({
      name: rule.name,
      // json-rules-engine mutates nothing it is given here, but it gets its own copy all the same.
      conditions: structuredClone(rule.conditions) as never,
      event: structuredClone(rule.event),
      ...(rule.priority === undefined ? {} : { priority: rule.priority }),
    });
  }
  const order = new Map(pack.rules.map((rule, i) => [rule.name, i]));
  return Object.freeze({
    kind: 'json-rules-engine' as const,
    fired: async (facts: Facts) => {
      const { results } = await engine.run({ ...facts });
      return results
        .map((result) => byName.get(result.name as string) as Rule)
        .sort((a, b) => (order.get(a.name) as number) - (order.get(b.name) as number));
    },
  });
}
