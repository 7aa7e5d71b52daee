/**
 * What the producer and the workers agree on: the queue name, the job id of a merchant, where results go.
 */
import { createHash } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';

/** The default queue name. */
export const QUEUE_NAME = 'pos-classify';

/**
 * The default key prefix of the queue's Redis keys. The braces are a Redis Cluster hash tag: every key
 * of the queue lands in one slot, which BullMQ's multi-key scripts need on a cluster.
 */
export const QUEUE_PREFIX = '{pos}';

/** The period a case file covers; with the merchant id it names the job. */
export interface Window {
  /** ISO 8601 start, as the case file (or the run) gives it. */
  readonly from: string;
  /** ISO 8601 end. */
  readonly to: string;
}

/**
 * The job id of one merchant's case file for one window: a hash of merchant id and window. Enqueuing
 * the same merchant for the same window again names the same job, which BullMQ does not add twice.
 *
 * @param merchantId - `merchant.id` of the case file.
 * @param window - the case file's `window`, or the run's window when the files leave it out.
 * @returns `m` and 32 hex digits (never all digits, never a `:`, both of which BullMQ refuses or misreads).
 * @example
 * ```ts
 * jobIdFor('M1', { from: '2026-03-01T00:00:00+08:00', to: '2026-03-31T23:59:59+08:00' }); // 'm3f0c…'
 * ```
 */
export function jobIdFor(merchantId: string, window: Window): string {
  const digest = createHash('sha256').update(`${merchantId}\n${window.from}\n${window.to}`).digest('hex');
  return `m${digest.slice(0, 32)}`;
}

/**
 * The Redis hash the workers write results to: field = job id, value = the result's JSON.
 *
 * @param queueName - the queue the results belong to.
 * @param prefix - the queue's key prefix (so the results share its hash tag).
 * @returns the key, e.g. `{pos}:pos-classify:results`.
 * @example
 * ```ts
 * const json = await redis.hget(resultsKey(QUEUE_NAME), jobId);
 * ```
 */
export function resultsKey(queueName: string = QUEUE_NAME, prefix: string = QUEUE_PREFIX): string {
  return `${prefix}:${queueName}:results`;
}

/**
 * Opens an ioredis connection fit for BullMQ (`maxRetriesPerRequest: null`, which its blocking
 * commands require). BullMQ is given the instance: in an ES module it cannot load ioredis itself.
 *
 * @param url - e.g. `redis://127.0.0.1:6379`.
 * @param options - more ioredis options (TLS, password, …).
 * @returns the connection; `quit()` it after closing the queues and workers that use it.
 * @example
 * ```ts
 * const connection = connect(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
 * ```
 */
export function connect(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { ...options, maxRetriesPerRequest: null });
}
