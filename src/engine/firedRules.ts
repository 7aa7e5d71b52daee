/**
 * Which rules fire on a set of signals. Two evaluators give the same answer: `compiled` (default;
 * plain closures built once) and `json-rules-engine` (the reference semantics, one `Engine` built
 * once per classifier). A differential test holds them to each other.
 */
import { Engine } from 'json-rules-engine';
import type { Rule, ValidatedRulePack } from '../rules/schema.js';
import type { Signals } from '../signals/catalog.js';
import { compileCondition } from './evaluate.js';

/** Which evaluator runs the rules. */
export type EngineKind = 'compiled' | 'json-rules-engine';

/** Finds the fired rules of a pack. Immutable; safe to share between concurrent calls. */
export interface RuleEvaluator {
  readonly kind: EngineKind;
  /** The fired rules, in the pack's (name) order. */
  fired(signals: Signals): Promise<readonly Rule[]>;
}

/** Builds the evaluator for a validated pack. */
export function createRuleEvaluator(pack: ValidatedRulePack, kind: EngineKind = 'compiled'): RuleEvaluator {
  return kind === 'compiled' ? compiledEvaluator(pack) : referenceEvaluator(pack);
}

/**
 * Compiles a validated pack into one synchronous function: signals in, fired rules out (in pack
 * order). This is what `createClassifier` does once. It takes only a {@link ValidatedRulePack}:
 * validation rejects what the compiled evaluator and json-rules-engine would read differently
 * (an empty `any`, unknown facts, JSONPath), so the two evaluators always agree.
 *
 * @example
 * ```ts
 * const fired = compileRulePack(defaultRulePack)(signals).map((rule) => rule.name);
 * ```
 */
export function compileRulePack(pack: ValidatedRulePack): (signals: Signals) => Rule[] {
  const compiled = pack.rules.map((rule) => ({ rule, test: compileCondition(rule.conditions) }));
  return (signals) => {
    const out: Rule[] = [];
    for (const { rule, test } of compiled) if (test(signals)) out.push(rule);
    return out;
  };
}

function compiledEvaluator(pack: ValidatedRulePack): RuleEvaluator {
  const run = compileRulePack(pack);
  return Object.freeze({ kind: 'compiled' as const, fired: async (signals: Signals) => run(signals) });
}

function referenceEvaluator(pack: ValidatedRulePack): RuleEvaluator {
  // No JSONPath: packs cannot carry `path`, and the resolver below never evaluates an expression.
  const engine = new Engine([], {
    allowUndefinedFacts: false,
    pathResolver: (value: unknown) => value,
  });
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
    fired: async (signals: Signals) => {
      const { results } = await engine.run({ ...signals });
      return results
        .map((result) => byName.get(result.name as string) as Rule)
        .sort((a, b) => (order.get(a.name) as number) - (order.get(b.name) as number));
    },
  });
}
