// Enqueues an NDJSON file, one job per merchant line:
//   REDIS_URL=redis://127.0.0.1:6379 npx tsx examples/queue-worker/enqueue.ts export.ndjson [from/to]
// from/to is the run's window (e.g. 2026-03-01T00:00:00+08:00/2026-03-31T23:59:59+08:00), used for
// lines without a window of their own; it is part of each job id.
import { connect, QUEUE_NAME } from './jobs.js';
import { createProducer } from './producer.js';

const [file, windowArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: enqueue.ts <file.ndjson> [from/to]');
  process.exit(2);
}
const [from, to] = windowArg?.split('/') ?? [];
const connection = connect(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const producer = createProducer({
  connection,
  queueName: process.env.QUEUE ?? QUEUE_NAME,
  ...(from && to ? { window: { from, to } } : {}),
});
const report = await producer.enqueueNdjson(file);
for (const r of report.rejected) console.error(`line ${r.line}: ${r.reason}`);
console.error(`enqueued ${report.enqueued}, rejected ${report.rejected.length}`);
await producer.close();
await connection.quit();
process.exitCode = report.rejected.length > 0 ? 1 : 0;
