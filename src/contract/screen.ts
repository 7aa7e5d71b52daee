/**
 * The card-number screen of a case file: every string and key of the input, before the schema reads
 * it, so that no later message can quote a card number. A cheap check that allocates nothing runs
 * first; the walk that builds paths runs only when something is wrong.
 */
import { containsPan } from '../text/cardNumber.js';
import { formatPath, type Problem } from './errors.js';
import type { Limits } from './limits.js';

/** What a refused card number is told (never the number itself). */
export const PAN_MESSAGE = 'looks like a full card number (PAN); send a token, never the card number';
const MAX_PROBLEMS = 100;

/** True when no string is too long or holds a card number, no key holds one, and nesting is within the limit. */
export function stringsAreClean(value: unknown, limit: Limits, depth: number): boolean {
  return isCleanValue(value, limit, depth, plainObjectPrototype());
}

/**
 * {@link stringsAreClean} for the fields of a JSON object except `skipped`, whose value the caller
 * screens itself (the transactions, screened by the fast path as it reads them).
 */
export function fieldsAreClean(input: Record<string, unknown>, skipped: string, limit: Limits): boolean {
  return stringsAreClean({ ...input, [skipped]: undefined }, limit, 0);
}

/** True when `Object.prototype` has no enumerable key (so `for…in` over a JSON object visits its own keys only). */
export function plainObjectPrototype(): boolean {
  return !hasEnumerableKey(Object.prototype);
}

/** True when `for…in` over `value` visits a key (own or inherited). */
function hasEnumerableKey(value: object): boolean {
  for (const _ in value) return true;
  return false;
}

/**
 * {@link stringsAreClean}. `plainPrototype` says that `Object.prototype` has no enumerable key, so that
 * `for…in` over an object made by JSON.parse visits its own keys only, and `Object.hasOwn` is skipped.
 */
export function isCleanValue(value: unknown, limit: Limits, depth: number, plainPrototype: boolean): boolean {
  if (typeof value === 'string') return isCleanString(value, limit);
  if (typeof value !== 'object' || value === null) return true;
  if (depth > limit.maxDepth) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isCleanValue(value[i], limit, depth + 1, plainPrototype)) return false;
    return true;
  }
  const ownOnly = plainPrototype && Object.getPrototypeOf(value) === Object.prototype;
  for (const key in value) {
    if (!ownOnly && !Object.hasOwn(value, key)) continue;
    if (key.length >= MIN_PAN_LENGTH && containsPan(key)) return false;
    const field = (value as Record<string, unknown>)[key];
    // Strings and numbers (most fields) are settled here without a recursive call.
    if (typeof field === 'string') {
      if (!isCleanString(field, limit)) return false;
    } else if (typeof field === 'object' && field !== null && !isCleanValue(field, limit, depth + 1, plainPrototype)) return false;
  }
  return true;
}

/** Strings shorter than this cannot hold a card number (13 digits at least): no scan needed. */
const MIN_PAN_LENGTH = 13;

export function isCleanString(value: string, limit: Limits): boolean {
  return value.length <= limit.maxStringLength && (value.length < MIN_PAN_LENGTH || !containsPan(value));
}

/**
 * One walk over every string in the input: refuses card numbers (whole ids and tokens, or inside free
 * text), over-long strings and over-deep nesting. It runs before the schema so that no later message
 * can quote a card number.
 */
export function screenStrings(input: unknown, limit: Limits): Problem[] {
  const problems: Problem[] = [];
  const path: PropertyKey[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (problems.length >= MAX_PROBLEMS) return;
    if (typeof value === 'string') {
      if (value.length > limit.maxStringLength) {
        problems.push({ path: formatPath(path), message: `string is longer than ${limit.maxStringLength} characters` });
      } else if (containsPan(value)) {
        problems.push({ path: formatPath(path), message: PAN_MESSAGE });
      }
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (depth > limit.maxDepth) {
      problems.push({ path: formatPath(path), message: `nested deeper than ${limit.maxDepth} levels` });
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i], depth + 1);
        path.pop();
      }
      return;
    }
    for (const key of Object.keys(value)) {
      if (containsPan(key)) {
        path.push('[key removed]');
        problems.push({ path: formatPath(path), message: `key ${PAN_MESSAGE}` });
      } else {
        path.push(key);
        visit((value as Record<string, unknown>)[key], depth + 1);
      }
      path.pop();
    }
  };
  visit(input, 0);
  return problems;
}
