/** `pos-suspension appeal`: the letter the cause calls for (申诉书, 整改报告, 续约申请, 解冻申请…) and its materials checklist for one case file. */
import { type Command, Option } from 'commander';
import { type AppealDraft, CAUSE_IDS, type CauseId, createClassifier, draftAppeal, type Lang, maskPans } from '../../index.js';
import { CliError, parseJson, readRulePack, readText, writeText } from '../io.js';
import { type CommandContext, collect, inputName, langOption, parsePositiveInt, rulesOption } from '../output.js';

interface AppealFlags {
  cause?: string;
  lang: Lang;
  format: 'md' | 'html';
  out?: string;
  rules?: string;
  statement?: string;
  rectification: string[];
  maxTransactions: number;
  stance?: 'dispute' | 'rectified' | 'explain';
  addressee?: string;
  signatory?: string;
  contact?: string;
  date?: string;
}

/** Registers `appeal`. */
export function registerAppeal(program: Command, ctx: CommandContext): void {
  program
    .command('appeal')
    .description('draft the appeal letter (申诉书) and materials checklist for one case file')
    .argument('<file>', "case file path, or '-' for standard input")
    .option('--cause <id>', 'the cause to appeal (default: the top-ranked cause)')
    .addOption(langOption())
    .addOption(new Option('--format <format>', 'md (Markdown) or html (a printable page)').choices(['md', 'html']).default('md'))
    .option('--out <file>', 'write the letter to a file instead of standard output')
    .addOption(rulesOption())
    .option('--statement <text>', "the merchant's own explanation (default: a marked placeholder)")
    .option('--rectification <text>', 'a rectification measure taken (repeat the flag for several)', collect, [])
    .option('--max-transactions <n>', 'most flagged transactions listed', parsePositiveInt, 10)
    .addOption(
      new Option('--stance <stance>', 'dispute (申诉书), rectified (情况说明及整改报告) or explain (情况说明); default per cause').choices([
        'dispute',
        'rectified',
        'explain',
      ]),
    )
    .option('--addressee <text>', 'the acquirer or department the letter is addressed to')
    .option('--signatory <name>', 'who signs (法定代表人 / 经营者)')
    .option('--contact <text>', 'contact person and phone')
    .option('--date <YYYY-MM-DD>', "the letter's date (default: the last day of the case window)")
    .action(async (file: string, flags: AppealFlags) => {
      const json = parseJson(await readText(file, ctx.io.stdin), inputName(file));
      const classifier = createClassifier({ ...(flags.rules ? { rulePack: readRulePack(flags.rules) } : {}), lang: flags.lang });
      const classification = await classifier.classifyDetailed(json);
      const draft = draftAppeal(classification, {
        lang: flags.lang,
        ...(flags.cause ? { cause: knownCause(flags.cause) } : {}),
        ...(flags.statement ? { merchantStatement: flags.statement } : {}),
        rectifications: flags.rectification,
        maxTransactions: flags.maxTransactions,
        ...(flags.stance ? { stance: flags.stance } : {}),
        ...(flags.addressee ? { addressee: flags.addressee } : {}),
        ...(flags.signatory ? { signatory: flags.signatory } : {}),
        ...(flags.contact ? { contact: flags.contact } : {}),
        ...(flags.date ? { date: flags.date } : {}),
      });
      writeLetter(draft, flags, ctx);
    });
}

function knownCause(cause: string): CauseId {
  if (!(CAUSE_IDS as readonly string[]).includes(cause)) {
    throw new CliError(`unknown cause ${maskPans(cause)}; expected one of ${CAUSE_IDS.join(', ')}`, 2);
  }
  return cause as CauseId;
}

/** The letter to standard output, or to `--out` with the checklist on standard error. */
function writeLetter(draft: AppealDraft, flags: AppealFlags, ctx: CommandContext): void {
  const letter = flags.format === 'html' ? draft.html : draft.markdown;
  if (!flags.out) {
    ctx.io.stdout.write(letter);
    return;
  }
  writeText(flags.out, letter);
  ctx.io.stderr.write(
    `wrote ${flags.out} (${draft.cause}, ${draft.kind}); enclose:\n${draft.enclosures.map((item) => `  - ${item}\n`).join('')}`,
  );
}
