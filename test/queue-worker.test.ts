import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, jobIdFor, resultsKey, type Window } from '../examples/queue-worker/jobs.js';
import { createProducer } from '../examples/queue-worker/producer.js';
import { createWorker } from '../examples/queue-worker/worker.js';
import { createClassifier } from '../src/index.js';
import { generateSet } from '../src/synth/generateSet.js';
import { findRedisServer, type RedisServer, startRedisServer } from './support/redisServer.js';

const binary = findRedisServer();
if (!binary) {
  const reason = 'queue-worker test: no redis-server installed (apt-get install redis-server; .ci/run installs it)';
  if (process.env.CI) throw new Error(`${reason}; CI must run it`);
  console.warn(`${reason}, skipped`);
}

const WINDOW: Window = { from: '2026-03-01T00:00:00+08:00', to: '2026-04-30T23:59:59+08:00' };
const merchants = [...generateSet({ seed: 20_260_301, count: 240 })].map((m) => m.caseFile);
const reference = createClassifier();
const expected = (caseFile: unknown) => JSON.stringify(reference.classifySync(caseFile));

let server: RedisServer;
let connection: Redis;
beforeAll(async () => {
  if (!binary) return;
  server = await startRedisServer(binary);
  connection = connect(server.url);
});
afterAll(async () => {
  await connection?.quit().catch(() => {});
  await server?.stop();
});

/** Resolves once the results hash holds `count` fields. */
async function resultsCount(key: string, count: number, timeoutMs = 45_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const n = await connection.hlen(key);
    if (n >= count || Date.now() > until) return n;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!binary)('the BullMQ queue-worker example on a real redis-server', () => {
  it('classifies 240 merchants with 2 workers, each result byte for byte the library result', async () => {
    const queueName = 'run';
    const producer = createProducer({ connection, queueName, window: WINDOW });
    const ids = await producer.enqueue(merchants);
    expect(new Set(ids).size).toBe(merchants.length);
    const done = new Map<string, number>();
    const workers = [0, 1].map((w) => {
      const worker = createWorker({ connection, queueName, concurrency: 4, name: `w${w}` });
      worker.on('completed', () => done.set(`w${w}`, (done.get(`w${w}`) ?? 0) + 1));
      return worker;
    });
    try {
      expect(await resultsCount(resultsKey(queueName), merchants.length)).toBe(merchants.length);
      const stored = await connection.hgetall(resultsKey(queueName));
      merchants.forEach((caseFile, i) => {
        expect(stored[ids[i] as string]).toBe(expected(caseFile));
      });
      expect(done.get('w0')).toBeGreaterThan(0);
      expect(done.get('w1')).toBeGreaterThan(0);
      expect(await producer.queue.getJobCounts('failed', 'waiting', 'active')).toEqual({ failed: 0, waiting: 0, active: 0 });
    } finally {
      await Promise.all(workers.map((w) => w.close()));
      await producer.close();
    }
  });

  it('enqueues a merchant once per window: the same merchant twice is one job, another window another job', async () => {
    const producer = createProducer({ connection, queueName: 'dedupe', window: WINDOW });
    try {
      const [first] = merchants;
      const once = await producer.enqueue([first, first]);
      const again = await producer.enqueue([first]);
      expect(once[0]).toBe(once[1]);
      expect(again[0]).toBe(once[0]);
      expect(once[0]).toBe(jobIdFor((first as { merchant: { id: string } }).merchant.id, WINDOW));
      expect(await producer.queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
      const other = createProducer({ connection, queueName: 'dedupe', window: { ...WINDOW, to: '2026-05-31T23:59:59+08:00' } });
      const [otherId] = await other.enqueue([first]);
      await other.close();
      expect(otherId).not.toBe(once[0]);
      expect(await producer.queue.getJobCounts('waiting')).toEqual({ waiting: 2 });
    } finally {
      await producer.queue.obliterate({ force: true });
      await producer.close();
    }
  });

  it("retries a force-killed worker's job through BullMQ's stalled check, and it completes", async () => {
    const queueName = 'dying';
    const producer = createProducer({ connection, queueName, window: WINDOW });
    const caseFile = merchants[7];
    const [id] = await producer.enqueue([caseFile]);
    const dying: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'test/support/queue-dying-worker.ts', server.url, queueName], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const [message] = (await once(dying, 'message')) as [{ active: string }];
    expect(message.active).toBe(id);
    dying.kill('SIGKILL');
    await once(dying, 'exit');
    expect(await producer.queue.getJobState(id as string)).toBe('active'); // still held by the dead worker

    const stalled: string[] = [];
    const survivor = createWorker({ connection, queueName, stalledInterval: 500 });
    survivor.on('stalled', (jobId) => stalled.push(jobId));
    try {
      expect(await resultsCount(resultsKey(queueName), 1, 20_000)).toBe(1);
      expect(await connection.hget(resultsKey(queueName), id as string)).toBe(expected(caseFile));
      expect(stalled).toEqual([id]);
    } finally {
      await survivor.close();
      await producer.close();
    }
  });

  it('fails a case file the library refuses at once, without retries, naming the problem paths only', async () => {
    const queueName = 'bad';
    const producer = createProducer({ connection, queueName, window: WINDOW });
    const [id] = await producer.enqueue([
      { merchant: { id: 'M-bad', mcc: '12' }, transactions: [{ id: 't', card: { token: '4111111111111111' } }] },
    ]);
    const worker = createWorker({ connection, queueName });
    try {
      const [job] = (await once(worker, 'failed')) as [{ id: string; attemptsMade: number; failedReason: string }];
      expect(job.id).toBe(id);
      expect(job.attemptsMade).toBe(1);
      expect(job.failedReason).toMatch(/^invalid_case_file: /);
      expect(job.failedReason).toContain('transactions[0].card.token');
      expect(job.failedReason).not.toContain('4111');
      expect(await connection.hlen(resultsKey(queueName))).toBe(0);
    } finally {
      await worker.close();
      await producer.close();
    }
  });
});
