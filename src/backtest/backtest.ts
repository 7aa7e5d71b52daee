/**
 * Backtest: classify labelled merchants and measure how well the ranking matches the labels.
 * A label is `{ expected, acceptable }`: the cause expected on top (null for a merchant that should
 * get no cause: healthy, look-alike or near miss) and other causes that are also present.
 */
import { z } from 'zod';
import { CAUSE_IDS, type CauseId } from '../contract/causes.js';
import type { CauseResult } from '../contract/result.js';
import type { Classifier } from '../engine/classifier.js';

/** The label a backtest case carries beside its case-file fields. */
export const LabelSchema = z.object({
  expected: z.enum(CAUSE_IDS).nullable(),
  acceptable: z.array(z.enum(CAUSE_IDS)).default([]),
  note: z.string().optional(),
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
  let total = 0;
  let correct = 0;
  let positives = 0;
  let top3 = 0;
  let clean = 0;
  let cleanOk = 0;
  const confusion: Record<string, Record<string, number>> = {};
  const errors: Record<string, Record<string, number>> = {};
  const topCount: Record<string, number> = {};
  const topRight: Record<string, number> = {};
  const support: Record<string, number> = {};
  const recallHits: Record<string, number> = {};
  const misses: (Miss & { score: number })[] = [];
  const failed: { index: number; message: string }[] = [];

  let index = -1;
  const add = (input: unknown): void => {
    index++;
    const labelled = LabelSchema.safeParse((input as { label?: unknown } | null)?.label);
    if (!labelled.success) {
      failed.push({ index, message: 'missing or invalid label' });
      return;
    }
    let result: ReturnType<Classifier['classifySync']>;
    try {
      result = classifier.classifySync(input);
    } catch (error) {
      failed.push({ index, message: error instanceof Error ? (error.message.split('\n')[0] ?? 'error') : 'error' });
      return;
    }
    const label = labelled.data;
    const wanted = label.expected === null ? [] : [label.expected, ...label.acceptable];
    const top = result.causes[0]?.id ?? null;
    const ok = label.expected === null ? top === null : top !== null && wanted.includes(top);
    total++;
    if (ok) correct++;
    const row = (confusion[label.expected ?? NONE] ??= {});
    row[top ?? NONE] = (row[top ?? NONE] ?? 0) + 1;
    if (label.expected === null) {
      clean++;
      if (top === null) cleanOk++;
    } else {
      positives++;
      const ids = result.causes.slice(0, 3).map((c) => c.id);
      if (wanted.every((c) => ids.includes(c))) top3++;
      support[label.expected] = (support[label.expected] ?? 0) + 1;
      if (ok) recallHits[label.expected] = (recallHits[label.expected] ?? 0) + 1;
    }
    if (top !== null) {
      topCount[top] = (topCount[top] ?? 0) + 1;
      if (wanted.includes(top)) topRight[top] = (topRight[top] ?? 0) + 1;
    }
    if (!ok) {
      const wrong = (errors[label.expected ?? NONE] ??= {});
      wrong[top ?? NONE] = (wrong[top ?? NONE] ?? 0) + 1;
      misses.push({
        index,
        merchantId: result.merchantId,
        label,
        top,
        score: result.causes[0]?.score ?? 0,
        causes: result.causes.map((c) => ({ id: c.id, score: c.score, evidence: c.evidence })),
      });
      // Keep only the worst: the most confident wrong answers.
      if (misses.length > worst * 4) {
        misses.sort(byConfidence);
        misses.length = worst;
      }
    }
  };

  const report = (): BacktestReport => {
    const perCause = {} as Record<CauseId, CauseMetrics>;
    for (const cause of CAUSE_IDS) {
      const precision = ratio(topRight[cause] ?? 0, topCount[cause] ?? 0);
      const recall = ratio(recallHits[cause] ?? 0, support[cause] ?? 0);
      perCause[cause] = {
        precision: round4(precision),
        recall: round4(recall),
        f1: round4(precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0),
        support: support[cause] ?? 0,
      };
    }
    const sortedMisses = [...misses].sort(byConfidence);
    return {
      total,
      top1Accuracy: round4(ratio(correct, total)),
      top3Recall: round4(ratio(top3, positives)),
      cleanRate: round4(ratio(cleanOk, clean)),
      falsePositiveRate: round4(clean > 0 ? 1 - cleanOk / clean : 0),
      perCause,
      confusion: structuredClone(confusion),
      errors: structuredClone(errors),
      misses: sortedMisses.slice(0, worst).map(({ score: _score, ...miss }) => miss),
      failed: [...failed],
    };
  };
  return { add, report };
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
