/**
 * NDJSON batch: one case file per line in, one result per line out, in input order, streaming.
 * Bad lines are reported on stderr with their number and skipped; a per-cause summary ends the run.
 */
import { isCaseFileError } from '../contract/errors.js';
import { maskPans } from '../contract/pan.js';
import type { Lang } from '../contract/result.js';
import type { Classifier } from '../engine/classifier.js';
import { readLines } from './lines.js';

/** Where a batch reads and writes. */
export interface BatchIo {
  readonly input: AsyncIterable<Buffer | string>;
  readonly inputBytes?: number | undefined;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Counts of a finished batch. */
export interface BatchSummary {
  readonly classified: number;
  readonly failed: number;
  readonly byTopCause: Readonly<Record<string, number>>;
}

/** Default longest NDJSON line: 64 MiB. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

/** Runs a batch. Memory holds one line and one result at a time. */
export async function runBatch(
  classifier: Classifier,
  io: BatchIo,
  options: { lang: Lang; maxLineBytes: number },
): Promise<BatchSummary> {
  const byTopCause: Record<string, number> = {};
  let classified = 0;
  let failed = 0;
  let bytesSeen = 0;
  const progress = io.stderr.isTTY === true;
  for await (const line of readLines(io.input, options.maxLineBytes)) {
    if ('tooLong' in line) {
      failed++;
      io.stderr.write(`line ${line.number}: longer than ${options.maxLineBytes} bytes, skipped\n`);
      continue;
    }
    bytesSeen += line.text.length + 1;
    if (line.text.trim() === '') continue;
    try {
      const result = classifier.classifySync(JSON.parse(line.text), { lang: options.lang });
      const top = result.causes[0]?.id ?? '(none)';
      byTopCause[top] = (byTopCause[top] ?? 0) + 1;
      classified++;
      if (!io.stdout.write(`${JSON.stringify(result)}\n`)) await drained(io.stdout);
    } catch (error) {
      failed++;
      io.stderr.write(`line ${line.number}: ${describeError(error)}\n`);
    }
    if (progress && (classified + failed) % 200 === 0) {
      const pct = io.inputBytes ? ` ${Math.min(100, Math.round((bytesSeen / io.inputBytes) * 100))}%` : '';
      io.stderr.write(`\r${classified + failed} lines${pct}`);
    }
  }
  if (progress) io.stderr.write('\r');
  io.stderr.write(`classified ${classified}, failed ${failed}\n`);
  for (const [cause, n] of Object.entries(byTopCause).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    io.stderr.write(`  ${String(n).padStart(7)}  ${cause}\n`);
  }
  return { classified, failed, byTopCause };
}

/** One line for an error: the message and, for a case file, every path. Never a stack. */
export function describeError(error: unknown): string {
  if (error instanceof SyntaxError) return 'not valid JSON';
  if (isCaseFileError(error)) return error.problems.map((p) => `${p.path || '(root)'}: ${p.message}`).join('; ');
  return maskPans(error instanceof Error ? error.message.split('\n')[0] ?? 'error' : String(error));
}

function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => stream.once('drain', resolve));
}
