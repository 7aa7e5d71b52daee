// Starts one worker process (after npm run build, or with tsx from a clone):
//   REDIS_URL=redis://127.0.0.1:6379 CONCURRENCY=4 npx tsx examples/queue-worker/run-worker.ts
// SIGTERM / SIGINT finish the jobs in hand, then exit; a killed worker's jobs are retried by BullMQ.
import { connect, QUEUE_NAME } from './jobs.js';
import { createWorker } from './worker.js';

const connection = connect(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const worker = createWorker({
  connection,
  queueName: process.env.QUEUE ?? QUEUE_NAME,
  concurrency: Number(process.env.CONCURRENCY ?? 4),
  name: `pid-${process.pid}`,
});
worker.on('failed', (job, error) => console.error(`job ${job?.id ?? '?'} failed: ${error.message}`));
worker.on('error', (error) => console.error(`worker error: ${error.message}`));
await worker.waitUntilReady();
process.send?.('ready');
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    await worker.close();
    await connection.quit();
  });
}
