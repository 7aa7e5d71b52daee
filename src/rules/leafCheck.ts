/**
 * Validation of one leaf condition `{ fact, operator, value }` against the facts a pack may use.
 * Every refusal names the feature and says how to rewrite it.
 */
import type { Problem } from '../contract/errors.js';
import { OPERATORS, type Operator } from '../contract/result.js';
import type { FactLookup, FactSpec } from '../signals/facts.js';
import { maskPans } from '../text/cardNumber.js';
import { ORDER_OPERATORS } from './language.js';
import type { LeafCondition, Threshold } from './schema.js';

const LEAF_KEYS = new Set(['fact', 'operator', 'value', 'name', 'priority']);
/** Longest `in` / `notIn` list. */
const MAX_LIST = 1000;

/** Checks a leaf; returns it (without name / priority) or undefined after adding problems. */
export function checkLeaf(
  record: Record<string, unknown>,
  path: string,
  lookup: FactLookup,
  known: readonly string[],
  problems: Problem[],
): Omit<LeafCondition, 'name' | 'priority'> | undefined {
  const before = problems.length;
  for (const key of Object.keys(record)) {
    if (LEAF_KEYS.has(key)) continue;
    if (key === 'path') {
      problems.push({
        path: `${path}.path`,
        message:
          'path is not allowed: json-rules-engine evaluates it as JSONPath over pack content; facts here are flat values, name the fact itself',
      });
    } else if (key === 'params') {
      problems.push({ path: `${path}.params`, message: 'params are not allowed: they go to fact functions, and facts here take none' });
    } else {
      problems.push({
        path: `${path}.${maskPans(key).slice(0, 40)}`,
        message: 'unknown key in a condition (a leaf holds fact, operator, value, name, priority)',
      });
    }
  }
  for (const key of ['fact', 'operator', 'value'] as const) {
    if (!(key in record)) problems.push({ path: `${path}.${key}`, message: `a leaf condition needs ${key}` });
  }
  if (problems.length > before) return undefined;

  const fact = factOf(record.fact, `${path}.fact`, lookup, known, problems);
  const operator = operatorOf(record.operator, `${path}.operator`, problems);
  if (fact === undefined || operator === undefined) return undefined;
  const value = thresholdFor(record.value, fact, operator, `${path}`, lookup, known, problems);
  return value === undefined ? undefined : { fact: fact.name, operator, value };
}

function factOf(
  raw: unknown,
  path: string,
  lookup: FactLookup,
  known: readonly string[],
  problems: Problem[],
): { name: string; spec: FactSpec } | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 64) {
    problems.push({ path, message: 'expected a fact name (a signal, a merchant attribute or a custom signal)' });
    return undefined;
  }
  const spec = lookup(raw);
  if (spec) return { name: raw, spec };
  const near = nearest(raw, known);
  problems.push({
    path,
    message: `unknown signal "${maskPans(raw)}": not a signal of docs/signals.md, a merchant attribute (mcc, merchantKind, currency, timezone, contractStatus) or a custom signal given to the loader${near ? `; did you mean "${near}"?` : ''}`,
  });
  return undefined;
}

function operatorOf(raw: unknown, path: string, problems: Problem[]): Operator | undefined {
  if (typeof raw === 'string' && (OPERATORS as readonly string[]).includes(raw)) return raw as Operator;
  if (raw === 'contains' || raw === 'doesNotContain') {
    problems.push({
      path,
      message: `${raw} tests an array fact for an element, and no fact here is an array; to test a fact against a list, write in / notIn with the list as value`,
    });
  } else {
    problems.push({
      path,
      message: `expected one of ${OPERATORS.join(', ')} (json-rules-engine's built-ins that are safe here; custom operators are code, not pack data)`,
    });
  }
  return undefined;
}

function thresholdFor(
  raw: unknown,
  fact: { name: string; spec: FactSpec },
  operator: Operator,
  path: string,
  lookup: FactLookup,
  known: readonly string[],
  problems: Problem[],
): Threshold | undefined {
  const at = `${path}.value`;
  const fail = (message: string, where = at) => {
    problems.push({ path: where, message });
    return undefined;
  };
  const { kind } = fact.spec;
  const listOp = operator === 'in' || operator === 'notIn';
  const orderOp = ORDER_OPERATORS.includes(operator);
  if (kind === 'boolean' && (listOp || orderOp)) {
    return fail(`signal ${fact.name} is a boolean; use equal or notEqual with true or false`, `${path}.operator`);
  }
  if (kind === 'string' && orderOp) {
    return fail(
      `${fact.name} is a merchant attribute (text); use equal, notEqual, in or notIn (json-rules-engine would compare text by JavaScript coercion)`,
      `${path}.operator`,
    );
  }

  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const ref = raw as Record<string, unknown>;
    if (!('fact' in ref)) return fail('expected a number, boolean, text, a list for in / notIn, or { "fact": name } for another fact');
    const extra = Object.keys(ref).filter((k) => k !== 'fact');
    if (extra.length > 0) {
      return fail(`a fact-valued comparison holds only fact (${extra.includes('path') ? 'no JSONPath path' : 'no params or path'})`);
    }
    if (listOp) {
      return fail(
        `${operator} with a fact as value: json-rules-engine calls value.indexOf, which throws on a number and matches substrings of text; write the list itself`,
      );
    }
    const other = factOf(ref.fact, `${at}.fact`, lookup, known, problems);
    if (!other) return undefined;
    if (other.spec.kind !== kind) {
      return fail(
        `compares ${kind} fact ${fact.name} with ${other.spec.kind} fact ${other.name}; compare facts of the same kind`,
        `${at}.fact`,
      );
    }
    return { fact: other.name };
  }

  if (listOp) {
    if (!Array.isArray(raw)) {
      return fail(
        `${operator} needs a list: json-rules-engine's ${operator} calls value.indexOf, which matches substrings of text and throws on a number; write [ … ]`,
      );
    }
    if (raw.length === 0 || raw.length > MAX_LIST) return fail(`expected a list of 1 to ${MAX_LIST} values`);
    if (kind === 'number' && !raw.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      return fail(`signal ${fact.name} is a number; expected a list of numbers (in uses strict equality: "5" never matches 5)`);
    }
    if (kind === 'string' && !raw.every((x) => typeof x === 'string' && x.length <= 200)) {
      return fail(`${fact.name} is text; expected a list of strings (in uses strict equality: 5411 never matches "5411")`);
    }
    return [...raw] as readonly number[] | readonly string[];
  }
  if (Array.isArray(raw)) {
    return fail(`a list only goes with in / notIn (${operator} compares one value; json-rules-engine's equal is never true for a list)`);
  }
  if (kind === 'boolean') {
    return typeof raw === 'boolean' ? raw : fail(`signal ${fact.name} is a boolean; expected true or false`);
  }
  if (kind === 'string') {
    return typeof raw === 'string' && raw.length <= 200
      ? raw
      : fail(`${fact.name} is text; expected a string (json-rules-engine's equal is strict: 5411 never matches "5411")`);
  }
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  return fail(
    typeof raw === 'string'
      ? `signal ${fact.name} is a number; expected a number or boolean threshold, not text (json-rules-engine would compare text by JavaScript coercion)`
      : `signal ${fact.name} is a number; expected a finite number or boolean threshold`,
  );
}

/** The known name closest to `name` by edit distance, when close enough to be a typo. */
function nearest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min((prev[j] as number) + 1, (next[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = next;
  }
  return prev[b.length] as number;
}
