// Runs the built CLI in this process and reports the peak resident set size (workers included) on stderr.
import { run } from '../dist/cli.js';

const code = await run(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });
const usage = process.resourceUsage();
process.stderr.write(`\nBENCH_MAX_RSS_KB=${usage.maxRSS} BENCH_CPU_US=${usage.userCPUTime + usage.systemCPUTime}\n`);
process.exitCode = code;
