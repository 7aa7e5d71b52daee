/**
 * Load test of the HTTP example service (run: npm run bench:http, i.e. npx tsx bench/http.ts).
 *
 * The service runs in a child process (this file, role `server`) listening on 127.0.0.1 on a free
 * port, with its default pool (one worker per core); autocannon drives it from this process, so
 * client and server share the machine's cores, as they would on a one-box deployment. Loopback only,
 * bounded: two 10 s runs and one 16 MB request. Prints a report and writes it into
 * docs/performance.md under "HTTP example" (replacing that section, keeping the rest).
 * Set BENCH_QUICK=1 for 3 s runs that do not touch docs/performance.md.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import autocannon, { type Result } from 'autocannon';
import { buildApp } from '../examples/http-service/app.js';

const EXAMPLE = 'examples/cash-out-supermarket.json';

/** Starts the service in a child process; resolves with its base URL and a stop function. */
async function startServer(maxInFlight?: number): Promise<{ base: string; stop: () => Promise<void> }> {
  const env = { ...process.env, BENCH_HTTP_ROLE: 'server', ...(maxInFlight ? { BENCH_MAX_IN_FLIGHT: String(maxInFlight) } : {}) };
  // execArgv carries tsx's loader, so the child (and its pool's workers) run the TypeScript sources.
  const child = fork(new URL(import.meta.url).pathname, [], { env, execArgv: process.execArgv });
  const [message] = (await once(child, 'message')) as [{ port: number }];
  // Let the pool's threads finish loading before measuring.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return {
    base: `http://127.0.0.1:${message.port}`,
    stop: async () => {
      child.disconnect();
      await once(child, 'exit');
    },
  };
}

/** A valid case file of about `bytes` bytes: the example's transactions repeated under fresh ids. */
function bigCaseFile(bytes: number): string {
  const base = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { transactions: { id: string }[] };
  const copies = Math.floor(bytes / JSON.stringify(base.transactions).length);
  const transactions = Array.from({ length: copies }, (_, k) => base.transactions.map((tx) => ({ ...tx, id: `${tx.id}-${k}` }))).flat();
  return JSON.stringify({ ...base, transactions });
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function loadRun(maxInFlight: number | undefined, seconds: number, body: string) {
  const server = await startServer(maxInFlight);
  try {
    const result: Result = await autocannon({
      url: `${server.base}/classify`,
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
      connections: 100,
      duration: seconds,
      timeout: 30,
    });
    return result;
  } finally {
    await server.stop();
  }
}

/** /healthz latencies (sequential GETs) while `during` runs, or `count` of them on an idle server. */
async function healthzLatencies(base: string, during?: Promise<unknown>, count = 200): Promise<number[]> {
  let done = false;
  const finish = () => {
    done = true;
  };
  during?.then(finish, finish);
  const times: number[] = [];
  while (during ? !done : times.length < count) {
    const start = performance.now();
    const response = await fetch(`${base}/healthz`);
    await response.arrayBuffer();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const quick = process.env.BENCH_QUICK === '1';
  const seconds = quick ? 3 : 10;
  const lines: string[] = [];
  const say = (line = '') => {
    console.log(line);
    lines.push(line);
  };
  const body = readFileSync(EXAMPLE, 'utf8');
  const cores = availableParallelism();
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cores} cores (nproc), Node ${process.version}, ${process.platform} ${process.arch}`;

  say('## HTTP example');
  say();
  say(`<!-- Written by \`npm run bench:http\` (bench/http.ts) on ${new Date().toISOString().slice(0, 10)}. -->`);
  say();
  say(`Machine: ${machine}; shared with other jobs. The service (examples/http-service, pool of ${cores} worker threads)`);
  say('runs in a child process on 127.0.0.1; autocannon runs in the parent on the same cores.');
  say(
    `Load average when the run started: ${loadavg()
      .map((l) => fmt(l, 1))
      .join(', ')} (above ${cores}, other jobs were competing for the cores).`,
  );
  say();

  // 1. 100 clients posting the example, with the default cap and with a cap above the client count.
  const defaultCap = 32 * cores;
  const runs: [string, Result][] = [
    [`default cap (${defaultCap} in flight)`, await loadRun(undefined, seconds, body)],
    ['cap 128 (no shedding at 100 clients)', await loadRun(128, seconds, body)],
  ];
  say(`### 100 concurrent clients posting ${EXAMPLE} (${fmt(body.length / 1024)} KiB), ${seconds} s each`);
  say();
  say('| run | requests | req/s | 200 | 503 | other errors | error rate | p50 ms | p99 ms | max ms |');
  say('|---|---|---|---|---|---|---|---|---|---|');
  for (const [name, r] of runs) {
    const ok = r.statusCodeStats['200']?.count ?? 0;
    const busy = r.statusCodeStats['503']?.count ?? 0;
    const answered = Object.values(r.statusCodeStats).reduce((sum, s) => sum + s.count, 0);
    const other = answered - ok - busy + r.errors;
    const rate = (answered - ok + r.errors) / Math.max(1, answered + r.errors);
    say(
      `| ${name} | ${fmt(answered)} | ${fmt(answered / r.duration)} | ${fmt(ok)} | ${fmt(busy)} | ${fmt(other)} | ${fmt(rate * 100, 1)}% | ${fmt(r.latency.p50)} | ${fmt(r.latency.p99)} | ${fmt(r.latency.max)} |`,
    );
  }
  say();
  say('Latencies cover every answer, 503s included. A 503 is sent before the body is read and closes the connection;');
  say('autocannon, still writing that body and retrying at once (it ignores Retry-After), sees the close as a');
  say('connection error ("other errors"). The error rate counts 503s and those errors.');
  say();

  // 2. /healthz during one 16 MB classification.
  const big = bigCaseFile(15.5 * 1024 * 1024);
  const server = await startServer();
  try {
    const idle = await healthzLatencies(server.base);
    const start = performance.now();
    const classification = fetch(`${server.base}/classify`, {
      method: 'POST',
      body: big,
      headers: { 'content-type': 'application/json' },
    }).then(async (r) => ({ status: r.status, bytes: (await r.arrayBuffer()).byteLength, ms: performance.now() - start }));
    const during = await healthzLatencies(server.base, classification);
    const done = await classification;
    say(`### /healthz during one ${fmt(big.length / 2 ** 20, 1)} MiB classification`);
    say();
    say(`The 16 MB POST took ${fmt(done.ms)} ms (status ${done.status}). Sequential GET /healthz meanwhile:`);
    say();
    say('| when | requests | p50 ms | p99 ms | max ms |');
    say('|---|---|---|---|---|');
    for (const [name, t] of [
      ['idle server (baseline)', idle],
      ['during the 16 MB request', during],
    ] as const)
      say(`| ${name} | ${fmt(t.length)} | ${fmt(quantile(t, 0.5), 2)} | ${fmt(quantile(t, 0.99), 2)} | ${fmt(t.at(-1) ?? 0, 2)} |`);
    say();
  } finally {
    await server.stop();
  }

  if (quick) return;
  const doc = readFileSync('docs/performance.md', 'utf8');
  const startAt = doc.indexOf('## HTTP example');
  const kept = startAt === -1 ? doc.trimEnd() : doc.slice(0, startAt).trimEnd();
  const after =
    startAt === -1
      ? ''
      : doc
          .slice(startAt)
          .replace(/^## HTTP example[\s\S]*?(?=\n## |$)/, '')
          .trim();
  writeFileSync('docs/performance.md', `${kept}\n\n${lines.join('\n').trimEnd()}\n${after ? `\n${after}\n` : ''}`);
  console.log('\nwritten to docs/performance.md');
}

// Dispatch last, once every const above is initialised.
if (process.env.BENCH_HTTP_ROLE === 'server') {
  const maxInFlight = process.env.BENCH_MAX_IN_FLIGHT ? Number(process.env.BENCH_MAX_IN_FLIGHT) : undefined;
  const app = buildApp({ logger: false, ...(maxInFlight ? { maxInFlight } : {}) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  process.once('disconnect', () => void app.close());
} else {
  await main();
}
