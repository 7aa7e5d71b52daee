/** Renders results and signals as terminal tables that fit 100 columns. */
import {
  adviceFor,
  type BacktestReport,
  formatSignalValue,
  type LintFinding,
  labelsFor,
  OPERATOR_SYMBOL,
  type Result,
  SIGNAL_CATALOG,
  type SignalName,
  type Signals,
  signalName,
  strongestConditions,
} from '../index.js';
import { type Paint, padEnd, wrap } from './text.js';

/** Width every table fits in. */
export const TABLE_WIDTH = 100;

/** Where the notice and the transactions disagree, and who can lift each measure the acquirer took. */
function noticeLines(result: Result, paint: Paint): string[] {
  const labels = labelsFor(result.lang);
  const out: string[] = [];
  if (result.conflicts.length > 0) {
    out.push('', paint.yellow(labels.conflicts));
    for (const conflict of result.conflicts) out.push(...wrap(conflict.message, TABLE_WIDTH - 2).map((line) => `  ${line}`));
  }
  if (result.measures.length > 0) {
    out.push('', paint.bold(labels.measures));
    for (const measure of result.measures)
      out.push(...wrap(`${measure.title}: ${measure.whoCanLift}`, TABLE_WIDTH - 2).map((line) => `  ${line}`));
  }
  if (result.warnings.length > 0) {
    out.push('', paint.yellow(labels.warnings));
    for (const w of result.warnings) {
      const now = w.series[w.series.length - 1]?.value ?? 0;
      const value = (v: number) => formatSignalValue(w.signal, v, result.lang);
      const line = `${adviceFor(w.cause, result.lang).title} · ${signalName(w.signal, result.lang)} ${value(now)} → ${value(w.threshold)} · ${w.projectedCrossing ?? '—'} (${w.daysToCrossing ?? '—'} d, ${labels[w.confidence]})`;
      out.push(...wrap(line, TABLE_WIDTH - 2).map((l) => `  ${l}`));
    }
  }
  return out;
}

/** The ranked causes, then the full advice of the top cause. */
export function renderResult(result: Result, paint: Paint): string {
  const labels = labelsFor(result.lang);
  const out: string[] = [];
  const header = `${labels.merchant} ${result.merchantId} · ${labels.window} ${result.window.from.slice(0, 10)} → ${result.window.to.slice(0, 10)} · ${labels.rulePack} ${result.rulePack.name} ${result.rulePack.version}`;
  out.push(...wrap(header, TABLE_WIDTH).map(paint.dim), '');
  if (result.causes.length === 0) {
    out.push(paint.green(labels.noCauses), ...noticeLines(result, paint));
    return `${out.join('\n')}\n`;
  }
  const cols = { rank: 3, title: 40, score: 7, confidence: 12 };
  out.push(
    paint.bold(
      `${padEnd(labels.rank, cols.rank)}${padEnd(labels.cause, cols.title)}${padEnd(labels.score, cols.score)}${padEnd(labels.confidence, cols.confidence)}${labels.evidence}`,
    ),
  );
  const evidenceWidth = TABLE_WIDTH - cols.rank - cols.title - cols.score - cols.confidence;
  for (const cause of result.causes) {
    const confidence = labels[cause.confidence];
    const colour = cause.confidence === 'high' ? paint.red : cause.confidence === 'medium' ? paint.yellow : (t: string) => t;
    const phrase = cause.evidence.find((e) => e.phrase !== undefined)?.phrase;
    const evidence = strongestConditions(cause.evidence).map((c) =>
      c === 'stated'
        ? `${labels.statedReason}${phrase === undefined ? '' : `: ${phrase}`}`
        : `${c.signal} ${formatValue(c.value)} ${OPERATOR_SYMBOL[c.operator]} ${c.thresholdFact ? `${c.thresholdFact} ` : ''}${formatValue(c.threshold)}`,
    );
    const unique = evidence.flatMap((line) => wrap(line, evidenceWidth));
    const titleLines = wrap(cause.title, cols.title - 1);
    const rows = Math.max(unique.length, titleLines.length, 1);
    for (let i = 0; i < rows; i++) {
      const first = i === 0;
      out.push(
        [
          padEnd(first ? String(cause.rank) : '', cols.rank),
          padEnd(titleLines[i] ?? '', cols.title),
          padEnd(first ? cause.score.toFixed(2) : '', cols.score),
          first ? colour(padEnd(confidence, cols.confidence)) : padEnd('', cols.confidence),
          unique[i] ?? '',
        ]
          .join('')
          .trimEnd(),
      );
    }
  }
  out.push(...noticeLines(result, paint));
  const top = result.causes[0];
  if (top) {
    out.push('', paint.bold(top.title), ...wrap(top.summary, TABLE_WIDTH));
    if (top.toClear) out.push('', paint.bold(labels.toClear));
    for (const name of top.toClear?.mustClear ?? []) {
      const changes = top.toClear?.rules.find((r) => r.rule === name)?.changes;
      const text = changes
        ? changes.map((c) => `${c.signal} ${formatValue(c.value)} → ${labels[c.operator]} ${formatValue(c.threshold)}`).join(', ')
        : labels.statedReason;
      out.push(...wrap(`${name}: ${text}`, TABLE_WIDTH - 2).map((line) => `  ${line}`));
    }
    const section = (title: string, lines: readonly string[]) => {
      out.push('', paint.bold(title));
      lines.forEach((line, i) => {
        const [first, ...rest] = wrap(line, TABLE_WIDTH - 5);
        out.push(`  ${String(i + 1).padStart(2)}. ${first ?? ''}`, ...rest.map((r) => `      ${r}`));
      });
    };
    section(labels.remediation, top.remediation);
    section(labels.appealMaterials, top.appealMaterials);
    section(labels.prevention, top.prevention);
    section(labels.alternatives, top.alternatives);
  }
  return `${out.join('\n')}\n`;
}

/** Every signal with its value and unit. */
export function renderSignals(signals: Signals, paint: Paint): string {
  const out = [paint.bold(`${padEnd('signal', 30)}${padEnd('value', 20)}unit`)];
  for (const [name, value] of Object.entries(signals)) {
    out.push(`${padEnd(name, 30)}${padEnd(formatValue(value), 20)}${SIGNAL_CATALOG[name as SignalName]?.unit ?? ''}`.trimEnd());
  }
  return `${out.join('\n')}\n`;
}

function formatValue(value: number | boolean | string | readonly (number | string)[]): string {
  if (Array.isArray(value)) return `[${value.map((v) => formatValue(v)).join(', ')}]`;
  if (typeof value !== 'number') return String(value);
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 10_000) / 10_000);
}

/** Lint findings, one per line block, errors first. */
export function renderFindings(findings: readonly LintFinding[], paint: Paint): string {
  if (findings.length === 0) return `${paint.green('no findings')}\n`;
  const out: string[] = [];
  for (const f of findings) {
    const tag = f.severity === 'error' ? paint.red('error  ') : paint.yellow('warning');
    const head = `${tag} ${f.code}${f.rule ? ` (${f.rule})` : ''}`;
    out.push(head, ...wrap(f.message, TABLE_WIDTH - 4).map((line) => `    ${line}`));
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  out.push('', `${errors} errors, ${findings.length - errors} warnings`);
  return `${out.join('\n')}\n`;
}

/** A backtest report as the CLI prints it: each miss and failure also gives its line in the file (from 1). */
export type BacktestCliReport = Omit<BacktestReport, 'misses' | 'failed'> & {
  readonly misses: readonly (BacktestReport['misses'][number] & { readonly line: number })[];
  readonly failed: readonly { readonly index: number; readonly line: number; readonly message: string }[];
};

/** Most failed lines listed in a table; all are in `--format json`. */
const MAX_FAILED_LISTED = 20;

/** A backtest report: headline figures, per-cause metrics, the off-diagonal confusion, the worst misses and the failed lines. */
export function renderBacktest(report: BacktestCliReport, paint: Paint): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const out = [
    paint.bold(`Backtest of ${report.total} merchants`),
    `  top-1 accuracy          ${pct(report.top1Accuracy)}`,
    `  top-3 recall            ${pct(report.top3Recall)}`,
    `  clean merchants clean   ${pct(report.cleanRate)}   (false-positive rate ${pct(report.falsePositiveRate)})`,
    `  failed inputs           ${report.failed.length}`,
    '',
    paint.bold(`${padEnd('cause', 28)}${padEnd('precision', 11)}${padEnd('recall', 9)}${padEnd('F1', 8)}support`),
  ];
  for (const [cause, m] of Object.entries(report.perCause)) {
    out.push(
      `${padEnd(cause, 28)}${padEnd(m.precision.toFixed(3), 11)}${padEnd(m.recall.toFixed(3), 9)}${padEnd(m.f1.toFixed(3), 8)}${m.support}`,
    );
  }
  out.push('', paint.bold('Errors (label → wrong top cause); the full confusion matrix is in --format json'));
  const off = Object.entries(report.errors).flatMap(([label, row]) =>
    Object.entries(row).map(([top, n]) => `  ${padEnd(label, 26)} → ${padEnd(top, 26)} ${n}`),
  );
  out.push(...(off.length > 0 ? off : ['  (none)']));
  if (report.misses.length > 0) out.push('', paint.bold('Worst misclassified (most confident first)'));
  for (const miss of report.misses) {
    const wanted = miss.label.expected ?? '(none)';
    out.push(
      `  line ${miss.line} ${miss.merchantId}: expected ${wanted}, got ${miss.top ?? '(none)'}${miss.label.note ? ` · ${miss.label.note}` : ''}`,
    );
    for (const cause of miss.causes.slice(0, 3)) {
      const rules = cause.evidence.map((e) => e.rule).join(', ');
      out.push(...wrap(`${cause.id} ${cause.score}: ${rules}`, TABLE_WIDTH - 6).map((l) => `      ${l}`));
    }
  }
  if (report.failed.length > 0) out.push('', paint.bold('Failed lines'));
  for (const f of report.failed.slice(0, MAX_FAILED_LISTED)) {
    const [first = '', ...rest] = wrap(`line ${f.line}: ${f.message}`, TABLE_WIDTH - 2);
    out.push(`  ${first}`, ...rest.map((l) => `    ${l}`));
  }
  if (report.failed.length > MAX_FAILED_LISTED) out.push(`  … and ${report.failed.length - MAX_FAILED_LISTED} more in --format json`);
  return `${out.join('\n')}\n`;
}
