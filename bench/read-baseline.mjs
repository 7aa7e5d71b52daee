// Baseline for the NDJSON batch: read the file line by line and JSON.parse each line, nothing else.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

let lines = 0;
let transactions = 0;
for await (const line of createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Number.POSITIVE_INFINITY })) {
  if (line === '') continue;
  transactions += JSON.parse(line).transactions.length;
  lines++;
}
process.stderr.write(
  `\nBENCH_LINES=${lines} BENCH_TRANSACTIONS=${transactions} BENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS} BENCH_CPU_US=${process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime}\n`,
);
