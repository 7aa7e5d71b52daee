/**
 * `pos-suspension watch`: early warning over one case file or many (NDJSON), merchants ranked by the
 * soonest projected crossing. Lines that fail are reported on stderr with their number (exit 1), as
 * with `classify`.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { type EarlyWarningReport, earlyWarning, formatSignalValue, maskPans, type Warning, type WarningSettings } from '../../index.js';
import { DEFAULT_MAX_LINE_BYTES } from '../batch.js';
import { lineError, lineFailureMessage } from '../batchLine.js';
import { NOT_UTF8 } from '../bom.js';
import { openStream, parseJson, readRulePack, readText } from '../io.js';
import { readLines } from '../lines.js';
import { type CommandContext, inputName, parsePositiveInt, rulesOption } from '../output.js';
import { createPaint, type Paint, padEnd } from '../text.js';

interface WatchFlags {
  format?: 'table' | 'json' | 'ndjson';
  rules?: string;
  ndjson?: boolean;
  maxLineBytes: number;
  weeks?: number;
  horizonDays?: number;
  minAttemptsPerWeek?: number;
}

/** One merchant in the ranking: its report, and the line it came from (NDJSON). */
interface Ranked extends EarlyWarningReport {
  readonly line?: number;
}

/** Registers `watch`. */
export function registerWatch(program: Command, ctx: CommandContext): void {
  program
    .command('watch')
    .description('early warning: merchants drifting toward a rule, ranked by days to the projected crossing')
    .argument('<file>', "case file (JSON) or many (NDJSON, one per line), or '-' for standard input")
    .addOption(
      new Option('--format <format>', 'output format (default: table on a terminal, else json)').choices(['table', 'json', 'ndjson']),
    )
    .addOption(rulesOption())
    .option('--ndjson', 'one case file per line (implied by a .ndjson file)')
    .option('--max-line-bytes <n>', 'longest NDJSON line accepted', parsePositiveInt, DEFAULT_MAX_LINE_BYTES)
    .option('--weeks <n>', 'most recent local weeks looked at (default 12)', parsePositiveInt)
    .option('--horizon-days <n>', 'farthest projected crossing reported (default 90)', parsePositiveInt)
    .option('--min-attempts-per-week <n>', 'least sale attempts for a week to count (default 30)', parsePositiveInt)
    .action(async (file: string, flags: WatchFlags) => {
      const settings: WarningSettings = {
        ...(flags.weeks === undefined ? {} : { weeks: flags.weeks }),
        ...(flags.horizonDays === undefined ? {} : { horizonDays: flags.horizonDays }),
        ...(flags.minAttemptsPerWeek === undefined ? {} : { minAttemptsPerWeek: flags.minAttemptsPerWeek }),
      };
      const config = { ...settings, ...(flags.rules ? { rulePack: readRulePack(flags.rules) } : {}) };
      const ranked: Ranked[] = [];
      let quiet = 0;
      let failed = 0;
      const take = (report: EarlyWarningReport, line?: number) => {
        if (report.warnings.length === 0) quiet++;
        else ranked.push(line === undefined ? report : { ...report, line });
      };
      if (flags.ndjson || file.endsWith('.ndjson')) {
        const input = (file === '-' ? ctx.io.stdin : openStream(file)) as AsyncIterable<Buffer>;
        for await (const line of readLines(input, flags.maxLineBytes)) {
          if ('text' in line && line.text.trim() === '') continue;
          try {
            if ('tooLong' in line) throw new Error(`line is longer than ${flags.maxLineBytes} bytes`);
            if (!('text' in line)) throw new Error(NOT_UTF8);
            take(earlyWarning(JSON.parse(line.text), config), line.number);
          } catch (error) {
            failed++;
            ctx.io.stderr.write(`${lineFailureMessage(line.number, lineError(error))}\n`);
          }
        }
      } else {
        take(earlyWarning(parseJson(await readText(file, ctx.io.stdin), inputName(file)), config));
      }
      ranked.sort(bySoonest);
      writeRanking(ctx, flags.format, ranked, quiet);
      if (ranked.length + quiet + failed > 1) ctx.io.stderr.write(`watch: ${ranked.length} warned, ${quiet} quiet, ${failed} failed\n`);
      ctx.setExitCode(failed > 0 ? 1 : 0);
    });
}

const soonest = (r: EarlyWarningReport) => r.warnings[0]?.daysToCrossing ?? Number.POSITIVE_INFINITY;

/** Soonest crossing first; ties by merchant id (and line), so the ranking is deterministic. */
function bySoonest(a: Ranked, b: Ranked): number {
  return (
    soonest(a) - soonest(b) || (a.merchantId < b.merchantId ? -1 : a.merchantId > b.merchantId ? 1 : 0) || (a.line ?? 0) - (b.line ?? 0)
  );
}

function writeRanking(ctx: CommandContext, format: WatchFlags['format'], ranked: readonly Ranked[], quiet: number): void {
  const { stdout, env } = ctx.io;
  const chosen = format ?? (stdout.isTTY ? 'table' : 'json');
  if (chosen === 'ndjson') {
    for (const report of ranked) stdout.write(`${JSON.stringify(report)}\n`);
  } else if (chosen === 'json') {
    stdout.write(`${JSON.stringify({ merchants: ranked, quiet }, null, 2)}\n`);
  } else {
    stdout.write(renderRanking(ranked, quiet, createPaint(stdout.isTTY === true && !env?.NO_COLOR)));
  }
}

/** A warned signal's value in its unit (percent for shares, × for ratios), as the other tables print it. */
const formatValue = (w: Warning, value: number) => formatSignalValue(w.signal, value, 'en');

/** The ranking as a table: one line per warning, merchants in rank order. */
function renderRanking(ranked: readonly Ranked[], quiet: number, paint: Paint): string {
  const out = [
    paint.bold(
      `${padEnd('#', 4)}${padEnd('Merchant', 22)}${padEnd('Cause', 28)}${padEnd('Signal', 26)}${padEnd('Now → rule', 18)}Crossing`,
    ),
  ];
  ranked.forEach((report, i) => {
    for (const [k, w] of report.warnings.entries()) {
      const now = w.series[w.series.length - 1]?.value ?? 0;
      out.push(
        `${padEnd(k === 0 ? String(i + 1) : '', 4)}${padEnd(k === 0 ? maskPans(report.merchantId).slice(0, 21) : '', 22)}${padEnd(w.cause, 28)}${padEnd(w.signal, 26)}${padEnd(`${formatValue(w, now)} → ${formatValue(w, w.threshold)}`, 18)}${w.projectedCrossing ?? '—'} (${w.daysToCrossing ?? '—'} d, ${w.confidence})`,
      );
    }
  });
  if (ranked.length === 0) out.push(paint.dim('No merchant is drifting toward a rule.'));
  if (quiet > 0) out.push('', paint.dim(`${quiet} merchant(s) without warnings.`));
  return `${out.join('\n')}\n`;
}
