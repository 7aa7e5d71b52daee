/** `pos-suspension lint`: findings about a rule pack; exit 1 on an error (or, with --strict, any finding). */
import type { Command } from 'commander';
import { lintRulePack } from '../../index.js';
import { readRulePack } from '../io.js';
import { type CommandContext, formatOption, type ReportFormat, writeReport } from '../output.js';
import { renderFindings } from '../render.js';

/** Registers `lint`. */
export function registerLint(program: Command, ctx: CommandContext): void {
  program
    .command('lint')
    .description('check a rule pack for rules that never or always fire, shadowed rules, bad ranges, duplicates')
    .argument('<pack>', 'rule pack file, or a folder of them')
    .addOption(formatOption())
    .option('--strict', 'exit 1 on warnings too')
    .action((path: string, flags: { format?: ReportFormat; strict?: boolean }) => {
      const findings = lintRulePack(readRulePack(path));
      writeReport(ctx, flags.format, findings, renderFindings);
      const errors = findings.filter((f) => f.severity === 'error').length;
      ctx.setExitCode(errors > 0 || (flags.strict && findings.length > 0) ? 1 : 0);
    });
}
