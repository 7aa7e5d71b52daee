/** Loading and validating rule packs from untrusted JSON. */
import type { z } from 'zod';
import { formatPath, type Problem, RulePackError } from '../contract/errors.js';
import { DEFAULT_LIMITS, type Limits } from '../contract/limits.js';
import { SIGNAL_CATALOG, type SignalName } from '../signals/catalog.js';
import { maskPans } from '../text/cardNumber.js';
import {
  LeafConditionSchema,
  PackShellSchema,
  type Rule,
  type RuleCondition,
  type RulePack,
  RuleShellSchema,
  type TopCondition,
  type ValidatedRulePack,
} from './schema.js';

type PackLimits = Pick<Limits, 'maxRules' | 'maxConditionDepth'>;

/**
 * Validates a rule pack and returns it frozen, rules sorted by name.
 *
 * Checks: known cause ids, facts that are real signal names, operators from the allowed list,
 * numeric thresholds for numeric signals and `equal` / `notEqual` with booleans for boolean ones,
 * weights in (0, 1], unique rule names, no JSONPath `path`, no fact-valued comparisons, size limits.
 *
 * @param json - the pack, already `JSON.parse`d.
 * @param limits - `maxRules` and `maxConditionDepth`; see `DEFAULT_LIMITS`.
 * @returns the validated pack.
 * @throws {@link RulePackError} whose problems name the rule and the field.
 * @example
 * ```ts
 * const pack = loadRulePack(JSON.parse(readFileSync('my-pack.json', 'utf8')));
 * const classifier = createClassifier({ rulePack: pack });
 * ```
 */
export function loadRulePack(json: unknown, limits: Partial<PackLimits> = {}): ValidatedRulePack {
  const limit = { ...DEFAULT_LIMITS, ...limits };
  const shell = PackShellSchema.safeParse(json);
  if (!shell.success) throw new RulePackError(zodProblems('', shell.error));
  const pack = shell.data;
  if (pack.rules.length > limit.maxRules) {
    throw new RulePackError(
      [{ path: 'rules', message: `holds ${pack.rules.length} rules; the limit is ${limit.maxRules}` }],
      'limit_exceeded',
    );
  }

  const problems: Problem[] = [];
  const rules: Rule[] = [];
  const seen = new Map<string, number>();
  pack.rules.forEach((raw, index) => {
    const where = ruleLabel(raw, index);
    const rule = RuleShellSchema.safeParse(raw);
    if (!rule.success) {
      problems.push(...zodProblems(where, rule.error));
    }
    const conditionProblems: Problem[] = [];
    const conditions = buildTop(
      (raw as { conditions?: unknown } | null)?.conditions,
      `${where}: conditions`,
      limit.maxConditionDepth,
      conditionProblems,
    );
    problems.push(...conditionProblems);
    if (!rule.success || conditions === undefined) return;
    const earlier = seen.get(rule.data.name);
    if (earlier !== undefined) {
      problems.push({ path: `${where}: name`, message: `duplicates the name of rules[${earlier}]` });
      return;
    }
    seen.set(rule.data.name, index);
    rules.push(deepFreeze({ ...rule.data, conditions }));
  });
  if (problems.length > 0) throw new RulePackError(problems.map((p) => ({ path: p.path, message: maskPans(p.message) })));

  rules.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const result: RulePack = { name: pack.name, version: pack.version, rules };
  return deepFreeze(pack.description === undefined ? result : { ...result, description: pack.description }) as ValidatedRulePack;
}

/**
 * Merges several validated packs into one (e.g. every file of a `--rules` folder). The name and
 * version are the first pack's; rule names must stay unique across packs.
 *
 * @example
 * ```ts
 * const pack = mergeRulePacks([loadRulePack(base), loadRulePack(extra)]);
 * ```
 */
export function mergeRulePacks(packs: readonly RulePack[]): ValidatedRulePack {
  const [first] = packs;
  if (!first) throw new RulePackError([{ path: '', message: 'no rule pack given' }]);
  // One pack is validated too: the caller's pack may have been built by hand.
  if (packs.length === 1) return loadRulePack(first);
  return loadRulePack({
    name: first.name,
    version: first.version,
    rules: packs.flatMap((pack) => pack.rules),
  });
}

function ruleLabel(raw: unknown, index: number): string {
  const name = (raw as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name.length <= 80 ? `rules[${index}] "${maskPans(name)}"` : `rules[${index}]`;
}

/** Problems from zod issues; `joiner` is ': ' after a rule label and '.' inside a condition path. */
function zodProblems(prefix: string, error: z.ZodError, joiner = ': '): Problem[] {
  return error.issues.slice(0, 100).map((issue) => {
    const field = formatPath(issue.path);
    const path = prefix && field ? `${prefix}${joiner}${field}` : prefix || field;
    return { path, message: issue.message };
  });
}

/** Validates a rule's top condition and returns a clean copy (only known keys), or undefined on problems. */
function buildTop(condition: unknown, path: string, maxDepth: number, problems: Problem[]): TopCondition | undefined {
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
    problems.push({ path, message: 'expected an object with all, any or not' });
    return undefined;
  }
  if (!('all' in condition) && !('any' in condition) && !('not' in condition)) {
    problems.push({ path, message: 'the top level must be all, any or not (json-rules-engine requires it)' });
    return undefined;
  }
  const built = buildCondition(condition, path, 1, maxDepth, problems);
  return problems.length === 0 ? (built as TopCondition) : undefined;
}

function buildCondition(condition: unknown, path: string, depth: number, maxDepth: number, problems: Problem[]): RuleCondition | undefined {
  if (problems.length >= 50) return undefined;
  if (depth > maxDepth) {
    problems.push({ path, message: `conditions nest deeper than ${maxDepth} levels` });
    return undefined;
  }
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
    problems.push({ path, message: 'expected a condition object' });
    return undefined;
  }
  const keys = Object.keys(condition);
  const record = condition as Record<string, unknown>;
  for (const boolKey of ['all', 'any'] as const) {
    if (!keys.includes(boolKey)) continue;
    if (keys.length !== 1) problems.push({ path, message: `${boolKey} must stand alone in its object` });
    const list = record[boolKey];
    if (!Array.isArray(list) || list.length === 0) {
      problems.push({ path: `${path}.${boolKey}`, message: 'expected a non-empty array of conditions' });
      return undefined;
    }
    const children = list.map((child, i) => buildCondition(child, `${path}.${boolKey}[${i}]`, depth + 1, maxDepth, problems));
    return (boolKey === 'all' ? { all: children } : { any: children }) as RuleCondition;
  }
  if (keys.includes('not')) {
    if (keys.length !== 1) problems.push({ path, message: 'not must stand alone in its object' });
    const child = buildCondition(record.not, `${path}.not`, depth + 1, maxDepth, problems);
    return child === undefined ? undefined : { not: child };
  }
  if (keys.includes('path')) {
    problems.push({ path: `${path}.path`, message: 'path is not allowed: a JSONPath would evaluate pack content' });
  }
  if (keys.includes('condition')) {
    problems.push({ path: `${path}.condition`, message: 'shared condition references are not supported' });
  }
  // path and condition are reported above; the leaf check covers the remaining keys.
  const { path: _path, condition: _condition, ...rest } = record;
  const leaf = LeafConditionSchema.safeParse(rest);
  if (!leaf.success) {
    problems.push(...zodProblems(path, leaf.error, '.'));
    return undefined;
  }
  const { fact, operator, value } = leaf.data;
  const catalogProblems = checkLeafAgainstCatalog(fact, operator, value, path);
  problems.push(...catalogProblems);
  return catalogProblems.length === 0 ? { fact, operator, value } : undefined;
}

function checkLeafAgainstCatalog(fact: string, operator: string, value: number | boolean, path: string): Problem[] {
  if (!Object.hasOwn(SIGNAL_CATALOG, fact)) {
    return [{ path: `${path}.fact`, message: `unknown signal "${maskPans(fact)}" (see docs/signals.md)` }];
  }
  const spec = SIGNAL_CATALOG[fact as SignalName];
  if (spec.kind === 'boolean') {
    if (typeof value !== 'boolean') return [{ path: `${path}.value`, message: `signal ${fact} is a boolean; expected true or false` }];
    if (operator !== 'equal' && operator !== 'notEqual') {
      return [{ path: `${path}.operator`, message: `signal ${fact} is a boolean; use equal or notEqual` }];
    }
    return [];
  }
  if (typeof value !== 'number') return [{ path: `${path}.value`, message: `signal ${fact} is a number; expected a numeric threshold` }];
  return [];
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Re-exported for callers that build conditions in code. */
export type { RuleCondition };
