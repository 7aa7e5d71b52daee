/**
 * What every subcommand shares: where it reads and writes, its exit code, the common options, and one
 * way to print a report (a table on a terminal, JSON otherwise).
 */
import { InvalidArgumentError, Option } from 'commander';
import { maskPans } from '../index.js';
import { createPaint, type Paint, printable } from './text.js';

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** What a subcommand gets: the streams, and where to leave its exit code (0 unless it says otherwise). */
export interface CommandContext {
  readonly io: CliIo;
  /** Sets the exit code of the run: 0 success, 1 some inputs failed, 2 usage error or bad input. */
  setExitCode(code: 0 | 1 | 2): void;
}

/** Output formats of the report-printing subcommands. */
export type ReportFormat = 'table' | 'json';

/**
 * Prints a report: `format`, or a table on a terminal and JSON otherwise; tables in colour unless
 * NO_COLOR. JSON is the exact value; a table is drawn from a copy whose every string (keys too) is
 * {@link displayable}, so no input text can drive the terminal or show a card number.
 */
export function writeReport<T>(
  ctx: CommandContext,
  format: ReportFormat | undefined,
  value: T,
  table: (value: T, paint: Paint) => string,
): void {
  const { stdout, env } = ctx.io;
  const chosen = format ?? (stdout.isTTY ? 'table' : 'json');
  const colour = stdout.isTTY === true && !env?.NO_COLOR;
  stdout.write(chosen === 'json' ? `${JSON.stringify(value, null, 2)}\n` : table(displayable(value), createPaint(colour)));
}

/** `value` with every string and key on one printable line: card numbers masked, control characters escaped. */
export function displayable<T>(value: T): T {
  if (typeof value === 'string') return printable(maskPans(value)) as T;
  if (Array.isArray(value)) return value.map(displayable) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [displayable(k), displayable(v)])) as T;
  }
  return value;
}

/** `--format table|json`. */
export const formatOption = (): Option =>
  new Option('--format <format>', 'output format (default: table on a terminal, else json)').choices(['table', 'json']);

/** `--lang en|zh-CN`. */
export const langOption = (): Option => new Option('--lang <lang>', 'language of titles and advice').choices(['en', 'zh-CN']).default('en');

/** `--rules <file-or-dir>`. */
export const rulesOption = (): Option =>
  new Option('--rules <file-or-dir>', 'rule pack file, or a folder of them (default: the bundled pack)');

/** The name of an input in messages. */
export const inputName = (file: string): string => (file === '-' ? 'standard input' : file);

/** Parses a score from 0 to 1. */
export function parseScore(value: string): number {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a number from 0 to 1');
  return n;
}

/** Parses a positive whole number. */
export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

/** Collects a repeated option into a list. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
