// How much parallel work this machine gives right now: the same fixed CPU work (integer arithmetic,
// no memory traffic) in one worker thread, then in two at once. Ideal is 2.0; on a shared virtual
// machine whose two vCPUs can land on one physical core it is often less. Prints BENCH_CAPACITY=ratio.
import { isMainThread, parentPort, Worker } from 'node:worker_threads';

const WORK = 200_000_000;

if (isMainThread) {
  const run = async (n) => {
    const start = performance.now();
    await Promise.all(
      Array.from({ length: n }, () => new Promise((resolve) => new Worker(new URL(import.meta.url)).on('message', resolve))),
    );
    return performance.now() - start;
  };
  await run(1); // warm-up
  const one = Math.min(await run(1), await run(1));
  const two = Math.min(await run(2), await run(2));
  // Two workers did twice the work: throughput ratio = 2 × one / two.
  process.stdout.write(`BENCH_CAPACITY=${((2 * one) / two).toFixed(3)}\n`);
} else {
  let x = 0;
  for (let i = 0; i < WORK; i++) x = (x + i * 7) % 1_000_003;
  parentPort.postMessage(x);
}
