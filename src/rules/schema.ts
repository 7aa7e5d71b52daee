/**
 * The rule-pack format: json-rules-engine's own rule JSON, restricted to what is safe and checkable.
 * Facts are signal names; a leaf compares one signal with a literal number or boolean.
 */
import { z } from 'zod';
import { CAUSE_IDS } from '../contract/causes.js';
import { OPERATORS } from '../contract/result.js';

/** A leaf condition: `{ fact, operator, value }`. No `path`, no `params`, no fact-valued `value`. */
export const LeafConditionSchema = z.strictObject({
  fact: z.string({ error: 'expected a signal name' }).min(1).max(64),
  operator: z.enum(OPERATORS, { error: `expected one of ${OPERATORS.join(', ')}` }),
  value: z.union([z.number().refine(Number.isFinite), z.boolean()], { error: 'expected a number or boolean threshold' }),
});

/** A leaf condition. */
export type LeafCondition = z.infer<typeof LeafConditionSchema>;

/** A condition tree in json-rules-engine's shape. */
export type RuleCondition = LeafCondition | { all: RuleCondition[] } | { any: RuleCondition[] } | { not: RuleCondition };

/** A rule's top-level condition: json-rules-engine requires `all`, `any` or `not` at the top. */
export type TopCondition = { all: RuleCondition[] } | { any: RuleCondition[] } | { not: RuleCondition };

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

/** A rule's fields other than its conditions (those are checked by a recursive walk). */
export const RuleShellSchema = z.strictObject({
  name: z
    .string({ error: 'expected a rule name' })
    .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, { error: 'expected a name of lower-case letters, digits, dots, dashes' }),
  description: z.string().max(500).optional(),
  priority: z.number().int().min(1).max(100).optional(),
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

/** The pack's fields other than its rules. */
export const PackShellSchema = z.strictObject({
  name: z.string({ error: 'expected a pack name' }).min(1).max(80),
  version: z.string({ error: 'expected a version string' }).regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, {
    error: 'expected a semantic version such as 1.0.0',
  }),
  description: z.string().max(2000).optional(),
  rules: z.array(z.unknown(), { error: 'expected an array of rules' }),
});

/** A validated, immutable rule pack; rules are sorted by name so load order never matters. */
export interface RulePack {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  readonly rules: readonly Rule[];
}

declare const validatedBrand: unique symbol;

/**
 * A rule pack that `loadRulePack` (or `mergeRulePacks`) returned: the only kind the evaluators
 * compile. The brand exists in types only; a pack built by hand must go through `loadRulePack`.
 */
export type ValidatedRulePack = RulePack & { readonly [validatedBrand]: true };
