/**
 * Validation of untrusted case files: limits first, then card-number screening, then the zod schema,
 * then checks that span several fields (unique ids, one currency, known time zone, the window).
 */
import type { z } from 'zod';
import { maskPans } from '../text/cardNumber.js';
import {
  formatUtc,
  isLocalNearRangeEdge,
  type LocalTimeResolver,
  MAX_INSTANT,
  MIN_INSTANT,
  MS_PER_DAY,
  parseDate,
  parseTimestamp,
} from '../time/timestamp.js';
import { createLocalClock, isKnownTimeZone } from '../time/zone.js';
import { type CaseFile, CaseFileSchema } from './caseFile.js';
import { CaseFileError, formatPath, type Problem } from './errors.js';
import { fastCaseRest } from './fastCaseRest.js';
import { fastTransactions, type WrittenTimes } from './fastTransaction.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import { fieldsAreClean, screenStrings, stringsAreClean } from './screen.js';
import { rememberInstants } from './transactionInstants.js';

const MAX_PROBLEMS = 100;

/**
 * Validates an untrusted case file and returns it typed, with defaults applied (currency CNY, time
 * zone Asia/Shanghai, transaction type `sale`) and `window` resolved.
 *
 * @param input - the case file, already `JSON.parse`d.
 * @param limits - size limits; see {@link DEFAULT_LIMITS}.
 * @returns the validated case file.
 * @throws {@link CaseFileError} listing every problem with its JSON path; no message echoes a card number.
 * @example
 * ```ts
 * const caseFile = parseCaseFile(JSON.parse(text));
 * caseFile.merchant.timezone; // 'Asia/Shanghai' unless the file says otherwise
 * ```
 */
export function parseCaseFile(input: unknown, limits: Partial<Limits> = {}): CaseFile {
  const limit = { ...DEFAULT_LIMITS, ...limits };
  checkSizes(input, limit);

  const { caseFile, times } = validate(input as Record<string, unknown>, limit);
  const problems = crossFieldProblems(caseFile);
  if (problems.length > 0) throw new CaseFileError(problems);
  const zone = caseFile.merchant.timezone;
  const clock = createLocalClock(zone);
  const instants = transactionInstants(caseFile.transactions, times, clock);
  rememberInstants(caseFile.transactions, zone, instants);
  return { ...caseFile, window: resolveWindow(caseFile, clock, instants) };
}

/** Epoch ms of each transaction's `at` in the merchant's zone, from the times the fast path read when it ran. */
function transactionInstants(
  transactions: ParsedCase['transactions'],
  times: WrittenTimes | undefined,
  clock: LocalTimeResolver,
): Float64Array {
  const ms = new Float64Array(transactions.length);
  for (let i = 0; i < transactions.length; i++) {
    if (times === undefined) ms[i] = parseTimestamp((transactions[i] as (typeof transactions)[number]).at, clock) ?? 0;
    else ms[i] = times.local[i] === 1 ? clock.instantOfLocal(times.ms[i] as number) : (times.ms[i] as number);
  }
  return ms;
}

/**
 * The card-number screen and the schema check. Transactions go through their fast path, which screens
 * their strings as it reads them, when they all pass it; the rest of the file is screened here and
 * checked by its own fast path, or by zod when that path steps aside. When a transaction fails the
 * fast path, the whole file is screened (the walk that builds paths runs only when something is
 * wrong) and zod checks everything, listing every problem.
 */
function validate(input: Record<string, unknown>, limit: Limits): { caseFile: ParsedCase; times?: WrittenTimes } {
  if (!fieldsAreClean(input, 'transactions', limit)) throw new CaseFileError(screenStrings(input, limit));
  const fast = fastTransactions(input.transactions, limit);
  if (fast) {
    // Both fast paths copy only strings the screen has seen (the transactions' one screens each as it
    // reads it); what zod validated is screened again.
    const caseFile = fastCaseRest(input, fast.transactions);
    if (caseFile) return { caseFile, times: fast.times };
    const rest = CaseFileSchema.safeParse({ ...input, transactions: [] });
    if (rest.success)
      return { caseFile: screened({ ...rest.data, transactions: fast.transactions }, 'transactions', limit), times: fast.times };
  }
  if (!stringsAreClean(input, limit, 0)) throw new CaseFileError(screenStrings(input, limit));
  const parsed = CaseFileSchema.safeParse(input);
  if (!parsed.success) throw new CaseFileError(zodProblems(parsed.error));
  return { caseFile: screened(parsed.data, undefined, limit) };
}

/**
 * What zod validated, screened again for card numbers (but for `skipped`): the screen of the input walks
 * own enumerable fields, while the schema reads fields by name, inherited and hidden ones too. An object
 * built in code (not by JSON.parse) could so slip a card number past the first screen; the validated
 * output holds plain fields only, so this walk sees everything that will be used. Lengths and depth
 * were checked on the input (a default the schema fills in, such as the time zone, is no string the
 * caller wrote).
 */
function screened(caseFile: ParsedCase, skipped: 'transactions' | undefined, limit: Limits): ParsedCase {
  const cardNumbersOnly = { ...limit, maxStringLength: Number.POSITIVE_INFINITY, maxDepth: Number.POSITIVE_INFINITY };
  const output = caseFile as unknown as Record<string, unknown>;
  const clean = skipped === undefined ? stringsAreClean(output, cardNumbersOnly, 0) : fieldsAreClean(output, skipped, cardNumbersOnly);
  if (!clean) {
    throw new CaseFileError(screenStrings(skipped === undefined ? output : { ...output, [skipped]: undefined }, cardNumbersOnly));
  }
  return caseFile;
}

function checkSizes(input: unknown, limit: Limits): void {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new CaseFileError([{ path: '', message: 'expected a JSON object with merchant and transactions' }]);
  }
  const record = input as Record<string, unknown>;
  const problems: Problem[] = [];
  const tx = record.transactions;
  if (Array.isArray(tx) && tx.length > limit.maxTransactions) {
    problems.push({ path: 'transactions', message: `holds ${tx.length} transactions; the limit is ${limit.maxTransactions}` });
  }
  const events = record.events;
  if (Array.isArray(events) && events.length > limit.maxEvents) {
    problems.push({ path: 'events', message: `holds ${events.length} events; the limit is ${limit.maxEvents}` });
  }
  if (problems.length > 0) throw new CaseFileError(problems, 'limit_exceeded');
}

function zodProblems(error: z.ZodError): Problem[] {
  return error.issues.slice(0, MAX_PROBLEMS).map((issue) => ({
    path: formatPath(issue.path),
    // Belt and braces: schema messages never quote values, and any digits left are masked.
    message: maskPans(issue.message),
  }));
}

type ParsedCase = z.output<typeof CaseFileSchema>;

function crossFieldProblems(caseFile: ParsedCase): Problem[] {
  const problems: Problem[] = [];
  const { merchant, transactions } = caseFile;
  if (!isKnownTimeZone(merchant.timezone)) {
    problems.push({ path: 'merchant.timezone', message: 'is not an IANA time zone this runtime knows (e.g. Asia/Shanghai)' });
  }
  // Exports usually list ids in ascending order, and ids in strictly ascending order cannot repeat:
  // the Set (one hash of each id) is only filled once the order breaks, with the ids seen so far. A
  // duplicate leaves the Set's size unchanged (its first index is looked up only then).
  let ids: Set<string> | undefined;
  for (let i = 0; i < transactions.length && problems.length < MAX_PROBLEMS; i++) {
    const tx = transactions[i] as (typeof transactions)[number];
    if (ids === undefined && i > 0 && !((transactions[i - 1] as (typeof transactions)[number]).id < tx.id)) {
      ids = new Set(transactions.slice(0, i).map((earlier) => earlier.id));
    }
    if (ids !== undefined) {
      const size = ids.size;
      if (ids.add(tx.id).size === size) {
        const earlier = transactions.findIndex((other) => other.id === tx.id);
        problems.push({ path: `transactions[${i}].id`, message: `duplicates the id of transactions[${earlier}]` });
      }
    }
    if (tx.currency !== undefined && tx.currency !== merchant.currency) {
      problems.push({
        path: `transactions[${i}].currency`,
        message: `differs from the merchant currency ${merchant.currency}; one case file holds one currency`,
      });
    }
  }
  if (!isKnownTimeZone(merchant.timezone)) return problems;
  // Local timestamps are instants only in the merchant's zone: the window order, and the range of
  // local values written within a day of 1970-01-01 or 9999-12-31, are checked here.
  const clock = createLocalClock(merchant.timezone);
  const checkRange = (text: string | undefined, path: () => string) => {
    if (text === undefined || !isLocalNearRangeEdge(text) || problems.length >= MAX_PROBLEMS) return;
    const ms = parseTimestamp(text, clock);
    if (ms === undefined || ms < MIN_INSTANT || ms > MAX_INSTANT) {
      problems.push({ path: path(), message: `is outside 1970–9999 in ${merchant.timezone}` });
    }
  };
  const window = caseFile.window;
  checkRange(window?.from, () => 'window.from');
  checkRange(window?.to, () => 'window.to');
  checkRange(merchant.registeredAt, () => 'merchant.registeredAt');
  checkRange(merchant.kyc?.documentsExpireAt, () => 'merchant.kyc.documentsExpireAt');
  checkRange(merchant.contract?.endsAt, () => 'merchant.contract.endsAt');
  checkRange(merchant.suspension?.at, () => 'merchant.suspension.at');
  for (let i = 0; i < transactions.length; i++) {
    const at = (transactions[i] as (typeof transactions)[number]).at;
    if (isLocalNearRangeEdge(at)) checkRange(at, () => `transactions[${i}].at`);
  }
  for (let i = 0; i < caseFile.events.length; i++) checkRange(caseFile.events[i]?.at, () => `events[${i}].at`);
  if (window && (parseTimestamp(window.from, clock) ?? 0) > (parseTimestamp(window.to, clock) ?? 0)) {
    problems.push({ path: 'window', message: 'from is after to' });
  }
  return problems;
}

/**
 * The window as given, or else from the first transaction to the latest of the last transaction,
 * the last event and the suspension date (chargebacks arrive after the sales they dispute, and a
 * dormant merchant's window must reach its suspension).
 */
function resolveWindow(caseFile: ParsedCase, clock: LocalTimeResolver, instants: Float64Array): CaseFile['window'] {
  if (caseFile.window) return caseFile.window;
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  const widen = (text: string | undefined, isStart: boolean) => {
    const ms = text === undefined ? undefined : instantOf(text, clock);
    if (ms === undefined) return;
    if (isStart && ms < from) from = ms;
    if (ms > to) to = ms;
  };
  for (let i = 0; i < instants.length; i++) {
    const ms = instants[i] as number;
    if (ms < from) from = ms;
    if (ms > to) to = ms;
  }
  const onlyEvents = caseFile.transactions.length === 0;
  for (const event of caseFile.events) widen(event.at, onlyEvents);
  widen(caseFile.merchant.suspension?.at, false);
  if (!Number.isFinite(from)) from = to;
  if (!Number.isFinite(to)) return { from: formatUtc(0), to: formatUtc(0) };
  return { from: formatUtc(from), to: formatUtc(to) };
}

/** A timestamp's instant, or for a plain date the end of that day in UTC (dates only widen the window). */
function instantOf(text: string, clock: LocalTimeResolver): number | undefined {
  const ms = parseTimestamp(text, clock);
  if (ms !== undefined) return ms;
  const day = parseDate(text);
  return day === undefined ? undefined : (day + 1) * MS_PER_DAY - 1000;
}
