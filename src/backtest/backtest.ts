/**
 * Backtest: classify labelled merchants and measure how well the ranking matches the labels.
 * A label is `{ expected, acceptable }`: the cause expected on top (null for a merchant that should
 * get no cause: healthy, look-alike or near miss) and other causes that are also present.
 */
import { z } from 'zod';
import { CAUSE_IDS, type CauseId } from '../contract/causes.js';
import type { CauseResult, Result } from '../contract/result.js';
import type { Classifier } from '../engine/classifier.js';
import { maskPans } from '../text/cardNumber.js';

/** The label a backtest case carries beside its case-file fields (internal: the public type is {@link Label}). */
export const LabelSchema = z.object({
  expected: z.enum(CAUSE_IDS).nullable(),
  acceptable: z.array(z.enum(CAUSE_IDS)).default([]),
  // A note is free text from whoever labelled the case: screened, so a card number never reaches a report.
  note: z
    .string()
    .max(2000)
    .transform((note) => maskPans(note))
    .optional(),
});

/** A case's label. */
export type Label = z.infer<typeof LabelSchema>;

/** Precision, recall, F1 and support of one cause. */
export interface CauseMetrics {
  /** Of the merchants whose top cause is this one, the share labelled with it. */
  readonly precision: number;
  /** Of the merchants expected to have this cause on top, the share whose top cause is a labelled one. */
  readonly recall: number;
  readonly f1: number;
  /** Merchants expected to have this cause on top. */
  readonly support: number;
}

/** A misclassified merchant, for review. */
export interface Miss {
  readonly index: number;
  readonly merchantId: string;
  readonly label: Label;
  readonly top: CauseId | null;
  readonly causes: readonly Pick<CauseResult, 'id' | 'score' | 'evidence'>[];
}

/** The outcome of a backtest. */
export interface BacktestReport {
  readonly total: number;
  /** Share whose top cause is a labelled cause (or no cause, for merchants labelled clean). */
  readonly top1Accuracy: number;
  /** Of merchants with labelled causes, the share whose every labelled cause is in the top 3. */
  readonly top3Recall: number;
  /** Of merchants labelled clean (healthy, look-alike, near miss), the share with no cause. */
  readonly cleanRate: number;
  /** 1 − cleanRate. */
  readonly falsePositiveRate: number;
  readonly perCause: Readonly<Record<CauseId, CauseMetrics>>;
  /** label (expected cause or "(none)") → top cause (or "(none)") → count. */
  readonly confusion: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** The wrong part of the confusion: label → wrong top cause → count (a labelled second cause on top is right). */
  readonly errors: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Wrong answers, the most confident first (at most `worst`). */
  readonly misses: readonly Miss[];
  /** Inputs that could not be classified (invalid case file or label), by index. */
  readonly failed: readonly { readonly index: number; readonly message: string }[];
}

const NONE = '(none)';

/**
 * Runs a backtest over labelled cases (`{ label, ...caseFile }` objects).
 *
 * @example
 * ```ts
 * const report = backtest(labelledCases, createClassifier());
 * console.log(report.top1Accuracy, report.perCause['credit-card-cash-out'].recall);
 * ```
 */
export function backtest(cases: Iterable<unknown>, classifier: Classifier, options: { worst?: number } = {}): BacktestReport {
  const run = createBacktest(classifier, options);
  for (const input of cases) run.add(input);
  return run.report();
}

/** An incremental backtest, for inputs that arrive one at a time (a streamed NDJSON file). */
export interface BacktestRun {
  /** Classifies one labelled case (or records why it could not be). */
  add(input: unknown): void;
  /** The report over every case added so far. */
  report(): BacktestReport;
}

/**
 * Starts an incremental backtest; memory holds counts and the worst misses, not the cases.
 *
 * @example
 * ```ts
 * const run = createBacktest(createClassifier());
 * for await (const line of lines) run.add(JSON.parse(line));
 * const report = run.report();
 * ```
 */
export function createBacktest(classifier: Classifier, options: { worst?: number } = {}): BacktestRun {
  const worst = options.worst ?? 10;
  const tally = newTally();
  let index = -1;
  const add = (input: unknown): void => {
    index++;
    const outcome = classifyLabelled(classifier, input);
    if ('message' in outcome) tally.failed.push({ index, message: outcome.message });
    else count(tally, index, outcome.label, outcome.result, worst);
  };
  return { add, report: () => reportOf(tally, worst) };
}

/** The running counts of a backtest: what the report is computed from. */
interface Tally {
  total: number;
  correct: number;
  positives: number;
  top3: number;
  clean: number;
  cleanOk: number;
  readonly confusion: Record<string, Record<string, number>>;
  readonly errors: Record<string, Record<string, number>>;
  /** Per cause: merchants with it on top, and those of them labelled with it. */
  readonly topCount: Record<string, number>;
  readonly topRight: Record<string, number>;
  /** Per cause: merchants expected to have it on top, and those that did. */
  readonly support: Record<string, number>;
  readonly recallHits: Record<string, number>;
  readonly misses: (Miss & { score: number })[];
  readonly failed: { index: number; message: string }[];
}

function newTally(): Tally {
  return {
    ...{ total: 0, correct: 0, positives: 0, top3: 0, clean: 0, cleanOk: 0 },
    ...{ confusion: {}, errors: {}, topCount: {}, topRight: {}, support: {}, recallHits: {}, misses: [], failed: [] },
  };
}

/** The label and result of one input, or why there is none. */
function classifyLabelled(classifier: Classifier, input: unknown): { label: Label; result: Result } | { message: string } {
  const labelled = LabelSchema.safeParse((input as { label?: unknown } | null)?.label);
  if (!labelled.success) return { message: 'missing or invalid label' };
  try {
    return { label: labelled.data, result: classifier.classifySync(input) };
  } catch (error) {
    return { message: maskPans(error instanceof Error ? (error.message.split('\n')[0] ?? 'error') : 'error') };
  }
}

/** Counts one classified case: accuracy, confusion, per-cause hits, and the miss when it is wrong. */
function count(tally: Tally, index: number, label: Label, result: Result, worst: number): void {
  const wanted = label.expected === null ? [] : [label.expected, ...label.acceptable];
  const top = result.causes[0]?.id ?? null;
  const ok = label.expected === null ? top === null : top !== null && wanted.includes(top);
  tally.total++;
  if (ok) tally.correct++;
  increment(tally.confusion, label.expected ?? NONE, top ?? NONE);
  if (label.expected === null) {
    tally.clean++;
    if (top === null) tally.cleanOk++;
  } else {
    tally.positives++;
    const ids = result.causes.slice(0, 3).map((c) => c.id);
    if (wanted.every((c) => ids.includes(c))) tally.top3++;
    tally.support[label.expected] = (tally.support[label.expected] ?? 0) + 1;
    if (ok) tally.recallHits[label.expected] = (tally.recallHits[label.expected] ?? 0) + 1;
  }
  if (top !== null) {
    tally.topCount[top] = (tally.topCount[top] ?? 0) + 1;
    if (wanted.includes(top)) tally.topRight[top] = (tally.topRight[top] ?? 0) + 1;
  }
  if (!ok) {
    increment(tally.errors, label.expected ?? NONE, top ?? NONE);
    keepMiss(tally.misses, { index, merchantId: result.merchantId, label, top, result }, worst);
  }
}

function increment(table: Record<string, Record<string, number>>, row: string, column: string): void {
  const counts = (table[row] ??= {});
  counts[column] = (counts[column] ?? 0) + 1;
}

/** Keeps only the worst misses: the most confident wrong answers (up to 4 × `worst` between trims). */
function keepMiss(misses: (Miss & { score: number })[], miss: Omit<Miss, 'causes'> & { result: Result }, worst: number): void {
  const { result, ...rest } = miss;
  misses.push({
    ...rest,
    score: result.causes[0]?.score ?? 0,
    causes: result.causes.map((c) => ({ id: c.id, score: c.score, evidence: c.evidence })),
  });
  if (misses.length > worst * 4) {
    misses.sort(byConfidence);
    misses.length = worst;
  }
}

/** The report over everything counted so far. */
function reportOf(tally: Tally, worst: number): BacktestReport {
  const { total, correct, top3, positives, clean, cleanOk } = tally;
  return {
    total,
    top1Accuracy: round4(ratio(correct, total)),
    top3Recall: round4(ratio(top3, positives)),
    cleanRate: round4(ratio(cleanOk, clean)),
    falsePositiveRate: round4(clean > 0 ? 1 - cleanOk / clean : 0),
    perCause: perCauseOf(tally),
    confusion: structuredClone(tally.confusion),
    errors: structuredClone(tally.errors),
    misses: [...tally.misses]
      .sort(byConfidence)
      .slice(0, worst)
      .map(({ score: _score, ...miss }) => miss),
    failed: [...tally.failed],
  };
}

function perCauseOf(tally: Tally): Record<CauseId, CauseMetrics> {
  const perCause = {} as Record<CauseId, CauseMetrics>;
  for (const cause of CAUSE_IDS) {
    const precision = ratio(tally.topRight[cause] ?? 0, tally.topCount[cause] ?? 0);
    const recall = ratio(tally.recallHits[cause] ?? 0, tally.support[cause] ?? 0);
    perCause[cause] = {
      precision: round4(precision),
      recall: round4(recall),
      f1: round4(precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0),
      support: tally.support[cause] ?? 0,
    };
  }
  return perCause;
}

function byConfidence(a: { score: number; index: number }, b: { score: number; index: number }): number {
  return b.score - a.score || a.index - b.index;
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
