/** `pos-suspension backtest`: accuracy over labelled merchants (NDJSON); exit 1 when any line failed. */
import type { Command } from 'commander';
import { createBacktest, createClassifier, customFactSpecs } from '../../index.js';
import { DEFAULT_MAX_LINE_BYTES } from '../batch.js';
import { loadCustomSignals } from '../customSignals.js';
import { openStream, readRulePack } from '../io.js';
import { readLines } from '../lines.js';
import { type CommandContext, formatOption, parsePositiveInt, type ReportFormat, rulesOption, writeReport } from '../output.js';
import { renderBacktest } from '../render.js';

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
        const run = createBacktest(classifier, { worst: flags.worst });
        const input = (file === '-' ? ctx.io.stdin : openStream(file)) as AsyncIterable<Buffer>;
        for await (const line of readLines(input, flags.maxLineBytes)) {
          if ('tooLong' in line) run.add(undefined);
          else if (line.text.trim() !== '') run.add(parseJsonOrUndefined(line.text));
        }
        const report = run.report();
        writeReport(ctx, flags.format, report, renderBacktest);
        ctx.setExitCode(report.failed.length > 0 ? 1 : 0);
      },
    );
}

/** A line that is not JSON is passed on as `undefined`, which the backtest counts as failed. */
function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
