/**
 * Typed errors. Every error this library throws on bad input is a {@link ClassifierError}: plain data
 * (`code`, `problems`) plus a message that lists the problems. Messages never echo input values, so
 * they can be logged without leaking card data.
 */

/** One problem found in an input: where (a JSON path such as `transactions[12].amount`) and what. */
export interface Problem {
  /** JSON path into the input (`merchant.mcc`, `transactions[3].card.token`), or the rule name and field for a rule pack. */
  readonly path: string;
  /** What is wrong, in words; never contains the offending value. */
  readonly message: string;
}

/** Formats a zod / walk path as `transactions[12].card.token`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Machine-readable error codes. */
export type ErrorCode = 'invalid_case_file' | 'invalid_rule_pack' | 'limit_exceeded' | 'invalid_options' | 'invalid_custom_signal';

/** Base class of every error the library throws for bad input. */
export class ClassifierError extends Error {
  override readonly name: string = 'ClassifierError';
  /** Machine-readable code. */
  readonly code: ErrorCode;
  /** Every problem found, each with its path. */
  readonly problems: readonly Problem[];

  constructor(code: ErrorCode, summary: string, problems: readonly Problem[]) {
    super(formatMessage(summary, problems));
    this.code = code;
    this.problems = Object.freeze([...problems]);
  }
}

/** The case file is not valid: see `problems` for every path that is wrong. */
export class CaseFileError extends ClassifierError {
  override readonly name = 'CaseFileError';
  constructor(problems: readonly Problem[], code: ErrorCode = 'invalid_case_file') {
    super(code, 'invalid case file', problems);
  }
}

/** The rule pack is not valid: each problem's path names the rule and the field. */
export class RulePackError extends ClassifierError {
  override readonly name = 'RulePackError';
  constructor(problems: readonly Problem[], code: ErrorCode = 'invalid_rule_pack') {
    super(code, 'invalid rule pack', problems);
  }
}

/** The classifier options are not valid. */
export class OptionsError extends ClassifierError {
  override readonly name = 'OptionsError';
  constructor(problems: readonly Problem[]) {
    super('invalid_options', 'invalid classifier options', problems);
  }
}

/**
 * A custom signal returned something other than a finite number or boolean of its declared kind
 * and range (or threw): each problem's path is `customSignals.<name>` and its message names the merchant.
 */
export class CustomSignalError extends ClassifierError {
  override readonly name = 'CustomSignalError';
  constructor(problems: readonly Problem[]) {
    super('invalid_custom_signal', 'invalid custom signal value', problems);
  }
}

/**
 * True when `error` is a {@link CaseFileError} (works across bundle copies, unlike `instanceof`).
 *
 * @example
 * ```ts
 * try { classifier.classifySync(input); } catch (e) { if (isCaseFileError(e)) console.log(e.problems); }
 * ```
 */
export function isCaseFileError(error: unknown): error is CaseFileError {
  return error instanceof Error && error.name === 'CaseFileError';
}

/**
 * True when `error` is a {@link RulePackError}.
 *
 * @example
 * ```ts
 * try { loadRulePack(json); } catch (e) { if (isRulePackError(e)) console.log(e.problems[0]?.path); }
 * ```
 */
export function isRulePackError(error: unknown): error is RulePackError {
  return error instanceof Error && error.name === 'RulePackError';
}

const MAX_LISTED = 20;

function formatMessage(summary: string, problems: readonly Problem[]): string {
  const listed = problems.slice(0, MAX_LISTED).map((p) => `  ${p.path || '(root)'}: ${p.message}`);
  const more = problems.length > MAX_LISTED ? [`  … and ${problems.length - MAX_LISTED} more`] : [];
  const noun = problems.length === 1 ? 'problem' : 'problems';
  return [`${summary} (${problems.length} ${noun}):`, ...listed, ...more].join('\n');
}
