/**
 * Throughput of the BullMQ queue-worker example (examples/queue-worker) beside the single-process NDJSON
 * batch, in one run on this machine. Starts its own redis-server on a free loopback port and stops it.
 * Run: npx tsup && npx tsx bench/queue.ts   (BENCH_QUEUE_COUNT=600 merchants, BENCH_QUEUE_ROUNDS=3 by default)
 *
 * Each queue run fills a paused queue first (the enqueue rate is reported apart), starts the worker
 * processes, resumes the queue and times until every result is in the results hash. Every stored result
 * is checked against the batch's output line for the same merchant, byte for byte.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { connect, jobIdFor, resultsKey, type Window } from '../examples/queue-worker/jobs.js';
import { createProducer } from '../examples/queue-worker/producer.js';
import { generateSet } from '../src/synth/generateSet.js';
import { findRedisServer, startRedisServer } from '../test/support/redisServer.js';

const COUNT = Number(process.env.BENCH_QUEUE_COUNT ?? 600);
const ROUNDS = Number(process.env.BENCH_QUEUE_ROUNDS ?? 3);
const CONCURRENCY = 4;
const WINDOW: Window = { from: '2026-03-01T00:00:00+08:00', to: '2026-04-30T23:59:59+08:00' };
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

if (!existsSync('dist/cli.js')) throw new Error('dist/cli.js is missing: run npx tsup first');
const binary = findRedisServer();
if (!binary) throw new Error('no redis-server installed (apt-get install redis-server)');

// The input: generated merchants as NDJSON, the same file for the batch and the queue.
const dir = mkdtempSync(join(tmpdir(), 'pos-bench-queue-'));
const file = join(dir, 'merchants.ndjson');
const out = createWriteStream(file);
const merchantIds: string[] = [];
let transactions = 0;
for (const { caseFile } of generateSet({ seed: 20_261_125, count: COUNT })) {
  merchantIds.push(caseFile.merchant.id);
  transactions += caseFile.transactions.length;
  if (!out.write(`${JSON.stringify(caseFile)}\n`)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');

/** The single-process NDJSON batch: seconds, and its output lines (the reference results). */
async function runBatch(): Promise<{ seconds: number; lines: string[] }> {
  const batchOut = join(dir, 'batch.ndjson');
  const start = performance.now();
  const batch = spawn(process.execPath, ['dist/cli.js', 'classify', file, '--ndjson', '--workers', '1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  batch.stdout.pipe(createWriteStream(batchOut));
  let stderr = '';
  batch.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = await once(batch, 'exit');
  const seconds = (performance.now() - start) / 1000;
  if (code !== 0) throw new Error(`batch exited with ${code}:\n${stderr}`);
  return { seconds, lines: readFileSync(batchOut, 'utf8').trimEnd().split('\n') };
}

/** One queue run with `workers` worker processes: enqueue and drain seconds; checks every result. */
async function runQueue(connection: Redis, url: string, workers: number, reference: readonly string[]) {
  const queueName = `bench-${workers}`;
  const producer = createProducer({ connection, queueName, window: WINDOW });
  await producer.queue.pause();
  let start = performance.now();
  const report = await producer.enqueueNdjson(file);
  const enqueueSeconds = (performance.now() - start) / 1000;
  if (report.enqueued !== COUNT) throw new Error(`enqueued ${report.enqueued} of ${COUNT}`);

  const children: ChildProcess[] = [];
  for (let w = 0; w < workers; w++) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'examples/queue-worker/run-worker.ts'], {
      env: { ...process.env, REDIS_URL: url, QUEUE: queueName, CONCURRENCY: String(CONCURRENCY) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(child);
  }
  await Promise.all(children.map((c) => once(c, 'message')));
  start = performance.now();
  await producer.queue.resume();
  const key = resultsKey(queueName);
  while ((await connection.hlen(key)) < COUNT) await new Promise((r) => setTimeout(r, 10));
  const seconds = (performance.now() - start) / 1000;

  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? once(c, 'exit') : undefined)));
  const stored = await connection.hgetall(key);
  merchantIds.forEach((id, i) => {
    if (stored[jobIdFor(id, WINDOW)] !== reference[i]) throw new Error(`${queueName}: result of ${id} differs from the batch`);
  });
  await producer.queue.obliterate({ force: true });
  await connection.del(key);
  await producer.close();
  return { enqueueSeconds, seconds };
}

// Rounds interleave the three set-ups, so a burst of load from a neighbour hits them alike; medians reported.
const times: { batch: number[]; q1: number[]; q2: number[]; enqueue: number[] } = { batch: [], q1: [], q2: [], enqueue: [] };
const loadBefore = loadavg()[0] ?? 0;
const server = await startRedisServer(binary);
const connection = connect(server.url);
try {
  for (let round = 0; round < ROUNDS; round++) {
    const batch = await runBatch();
    times.batch.push(batch.seconds);
    for (const workers of [1, 2] as const) {
      const run = await runQueue(connection, server.url, workers, batch.lines);
      times[workers === 1 ? 'q1' : 'q2'].push(run.seconds);
      times.enqueue.push(run.enqueueSeconds);
    }
  }
} finally {
  await connection.quit();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
const loadAfter = loadavg()[0] ?? 0;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const rate = (seconds: number) => COUNT / seconds;
const batchRate = rate(median(times.batch));
console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}.`);
console.log(`1-minute load average ${fmt(loadBefore, 1)} before, ${fmt(loadAfter, 1)} after (other jobs share the machine).`);
console.log(
  `${fmt(COUNT)} generated merchants, ${fmt(transactions / COUNT)} transactions each on average; worker concurrency ${CONCURRENCY}; median of ${ROUNDS} interleaved rounds.`,
);
console.log();
console.log('| | merchants/s | ratio to the batch | per round (merchants/s) |');
console.log('|---|---|---|---|');
const row = (label: string, xs: number[]) =>
  console.log(
    `| ${label} | ${fmt(rate(median(xs)))} | ${fmt(rate(median(xs)) / batchRate, 2)} | ${xs.map((x) => fmt(rate(x))).join(', ')} |`,
  );
row('NDJSON batch, one process (`--workers 1`)', times.batch);
row('BullMQ, 1 worker process', times.q1);
row('BullMQ, 2 worker processes', times.q2);
console.log();
console.log(`Enqueue (one producer, NDJSON file → queue): ${fmt(rate(median(times.enqueue)))} merchants/s.`);
console.log('Every queue result equalled the batch output line for the same merchant, byte for byte.');
