// A worker that takes one job and never finishes it: the parent force-kills this process mid-job, so
// the job's lock expires and BullMQ's stalled check (in another worker) must retry it.
// Run: node --import tsx test/support/queue-dying-worker.ts <redis url> <queue name>
import { Worker } from 'bullmq';
import { connect, QUEUE_PREFIX } from '../../examples/queue-worker/jobs.js';

const [url, queueName] = process.argv.slice(2);
const connection = connect(url as string);
new Worker(
  queueName as string,
  async (job) => {
    process.send?.({ active: job.id });
    await new Promise(() => {}); // holds the job until killed
  },
  // Same stalled-check cadence as the surviving worker: the check's pace is shared through Redis.
  { connection, prefix: QUEUE_PREFIX, lockDuration: 1_000, stalledInterval: 500, concurrency: 1 },
);
