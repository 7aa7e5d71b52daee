/**
 * NDJSON batch: one case file per line in, one result per line out, in input order, streaming.
 * Bad lines are reported on stderr with their number and skipped; a per-cause summary ends the run.
 */

import { Worker } from 'node:worker_threads';
import type { Classifier, Lang } from '../index.js';
import { classifyLine, type LineOutcome } from './batchLine.js';
import type { Chunk, ChunkResult, WorkerInit } from './batchWorker.js';
import { type Line, readLines } from './lines.js';

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

/** Options of a batch run. */
export interface BatchOptions {
  readonly lang: Lang;
  readonly maxLineBytes: number;
  /** Worker threads; 1 classifies on the calling thread. */
  readonly workers: number;
  /** The worker script, when workers > 1. */
  readonly workerUrl?: URL;
  /** What each worker builds its classifier from. */
  readonly workerInit?: WorkerInit;
}

/** Lines sent to a worker at a time, and chunks in flight per worker: bounds memory, keeps workers busy. */
const CHUNK_LINES = 16;
const CHUNK_BYTES = 1024 * 1024;
/** Lines longer than this (very large case files) are classified on the main thread, outside the workers' small heaps. */
const BIG_LINE_BYTES = 8 * 1024 * 1024;
const IN_FLIGHT_PER_WORKER = 3;

/**
 * Runs a batch: one case file per line in, one result per line out, in input order. Memory holds a
 * bounded number of lines and results, whatever the size of the input.
 */
export async function runBatch(classifier: Classifier, io: BatchIo, options: BatchOptions): Promise<BatchSummary> {
  const byTopCause: Record<string, number> = {};
  let classified = 0;
  let failed = 0;
  let bytesSeen = 0;
  const progress = io.stderr.isTTY === true;
  const emit = async (outcome: LineOutcome | { number: number; tooLong: true }) => {
    if ('tooLong' in outcome) {
      failed++;
      io.stderr.write(`line ${outcome.number}: longer than ${options.maxLineBytes} bytes, skipped\n`);
    } else if ('error' in outcome) {
      failed++;
      io.stderr.write(`line ${outcome.number}: ${outcome.error}\n`);
    } else {
      classified++;
      byTopCause[outcome.top] = (byTopCause[outcome.top] ?? 0) + 1;
      if (!io.stdout.write(`${outcome.json}\n`)) await drained(io.stdout);
    }
    if (progress && (classified + failed) % 200 === 0) {
      const pct = io.inputBytes ? ` ${Math.min(100, Math.round((bytesSeen / io.inputBytes) * 100))}%` : '';
      io.stderr.write(`\r${classified + failed} lines${pct}`);
    }
  };

  const lines = readLines(io.input, options.maxLineBytes);
  if (options.workers <= 1 || !options.workerUrl || !options.workerInit) {
    for await (const line of lines) {
      if (!('tooLong' in line)) {
        bytesSeen += line.text.length + 1;
        if (line.text.trim() === '') continue;
      }
      await emit('tooLong' in line ? line : classifyLine(classifier, line, options.lang));
    }
  } else {
    await runOnWorkers(classifier, lines, options as Required<BatchOptions>, emit, (n) => (bytesSeen += n));
  }

  if (progress) io.stderr.write('\r');
  io.stderr.write(`classified ${classified}, failed ${failed}\n`);
  for (const [cause, n] of Object.entries(byTopCause).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    io.stderr.write(`  ${String(n).padStart(7)}  ${cause}\n`);
  }
  return { classified, failed, byTopCause };
}

type Emit = (outcome: LineOutcome | { number: number; tooLong: true }) => Promise<void>;

/**
 * Spreads chunks of lines over worker threads and emits their outcomes in input order. Chunks in
 * flight are capped, so a slow consumer or a huge file never piles up results in memory.
 */
async function runOnWorkers(
  classifier: Classifier,
  lines: AsyncIterable<Line>,
  options: Required<BatchOptions>,
  emit: Emit,
  seen: (bytes: number) => void,
): Promise<void> {
  // Chunks sent to each worker and not yet answered, so that a worker that dies fails only its own lines.
  const pending = new Map<number, { slot: number; lines: Chunk['lines']; resolve: (outcomes: readonly LineOutcome[]) => void }>();
  const spawn = (slot: number): Worker => {
    // Small heaps make workers collect garbage early, which keeps peak memory low; lines too big for
    // them are classified on this thread instead (see BIG_LINE_BYTES).
    const worker = new Worker(options.workerUrl, {
      workerData: options.workerInit,
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 160 },
    });
    worker.on('message', (result: ChunkResult) => {
      pending.get(result.seq)?.resolve(result.outcomes);
      pending.delete(result.seq);
    });
    worker.on('error', (error) => {
      for (const [id, chunk] of pending) {
        if (chunk.slot !== slot) continue;
        pending.delete(id);
        chunk.resolve(chunk.lines.map((l) => ({ number: l.number, error: `worker failed (${error.name}); retry with --workers 1` })));
      }
      workers[slot] = spawn(slot);
    });
    return worker;
  };
  const workers: Worker[] = [];
  for (let slot = 0; slot < options.workers; slot++) workers.push(spawn(slot));

  // Each entry is one chunk's outcomes (or one line's), awaited in input order.
  const queue: Promise<readonly (LineOutcome | { number: number; tooLong: true })[]>[] = [];
  let seq = 0;
  let chunk: { number: number; text: string }[] = [];
  let chunkBytes = 0;
  const send = () => {
    if (chunk.length === 0) return;
    const id = seq++;
    const slot = id % workers.length;
    const lines = chunk;
    chunk = [];
    chunkBytes = 0;
    queue.push(
      new Promise((resolve) => {
        pending.set(id, { slot, lines, resolve });
        (workers[slot] as Worker).postMessage({ seq: id, lines } satisfies Chunk);
      }),
    );
  };
  const drainTo = async (limit: number) => {
    while (queue.length > limit) for (const outcome of await (queue.shift() as (typeof queue)[number])) await emit(outcome);
  };
  try {
    for await (const line of lines) {
      if ('tooLong' in line) {
        send();
        queue.push(Promise.resolve([line]));
      } else {
        seen(line.text.length + 1);
        if (line.text.trim() === '') continue;
        if (line.text.length > BIG_LINE_BYTES) {
          send();
          queue.push(Promise.resolve([classifyLine(classifier, line, options.lang)]));
        } else {
          chunk.push(line);
          chunkBytes += line.text.length;
          if (chunk.length >= CHUNK_LINES || chunkBytes >= CHUNK_BYTES) send();
        }
      }
      await drainTo(options.workers * IN_FLIGHT_PER_WORKER);
    }
    send();
    await drainTo(0);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => stream.once('drain', resolve));
}
