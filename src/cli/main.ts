#!/usr/bin/env node
/**
 * The `pos-suspension` command: a thin shell over the public API. Each subcommand lives in
 * `./commands/`; they share `./output.ts` (streams, exit code, formats) and `./io.ts` (reading inputs).
 * Exit codes: 0 success (also when the reader of standard output closes the pipe early, as `head`
 * does), 1 some inputs failed, 2 usage error, unreadable / invalid input, or standard output failing.
 */

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { version } from '../../package.json';
import { ClassifierError } from '../index.js';
import { registerAppeal } from './commands/appeal.js';
import { registerBacktest } from './commands/backtest.js';
import { registerCalibrate } from './commands/calibrate.js';
import { registerClassify } from './commands/classify.js';
import { registerGenerate } from './commands/generate.js';
import { registerLint } from './commands/lint.js';
import { registerReport } from './commands/report.js';
import { registerSchema } from './commands/schema.js';
import { registerSignals } from './commands/signals.js';
import { registerWatch } from './commands/watch.js';
import { CliError } from './io.js';
import type { CliIo, CommandContext } from './output.js';
import { messageStream, type OutputWatch, watchOutput } from './streams.js';

export type { CliIo } from './output.js';

/** The subcommands, in the order `--help` lists them. */
const COMMANDS = [
  registerClassify,
  registerSignals,
  registerLint,
  registerGenerate,
  registerBacktest,
  registerCalibrate,
  registerWatch,
  registerReport,
  registerAppeal,
  registerSchema,
];

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  return (await execute(argv, io)).code;
}

/**
 * Runs the CLI; `outputFailed` is true when standard output failed (a closed pipe, a full disk): the
 * command may still be running, and a process should then exit at once with `code`.
 */
async function execute(argv: readonly string[], io: CliIo): Promise<{ code: number; outputFailed: boolean; output: OutputWatch }> {
  let exitCode = 0;
  const stderr = messageStream(io.stderr);
  // A failing stderr has nowhere to report to; it must not crash the run.
  io.stderr.on('error', () => {});
  const safeIo: CliIo = { ...io, stderr };
  const ctx: CommandContext = { io: safeIo, setExitCode: (code) => (exitCode = code) };
  const output = watchOutput(io.stdout);
  const program = createProgram(safeIo);
  for (const register of COMMANDS) register(program, ctx);
  const debug = () => argv.includes('--debug') || program.opts().debug === true;
  const work = program.parseAsync([...argv], { from: 'user' }).then(
    async () => {
      await output.settled();
      return exitCode;
    },
    // A write error of stdout surfaces in the command too (a rejected drain): the watch reports it.
    (error: unknown) => (output.failure() ? 0 : reportError(error, stderr, debug())),
  );
  const outcome = await Promise.race([
    work.then((code) => ({ code, failed: false })),
    output.failed.then(() => ({ code: 0, failed: true })),
  ]);
  const failure = output.failure();
  if (!failure) return { code: outcome.code, outputFailed: false, output };
  if (failure.message) stderr.write(`error: ${failure.message}\n`);
  return { code: failure.exitCode, outputFailed: outcome.failed, output };
}

/** The program with its global options; output goes to `io`, and commander never exits the process. */
function createProgram(io: CliIo): Command {
  return new Command('pos-suspension')
    .description('Explains why a merchant POS terminal was suspended: ranked causes with evidence and advice.')
    .version(version)
    .option('--debug', 'print the stack trace of every error (card numbers masked)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
}

/**
 * One line (plus problem lines) on `stderr` — a {@link messageStream}, so card numbers are masked and
 * control characters escaped — and with `debug` the stack trace; returns the exit code.
 */
function reportError(error: unknown, stderr: NodeJS.WritableStream, debug: boolean): number {
  const stack = () => {
    if (debug && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
  };
  if (error instanceof CommanderError) {
    // help and version exit 0; commander already printed its message for usage errors.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof CliError) {
    stderr.write(`error: ${error.message}\n${error.details.map((d) => `  ${d}\n`).join('')}`);
    stack();
    return error.exitCode;
  }
  if (error instanceof ClassifierError) {
    const first = error.message.split('\n')[0] ?? error.code;
    // The library says "invalid classifier options"; on the command line they are the command's options.
    const summary = error.code === 'invalid_options' ? first.replace(/^invalid classifier options/, 'invalid options') : first;
    stderr.write(`error: ${summary}\n${error.problems.map((p) => `  ${p.path || '(root)'}: ${p.message}\n`).join('')}`);
    stack();
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`error: ${message.split('\n')[0] || 'unexpected error'}\n`);
  stack();
  return 2;
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
  execute(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
    ({ code, outputFailed, output }) => {
      // With stdout gone, a batch may still be waiting on it: nothing more can be delivered, so stop.
      if (outputFailed) process.exit(code);
      process.exitCode = code;
      // A write that fails after the command ended (an asynchronous stream) still decides the exit code.
      if (!output.failure()) {
        output.failed.then((late) => {
          if (late.message) process.stderr.write(`error: ${late.message}\n`);
          process.exit(late.exitCode);
        });
      }
    },
  );
}
