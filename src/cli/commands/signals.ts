/** `pos-suspension signals`: the signals computed from one case file. */
import type { Command } from 'commander';
import { computeSignals, parseCaseFile } from '../../index.js';
import { parseJson, readText } from '../io.js';
import { type CommandContext, formatOption, inputName, type ReportFormat, writeReport } from '../output.js';
import { renderSignals } from '../render.js';

/** Registers `signals`. */
export function registerSignals(program: Command, ctx: CommandContext): void {
  program
    .command('signals')
    .description('print the signals computed from one case file')
    .argument('<file>', "case file path, or '-' for standard input")
    .addOption(formatOption())
    .action(async (file: string, flags: { format?: ReportFormat }) => {
      const json = parseJson(await readText(file, ctx.io.stdin), inputName(file));
      writeReport(ctx, flags.format, computeSignals(parseCaseFile(json)), renderSignals);
    });
}
