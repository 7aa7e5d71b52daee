/** `pos-suspension calibrate`: fits a rule pack's thresholds to labelled merchants. */
import { writeFileSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type CalibrationReport, calibrateRulePack, customFactSpecs, defaultRulePack, type Figures, rulePackToJson } from '../../index.js';
import { loadCustomSignals } from '../customSignals.js';
import { CliError, openStream, readRulePack } from '../io.js';
import { readLines } from '../lines.js';
import { type CommandContext, displayable } from '../output.js';

interface CalibrateFlags {
  rules?: string;
  signals?: string;
  out: string;
  cleanFloor: number;
  minPerCause: number;
  folds: number;
  skipThin?: boolean;
  format?: 'text' | 'json';
  maxLineBytes: number;
}

/** Registers `calibrate` on the program. */
export function registerCalibrate(program: Command, ctx: CommandContext): void {
  program
    .command('calibrate')
    .description("move a rule pack's numeric thresholds to fit labelled merchants (backtest NDJSON), keeping its structure")
    .argument('<labelled>', "labelled NDJSON file (one { label, ...caseFile } per line), or '-' for standard input")
    .option('--rules <file-or-dir>', 'rule pack to calibrate (default: the bundled pack)')
    .option('--signals <module>', 'ES module exporting custom signals the pack uses')
    .requiredOption('--out <file>', 'where to write the calibrated pack (JSON)')
    .option('--clean-floor <share>', 'least share of clean-labelled merchants that must get no cause', parseShare, 0.98)
    .option('--min-per-cause <n>', 'least labelled merchants per cause to move its thresholds', parseWhole(1), 5)
    .option('--folds <n>', 'cross-validation folds (0: none)', parseWhole(0), 5)
    .option('--skip-thin', 'leave the rules of causes with too few labelled merchants as they are, instead of refusing')
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'json']).default('text'))
    .option('--max-line-bytes <n>', 'longest NDJSON line accepted', parseWhole(1), 64 * 1024 * 1024)
    .action(async (file: string, flags: CalibrateFlags) => {
      const customSignals = flags.signals ? await loadCustomSignals(flags.signals) : [];
      const extraFacts = customFactSpecs(customSignals);
      const pack = flags.rules ? readRulePack(flags.rules, { extraFacts }) : defaultRulePack;
      const labelled: unknown[] = [];
      const input = (file === '-' ? ctx.io.stdin : openStream(file)) as AsyncIterable<Buffer>;
      for await (const line of readLines(input, flags.maxLineBytes)) {
        if (!('text' in line)) labelled.push(undefined);
        else if (line.text.trim() !== '') labelled.push(parseOrUndefined(line.text));
      }
      if (labelled.length === 0) throw new CliError(`no labelled merchants in ${file}`, 2);
      const report = calibrateRulePack(pack, labelled, {
        cleanFloor: flags.cleanFloor,
        minPerCause: flags.minPerCause,
        folds: flags.folds,
        skipThinCauses: flags.skipThin === true,
        customSignals,
      });
      writeFileSync(flags.out, `${JSON.stringify(rulePackToJson(report.pack), null, 2)}\n`);
      ctx.io.stdout.write(
        flags.format === 'json'
          ? `${JSON.stringify({ ...report, pack: { name: report.pack.name, version: report.pack.version } }, null, 2)}\n`
          : renderCalibration(displayable(report), displayable(flags.out)),
      );
      ctx.setExitCode(report.failed.length > 0 ? 1 : 0);
    });
}

/** The calibration report as text: what moved and why, then training and held-out figures. */
export function renderCalibration(report: CalibrationReport, out: string): string {
  const lines: string[] = [];
  const supports = Object.entries(report.support).filter(([k]) => k !== 'clean');
  const counts = supports.map(([, v]) => v as number);
  lines.push(
    `Calibrated on ${report.cases} labelled merchants: ${report.support.clean ?? 0} clean, ${supports.length} causes with ${Math.min(...counts)}–${Math.max(...counts)} each.`,
  );
  if (report.failed.length > 0)
    lines.push(`${report.failed.length} line(s) could not be used (first: #${report.failed[0]?.index}: ${report.failed[0]?.message}).`);
  for (const s of report.skipped) lines.push(`Left alone: rules of ${s.cause} (only ${s.support} labelled merchants).`);
  lines.push('', report.changes.length === 0 ? 'No threshold moved.' : `${report.changes.length} threshold(s) moved:`);
  for (const c of report.changes) {
    lines.push(`  ${c.rule} ${c.at}: ${c.fact} ${c.operator} ${c.from} → ${c.to}`, `      because ${c.why}`);
  }
  const row = (name: string, f: Figures) =>
    `  ${name.padEnd(28)}${f.top1.toFixed(3).padStart(8)}${f.macroF1.toFixed(3).padStart(10)}${f.cleanRate.toFixed(3).padStart(12)}`;
  lines.push('', `  ${''.padEnd(28)}${'top-1'.padStart(8)}${'mean F1'.padStart(10)}${'clean rate'.padStart(12)}`);
  lines.push(row('all merchants, before', report.before), row('all merchants, after', report.after));
  if (report.crossValidation) {
    const cv = report.crossValidation;
    lines.push(row(`held out (${cv.folds}-fold), before`, cv.before), row(`held out (${cv.folds}-fold), after`, cv.after));
    lines.push('  (held out: each fold classified by a pack calibrated without it; a gap to "all merchants, after" is over-fitting)');
  }
  lines.push('', `Wrote ${out} (${report.pack.name} ${report.pack.version}).`);
  return `${lines.join('\n')}\n`;
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseShare(value: string): number {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a share from 0 to 1');
  return n;
}

function parseWhole(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number ≥ ${min}`);
    return n;
  };
}
