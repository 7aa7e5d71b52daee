/**
 * The rule-pack format: json-rules-engine's own rule JSON, restricted to what is safe and checkable.
 * Facts are signal names, merchant attributes or custom signals; a leaf compares one fact with a
 * literal, a list (`in` / `notIn`) or another fact (`value: { fact }`). Shared conditions live in the
 * pack's `conditions` map and are referenced by `{ condition: name }`, as `engine.setCondition` does.
 */
import { z } from 'zod';
import { CAUSE_IDS } from '../contract/causes.js';
import type { Operator } from '../contract/result.js';

/** A reference to another fact's value (json-rules-engine resolves `{ fact }` values through the almanac). */
export interface FactRef {
  readonly fact: string;
}

/** What a leaf compares its fact with. */
export type Threshold = number | boolean | string | readonly number[] | readonly string[] | FactRef;

/** A leaf condition: `{ fact, operator, value }`, optionally named. No `path`, no `params`. */
export interface LeafCondition {
  readonly fact: string;
  readonly operator: Operator;
  readonly value: Threshold;
  readonly name?: string;
  readonly priority?: number;
}

/** Fields every condition may carry besides its body. */
interface Named {
  readonly name?: string;
  readonly priority?: number;
}

/**
 * A reference to a shared condition of the pack. `resolved` (not enumerable, so never serialized)
 * is the shared condition it names, attached at load time; cycles are refused, so walks end.
 */
export interface ConditionRef extends Named {
  readonly condition: string;
  readonly resolved: TopCondition;
}

/** A condition tree in json-rules-engine's shape. */
export type RuleCondition =
  | LeafCondition
  | ({ readonly all: readonly RuleCondition[] } & Named)
  | ({ readonly any: readonly RuleCondition[] } & Named)
  | ({ readonly not: RuleCondition } & Named)
  | ConditionRef;

/** A rule's (or shared condition's) top: `all`, `any`, `not` or a condition reference, as json-rules-engine requires. */
export type TopCondition = Exclude<RuleCondition, LeafCondition>;

/** A rule's event: which cause it supports and with what weight. */
export const RuleEventSchema = z.strictObject({
  type: z.enum(CAUSE_IDS, { error: 'expected a cause id from the catalog' }),
  params: z.strictObject({
    weight: z
      .number({ error: 'expected a weight in (0, 1]' })
      .gt(0, { error: 'weight must be greater than 0' })
      .lte(1, { error: 'weight must be at most 1' }),
  }),
});

const NAME = /^[a-z0-9][a-z0-9._-]{0,79}$/;

/** A rule or shared-condition name. */
export const NameSchema = z
  .string({ error: 'expected a name' })
  .regex(NAME, { error: 'expected a name of lower-case letters, digits, dots, dashes' });

/**
 * A priority as json-rules-engine reads it: a whole number ≥ 1 (it runs higher priorities first;
 * every rule is still evaluated, so priority never changes which rules fire).
 */
export const PrioritySchema = z
  .number({ error: 'expected a whole number ≥ 1' })
  .int({ error: 'expected a whole number ≥ 1 (json-rules-engine truncates fractions)' })
  .min(1, { error: 'expected a whole number ≥ 1 (json-rules-engine refuses 0 and below)' })
  .max(1_000_000);

/** A rule's fields other than its conditions (those are checked by a recursive walk). */
export const RuleShellSchema = z.strictObject({
  name: NameSchema,
  description: z.string().max(500).optional(),
  priority: PrioritySchema.optional(),
  conditions: z.unknown(),
  event: RuleEventSchema,
});

/** A validated rule. */
export interface Rule {
  readonly name: string;
  readonly description?: string;
  readonly priority?: number;
  readonly conditions: TopCondition;
  readonly event: z.infer<typeof RuleEventSchema>;
}

/** The pack's fields other than its rules and shared conditions. */
export const PackShellSchema = z.strictObject({
  name: z.string({ error: 'expected a pack name' }).min(1).max(80),
  version: z.string({ error: 'expected a version string' }).regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, {
    error: 'expected a semantic version such as 1.0.0',
  }),
  description: z.string().max(2000).optional(),
  conditions: z.record(z.string(), z.unknown(), { error: 'expected an object of named shared conditions' }).optional(),
  rules: z.array(z.unknown(), { error: 'expected an array of rules' }),
});

/** A validated, immutable rule pack; rules are sorted by name so load order never matters. */
export interface RulePack {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  /** Shared conditions by name (json-rules-engine's `setCondition`), referenced by `{ condition: name }`. */
  readonly conditions?: Readonly<Record<string, TopCondition>>;
  readonly rules: readonly Rule[];
}

declare const validatedBrand: unique symbol;

/**
 * A rule pack that `loadRulePack` (or `mergeRulePacks`) returned: the only kind the evaluators
 * compile. The brand exists in types only; a pack built by hand must go through `loadRulePack`.
 */
export type ValidatedRulePack = RulePack & { readonly [validatedBrand]: true };
