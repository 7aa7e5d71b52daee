/** Runs the CLI in-process with captured streams: what a test needs to check output and exit code. */
import { PassThrough, Readable } from 'node:stream';
import { run } from '../../src/cli/main.js';

/** What a run printed and its exit code. */
export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `pos-suspension …args`; `tty` makes stdout look like a terminal; `stdout` replaces the captured one. */
export async function cli(
  args: string[],
  options: { stdin?: string; tty?: boolean; stdout?: NodeJS.WritableStream } = {},
): Promise<Captured> {
  const stdout = options.stdout ?? Object.assign(new PassThrough(), { isTTY: options.tty ?? false });
  const stderr = Object.assign(new PassThrough(), { isTTY: false });
  let out = '';
  let err = '';
  if (!options.stdout) stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await run(args, { stdin: Readable.from([options.stdin ?? '']), stdout, stderr, env: {} });
  return { code, stdout: out, stderr: err };
}
