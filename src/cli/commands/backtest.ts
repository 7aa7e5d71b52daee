/**
 * `pos-suspension backtest`: accuracy over labelled merchants (NDJSON); exit 1 when any line failed.
 * Failed lines and misses carry their line in the file (from 1) beside the backtest's input index.
 */
import type { Command } from 'commander';
import { type BacktestReport, ClassifierError, createBacktest, createClassifier, customFactSpecs } from '../../index.js';
import { DEFAULT_MAX_LINE_BYTES } from '../batch.js';
import { NOT_UTF8 } from '../bom.js';
import { loadCustomSignals } from '../customSignals.js';
import { openStream, readRulePack } from '../io.js';
import { readLines } from '../lines.js';
import { type CommandContext, formatOption, parsePositiveInt, type ReportFormat, rulesOption, writeReport } from '../output.js';
import { type BacktestCliReport, renderBacktest } from '../render.js';

/** Registers `backtest`. */
export function registerBacktest(program: Command, ctx: CommandContext): void {
  program
    .command('backtest')
    .description('classify labelled merchants (NDJSON with a label per line) and report accuracy')
    .argument('<file>', "labelled NDJSON file, or '-' for standard input")
    .addOption(rulesOption())
    .addOption(formatOption())
    .option('--worst <n>', 'how many misclassified merchants to show', parsePositiveInt, 10)
    .option('--max-line-bytes <n>', 'longest NDJSON line accepted', parsePositiveInt, DEFAULT_MAX_LINE_BYTES)
    .option('--signals <module>', 'ES module exporting custom signals the pack uses')
    .action(
      async (file: string, flags: { rules?: string; format?: ReportFormat; worst: number; maxLineBytes: number; signals?: string }) => {
        const customSignals = flags.signals ? await loadCustomSignals(flags.signals) : [];
        const classifier = createClassifier({
          ...(flags.rules ? { rulePack: readRulePack(flags.rules, { extraFacts: customFactSpecs(customSignals) }) } : {}),
          customSignals,
        });
        // The backtest counts inputs from 0 and keeps only the first line of an error; the CLI speaks
        // in file lines (from 1, as classify does) and says what was wrong with each.
        let thrown: unknown;
        const run = createBacktest(
          {
            ...classifier,
            classifySync: (input, options) => {
              try {
                return classifier.classifySync(input, options);
              } catch (error) {
                thrown = error;
                throw error;
              }
            },
          },
          { worst: flags.worst },
        );
        const lineOf: number[] = [];
        const reasons = new Map<number, string>();
        const input = (file === '-' ? ctx.io.stdin : openStream(file)) as AsyncIterable<Buffer>;
        for await (const line of readLines(input, flags.maxLineBytes)) {
          if ('text' in line && line.text.trim() === '') continue;
          const index = lineOf.push(line.number) - 1;
          thrown = undefined;
          if (!('text' in line)) {
            reasons.set(index, 'tooLong' in line ? `longer than ${flags.maxLineBytes} bytes` : NOT_UTF8);
            run.add(undefined);
            continue;
          }
          const json = parseJsonOrUndefined(line.text);
          if (json === undefined) reasons.set(index, 'not valid JSON');
          run.add(json);
          if (thrown !== undefined) reasons.set(index, reasonOf(thrown));
        }
        const report = withLines(run.report(), lineOf, reasons);
        writeReport(ctx, flags.format, report, renderBacktest);
        ctx.setExitCode(report.failed.length > 0 ? 1 : 0);
      },
    );
}

/** The report with file line numbers beside the input indexes, and each failure's full reason. */
function withLines(report: BacktestReport, lineOf: readonly number[], reasons: ReadonlyMap<number, string>): BacktestCliReport {
  return {
    ...report,
    misses: report.misses.map((m) => ({ ...m, line: lineOf[m.index] ?? m.index + 1 })),
    failed: report.failed.map((f) => ({
      index: f.index,
      line: lineOf[f.index] ?? f.index + 1,
      message: reasons.get(f.index) ?? f.message,
    })),
  };
}

/** An error as one line: the summary and the first problems with their paths. */
function reasonOf(error: unknown): string {
  if (!(error instanceof ClassifierError)) return error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
  const { problems } = error;
  const summary = (error.message.split('\n')[0] ?? error.code).replace(/ \(1 problem\):$/, '').replace(/:$/, '');
  const listed = problems.slice(0, 3).map((p) => `${p.path || '(root)'}: ${p.message}`);
  const more = problems.length > 3 ? [`… and ${problems.length - 3} more`] : [];
  return `${summary}: ${[...listed, ...more].join('; ')}`;
}

/** A line that is not JSON is passed on as `undefined`, which the backtest counts as failed. */
function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
