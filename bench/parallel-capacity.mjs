// How much two threads get done together on this machine, now, for the kind of work a batch does:
// each worker JSON.parses the same lines of the batch file (work heavy on memory and allocation, like
// classification), first one worker alone, then two at once. Throughput ratio two/one: ideal 2.0;
// two vCPUs that are one physical core's two hyperthreads give much less. Prints BENCH_CAPACITY=ratio.
// Usage: node bench/parallel-capacity.mjs FILE
import { closeSync, openSync, readSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const LINES = 1_500;
const ROUNDS = 2;

if (isMainThread) {
  // The first LINES whole lines of the file (read from its start only: the file can be larger than a string).
  const fd = openSync(process.argv[2] ?? '', 'r');
  const head = Buffer.alloc(128 * 1024 * 1024);
  const size = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const lines = head
    .toString('utf8', 0, size)
    .split('\n')
    .slice(0, LINES)
    .filter((l) => l !== '' && l.endsWith('}'));
  const run = async (n) => {
    const start = performance.now();
    await Promise.all(
      Array.from(
        { length: n },
        () => new Promise((resolve) => new Worker(new URL(import.meta.url), { workerData: lines }).on('message', resolve)),
      ),
    );
    return performance.now() - start;
  };
  await run(1); // warm-up
  const one = Math.min(await run(1), await run(1));
  const two = Math.min(await run(2), await run(2));
  // Two workers did twice the work: throughput ratio = 2 × one / two.
  process.stdout.write(`BENCH_CAPACITY=${((2 * one) / two).toFixed(3)}\n`);
} else {
  let keys = 0;
  for (let round = 0; round < ROUNDS; round++) for (const line of workerData) keys += Object.keys(JSON.parse(line)).length;
  parentPort.postMessage(keys);
}
