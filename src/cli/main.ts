#!/usr/bin/env node
/**
 * The `pos-suspension` command: a thin shell over the public API. Each subcommand lives in
 * `./commands/`; they share `./output.ts` (streams, exit code, formats) and `./io.ts` (reading inputs).
 * Exit codes: 0 success, 1 some inputs failed, 2 usage error or unreadable / invalid input.
 */

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { version } from '../../package.json';
import { ClassifierError, maskPans } from '../index.js';
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
  let exitCode = 0;
  const ctx: CommandContext = { io, setExitCode: (code) => (exitCode = code) };
  const program = createProgram(io);
  for (const register of COMMANDS) register(program, ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io, argv.includes('--debug') || program.opts().debug === true);
  }
}

/** The program with its global options; output goes to `io`, and commander never exits the process. */
function createProgram(io: CliIo): Command {
  return new Command('pos-suspension')
    .description('Explains why a merchant POS terminal was suspended: ranked causes with evidence and advice.')
    .version(version)
    .option('--debug', 'print stack traces on errors')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
}

/** One line (plus problem lines) on stderr, card numbers masked; returns the exit code. */
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
