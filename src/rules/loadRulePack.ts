/** Loading and validating rule packs from untrusted JSON. */
import type { z } from 'zod';
import { formatPath, type Problem, RulePackError } from '../contract/errors.js';
import { checkLimits, DEFAULT_LIMITS, type Limits } from '../contract/limits.js';
import { type ExtraFactSpec, type FactLookup, factLookup, factNames } from '../signals/facts.js';
import { containsPan, maskPans } from '../text/cardNumber.js';
import { checkLeaf } from './leafCheck.js';
import {
  type ConditionRef,
  NameSchema,
  PackShellSchema,
  PrioritySchema,
  type Rule,
  type RuleCondition,
  type RulePack,
  RuleShellSchema,
  type TopCondition,
  type ValidatedRulePack,
} from './schema.js';

type PackLimits = Pick<Limits, 'maxRules' | 'maxConditionDepth'>;

/** Options of {@link loadRulePack}: size limits, and the custom facts the pack may name. */
export type LoadOptions = Partial<PackLimits> & {
  /**
   * Custom facts (a classifier's custom signals) the pack may use besides the built-in signals and
   * merchant attributes, by name. `createClassifier({ customSignals })` passes its own.
   */
  readonly extraFacts?: Readonly<Record<string, ExtraFactSpec>>;
};

/** Most leaves one rule may reach once shared conditions are expanded. */
const MAX_EXPANDED_LEAVES = 10_000;

interface Build {
  readonly lookup: FactLookup;
  readonly known: readonly string[];
  readonly maxDepth: number;
  readonly problems: Problem[];
  /** Reference nodes met, to resolve once every shared condition is built. */
  readonly refs: { node: Record<string, unknown>; name: string; path: string; from?: string }[];
}

/**
 * Validates a rule pack and returns it frozen, rules sorted by name.
 *
 * Checks: known cause ids; facts that are signal names, merchant attributes or the given custom
 * facts; operators from json-rules-engine's built-ins that are safe here (`equal`, `notEqual`, the
 * four order comparisons, `in`, `notIn`); values of the fact's kind (a number, boolean, string, a
 * list for `in` / `notIn`, or `{ fact }` naming a fact of the same kind); shared conditions that
 * exist and never refer to themselves; weights in (0, 1]; unique rule names; no JSONPath `path`, no
 * `params`; size limits. Each refusal names the feature and suggests the rewrite.
 *
 * @param json - the pack, already `JSON.parse`d.
 * @param options - `maxRules`, `maxConditionDepth` (see `DEFAULT_LIMITS`) and `extraFacts`.
 * @returns the validated pack.
 * @throws {@link RulePackError} whose problems name the rule and the field; `OptionsError` for a bad limit.
 * @example
 * ```ts
 * const pack = loadRulePack(JSON.parse(readFileSync('my-pack.json', 'utf8')));
 * const classifier = createClassifier({ rulePack: pack });
 * ```
 */
export function loadRulePack(json: unknown, options: LoadOptions = {}): ValidatedRulePack {
  checkLimits(options, 'options', ['maxRules', 'maxConditionDepth']);
  const limit = { ...DEFAULT_LIMITS, ...options };
  const shell = PackShellSchema.safeParse(json);
  if (!shell.success) throw new RulePackError(zodProblems('', shell.error));
  const pack = shell.data;
  const sharedRaw = pack.conditions ?? {};
  for (const [what, count] of [
    ['rules', pack.rules.length],
    ['conditions', Object.keys(sharedRaw).length],
  ] as const) {
    if (count > limit.maxRules) {
      throw new RulePackError([{ path: what, message: `holds ${count} entries; the limit is ${limit.maxRules}` }], 'limit_exceeded');
    }
  }

  const build: Build = {
    lookup: factLookup(options.extraFacts),
    known: factNames(options.extraFacts),
    maxDepth: limit.maxConditionDepth,
    problems: [],
    refs: [],
  };
  const { problems } = build;
  problems.push(...cardNumberProblems(pack, sharedRaw));

  const shared = new Map<string, TopCondition>();
  for (const [name, raw] of Object.entries(sharedRaw).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const where = `conditions.${maskPans(name).slice(0, 80)}`;
    if (!NameSchema.safeParse(name).success) {
      problems.push({ path: where, message: 'expected a shared-condition name of lower-case letters, digits, dots, dashes' });
      continue;
    }
    const top = buildTop(raw, where, build, name);
    if (top) shared.set(name, top);
  }

  const rules: Rule[] = [];
  const seen = new Map<string, number>();
  pack.rules.forEach((raw, index) => {
    const where = ruleLabel(raw, index);
    const rule = RuleShellSchema.safeParse(raw);
    if (!rule.success) problems.push(...zodProblems(where, rule.error));
    const conditions = buildTop((raw as { conditions?: unknown } | null)?.conditions, `${where}: conditions`, build);
    if (!rule.success || conditions === undefined) return;
    const earlier = seen.get(rule.data.name);
    if (earlier !== undefined) {
      problems.push({ path: `${where}: name`, message: `duplicates the name of rules[${earlier}]` });
      return;
    }
    seen.set(rule.data.name, index);
    const { priority, description } = rule.data;
    rules.push({
      name: rule.data.name,
      ...(description === undefined ? {} : { description }),
      ...(priority === undefined ? {} : { priority }),
      conditions,
      event: rule.data.event,
    });
  });

  resolveReferences(build, shared, Object.keys(sharedRaw));
  if (problems.length === 0) problems.push(...cycleProblems(build, shared));
  if (problems.length === 0) problems.push(...sizeProblems(rules));
  if (problems.length > 0) throw new RulePackError(problems.map((p) => ({ path: p.path, message: maskPans(p.message) })));

  rules.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const result: RulePack = {
    name: pack.name,
    version: pack.version,
    ...(pack.description === undefined ? {} : { description: pack.description }),
    ...(shared.size === 0 ? {} : { conditions: Object.fromEntries(shared) }),
    rules,
  };
  return deepFreeze(result) as ValidatedRulePack;
}

/**
 * Merges several validated packs into one (e.g. every file of a `--rules` folder). The name and
 * version are the first pack's; rule and shared-condition names must stay unique across packs.
 *
 * @example
 * ```ts
 * const pack = mergeRulePacks([loadRulePack(base), loadRulePack(extra)]);
 * ```
 */
export function mergeRulePacks(packs: readonly RulePack[], options: LoadOptions = {}): ValidatedRulePack {
  const [first] = packs;
  if (!first) throw new RulePackError([{ path: '', message: 'no rule pack given' }]);
  // One pack is validated too: the caller's pack may have been built by hand.
  if (packs.length === 1) return loadRulePack(first, options);
  const conditions: Record<string, unknown> = {};
  const problems: Problem[] = [];
  packs.forEach((pack, i) => {
    for (const [name, condition] of Object.entries(pack.conditions ?? {})) {
      if (Object.hasOwn(conditions, name))
        problems.push({ path: `packs[${i}].conditions.${name}`, message: 'shared condition defined twice' });
      conditions[name] = condition;
    }
  });
  if (problems.length > 0) throw new RulePackError(problems);
  return loadRulePack(
    {
      name: first.name,
      version: first.version,
      conditions: structuredClone(conditions),
      rules: structuredClone(packs.flatMap((p) => p.rules)),
    },
    options,
  );
}

/**
 * The pack as plain JSON in json-rules-engine's format (what `loadRulePack` reads back), e.g. to
 * write a calibrated pack to a file.
 *
 * @example
 * ```ts
 * writeFileSync('pack.json', `${JSON.stringify(rulePackToJson(pack), null, 2)}\n`);
 * ```
 */
export function rulePackToJson(pack: RulePack): Record<string, unknown> {
  // References carry their resolved condition in a non-enumerable property, so a clone is the written form.
  return structuredClone({ ...pack }) as Record<string, unknown>;
}

/**
 * Every string of the pack (names, descriptions, condition names, values, keys) that holds a card
 * number, by where it is: a pack is shown in results, tables and logs, so it must not carry card data.
 * The path names the rule and the field; the value is never quoted.
 */
function cardNumberProblems(
  pack: { name: string; description?: string | undefined; rules: readonly unknown[] },
  shared: Record<string, unknown>,
): Problem[] {
  const problems: Problem[] = [];
  const message = 'holds a card number; a rule pack must not carry card data (use a name without it)';
  const walk = (root: unknown, at: string): void => {
    const stack: [unknown, string, number][] = [[root, at, 0]];
    while (stack.length > 0) {
      const [value, path, depth] = stack.pop() as [unknown, string, number];
      if (typeof value === 'string') {
        if (containsPan(value)) problems.push({ path: path || '(root)', message });
      } else if (typeof value === 'object' && value !== null && depth < 200) {
        const entries = Array.isArray(value)
          ? value.map((v, i): [unknown, string] => [v, `${path}[${i}]`])
          : Object.entries(value).map(([k, v]): [unknown, string] => {
              const key = maskPans(k).slice(0, 80);
              if (containsPan(k)) problems.push({ path: `${path}${path ? '.' : ''}${key}`, message });
              return [v, `${path}${path ? '.' : ''}${key}`];
            });
        for (const [v, p] of entries.reverse()) stack.push([v, p, depth + 1]);
      }
    }
  };
  for (const field of ['name', 'description'] as const) {
    const text = pack[field];
    if (typeof text === 'string' && containsPan(text)) problems.push({ path: field, message });
  }
  for (const [name, condition] of Object.entries(shared)) {
    const where = `conditions.${maskPans(name).slice(0, 80)}`;
    if (containsPan(name)) problems.push({ path: where, message });
    walk(condition, where);
  }
  pack.rules.forEach((rule, i) => {
    if (typeof rule !== 'object' || rule === null) return;
    for (const [key, value] of Object.entries(rule)) {
      const where = `${ruleLabel(rule, i)}: ${maskPans(key).slice(0, 80)}`;
      if (containsPan(key)) problems.push({ path: where, message });
      walk(value, where);
    }
  });
  return problems;
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

/** Validates a top condition (a rule's or a shared one) and returns a clean copy, or undefined on problems. */
function buildTop(condition: unknown, path: string, build: Build, sharedName?: string): TopCondition | undefined {
  const before = build.problems.length;
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
    build.problems.push({ path, message: 'expected an object with all, any, not or condition' });
    return undefined;
  }
  if (!('all' in condition) && !('any' in condition) && !('not' in condition) && !('condition' in condition)) {
    build.problems.push({
      path,
      message:
        'json-rules-engine refuses a bare leaf here: the top must be all, any, not or a shared-condition reference ({ "condition": name }); wrap the leaf as { "all": [ … ] }',
    });
    return undefined;
  }
  const built = buildCondition(condition, path, 1, build, sharedName);
  return build.problems.length === before ? (built as TopCondition) : undefined;
}

function buildCondition(condition: unknown, path: string, depth: number, build: Build, sharedName?: string): RuleCondition | undefined {
  const { problems } = build;
  if (problems.length >= 50) return undefined;
  if (depth > build.maxDepth) {
    problems.push({ path, message: `conditions nest deeper than ${build.maxDepth} levels; move a part into a shared condition` });
    return undefined;
  }
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
    problems.push({ path, message: 'expected a condition object' });
    return undefined;
  }
  const record = condition as Record<string, unknown>;
  const keys = Object.keys(record);
  const extras = commonFields(record, path, problems);
  const body = keys.filter((k) => k !== 'name' && k !== 'priority');
  for (const boolKey of ['all', 'any'] as const) {
    if (!body.includes(boolKey)) continue;
    if (body.length !== 1) problems.push({ path, message: `${boolKey} must stand alone in its object (besides name and priority)` });
    const list = record[boolKey];
    if (!Array.isArray(list) || list.length === 0) {
      problems.push({
        path: `${path}.${boolKey}`,
        message: `expected a non-empty array of conditions (json-rules-engine counts an empty ${boolKey} as true; write the conditions, or drop the rule)`,
      });
      return undefined;
    }
    const children = list.map((child, i) => buildCondition(child, `${path}.${boolKey}[${i}]`, depth + 1, build, sharedName));
    return { [boolKey]: children, ...extras } as RuleCondition;
  }
  if (body.includes('not')) {
    if (body.length !== 1) problems.push({ path, message: 'not must stand alone in its object (besides name and priority)' });
    if (Array.isArray(record.not)) {
      problems.push({ path: `${path}.not`, message: 'not takes one condition, not an array; write { "not": { "any": [ … ] } }' });
      return undefined;
    }
    const child = buildCondition(record.not, `${path}.not`, depth + 1, build, sharedName);
    return child === undefined ? undefined : { not: child, ...extras };
  }
  if (body.includes('condition')) {
    if (body.length !== 1) {
      problems.push({ path, message: 'a shared-condition reference holds only condition (and optionally name, priority)' });
      return undefined;
    }
    const name = record.condition;
    if (typeof name !== 'string') {
      problems.push({ path: `${path}.condition`, message: 'expected the name of a shared condition of the pack' });
      return undefined;
    }
    const node: Record<string, unknown> = { condition: name, ...extras };
    build.refs.push({ node, name, path: `${path}.condition`, ...(sharedName === undefined ? {} : { from: sharedName }) });
    return node as unknown as ConditionRef;
  }
  const leaf = checkLeaf(record, path, build.lookup, build.known, problems);
  return leaf === undefined ? undefined : { ...leaf, ...extras };
}

/** `name` and `priority`, allowed on every condition as json-rules-engine keeps them. */
function commonFields(record: Record<string, unknown>, path: string, problems: Problem[]): { name?: string; priority?: number } {
  const out: { name?: string; priority?: number } = {};
  if ('name' in record) {
    if (typeof record.name === 'string' && record.name.length >= 1 && record.name.length <= 80) out.name = record.name;
    else problems.push({ path: `${path}.name`, message: 'expected a condition name of 1 to 80 characters' });
  }
  if ('priority' in record) {
    const priority = PrioritySchema.safeParse(record.priority);
    if (priority.success) out.priority = priority.data;
    else problems.push(...zodProblems(`${path}.priority`, priority.error, '.'));
  }
  return out;
}

/** Attaches each reference's shared condition (non-enumerable), or reports unknown names. */
function resolveReferences(build: Build, shared: ReadonlyMap<string, TopCondition>, declared: readonly string[]): void {
  for (const ref of build.refs) {
    const target = shared.get(ref.name);
    if (target) {
      Object.defineProperty(ref.node, 'resolved', { value: target, enumerable: false });
    } else if (!declared.includes(ref.name)) {
      const names = [...shared.keys()];
      build.problems.push({
        path: ref.path,
        message:
          names.length === 0
            ? `unknown shared condition "${ref.name}": this pack defines none; add it under the pack's "conditions" object`
            : `unknown shared condition "${ref.name}"; the pack defines ${names.map((n) => `"${n}"`).join(', ')}`,
      });
    }
  }
}

/** Shared conditions that reach themselves: json-rules-engine would recurse until the stack overflows. */
function cycleProblems(build: Build, shared: ReadonlyMap<string, TopCondition>): Problem[] {
  const edges = new Map<string, string[]>();
  for (const ref of build.refs) if (ref.from !== undefined) edges.set(ref.from, [...(edges.get(ref.from) ?? []), ref.name]);
  const problems: Problem[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (name: string, trail: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'open') {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      problems.push({
        path: `conditions.${name}`,
        message: `shared conditions refer to each other in a cycle (${cycle.join(' → ')}); json-rules-engine would recurse forever`,
      });
      return;
    }
    state.set(name, 'open');
    for (const next of [...new Set(edges.get(name) ?? [])].sort()) visit(next, [...trail, name]);
    state.set(name, 'done');
  };
  for (const name of [...shared.keys()].sort()) visit(name, []);
  return problems;
}

/** Rules whose expansion (shared conditions inlined) is too large to evaluate and explain. */
function sizeProblems(rules: readonly Rule[]): Problem[] {
  const memo = new Map<RuleCondition, number>();
  const count = (c: RuleCondition): number => {
    const known = memo.get(c);
    if (known !== undefined) return known;
    let n: number;
    if ('fact' in c) n = 1;
    else if ('condition' in c) n = count(c.resolved);
    else if ('all' in c) n = c.all.reduce((s, x) => s + count(x), 0);
    else if ('any' in c) n = c.any.reduce((s, x) => s + count(x), 0);
    else n = count(c.not);
    memo.set(c, Math.min(n, MAX_EXPANDED_LEAVES + 1));
    return Math.min(n, MAX_EXPANDED_LEAVES + 1);
  };
  return rules
    .filter((r) => count(r.conditions) > MAX_EXPANDED_LEAVES)
    .map((r) => ({
      path: `rule "${r.name}": conditions`,
      message: `reaches more than ${MAX_EXPANDED_LEAVES} conditions once shared conditions are expanded`,
    }));
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
