/**
 * NDJSON batch: one case file per line in, one output line per line out, in input order, streaming.
 * A bad line gets an error record in its place and a message on stderr; a per-cause summary ends the run.
 */

import { Worker } from 'node:worker_threads';
import type { Classifier, Lang } from '../index.js';
import { classifyChunk, tooLongLine } from './batchLine.js';
import type { Chunk, ChunkResult, WorkerInit } from './batchWorker.js';
import { type LineChunk, readLineChunks } from './lines.js';

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
  /** Worker threads that died (a line exhausted a worker's heap) and were replaced. */
  readonly workerCrashes: number;
}

/** The most worker threads a batch starts: twice the available cores, and never more than 64 (each worker holds its own heap). */
export function maxWorkers(cores: number): number {
  return Math.min(64, Math.max(1, cores) * 2);
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
  /** Old-generation heap of each worker, in MB (default 160); a line that exhausts it is retried alone, then classified on this thread. */
  readonly workerHeapMb?: number;
  /** Bytes of lines sent to a worker at a time (default 256 KiB). */
  readonly chunkBytes?: number;
}

/** Bytes of lines sent to a worker at a time, and chunks in flight per worker: bounds memory, keeps workers busy. */
const CHUNK_BYTES = 256 * 1024;
const IN_FLIGHT_PER_WORKER = 4;
/** Lines longer than this (very large case files) are classified on the main thread, outside the workers' heaps. */
const BIG_LINE_BYTES = 8 * 1024 * 1024;
/**
 * Worker heap limits (MB): a bounded old generation keeps peak memory low. The young generation is
 * 16 MB: at 8 MB each worker collected its young objects three times as often as one thread does, and
 * V8's helper threads did that work beside it. On the bench's 20,000 merchants, two workers at 16 MB
 * took 0.85–0.98 of the time of 8 MB in five paired runs (median 0.88; the machine is noisy, single
 * runs overlap). 32 MB gained no more and took some 25 MB more memory.
 */
const WORKER_OLD_GENERATION_MB = 160;
const WORKER_YOUNG_GENERATION_MB = 16;

/** What one chunk (or one over-long line) adds to the output. */
interface Piece {
  readonly out: string | Uint8Array;
  readonly tops: readonly string[];
  readonly failures: readonly string[];
}

/**
 * Runs a batch: one case file per line in, one output line per non-blank input line out, in input
 * order: the result, or an error record `{"line": N, "error": {"code", "problems"}}` in its place.
 * Memory holds a bounded number of lines and results, whatever the size of the input.
 */
export async function runBatch(classifier: Classifier, io: BatchIo, options: BatchOptions): Promise<BatchSummary> {
  const byTopCause: Record<string, number> = {};
  let classified = 0;
  let failed = 0;
  let bytesSeen = 0;
  let shown = 0;
  let workerCrashes = 0;
  const progress = io.stderr.isTTY === true;
  const emit = async (piece: Piece) => {
    for (const failure of piece.failures) io.stderr.write(`${failure}\n`);
    failed += piece.failures.length;
    classified += piece.tops.length;
    for (const top of piece.tops) byTopCause[top] = (byTopCause[top] ?? 0) + 1;
    if (piece.out.length > 0 && !io.stdout.write(piece.out)) await drained(io.stdout);
    if (progress && Math.floor((classified + failed) / 200) > shown) {
      shown = Math.floor((classified + failed) / 200);
      const pct = io.inputBytes ? ` ${Math.min(100, Math.round((bytesSeen / io.inputBytes) * 100))}%` : '';
      io.stderr.write(`\r${classified + failed} lines${pct}`);
    }
  };

  const chunks = readLineChunks(io.input, options.maxLineBytes, options.chunkBytes ?? CHUNK_BYTES);
  const tooLong = (number: number): Piece => {
    const outcome = tooLongLine(number, options.maxLineBytes);
    return { out: `${outcome.json}\n`, tops: [], failures: ['error' in outcome ? outcome.error : ''] };
  };
  const onMain = (first: number, bytes: Uint8Array): Piece => classifyChunk(classifier, first, bytes, options.lang);
  if (options.workers <= 1 || !options.workerUrl || !options.workerInit) {
    for await (const chunk of chunks) {
      if ('tooLong' in chunk) await emit(tooLong(chunk.number));
      else {
        bytesSeen += chunk.bytes.length;
        await emit(onMain(chunk.first, chunk.bytes));
      }
    }
  } else {
    await runOnWorkers(chunks, { workerHeapMb: WORKER_OLD_GENERATION_MB, ...options } as Required<BatchOptions>, {
      emit,
      tooLong,
      onMain,
      seen: (n) => (bytesSeen += n),
      crashed: () => workerCrashes++,
    });
  }

  if (progress) io.stderr.write('\r');
  io.stderr.write(`classified ${classified}, failed ${failed}\n`);
  for (const [cause, n] of Object.entries(byTopCause).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    io.stderr.write(`  ${String(n).padStart(7)}  ${cause}\n`);
  }
  return { classified, failed, byTopCause, workerCrashes };
}

interface Sink {
  readonly emit: (piece: Piece) => Promise<void>;
  readonly tooLong: (number: number) => Piece;
  readonly onMain: (first: number, bytes: Uint8Array) => Piece;
  readonly seen: (bytes: number) => void;
  readonly crashed: () => void;
}

/**
 * Spreads chunks of lines over worker threads and emits their outcomes in input order. Chunks in
 * flight are capped, so a slow consumer or a huge file never piles up results in memory. A worker
 * that dies (a case file that exhausts its heap) is replaced; the chunk it was classifying is retried
 * one line at a time on the new worker, and a line that kills a fresh worker on its own is classified
 * on this thread, so the output is the same bytes as with one worker.
 */
async function runOnWorkers(chunks: AsyncIterable<LineChunk>, options: Required<BatchOptions>, sink: Sink): Promise<void> {
  interface Pending {
    readonly slot: number;
    readonly first: number;
    readonly bytes: Uint8Array;
    readonly resolve: (piece: Piece | Promise<Piece>) => void;
  }
  // Chunks sent to each worker and not yet answered, by sequence number (a worker answers in order).
  const pending = new Map<number, Pending>();
  let seq = 0;
  const workers: Worker[] = [];
  const shared = sharedBuffers(2 * (options.chunkBytes ?? CHUNK_BYTES), options.workers * IN_FLIGHT_PER_WORKER + 1);
  // The bytes go in shared memory: the worker reads them where they are, and the buffer is used again
  // once the worker has answered (kept till then, to retry the chunk if the worker dies).
  const dispatch = (slot: number, first: number, lines: Uint8Array): Promise<Piece> =>
    new Promise((resolve) => {
      const id = seq++;
      const bytes = shared.copy(lines);
      pending.set(id, { slot, first, bytes, resolve });
      (workers[slot] as Worker).postMessage({ seq: id, first, bytes } satisfies Chunk);
    });
  const recover = (slot: number) => {
    const lost = [...pending].filter(([, p]) => p.slot === slot).sort((a, b) => a[0] - b[0]);
    for (const [id] of lost) pending.delete(id);
    lost.forEach(([, p], i) => {
      if (i > 0) p.resolve(dispatch(slot, p.first, p.bytes));
      else {
        const lines = splitLines(p.first, p.bytes);
        if (lines.length <= 1) p.resolve(sink.onMain(p.first, p.bytes));
        else p.resolve(Promise.all(lines.map((l) => dispatch(slot, l.first, l.bytes))).then(merge));
      }
      shared.release(p.bytes);
    });
  };
  const spawn = (slot: number): Worker => {
    const worker = new Worker(options.workerUrl, {
      workerData: options.workerInit,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, maxOldGenerationSizeMb: options.workerHeapMb },
    });
    worker.on('message', (result: ChunkResult) => {
      const p = pending.get(result.seq);
      if (!p) return;
      pending.delete(result.seq);
      shared.release(p.bytes);
      p.resolve({ out: result.out, tops: result.tops, failures: result.failures });
    });
    worker.once('error', () => {
      sink.crashed();
      workers[slot] = spawn(slot);
      recover(slot);
    });
    return worker;
  };
  for (let slot = 0; slot < options.workers; slot++) workers.push(spawn(slot));

  // Each entry is one chunk's outcome, awaited in input order.
  const queue: Promise<Piece>[] = [];
  // A chunk goes to the worker with the fewest chunks in hand (the first such), not in turn: in turn,
  // a worker that finished early sat idle while the oldest chunk was still with the other.
  const leastBusy = (): number => {
    const load = workers.map(() => 0);
    for (const p of pending.values()) load[p.slot] = (load[p.slot] as number) + 1;
    let best = 0;
    for (let slot = 1; slot < load.length; slot++) if ((load[slot] as number) < (load[best] as number)) best = slot;
    return best;
  };
  const drainTo = async (limit: number) => {
    while (queue.length > limit) await sink.emit(await (queue.shift() as Promise<Piece>));
  };
  try {
    for await (const chunk of chunks) {
      if ('tooLong' in chunk) queue.push(Promise.resolve(sink.tooLong(chunk.number)));
      else {
        sink.seen(chunk.bytes.length);
        if (chunk.bytes.length > BIG_LINE_BYTES) queue.push(Promise.resolve(sink.onMain(chunk.first, chunk.bytes)));
        else queue.push(dispatch(leastBusy(), chunk.first, chunk.bytes));
      }
      await drainTo(options.workers * IN_FLIGHT_PER_WORKER);
    }
    await drainTo(0);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * Buffers of shared memory for chunks on their way to a worker. A buffer comes back to the pool when
 * released, so a run takes memory for the chunks in flight once, not per chunk: fresh memory outside
 * the heap for every chunk made V8 collect garbage on the reading thread over and over. At most `keep`
 * shared buffers of `size` bytes are ever made (the chunks that can be in flight at once). A chunk
 * larger than `size` (a very long line), or one that finds the pool empty (a dead worker's chunk
 * retried line by line), is copied into ordinary memory instead: a shared buffer that is dropped is
 * not counted by V8 as memory to collect, so making one per long line let garbage pile up unseen.
 */
export function sharedBuffers(size: number, keep: number): { copy(bytes: Uint8Array): Uint8Array; release(view: Uint8Array): void } {
  const free: SharedArrayBuffer[] = [];
  let made = 0;
  return {
    copy(bytes) {
      if (bytes.length <= size) {
        let buffer = free.pop();
        if (buffer === undefined && made < keep) {
          buffer = new SharedArrayBuffer(size);
          made++;
        }
        if (buffer !== undefined) {
          const view = new Uint8Array(buffer, 0, bytes.length);
          view.set(bytes);
          return view;
        }
      }
      return bytes.slice();
    },
    release(view) {
      if (view.buffer instanceof SharedArrayBuffer) free.push(view.buffer);
    },
  };
}

/** The lines of a chunk, each as a chunk of its own. */
function splitLines(first: number, bytes: Uint8Array): { first: number; bytes: Uint8Array }[] {
  const lines: { first: number; bytes: Uint8Array }[] = [];
  let start = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(10, start) + 1 || bytes.length;
    lines.push({ first: first + lines.length, bytes: bytes.slice(start, end) });
    start = end;
  }
  return lines;
}

/** The outcomes of consecutive chunks as one. */
function merge(pieces: readonly Piece[]): Piece {
  const outs = pieces.map((p) => (typeof p.out === 'string' ? Buffer.from(p.out) : p.out));
  return { out: Buffer.concat(outs), tops: pieces.flatMap((p) => p.tops), failures: pieces.flatMap((p) => p.failures) };
}

function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => stream.once('drain', resolve));
}
