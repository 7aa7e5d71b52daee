/** `pos-suspension lint`: findings about a rule pack; exit 1 on an error (or, with --strict, any finding). */
import type { Command } from 'commander';
import { customFactSpecs, lintRulePack } from '../../index.js';
import { loadCustomSignals } from '../customSignals.js';
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
    .option('--signals <module>', 'ES module exporting custom signals the pack uses')
    .action(async (path: string, flags: { format?: ReportFormat; strict?: boolean; signals?: string }) => {
      const extraFacts = customFactSpecs(flags.signals ? await loadCustomSignals(flags.signals) : []);
      const findings = lintRulePack(readRulePack(path, { extraFacts }), { extraFacts });
      writeReport(ctx, flags.format, findings, renderFindings);
      const errors = findings.filter((f) => f.severity === 'error').length;
      ctx.setExitCode(errors > 0 || (flags.strict && findings.length > 0) ? 1 : 0);
    });
}
