/**
 * Rule-pack lint: findings beyond schema validation. Errors mean a rule cannot work as written;
 * warnings mean it works but probably not as meant.
 */
import { CAUSE_IDS } from '../contract/causes.js';
import type { Operator } from '../contract/result.js';
import { SIGNAL_CATALOG, type SignalName } from '../signals/catalog.js';
import { compare } from './language.js';
import type { LeafCondition, Rule, RuleCondition, RulePack } from './schema.js';

/** What a finding is about. */
export type LintCode =
  | 'never-fires'
  | 'always-fires'
  | 'threshold-out-of-range'
  | 'shadowed'
  | 'duplicate-condition'
  | 'cause-without-rule';

/** One lint finding. */
export interface LintFinding {
  readonly severity: 'error' | 'warning';
  readonly code: LintCode;
  /** The rule concerned, or undefined for pack-wide findings. */
  readonly rule?: string;
  readonly message: string;
}

const SEARCH_BUDGET = 50_000;

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
export function lintRulePack(pack: RulePack): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const rule of pack.rules) {
    findings.push(...rangeFindings(rule), ...duplicateFindings(rule));
    const satisfiable = search(rule.conditions, true);
    if (satisfiable === false) {
      findings.push({
        severity: 'error',
        code: 'never-fires',
        rule: rule.name,
        message: 'no signal values inside their ranges make the conditions hold: the rule can never fire',
      });
    } else if (search(rule.conditions, false) === false) {
      findings.push({
        severity: 'warning',
        code: 'always-fires',
        rule: rule.name,
        message: 'the conditions hold for every possible signal value: the rule always fires',
      });
    }
  }
  findings.push(...shadowFindings(pack.rules));
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
      a.code.localeCompare(b.code),
  );
}

function leaves(condition: RuleCondition): LeafCondition[] {
  if ('fact' in condition) return [condition];
  if ('all' in condition) return condition.all.flatMap(leaves);
  if ('any' in condition) return condition.any.flatMap(leaves);
  return leaves(condition.not);
}

function range(fact: string): { min: number; max: number } {
  const spec = SIGNAL_CATALOG[fact as SignalName] as { min?: number; max?: number } | undefined;
  return { min: spec?.min ?? Number.NEGATIVE_INFINITY, max: spec?.max ?? Number.POSITIVE_INFINITY };
}

function evaluate(condition: RuleCondition, values: ReadonlyMap<string, number | boolean>): boolean {
  if ('fact' in condition) return compare(condition.operator, values.get(condition.fact) as number | boolean, condition.value);
  if ('all' in condition) return condition.all.every((c) => evaluate(c, values));
  if ('any' in condition) return condition.any.some((c) => evaluate(c, values));
  return !evaluate(condition.not, values);
}

/**
 * Whether some signal values inside their ranges make the condition evaluate to `target`: checks one
 * point in every region the thresholds cut each signal's range into, which decides it exactly.
 * Returns undefined when the search is too large to finish.
 */
function search(condition: RuleCondition, target: boolean): boolean | undefined {
  const points = new Map<string, (number | boolean)[]>();
  for (const leaf of leaves(condition)) {
    if (points.has(leaf.fact)) continue;
    if (SIGNAL_CATALOG[leaf.fact as SignalName]?.kind === 'boolean') {
      points.set(leaf.fact, [true, false]);
      continue;
    }
    const { min, max } = range(leaf.fact);
    const cuts = [
      ...new Set(
        leaves(condition)
          .filter((l) => l.fact === leaf.fact)
          .map((l) => l.value as number),
      ),
    ].sort((a, b) => a - b);
    const candidates = new Set<number>();
    const add = (x: number) => {
      if (x >= min && x <= max) candidates.add(x);
    };
    add(min);
    if (Number.isFinite(max)) add(max);
    cuts.forEach((c, i) => {
      add(c);
      add(i === 0 ? (Number.isFinite(min) ? (min + c) / 2 : c - 1) : (c + (cuts[i - 1] as number)) / 2);
      add(i === cuts.length - 1 ? (Number.isFinite(max) ? (c + max) / 2 : c + 1) : (c + (cuts[i + 1] as number)) / 2);
    });
    points.set(leaf.fact, [...candidates]);
  }
  const facts = [...points.keys()];
  let budget = SEARCH_BUDGET;
  const values = new Map<string, number | boolean>();
  const walk = (i: number): boolean | undefined => {
    if (--budget < 0) return undefined;
    if (i === facts.length) return evaluate(condition, values) === target;
    let unknown = false;
    for (const v of points.get(facts[i] as string) ?? []) {
      values.set(facts[i] as string, v);
      const found = walk(i + 1);
      if (found === true) return true;
      if (found === undefined) unknown = true;
    }
    return unknown ? undefined : false;
  };
  return walk(0);
}

function rangeFindings(rule: Rule): LintFinding[] {
  const out: LintFinding[] = [];
  for (const leaf of leaves(rule.conditions)) {
    if (typeof leaf.value !== 'number') continue;
    const { min, max } = range(leaf.fact);
    if (leaf.value < min || leaf.value > max) {
      const bounds = `${min}–${Number.isFinite(max) ? max : '∞'}`;
      out.push({
        severity: 'error',
        code: 'threshold-out-of-range',
        rule: rule.name,
        message: `threshold ${leaf.value} of ${leaf.fact} is outside its possible range ${bounds}`,
      });
    }
  }
  return out;
}

const leafKey = (leaf: LeafCondition) => `${leaf.fact} ${leaf.operator} ${String(leaf.value)}`;

function duplicateFindings(rule: Rule): LintFinding[] {
  const out: LintFinding[] = [];
  const visit = (condition: RuleCondition) => {
    if ('fact' in condition) return;
    if ('not' in condition) return visit(condition.not);
    const children = 'all' in condition ? condition.all : condition.any;
    const seen = new Set<string>();
    for (const child of children) {
      if ('fact' in child) {
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
  if (!('all' in top) || !top.all.every((c) => 'fact' in c)) return undefined;
  return top.all as LeafCondition[];
}

/** True when `strong` holding implies `weak` holds (same signal, tighter or equal bound). */
function implies(strong: LeafCondition, weak: LeafCondition): boolean {
  if (strong.fact !== weak.fact) return false;
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
