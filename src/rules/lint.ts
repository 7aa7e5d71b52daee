/**
 * Rule-pack lint: findings beyond schema validation. Errors mean a rule cannot work as written;
 * warnings mean it works but probably not as meant.
 */
import { CAUSE_IDS } from '../contract/causes.js';
import type { Operator } from '../contract/result.js';
import { type ExtraFactSpec, type FactLookup, type FactSpec, type FactValue, factLookup } from '../signals/facts.js';
import { COMPARE, childrenOf, compare, isFactRef, isLeaf, isRef, ORDER_OPERATORS, type ThresholdValue } from './language.js';
import type { LeafCondition, Rule, RuleCondition, RulePack } from './schema.js';

/** What a finding is about. */
export type LintCode =
  | 'never-fires'
  | 'always-fires'
  | 'threshold-out-of-range'
  | 'list-out-of-range'
  | 'unit-mismatch'
  | 'unused-shared-condition'
  | 'shadowed'
  | 'duplicate-condition'
  | 'cause-without-rule'
  | 'could-not-check';

/** One lint finding. */
export interface LintFinding {
  readonly severity: 'error' | 'warning';
  readonly code: LintCode;
  /** The rule concerned, or undefined for pack-wide findings. */
  readonly rule?: string;
  readonly message: string;
}

/** Options of {@link lintRulePack}. */
export interface LintOptions {
  /** Custom facts the pack was loaded with (their units and ranges), as given to `loadRulePack`. */
  readonly extraFacts?: Readonly<Record<string, ExtraFactSpec>>;
  /**
   * Most steps of the search that decides whether a rule can never fire or always fires, per rule and
   * question (default {@link DEFAULT_SEARCH_BUDGET}). When it runs out the rule gets a `could-not-check` finding.
   */
  readonly searchBudget?: number;
}

/**
 * Default {@link LintOptions.searchBudget}: steps (condition nodes evaluated) per rule and question,
 * a few milliseconds of work; project estimate, enough for every hand-written rule we have seen.
 */
export const DEFAULT_SEARCH_BUDGET = 200_000;
/** A text value no pack mentions: stands for "any other value" in the satisfiability search. */
const OTHER_TEXT = '\u0000other';

/**
 * Lints a validated rule pack.
 *
 * @returns findings sorted by severity (errors first), then rule name, then code.
 * @example
 * ```ts
 * const findings = lintRulePack(loadRulePack(json));
 * if (findings.some((f) => f.severity === 'error')) process.exitCode = 1;
 * ```
 */
export function lintRulePack(pack: RulePack, options: LintOptions = {}): LintFinding[] {
  const lookup = factLookup(options.extraFacts);
  const findings: LintFinding[] = [];
  for (const rule of pack.rules) {
    findings.push(...rangeFindings(rule, lookup), ...duplicateFindings(rule), ...unitFindings(rule, lookup));
    const budget = options.searchBudget ?? DEFAULT_SEARCH_BUDGET;
    const points = candidatePoints(rule.conditions, lookup);
    const satisfiable = search(rule.conditions, points, true, budget);
    const refutable = satisfiable === false ? undefined : search(rule.conditions, points, false, budget);
    if (satisfiable === undefined || (satisfiable === true && refutable === undefined)) {
      findings.push({
        // A warning, not an error: the rule may be fine, but lint could not vouch for it.
        severity: 'warning',
        code: 'could-not-check',
        rule: rule.name,
        message: `too many combinations of fact values to decide whether the rule ${satisfiable === undefined ? 'can ever fire' : 'always fires'} (the search stopped after ${budget.toLocaleString('en-US')} steps); simplify it or check it by hand`,
      });
    }
    if (satisfiable === false) {
      findings.push({
        severity: 'error',
        code: 'never-fires',
        rule: rule.name,
        message: 'no fact values inside their ranges make the conditions hold: the rule can never fire',
      });
    } else if (refutable === false) {
      findings.push({
        severity: 'warning',
        code: 'always-fires',
        rule: rule.name,
        message: 'the conditions hold for every possible fact value: the rule always fires',
      });
    }
  }
  findings.push(...shadowFindings(pack.rules), ...unusedSharedFindings(pack));
  for (const cause of CAUSE_IDS) {
    if (!pack.rules.some((r) => r.event.type === cause)) {
      findings.push({
        severity: 'warning',
        code: 'cause-without-rule',
        message: `no rule supports cause ${cause}; it can only be reported through a stated reason code`,
      });
    }
  }
  return findings.sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      (a.rule ?? '').localeCompare(b.rule ?? '') ||
      a.code.localeCompare(b.code) ||
      a.message.localeCompare(b.message),
  );
}

function leaves(condition: RuleCondition, out: LeafCondition[] = []): LeafCondition[] {
  if (isLeaf(condition)) out.push(condition);
  else for (const child of childrenOf(condition)) leaves(child, out);
  return out;
}

function range(spec: FactSpec | undefined): { min: number; max: number } {
  return { min: spec?.min ?? Number.NEGATIVE_INFINITY, max: spec?.max ?? Number.POSITIVE_INFINITY };
}

/** Facts linked by fact-to-fact comparisons share their cut points. */
function components(all: readonly LeafCondition[]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    const p = parent.get(x) ?? x;
    if (p === x) return x;
    const root = find(p);
    parent.set(x, root);
    return root;
  };
  for (const leaf of all) {
    find(leaf.fact);
    if (isFactRef(leaf.value)) parent.set(find(leaf.fact), find(leaf.value.fact));
  }
  const out = new Map<string, string>();
  for (const leaf of all) {
    out.set(leaf.fact, find(leaf.fact));
    if (isFactRef(leaf.value)) out.set(leaf.value.fact, find(leaf.value.fact));
  }
  return out;
}

/**
 * Candidate values per fact: one point in every region the thresholds (and list elements) cut each
 * fact's range into — several per region when facts are compared with each other, so any order
 * among them can be met. Checking every combination decides satisfiability exactly.
 */
function candidatePoints(condition: RuleCondition, lookup: FactLookup): Map<string, FactValue[]> {
  const all = leaves(condition);
  const group = components(all);
  const cutsOf = new Map<string, Set<number>>();
  const textOf = new Map<string, Set<string>>();
  const sizeOf = new Map<string, number>();
  for (const root of group.values()) sizeOf.set(root, (sizeOf.get(root) ?? 0) + 1);
  for (const leaf of all) {
    const root = group.get(leaf.fact) as string;
    const literals = isFactRef(leaf.value) ? [] : Array.isArray(leaf.value) ? leaf.value : [leaf.value];
    for (const v of literals) {
      if (typeof v === 'number') cutsOf.set(root, (cutsOf.get(root) ?? new Set()).add(v));
      if (typeof v === 'string') textOf.set(root, (textOf.get(root) ?? new Set()).add(v));
    }
  }
  const points = new Map<string, FactValue[]>();
  for (const [fact, root] of group) {
    const spec = lookup(fact);
    if (spec?.kind === 'boolean') {
      points.set(fact, [true, false]);
    } else if (spec?.kind === 'string') {
      const mentioned = [...(textOf.get(root) ?? [])];
      points.set(fact, spec.values ? [...spec.values] : [...mentioned.filter((t) => !spec.pattern || spec.pattern.test(t)), OTHER_TEXT]);
    } else {
      points.set(fact, numericPoints(range(spec), [...(cutsOf.get(root) ?? [])], sizeOf.get(root) ?? 1));
    }
  }
  return points;
}

function numericPoints({ min, max }: { min: number; max: number }, rawCuts: number[], perRegion: number): number[] {
  const cuts = [...new Set(rawCuts)].sort((a, b) => a - b);
  const candidates = new Set<number>();
  const add = (x: number) => {
    if (x >= min && x <= max) candidates.add(x);
  };
  const fill = (lo: number, hi: number) => {
    for (let k = 1; k <= perRegion; k++) add(lo + ((hi - lo) * k) / (perRegion + 1));
  };
  add(min);
  if (Number.isFinite(max)) add(max);
  if (cuts.length === 0) fill(Number.isFinite(min) ? min : -1, Number.isFinite(max) ? max : (Number.isFinite(min) ? min : 0) + 1);
  cuts.forEach((c, i) => {
    add(c);
    if (i === 0) fill(Number.isFinite(min) ? Math.min(min, c) : c - perRegion - 1, c);
    if (i > 0) fill(cuts[i - 1] as number, c);
    if (i === cuts.length - 1) fill(c, Number.isFinite(max) ? Math.max(max, c) : c + perRegion + 1);
  });
  return [...candidates];
}

/**
 * Whether some fact values inside their ranges make the condition evaluate to `target`: a depth-first
 * search over the candidate points that stops a branch as soon as the values assigned so far decide the
 * condition, and branches only on facts of parts still undecided (so it answers exactly what trying
 * every combination would, usually after far fewer). Returns undefined when it does not finish within
 * `budget` steps (a step is one condition node evaluated, so the bound is on work, whatever the rule's size).
 */
function search(
  condition: RuleCondition,
  points: ReadonlyMap<string, readonly FactValue[]>,
  target: boolean,
  budget: number,
): boolean | undefined {
  const facts = [...points.keys()];
  const indexOf = new Map(facts.map((fact, i) => [fact, i]));
  const candidates = facts.map((fact) => points.get(fact) ?? []);
  // Values assigned so far, by fact index (undefined: not yet).
  const values: (FactValue | undefined)[] = new Array(facts.length).fill(undefined);
  // Set when a node returns "undecided": an unassigned fact of a leaf every node above which is undecided.
  let open = -1;
  let left = budget;
  /** Compiles a node to "truth under the values assigned so far": 0 false, 1 true, 2 not decided yet. */
  const compile = (c: RuleCondition): (() => 0 | 1 | 2) => {
    if (isLeaf(c)) {
      const at = indexOf.get(c.fact) as number;
      const test = COMPARE[c.operator];
      if (isFactRef(c.value)) {
        const other = indexOf.get(c.value.fact) as number;
        return () => {
          left--;
          const value = values[at];
          if (value === undefined) {
            open = at;
            return 2;
          }
          const threshold = values[other];
          if (threshold === undefined) {
            open = other;
            return 2;
          }
          return test(value, threshold) ? 1 : 0;
        };
      }
      const literal = c.value as ThresholdValue;
      return () => {
        left--;
        const value = values[at];
        if (value === undefined) {
          open = at;
          return 2;
        }
        return test(value, literal) ? 1 : 0;
      };
    }
    if (isRef(c)) return compile(c.resolved);
    if ('not' in c) {
      const inner = compile(c.not);
      return () => {
        const r = inner();
        return r === 2 ? 2 : r === 1 ? 0 : 1;
      };
    }
    // all: false as soon as one child is, true when every child is; any: the other way round.
    const isAll = 'all' in c;
    const parts = (isAll ? c.all : c.any).map(compile);
    const decisive = isAll ? 0 : 1;
    const otherwise = isAll ? 1 : 0;
    return () => {
      left--;
      let first = -1;
      for (const part of parts) {
        const r = part();
        if (r === decisive) return decisive;
        if (r === 2 && first < 0) first = open;
      }
      if (first < 0) return otherwise;
      open = first;
      return 2;
    };
  };
  const root = compile(condition);
  const want = target ? 1 : 0;
  const walk = (): boolean | undefined => {
    if (left < 0) return undefined;
    const decided = root();
    if (decided !== 2) return decided === want;
    const fact = open;
    let unknown = false;
    for (const v of candidates[fact] ?? []) {
      values[fact] = v;
      const found = walk();
      if (found === true) return true;
      // Out of budget (here or below): the values not tried leave the answer open.
      if (found === undefined || left < 0) {
        unknown = true;
        break;
      }
    }
    values[fact] = undefined;
    return unknown ? undefined : false;
  };
  return walk();
}

/** True when a literal can be a value of the fact. */
function possible(spec: FactSpec | undefined, v: number | string): boolean {
  if (typeof v === 'number') {
    const { min, max } = range(spec);
    return v >= min && v <= max;
  }
  if (spec?.values) return spec.values.includes(v);
  if (spec?.pattern) return spec.pattern.test(v);
  return true;
}

function rangeFindings(rule: Rule, lookup: FactLookup): LintFinding[] {
  const out: LintFinding[] = [];
  for (const leaf of leaves(rule.conditions)) {
    const spec = lookup(leaf.fact);
    if (typeof leaf.value === 'number' || typeof leaf.value === 'string') {
      if (!possible(spec, leaf.value)) {
        out.push({
          severity: 'error',
          code: 'threshold-out-of-range',
          rule: rule.name,
          message: `threshold ${JSON.stringify(leaf.value)} of ${leaf.fact} is outside its possible values ${describe(spec)}`,
        });
      }
    } else if (Array.isArray(leaf.value)) {
      const list = leaf.value as readonly (number | string)[];
      const impossible = list.filter((v) => !possible(spec, v));
      if (impossible.length === 0) continue;
      const never = impossible.length === list.length;
      out.push({
        severity: never && leaf.operator === 'in' ? 'error' : 'warning',
        code: 'list-out-of-range',
        rule: rule.name,
        message: never
          ? `no value of the ${leaf.operator} list of ${leaf.fact} is possible (${describe(spec)}): ${leaf.operator === 'in' ? 'it can never match' : 'it always holds'}`
          : `${impossible.map((v) => JSON.stringify(v)).join(', ')} in the ${leaf.operator} list of ${leaf.fact} can never match (${describe(spec)})`,
      });
    }
  }
  return out;
}

function describe(spec: FactSpec | undefined): string {
  if (spec?.values) return `one of ${spec.values.join(', ')}`;
  if (spec?.pattern) return `text matching ${spec.pattern.source}`;
  const { min, max } = range(spec);
  return `${min}–${Number.isFinite(max) ? max : '∞'}`;
}

/** Fact-to-fact comparisons of numbers in different units (a count against a share) rarely mean anything. */
function unitFindings(rule: Rule, lookup: FactLookup): LintFinding[] {
  const out: LintFinding[] = [];
  for (const leaf of leaves(rule.conditions)) {
    if (!isFactRef(leaf.value)) continue;
    const a = lookup(leaf.fact);
    const b = lookup(leaf.value.fact);
    if (a && b && a.kind === 'number' && a.unit !== b.unit) {
      out.push({
        severity: 'warning',
        code: 'unit-mismatch',
        rule: rule.name,
        message: `compares ${leaf.fact} (${a.unit}) with ${leaf.value.fact} (${b.unit}): different units`,
      });
    }
  }
  return out;
}

function unusedSharedFindings(pack: RulePack): LintFinding[] {
  const used = new Set<string>();
  const visit = (c: RuleCondition): void => {
    if (isRef(c)) {
      if (used.has(c.condition)) return;
      used.add(c.condition);
    }
    childrenOf(c).forEach(visit);
  };
  for (const rule of pack.rules) visit(rule.conditions);
  return Object.keys(pack.conditions ?? {})
    .filter((name) => !used.has(name))
    .map((name) => ({
      severity: 'warning' as const,
      code: 'unused-shared-condition' as const,
      message: `shared condition "${name}" is never referenced by a rule`,
    }));
}

const leafKey = (leaf: LeafCondition) => `${leaf.fact} ${leaf.operator} ${JSON.stringify(leaf.value)}`;

function duplicateFindings(rule: Rule): LintFinding[] {
  const out: LintFinding[] = [];
  const visit = (condition: RuleCondition) => {
    if (isLeaf(condition) || isRef(condition)) return;
    if ('not' in condition) return visit(condition.not);
    const children = 'all' in condition ? condition.all : condition.any;
    const seen = new Set<string>();
    for (const child of children) {
      if (isLeaf(child)) {
        const key = leafKey(child);
        if (seen.has(key))
          out.push({
            severity: 'warning',
            code: 'duplicate-condition',
            rule: rule.name,
            message: `condition "${key}" appears twice in one ${'all' in condition ? 'all' : 'any'}`,
          });
        seen.add(key);
      } else visit(child);
    }
  };
  visit(rule.conditions);
  return out;
}

/** The leaves of a rule that is a plain conjunction (a top-level `all` of leaves), else undefined. */
function conjunction(rule: Rule): LeafCondition[] | undefined {
  const top = rule.conditions;
  if (!('all' in top) || !top.all.every(isLeaf)) return undefined;
  return top.all as LeafCondition[];
}

/** True when `strong` holding implies `weak` holds (same fact, tighter or equal bound). */
function implies(strong: LeafCondition, weak: LeafCondition): boolean {
  if (strong.fact !== weak.fact) return false;
  const literal = (v: LeafCondition['value']): v is number | boolean | string => !isFactRef(v) && !Array.isArray(v);
  if (!literal(strong.value) || !literal(weak.value)) return leafKey(strong) === leafKey(weak);
  if (strong.operator === 'equal') return compare(weak.operator, strong.value, weak.value);
  if (typeof strong.value !== 'number' || typeof weak.value !== 'number') return leafKey(strong) === leafKey(weak);
  const up = (op: Operator) => op === 'greaterThan' || op === 'greaterThanInclusive';
  const down = (op: Operator) => op === 'lessThan' || op === 'lessThanInclusive';
  if (up(strong.operator) && up(weak.operator)) {
    return (
      strong.value > weak.value ||
      (strong.value === weak.value && (weak.operator === 'greaterThanInclusive' || strong.operator === 'greaterThan'))
    );
  }
  if (down(strong.operator) && down(weak.operator)) {
    return (
      strong.value < weak.value ||
      (strong.value === weak.value && (weak.operator === 'lessThanInclusive' || strong.operator === 'lessThan'))
    );
  }
  return leafKey(strong) === leafKey(weak);
}

/**
 * Rule B is shadowed by rule A of the same cause when A is at least as heavy and every condition of A
 * follows from B's: whenever B fires A fires too, so B never reports its cause on its own.
 */
function shadowFindings(rules: readonly Rule[]): LintFinding[] {
  const out: LintFinding[] = [];
  for (const b of rules) {
    const bLeaves = conjunction(b);
    if (!bLeaves) continue;
    for (const a of rules) {
      if (a === b || a.event.type !== b.event.type || a.event.params.weight < b.event.params.weight) continue;
      const aLeaves = conjunction(a);
      if (!aLeaves || aLeaves.length > bLeaves.length) continue;
      if (aLeaves.every((al) => bLeaves.some((bl) => implies(bl, al)))) {
        out.push({
          severity: 'warning',
          code: 'shadowed',
          rule: b.name,
          message: `shadowed by "${a.name}" (weight ${a.event.params.weight} ≥ ${b.event.params.weight}, a subset of its conditions): it never fires without it, so it can only raise that rule's score (fine for a deliberate escalation tier)`,
        });
        break;
      }
    }
  }
  return out;
}

/** Operators that order numbers (re-exported for callers that classify leaves). */
export { ORDER_OPERATORS };
