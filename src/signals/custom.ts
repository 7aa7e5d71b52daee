/**
 * Custom signals: a risk team's own numbers or flags, computed from the validated case file and the
 * built-in signals, usable as facts by the rule packs of the classifier they were given to and
 * reported in `result.signals`.
 */
import type { CaseFile } from '../contract/caseFile.js';
import { CustomSignalError, OptionsError, type Problem } from '../contract/errors.js';
import { maskPans } from '../text/cardNumber.js';
import { SIGNAL_CATALOG, type Signals } from './catalog.js';
import { type ExtraFactSpec, MERCHANT_FACTS } from './facts.js';

/** A caller-defined signal. */
export interface CustomSignal {
  /** Fact name in rule packs: a letter then letters and digits (camelCase like the built-ins); must not clash with them. */
  readonly name: string;
  /** What it measures, for reviewers and `pos-suspension signals`. */
  readonly description: string;
  /** Unit of a number (count, share (0–1), minor units, ratio, days, km, …), or `boolean` for a true/false signal. */
  readonly unit: string;
  /** Possible range `[min, max]` of a number (checked on every value; lint checks thresholds against it). */
  readonly range?: readonly [number, number];
  /** Computes the value for one merchant: a finite number, or a boolean when `unit` is `boolean`. Must be pure. */
  compute(caseFile: CaseFile, signals: Signals): number | boolean;
}

const NAME = /^[a-z][A-Za-z0-9]{0,63}$/;

/**
 * Checks custom signal definitions: names well formed, unique and not those of built-in signals or
 * merchant attributes; a description and a unit; a sane range; a compute function.
 *
 * @param list - the definitions, e.g. the default export of a team's signals module.
 * @returns the same definitions, checked.
 * @throws {@link OptionsError} with one problem per bad definition (path `customSignals[i]…`).
 * @example
 * ```ts
 * const signals = checkCustomSignals([{ name: 'tipShare', description: 'Tips / sales', unit: 'share', range: [0, 1], compute: tipShare }]);
 * const classifier = createClassifier({ customSignals: signals });
 * ```
 */
export function checkCustomSignals(list: unknown): readonly CustomSignal[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new OptionsError([{ path: 'customSignals', message: 'expected an array of custom signals' }]);
  const problems: Problem[] = [];
  const seen = new Set<string>();
  list.forEach((raw: unknown, i) => {
    const at = `customSignals[${i}]`;
    const s = (raw ?? {}) as Partial<Record<keyof CustomSignal, unknown>>;
    if (typeof s.name !== 'string' || !NAME.test(s.name)) {
      problems.push({ path: `${at}.name`, message: 'expected a name: a lower-case letter, then letters and digits (e.g. teamRiskScore)' });
    } else if (Object.hasOwn(SIGNAL_CATALOG, s.name)) {
      problems.push({ path: `${at}.name`, message: `"${s.name}" is a built-in signal; choose another name` });
    } else if (Object.hasOwn(MERCHANT_FACTS, s.name)) {
      problems.push({ path: `${at}.name`, message: `"${s.name}" is a merchant attribute fact; choose another name` });
    } else if (seen.has(s.name)) {
      problems.push({ path: `${at}.name`, message: `"${s.name}" is defined twice` });
    } else seen.add(s.name);
    if (typeof s.description !== 'string' || s.description.length === 0)
      problems.push({ path: `${at}.description`, message: 'expected a description' });
    if (typeof s.unit !== 'string' || s.unit.length === 0 || s.unit.length > 40) {
      problems.push({ path: `${at}.unit`, message: "expected a unit such as 'count', 'share (0–1)' or 'boolean'" });
    }
    if (s.range !== undefined) {
      const r = s.range as unknown[];
      const ok =
        Array.isArray(r) &&
        r.length === 2 &&
        r.every((x) => typeof x === 'number' && Number.isFinite(x)) &&
        (r[0] as number) <= (r[1] as number);
      if (!ok) problems.push({ path: `${at}.range`, message: 'expected [min, max] with finite numbers, min ≤ max' });
      if (s.unit === 'boolean') problems.push({ path: `${at}.range`, message: 'a boolean signal has no range' });
    }
    if (typeof s.compute !== 'function')
      problems.push({ path: `${at}.compute`, message: 'expected a function (caseFile, signals) => number | boolean' });
  });
  if (problems.length > 0) throw new OptionsError(problems);
  return Object.freeze([...(list as CustomSignal[])]);
}

/**
 * The facts the rule-pack loader and lint need to know about custom signals (pass as `extraFacts`).
 *
 * @example
 * ```ts
 * const extraFacts = customFactSpecs(customSignals);
 * const pack = loadRulePack(json, { extraFacts });
 * lintRulePack(pack, { extraFacts });
 * ```
 */
export function customFactSpecs(list: readonly CustomSignal[]): Record<string, ExtraFactSpec> {
  return Object.fromEntries(
    list.map((s) => [s.name, { unit: s.unit, description: s.description, ...(s.range ? { range: s.range } : {}) }]),
  );
}

/**
 * Computes the custom signals of one merchant, in definition order.
 *
 * @throws {@link CustomSignalError} naming the signal and the merchant when a value is not a finite
 * number (or boolean, for `unit: 'boolean'`) inside the declared range, or when `compute` throws.
 */
export function computeCustomSignals(
  list: readonly CustomSignal[],
  caseFile: CaseFile,
  signals: Signals,
): Record<string, number | boolean> {
  const out: Record<string, number | boolean> = {};
  const merchant = `merchant "${maskPans(caseFile.merchant.id)}"`;
  for (const s of list) {
    let value: unknown;
    try {
      value = s.compute(caseFile, signals);
    } catch (error) {
      const why = error instanceof Error ? maskPans(error.message).slice(0, 200) : 'a non-error value';
      throw new CustomSignalError([{ path: `customSignals.${s.name}`, message: `threw for ${merchant}: ${why}` }]);
    }
    const boolean = s.unit === 'boolean';
    const problem = boolean
      ? typeof value === 'boolean'
        ? undefined
        : `returned ${describe(value)} for ${merchant}; expected true or false (unit boolean)`
      : typeof value !== 'number' || !Number.isFinite(value)
        ? `returned ${describe(value)} for ${merchant}; expected a finite number`
        : s.range && (value < s.range[0] || value > s.range[1])
          ? `returned ${value} for ${merchant}, outside its declared range [${s.range[0]}, ${s.range[1]}]`
          : undefined;
    if (problem) throw new CustomSignalError([{ path: `customSignals.${s.name}`, message: problem }]);
    out[s.name] = value as number | boolean;
  }
  return out;
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  return `a ${typeof value === 'object' ? (Array.isArray(value) ? 'list' : 'object') : typeof value}`;
}
