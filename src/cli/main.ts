/**
 * The `pos-suspension` command: a thin shell over the public API.
 * Exit codes: 0 success, 1 some inputs failed, 2 usage error or unreadable / invalid input.
 */

import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, realpathSync, statSync, type WriteStream, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { draftAppeal } from '../appeal/draftAppeal.js';
import { createBacktest } from '../backtest/backtest.js';
import { CAUSE_IDS, type CauseId } from '../contract/causes.js';
import { ClassifierError } from '../contract/errors.js';
import { caseFileJsonSchema } from '../contract/jsonSchema.js';
import { parseCaseFile } from '../contract/parseCaseFile.js';
import type { Lang } from '../contract/result.js';
import { createClassifier } from '../engine/classifier.js';
import { lintRulePack } from '../rules/lint.js';
import { computeSignals } from '../signals/computeSignals.js';
import { customFactSpecs } from '../signals/custom.js';
import { generateSet } from '../synth/generateSet.js';
import { maskPans } from '../text/cardNumber.js';
import { DEFAULT_MAX_LINE_BYTES, runBatch } from './batch.js';
import { registerCalibrate } from './commands/calibrate.js';
import { loadCustomSignals } from './customSignals.js';
import { CliError, parseJson, readRulePack, readText } from './io.js';
import { readLines } from './lines.js';
import { renderBacktest, renderFindings, renderResult, renderSignals } from './render.js';
import { createPaint } from './text.js';

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env?: Readonly<Record<string, string | undefined>>;
}

interface AppealFlags {
  cause?: string;
  lang: Lang;
  format: 'md' | 'html';
  out?: string;
  rules?: string;
  statement?: string;
  rectification: string[];
  maxTransactions: number;
}

interface ClassifyFlags {
  format?: 'table' | 'json';
  lang: Lang;
  rules?: string;
  minScore?: number;
  ndjson?: boolean;
  maxLineBytes: number;
  workers?: number;
  signals?: string;
}

const VERSION = '0.1.0';

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let debug = argv.includes('--debug');
  const program = new Command('pos-suspension')
    .description('Explains why a merchant POS terminal was suspended: ranked causes with evidence and advice.')
    .version(VERSION)
    .option('--debug', 'print stack traces on errors')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  let exitCode = 0;

  const colour = (stream: { isTTY?: boolean }) => stream.isTTY === true && !io.env?.NO_COLOR;
  const formatOption = () =>
    new Option('--format <format>', 'output format (default: table on a terminal, else json)').choices(['table', 'json']);
  const langOption = () => new Option('--lang <lang>', 'language of titles and advice').choices(['en', 'zh-CN']).default('en');

  program
    .command('classify')
    .description('classify one case file (JSON), or many (NDJSON, one per line)')
    .argument('<file>', "case file path, or '-' for standard input")
    .addOption(formatOption())
    .addOption(langOption())
    .option('--rules <file-or-dir>', 'rule pack file, or a folder of them (default: the bundled pack)')
    .option('--min-score <n>', 'least score of a reported cause, 0 to 1 (default 0.4)', parseScore)
    .option('--ndjson', 'one case file per line in, one result per line out (implied by a .ndjson file)')
    .option('--max-line-bytes <n>', 'longest NDJSON line accepted', parsePositiveInt, DEFAULT_MAX_LINE_BYTES)
    .option('--workers <n>', 'worker threads for NDJSON (default: available cores)', parsePositiveInt)
    .option('--signals <module>', 'ES module exporting custom signals (NDJSON then runs on this thread)')
    .action(async (file: string, flags: ClassifyFlags) => {
      const customSignals = flags.signals ? await loadCustomSignals(flags.signals) : undefined;
      const classifier = createClassifier({
        ...(flags.rules ? { rulePack: readRulePack(flags.rules, { extraFacts: customFactSpecs(customSignals ?? []) }) } : {}),
        lang: flags.lang,
        ...(flags.minScore === undefined ? {} : { options: { minScore: flags.minScore } }),
        ...(customSignals ? { customSignals } : {}),
      });
      if (flags.ndjson || file.endsWith('.ndjson')) {
        const input = file === '-' ? io.stdin : openStream(file);
        const workerUrl = new URL('./batch-worker.js', import.meta.url);
        // Workers need the built worker script; from sources (tests, tsx) the batch runs on this thread.
        const workers = existsSync(fileURLToPath(workerUrl)) && !customSignals ? (flags.workers ?? availableParallelism()) : 1;
        const summary = await runBatch(
          classifier,
          {
            input: input as AsyncIterable<Buffer>,
            inputBytes: file === '-' ? undefined : statSync(file).size,
            stdout: io.stdout,
            stderr: io.stderr,
          },
          {
            lang: flags.lang,
            maxLineBytes: flags.maxLineBytes,
            workers,
            workerUrl,
            workerInit: {
              rulePack: classifier.rulePack,
              lang: flags.lang,
              ...(flags.minScore === undefined ? {} : { minScore: flags.minScore }),
            },
          },
        );
        exitCode = summary.failed > 0 ? 1 : 0;
        return;
      }
      const json = parseJson(await readText(file, io.stdin), file === '-' ? 'standard input' : file);
      const result = classifier.classifySync(json);
      const format = flags.format ?? (io.stdout.isTTY ? 'table' : 'json');
      io.stdout.write(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderResult(result, createPaint(colour(io.stdout))));
    });

  program
    .command('signals')
    .description('print the signals computed from one case file')
    .argument('<file>', "case file path, or '-' for standard input")
    .addOption(formatOption())
    .action(async (file: string, flags: { format?: 'table' | 'json' }) => {
      const json = parseJson(await readText(file, io.stdin), file === '-' ? 'standard input' : file);
      const signals = computeSignals(parseCaseFile(json));
      const format = flags.format ?? (io.stdout.isTTY ? 'table' : 'json');
      io.stdout.write(format === 'json' ? `${JSON.stringify(signals, null, 2)}\n` : renderSignals(signals, createPaint(colour(io.stdout))));
    });

  program
    .command('lint')
    .description('check a rule pack for rules that never or always fire, shadowed rules, bad ranges, duplicates')
    .argument('<pack>', 'rule pack file, or a folder of them')
    .addOption(formatOption())
    .option('--strict', 'exit 1 on warnings too')
    .option('--signals <module>', 'ES module exporting custom signals the pack uses')
    .action(async (path: string, flags: { format?: 'table' | 'json'; strict?: boolean; signals?: string }) => {
      const extraFacts = customFactSpecs(flags.signals ? await loadCustomSignals(flags.signals) : []);
      const findings = lintRulePack(readRulePack(path, { extraFacts }), { extraFacts });
      const format = flags.format ?? (io.stdout.isTTY ? 'table' : 'json');
      io.stdout.write(
        format === 'json' ? `${JSON.stringify(findings, null, 2)}\n` : renderFindings(findings, createPaint(colour(io.stdout))),
      );
      const errors = findings.filter((f) => f.severity === 'error').length;
      exitCode = errors > 0 || (flags.strict && findings.length > 0) ? 1 : 0;
    });

  program
    .command('generate')
    .description('write seeded synthetic merchants with labels as NDJSON (healthy, look-alikes, near misses, every cause, pairs)')
    .option('--seed <n>', 'random seed (same seed, same bytes)', parsePositiveInt, 1)
    .option('--count <n>', 'number of merchants', parsePositiveInt, 100)
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (flags: { seed: number; count: number; out?: string }) => {
      const out = flags.out ? createWriteStream(flags.out) : io.stdout;
      for (const labelled of generateSet({ seed: flags.seed, count: flags.count })) {
        if (!out.write(`${JSON.stringify({ label: labelled.label, ...labelled.caseFile })}\n`)) await once(out, 'drain');
      }
      if (flags.out)
        await new Promise<void>((resolve, reject) =>
          (out as WriteStream).end((error?: Error | null) => (error ? reject(error) : resolve())),
        );
    });

  program
    .command('backtest')
    .description('classify labelled merchants (NDJSON with a label per line) and report accuracy')
    .argument('<file>', "labelled NDJSON file, or '-' for standard input")
    .option('--rules <file-or-dir>', 'rule pack file, or a folder of them (default: the bundled pack)')
    .addOption(formatOption())
    .option('--worst <n>', 'how many misclassified merchants to show', parsePositiveInt, 10)
    .option('--max-line-bytes <n>', 'longest NDJSON line accepted', parsePositiveInt, DEFAULT_MAX_LINE_BYTES)
    .option('--signals <module>', 'ES module exporting custom signals the pack uses')
    .action(
      async (file: string, flags: { rules?: string; format?: 'table' | 'json'; worst: number; maxLineBytes: number; signals?: string }) => {
        const customSignals = flags.signals ? await loadCustomSignals(flags.signals) : [];
        const classifier = createClassifier({
          ...(flags.rules ? { rulePack: readRulePack(flags.rules, { extraFacts: customFactSpecs(customSignals) }) } : {}),
          customSignals,
        });
        const run = createBacktest(classifier, { worst: flags.worst });
        const input = (file === '-' ? io.stdin : openStream(file)) as AsyncIterable<Buffer>;
        for await (const line of readLines(input, flags.maxLineBytes)) {
          if ('tooLong' in line) run.add(undefined);
          else if (line.text.trim() !== '') run.add(parseJsonOrUndefined(line.text));
        }
        const report = run.report();
        const format = flags.format ?? (io.stdout.isTTY ? 'table' : 'json');
        io.stdout.write(
          format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderBacktest(report, createPaint(colour(io.stdout))),
        );
        exitCode = report.failed.length > 0 ? 1 : 0;
      },
    );

  registerCalibrate(program, {
    stdin: io.stdin,
    stdout: io.stdout,
    setExitCode: (code) => {
      exitCode = code;
    },
    openStream,
  });

  program
    .command('appeal')
    .description('draft the appeal letter (申诉书) and materials checklist for one case file')
    .argument('<file>', "case file path, or '-' for standard input")
    .option('--cause <id>', 'the cause to appeal (default: the top-ranked cause)')
    .addOption(langOption())
    .addOption(new Option('--format <format>', 'md (Markdown) or html (a printable page)').choices(['md', 'html']).default('md'))
    .option('--out <file>', 'write the letter to a file instead of standard output')
    .option('--rules <file-or-dir>', 'rule pack file, or a folder of them (default: the bundled pack)')
    .option('--statement <text>', "the merchant's own explanation (default: a marked placeholder)")
    .option('--rectification <text>', 'a rectification measure taken (repeat the flag for several)', collect, [])
    .option('--max-transactions <n>', 'most flagged transactions listed', parsePositiveInt, 10)
    .action(async (file: string, flags: AppealFlags) => {
      const json = parseJson(await readText(file, io.stdin), file === '-' ? 'standard input' : file);
      const classifier = createClassifier({ ...(flags.rules ? { rulePack: readRulePack(flags.rules) } : {}), lang: flags.lang });
      const result = classifier.classifySync(json);
      if (flags.cause !== undefined && !(CAUSE_IDS as readonly string[]).includes(flags.cause)) {
        throw new CliError(`unknown cause ${maskPans(flags.cause)}; expected one of ${CAUSE_IDS.join(', ')}`, 2);
      }
      const draft = draftAppeal(json, result, {
        lang: flags.lang,
        ...(flags.cause ? { cause: flags.cause as CauseId } : {}),
        ...(flags.statement ? { merchantStatement: flags.statement } : {}),
        rectifications: flags.rectification,
        maxTransactions: flags.maxTransactions,
      });
      const letter = flags.format === 'html' ? draft.html : draft.markdown;
      if (flags.out) {
        try {
          writeFileSync(flags.out, letter);
        } catch (error) {
          throw new CliError(`cannot write ${flags.out}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, 2);
        }
        io.stderr.write(`wrote ${flags.out} (${draft.cause}); enclose:\n${draft.checklist.map((c) => `  - ${c.material}\n`).join('')}`);
      } else io.stdout.write(letter);
    });

  program
    .command('schema')
    .description('print the JSON Schema of a case file')
    .action(() => {
      io.stdout.write(`${JSON.stringify(caseFileJsonSchema(), null, 2)}\n`);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    debug = program.opts().debug === true || debug;
    return exitCode;
  } catch (error) {
    return reportError(error, io, debug);
  }
}

function reportError(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof CommanderError) {
    // help and version exit 0; commander already printed its message for usage errors.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof CliError) {
    io.stderr.write(`error: ${maskPans(error.message)}\n${error.details.map((d) => `  ${maskPans(d)}\n`).join('')}`);
    return error.exitCode;
  }
  if (error instanceof ClassifierError) {
    const [summary] = error.message.split('\n');
    io.stderr.write(`error: ${summary}\n${error.problems.map((p) => `  ${p.path || '(root)'}: ${maskPans(p.message)}\n`).join('')}`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`error: ${maskPans(message.split('\n')[0] ?? 'unexpected error')}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${maskPans(error.stack)}\n`);
  return 2;
}

function openStream(file: string): NodeJS.ReadableStream {
  try {
    statSync(file);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, 2);
  }
  return createReadStream(file);
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseScore(value: string): number {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a number from 0 to 1');
  return n;
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

/** True when this module is the program being run (not imported by a test). */
function isMain(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  run(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }).then((code) => {
    process.exitCode = code;
  });
}
