/**
 * A worker: takes case-file jobs from the queue, classifies them with the library's public API and
 * writes each result's JSON to the results hash under the job id. Run as many as you have cores, on as
 * many machines as you like; BullMQ hands each job to one of them.
 */
import { UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { type ClassifierConfig, createClassifier, isCaseFileError } from 'pos-suspension-classifier';
import { QUEUE_NAME, QUEUE_PREFIX, resultsKey } from './jobs.js';

/** Options of {@link createWorker}. */
export interface WorkerOptions {
  /** An ioredis connection from `connect` (shared, not closed by the worker; BullMQ opens its own blocking one). */
  readonly connection: Redis;
  /** Queue name; default {@link QUEUE_NAME}. */
  readonly queueName?: string;
  /** Key prefix; default {@link QUEUE_PREFIX}. */
  readonly prefix?: string;
  /** Jobs in flight per worker (fetching and writing overlap classifying); default 4. */
  readonly concurrency?: number;
  /** Classifier configuration (rule pack, language, options); identical on every worker of a run. */
  readonly classifier?: ClassifierConfig;
  /** How long a job's lock lives without renewal, ms; a dead worker's jobs are retried after it. Default 30 000. */
  readonly lockDuration?: number;
  /** How often this worker looks for jobs whose lock expired (stalled), ms. Default 30 000. */
  readonly stalledInterval?: number;
  /** Times a job may stall (its worker died) before it fails; default 2. */
  readonly maxStalledCount?: number;
  /** Worker name, stored on the jobs it processes (to see which worker ran a job). */
  readonly name?: string;
}

/**
 * Starts a BullMQ worker that classifies case files. A case file the library refuses
 * (`CaseFileError`) fails at once, without retries; any other error is retried by BullMQ with the
 * job's attempts and backoff. A worker that dies mid-job loses its lock; another worker's stalled
 * check puts the job back in the queue. Writing the result is idempotent (same job id, same
 * byte-identical result), so a job that runs twice does no harm.
 *
 * @param options - see {@link WorkerOptions}.
 * @returns the BullMQ worker, already running; `close()` it to stop after the jobs in hand.
 * @example
 * ```ts
 * const worker = createWorker({ connection: connect('redis://127.0.0.1:6379'), concurrency: 4 });
 * process.on('SIGTERM', () => worker.close());
 * ```
 */
export function createWorker(options: WorkerOptions): Worker {
  const classifier = createClassifier(options.classifier);
  const queueName = options.queueName ?? QUEUE_NAME;
  const prefix = options.prefix ?? QUEUE_PREFIX;
  const results = resultsKey(queueName, prefix);
  const redis = options.connection;
  return new Worker(
    queueName,
    async (job) => {
      let json: string;
      try {
        json = JSON.stringify(classifier.classifySync(job.data));
      } catch (error) {
        // A bad case file stays bad: fail it now, with the problem paths (never the card data).
        if (isCaseFileError(error)) {
          const problems = error.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
          throw new UnrecoverableError(`${error.code}: ${problems}`);
        }
        throw error;
      }
      await redis.hset(results, job.id as string, json);
    },
    {
      connection: redis,
      prefix,
      concurrency: options.concurrency ?? 4,
      lockDuration: options.lockDuration ?? 30_000,
      stalledInterval: options.stalledInterval ?? 30_000,
      maxStalledCount: options.maxStalledCount ?? 2,
      ...(options.name ? { name: options.name } : {}),
    },
  );
}
