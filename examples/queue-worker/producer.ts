/**
 * The producer: one BullMQ job per merchant case file, its id derived from merchant id and window, so
 * enqueuing a merchant again (a re-run, a retried export) names the same job instead of adding one.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { jobIdFor, QUEUE_NAME, QUEUE_PREFIX, type Window } from './jobs.js';

/** Options of {@link createProducer}. */
export interface ProducerOptions {
  /** An ioredis connection from `connect` (shared, not closed by the producer). */
  readonly connection: Redis;
  /** Queue name; default {@link QUEUE_NAME}. */
  readonly queueName?: string;
  /** Key prefix; default {@link QUEUE_PREFIX}. */
  readonly prefix?: string;
  /** The run's window, for case files without a `window` of their own (it is part of the job id). */
  readonly window?: Window;
  /** Attempts per job when the worker throws (a lost Redis write, say); default 3, backing off 1 s, 2 s, … */
  readonly attempts?: number;
}

/** One NDJSON line the producer could not enqueue. */
export interface Rejected {
  /** 1-based line number. */
  readonly line: number;
  /** Why: `not valid JSON`, `no merchant.id`, `no window`. */
  readonly reason: string;
}

/** What {@link Producer.enqueueNdjson} did. */
export interface NdjsonReport {
  /** Lines handed to the queue (a job that already existed counts: it is the same job). */
  readonly enqueued: number;
  /** Lines refused before reaching the queue. */
  readonly rejected: readonly Rejected[];
}

/** Enqueues case files; see {@link createProducer}. */
export interface Producer {
  /** The BullMQ queue, for counts, pause/resume and inspection of failed jobs. */
  readonly queue: Queue;
  /** Enqueues case files (parsed JSON) and returns their job ids, in order. */
  enqueue(caseFiles: readonly unknown[]): Promise<string[]>;
  /** Enqueues an NDJSON file, one job per line, in batches of `batch` lines (default 200). */
  enqueueNdjson(path: string, batch?: number): Promise<NdjsonReport>;
  /** Closes the queue (not the connection). */
  close(): Promise<void>;
}

/** Thrown by {@link Producer.enqueue} for a case file without a merchant id or a window. */
export class EnqueueError extends Error {
  override readonly name = 'EnqueueError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The case file's merchant id and window, or why there are none. Does not validate the rest: workers do. */
function identify(caseFile: unknown, runWindow: Window | undefined): { merchantId: string; window: Window } | string {
  const file = caseFile as { merchant?: { id?: unknown }; window?: { from?: unknown; to?: unknown } } | null;
  const merchantId = typeof file === 'object' && file !== null ? file.merchant?.id : undefined;
  if (typeof merchantId !== 'string' || merchantId === '') return 'no merchant.id';
  const own = file?.window;
  if (own && typeof own.from === 'string' && typeof own.to === 'string') return { merchantId, window: { from: own.from, to: own.to } };
  return runWindow ? { merchantId, window: runWindow } : 'no window (give the case file one, or the producer a run window)';
}

/**
 * Creates a producer on a BullMQ queue. Jobs keep BullMQ's retries: `attempts` with exponential backoff
 * for errors a worker throws, and stalled-job detection for workers that die (see `createWorker`).
 * Completed jobs are removed (their case files are large; the result is in the results hash); failed
 * jobs are kept for inspection.
 *
 * @param options - see {@link ProducerOptions}.
 * @returns the producer.
 * @example
 * ```ts
 * const producer = createProducer({ connection, window: { from: '2026-03-01', to: '2026-03-31' } });
 * const report = await producer.enqueueNdjson('export.ndjson');
 * ```
 */
export function createProducer(options: ProducerOptions): Producer {
  const defaultJobOptions: JobsOptions = {
    attempts: options.attempts ?? 3,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: true,
    removeOnFail: false,
  };
  const queue = new Queue(options.queueName ?? QUEUE_NAME, {
    connection: options.connection,
    prefix: options.prefix ?? QUEUE_PREFIX,
    defaultJobOptions,
  });

  async function add(caseFiles: readonly unknown[], ids: readonly string[]): Promise<void> {
    // addBulk is one round trip; a job id that already exists is left as it is (no second job).
    await queue.addBulk(caseFiles.map((data, i) => ({ name: 'classify', data, opts: { jobId: ids[i] as string } })));
  }

  return {
    queue,
    async enqueue(caseFiles) {
      const ids = caseFiles.map((caseFile) => {
        const id = identify(caseFile, options.window);
        if (typeof id === 'string') throw new EnqueueError(id);
        return jobIdFor(id.merchantId, id.window);
      });
      await add(caseFiles, ids);
      return ids;
    },
    async enqueueNdjson(path, batch = 200) {
      const rejected: Rejected[] = [];
      let enqueued = 0;
      let files: unknown[] = [];
      let ids: string[] = [];
      let number = 0;
      const flush = async () => {
        if (files.length > 0) await add(files, ids);
        enqueued += files.length;
        files = [];
        ids = [];
      };
      for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY })) {
        number++;
        if (line.trim() === '') continue;
        let caseFile: unknown;
        try {
          caseFile = JSON.parse(line);
        } catch {
          rejected.push({ line: number, reason: 'not valid JSON' });
          continue;
        }
        const id = identify(caseFile, options.window);
        if (typeof id === 'string') {
          rejected.push({ line: number, reason: id });
          continue;
        }
        files.push(caseFile);
        ids.push(jobIdFor(id.merchantId, id.window));
        if (files.length >= batch) await flush();
      }
      await flush();
      return { enqueued, rejected };
    },
    close: () => queue.close(),
  };
}
