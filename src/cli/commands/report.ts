/** `pos-suspension report`: the analyst report of one case file as a self-contained HTML page. */
import type { Command } from 'commander';
import { analystReport, createClassifier, type Lang } from '../../index.js';
import { parseJson, readRulePack, readText, writeText } from '../io.js';
import { type CommandContext, inputName, langOption, rulesOption } from '../output.js';

/** Registers `report`. */
export function registerReport(program: Command, ctx: CommandContext): void {
  program
    .command('report')
    .description('write the analyst report of one case file: charts, ranked causes, evidence in words, warnings (HTML)')
    .argument('<file>', "case file path, or '-' for standard input")
    .addOption(langOption())
    .addOption(rulesOption())
    .option('--out <file>', 'where to write the HTML page (default: standard output)')
    .action(async (file: string, flags: { lang: Lang; rules?: string; out?: string }) => {
      const classifier = createClassifier({ lang: flags.lang, ...(flags.rules ? { rulePack: readRulePack(flags.rules) } : {}) });
      const json = parseJson(await readText(file, ctx.io.stdin), inputName(file));
      const html = analystReport(await classifier.classifyDetailed(json));
      if (!flags.out) {
        ctx.io.stdout.write(html);
        return;
      }
      writeText(flags.out, html);
      ctx.io.stderr.write(`report: wrote ${flags.out}\n`);
    });
}
