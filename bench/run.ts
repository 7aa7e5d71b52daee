/**
 * Benchmarks (run: npm run bench; it builds first, since the batch runs the built CLI). Every figure is printed with a baseline measured in the same run,
 * and the ratio between them, because the machines are shared and noisy. Writes docs/performance.md.
 * Set BENCH_QUICK=1 for a short smoke run (smaller batch file, shorter timings).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Engine } from 'json-rules-engine';
import { Bench } from 'tinybench';
import defaultPackJson from '../rules/default.json';
import { compileRulePack } from '../src/engine/firedRules.js';
import { computeSignals, createClassifier, defaultRulePack, loadRulePack, parseCaseFile } from '../src/index.js';
import { DEFAULT_SEARCH_BUDGET, lintRulePack } from '../src/rules/lint.js';
import businesses from '../src/synth/businesses.json';
import { type BusinessKind, generateMerchant } from '../src/synth/generate.js';
import { randomPack, randomSignals } from './randomPack.js';

const QUICK = process.env.BENCH_QUICK === '1';
const TIME = QUICK ? 300 : 1500;
const lines: string[] = [];
const say = (line = '') => {
  console.log(line);
  lines.push(line);
};
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function measure(tasks: Record<string, () => unknown>): Promise<Record<string, { hz: number; p50: number; p99: number }>> {
  const bench = new Bench({ time: TIME, warmupTime: TIME / 5 });
  for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn);
  await bench.run();
  const out: Record<string, { hz: number; p50: number; p99: number }> = {};
  for (const task of bench.tasks) {
    const r = task.result as unknown as { throughput: { mean: number }; latency: { p50: number; p99: number } };
    out[task.name] = { hz: r.throughput.mean, p50: r.latency.p50, p99: r.latency.p99 };
  }
  return out;
}

/**
 * Times the tasks in turn, one call each per round, for about `TIME` ms per task after a warm-up, and
 * gives each task's median and p99 per call (ms) and calls per second from the median. Taking turns
 * means a slow spell of a shared machine hits every task alike, so the ratios between them hold
 * better than with each task timed in its own stretch.
 */
function interleaved(tasks: Record<string, () => unknown>): Record<string, { hz: number; p50: number; p99: number }> {
  const names = Object.keys(tasks);
  const fns = Object.values(tasks);
  const warm = performance.now() + TIME / 5;
  while (performance.now() < warm) for (const fn of fns) fn();
  const samples = names.map(() => [] as number[]);
  const end = performance.now() + TIME * names.length;
  while (performance.now() < end) {
    for (let k = 0; k < fns.length; k++) {
      const start = performance.now();
      (fns[k] as () => unknown)();
      (samples[k] as number[]).push(performance.now() - start);
    }
  }
  const out: Record<string, { hz: number; p50: number; p99: number }> = {};
  names.forEach((name, k) => {
    const sorted = (samples[k] as number[]).sort((a, b) => a - b);
    const p50 = sorted[Math.floor(sorted.length / 2)] as number;
    out[name] = { hz: 1000 / p50, p50, p99: sorted[Math.floor(sorted.length * 0.99)] as number };
  });
  return out;
}

/** Rounds of {@link interleaved} per section: the round whose ratio is the median is reported. */
const ROUNDS_IN_PROCESS = QUICK ? 1 : 5;

/**
 * {@link interleaved} run {@link ROUNDS_IN_PROCESS} times; returns the round whose `ratio` is the
 * median, so that one slow spell cannot decide a figure and the numbers of a row come from one round.
 */
function medianRound(
  tasks: Record<string, () => unknown>,
  ratio: (round: Record<string, { hz: number; p50: number; p99: number }>) => number,
): Record<string, { hz: number; p50: number; p99: number }> {
  const rounds = Array.from({ length: ROUNDS_IN_PROCESS }, () => interleaved(tasks)).sort((a, b) => ratio(a) - ratio(b));
  return rounds[Math.floor(rounds.length / 2)] as Record<string, { hz: number; p50: number; p99: number }>;
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const machine = `${cpu}, ${availableParallelism()} cores (nproc), ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}, ${process.platform} ${process.arch}`;
say('# Performance');
say();
say(`<!-- Written by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}. -->`);
say();
say(`Machine: ${machine}. Shared and noisy: read the ratios, which compare runs made minutes apart on the same machine.`);
say();

// 1. Rules on precomputed signals.
const example = JSON.parse(readFileSync('examples/cash-out-supermarket.json', 'utf8'));
const signals = computeSignals(parseCaseFile(example));
const stock = new Engine(structuredClone(defaultPackJson.rules) as never[]);
const stockResolver = new Engine(structuredClone(defaultPackJson.rules) as never[], {
  pathResolver: (o: object, p: string) => (o as Record<string, unknown>)[p],
});
const compiled = compileRulePack(defaultRulePack);
const stockFired = (await stock.run({ ...signals })).results.map((r) => r.name as string).sort();
const compiledFired = compiled(signals)
  .map((r) => r.name)
  .sort();
const rules = await measure({
  'json-rules-engine, default options': () => stock.run({ ...signals }),
  'json-rules-engine, trivial pathResolver': () => stockResolver.run({ ...signals }),
  'compiled evaluator': () => compiled(signals),
});
const base = rules['json-rules-engine, default options'] as { hz: number };
say(`## Rules on precomputed signals (default pack, ${defaultRulePack.rules.length} rules)`);
say();
say('| evaluator | runs/s | ratio vs stock default |');
say('|---|---|---|');
for (const [name, r] of Object.entries(rules)) say(`| ${name} | ${fmt(r.hz)} | ${fmt(r.hz / base.hz, 1)}× |`);
say();
say(
  `Same fired rules: ${JSON.stringify(stockFired) === JSON.stringify(compiledFired) ? 'yes' : 'NO'} (${compiledFired.length} of ${defaultRulePack.rules.length} fire on examples/cash-out-supermarket.json).`,
);
say();

// 2. computeSignals throughput.
const sized = (target: number) => {
  const kind: BusinessKind = 'supermarket';
  const volume = target / (businesses.kinds[kind].salesPerDay * 35);
  // Through JSON text, as case files arrive: the generator's own strings are built by concatenation,
  // and reading those (ropes) made both computeSignals and the Date.parse baseline twice as slow.
  const generated = generateMerchant({ seed: 7, kind, causes: ['credit-card-cash-out'], days: 35, volume }).caseFile;
  return parseCaseFile(JSON.parse(JSON.stringify(generated)));
};
say('## computeSignals throughput');
say();
say(
  `Baseline: a loop that only \`Date.parse\`s each timestamp and sums the amounts (the least any signal needs). Both timed in turn, call by call; throughput from the median call. The case files are parsed from JSON text, as they arrive. ${ROUNDS_IN_PROCESS} rounds; the round with the median ratio is shown.`,
);
say();
say('| merchant | transactions | computeSignals tx/s | baseline tx/s | ratio |');
say('|---|---|---|---|---|');
for (const target of [1_000, 100_000]) {
  const caseFile = sized(target);
  const n = caseFile.transactions.length;
  const r = medianRound(
    {
      signals: () => computeSignals(caseFile),
      baseline: () => {
        let s = 0;
        for (const tx of caseFile.transactions) s += Date.parse(tx.at) + tx.amount;
        return s;
      },
    },
    (round) => (round.signals as { hz: number }).hz / (round.baseline as { hz: number }).hz,
  );
  const sig = (r.signals as { hz: number }).hz * n;
  const bl = (r.baseline as { hz: number }).hz * n;
  say(`| ${fmt(target)}-transaction | ${fmt(n)} | ${fmt(sig)} | ${fmt(bl)} | ${fmt(sig / bl, 2)}× |`);
}
say();

// 3. End-to-end classify of a 1,000-transaction merchant.
const oneK = generateMerchant({
  seed: 8,
  kind: 'restaurant',
  causes: ['credit-card-cash-out'],
  days: 30,
  volume: 1000 / (70 * 30),
}).caseFile;
const oneKText = JSON.stringify(oneK);
const classifier = createClassifier();
const quiet = createClassifier({ warnings: false, explain: 'evidence' });
const oneKObject = JSON.parse(oneKText);
const e2e = medianRound(
  {
    classify: () => classifier.classifySync(JSON.parse(oneKText)),
    'classify, parsed object': () => classifier.classifySync(oneKObject),
    'classify, parsed object, no warnings, evidence only': () => quiet.classifySync(oneKObject),
    'JSON.parse only (baseline)': () => JSON.parse(oneKText),
  },
  (round) => (round['classify, parsed object'] as { p50: number }).p50 / (round['JSON.parse only (baseline)'] as { p50: number }).p50,
);
const c = e2e.classify as { p50: number; p99: number; hz: number };
const o = e2e['classify, parsed object'] as { p50: number; p99: number; hz: number };
const q = e2e['classify, parsed object, no warnings, evidence only'] as { p50: number; p99: number; hz: number };
const j = e2e['JSON.parse only (baseline)'] as { p50: number; p99: number; hz: number };
say(
  `## classify, end to end (${fmt(oneK.transactions.length)} transactions, from JSON text; all four timed in turn, call by call, ${ROUNDS_IN_PROCESS} rounds, the round with the median ratio shown)`,
);
say();
say('| task | median ms | p99 ms | median vs JSON.parse |');
say('|---|---|---|---|');
say(`| JSON.parse + classifySync | ${fmt(c.p50, 3)} | ${fmt(c.p99, 3)} | ${fmt(c.p50 / j.p50, 2)}× |`);
say(
  `| classifySync of an already parsed object (defaults: early warning on, full explanations) | ${fmt(o.p50, 3)} | ${fmt(o.p99, 3)} | ${fmt(o.p50 / j.p50, 2)}× |`,
);
say(
  `| classifySync of a parsed object, \`warnings: false, explain: 'evidence'\` | ${fmt(q.p50, 3)} | ${fmt(q.p99, 3)} | ${fmt(q.p50 / j.p50, 2)}× |`,
);
say(`| JSON.parse only (baseline) | ${fmt(j.p50, 3)} | ${fmt(j.p99, 3)} | 1.00× |`);
say();
say(`Ratio of medians: classifying the parsed object takes ${fmt(o.p50 / j.p50, 2)}× the time of parsing the JSON alone.`);
say();

// 3b. A large, deeply nested pack: explanations on demand, and lint.
const bigPack = randomPack(1, 1_000);
const bigSignals = randomSignals(2);
const explainers = {
  full: createClassifier({ rulePack: bigPack }),
  evidence: createClassifier({ rulePack: bigPack, explain: 'evidence' }),
  none: createClassifier({ rulePack: bigPack, explain: 'none' }),
};
const timeOnce = async (fn: () => unknown): Promise<number> => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};
await explainers.full.classifySignals(bigSignals);
const fullMs = Math.min(
  await timeOnce(() => explainers.full.classifySignals(bigSignals)),
  await timeOnce(() => explainers.full.classifySignals(bigSignals)),
);
const explained = await measure({
  evidence: () => explainers.evidence.classifySignals(bigSignals),
  none: () => explainers.none.classifySignals(bigSignals),
});
const fired = (await explainers.none.classifySignals(bigSignals)).causes.reduce((n, cause) => n + cause.evidence.length, 0);
const validatedBig = loadRulePack(bigPack);
const lintMs = [
  await timeOnce(() => lintRulePack(validatedBig)),
  await timeOnce(() => lintRulePack(validatedBig)),
  await timeOnce(() => lintRulePack(validatedBig)),
].sort((a, b) => a - b)[1] as number;
const lintFindings = lintRulePack(validatedBig);
const count = (code: string) => lintFindings.filter((f) => f.code === code).length;
say(`## A pack of 1,000 deeply nested random rules (bench/randomPack.ts, seed 1; ${fmt(fired)} rules fire on one random signal record)`);
say();
say('| task | ms | vs full explanations |');
say('|---|---|---|');
say(`| classifySignals, \`explain: 'full'\` (default; best of 2 runs, the baseline) | ${fmt(fullMs, 1)} | 1.00× |`);
say(
  `| classifySignals, \`explain: 'evidence'\` (median) | ${fmt((explained.evidence as { p50: number }).p50, 2)} | ${fmt((explained.evidence as { p50: number }).p50 / fullMs, 4)}× |`,
);
say(
  `| classifySignals, \`explain: 'none'\` (median) | ${fmt((explained.none as { p50: number }).p50, 2)} | ${fmt((explained.none as { p50: number }).p50 / fullMs, 4)}× |`,
);
say(`| lintRulePack (median of 3) | ${fmt(lintMs, 0)} | |`);
say();
say(
  `Lint of that pack: ${count('never-fires')} never-fires, ${count('always-fires')} always-fires, ${count('could-not-check')} could-not-check (search budget ${fmt(DEFAULT_SEARCH_BUDGET)} steps per rule and question), ${count('duplicate-condition')} duplicate-condition.`,
);
say();

// 4. NDJSON batch.
const merchants = QUICK ? 1_000 : 20_000;
const dir = mkdtempSync(join(tmpdir(), 'pos-bench-'));
const file = join(dir, 'batch.ndjson');
const out = createWriteStream(file);
const kinds = Object.keys(businesses.kinds) as BusinessKind[];
let transactions = 0;
for (let i = 0; i < merchants; i++) {
  const kind = kinds[i % kinds.length] as BusinessKind;
  const volume = 7 / businesses.kinds[kind].salesPerDay;
  const { label, caseFile } = generateMerchant({
    seed: 50_000 + i,
    kind,
    days: 14,
    volume,
    causes: i % 5 === 0 ? ['credit-card-cash-out'] : [],
  });
  transactions += caseFile.transactions.length;
  if (!out.write(`${JSON.stringify({ label, ...caseFile })}\n`)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');
const bytes = statSync(file).size;

/** bench/parallel-capacity.mjs: throughput of two worker threads over one, now, JSON.parsing lines of `file`. */
async function parallelCapacity(file: string): Promise<number> {
  const child = spawn(process.execPath, ['bench/parallel-capacity.mjs', file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  await once(child, 'exit');
  return Number(/BENCH_CAPACITY=([\d.]+)/.exec(out)?.[1] ?? Number.NaN);
}

/** One timed run of the CLI batch (or the baseline) in a child process. */
interface Run {
  readonly seconds: number;
  readonly rssMb: number;
  readonly cpuSeconds: number;
}

async function timed(args: string[]): Promise<Run> {
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const [code] = await once(child, 'exit');
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rss = /BENCH_MAX_RSS_KB=(\d+)/.exec(err);
  if (code !== 0 || !rss) throw new Error(`benchmark step failed: ${args.join(' ')}\n${err.slice(-500)}`);
  const cpu = /BENCH_CPU_US=(\d+)/.exec(err);
  return { seconds, rssMb: Number(rss[1]) / 1024, cpuSeconds: Number(cpu?.[1] ?? 0) / 1e6 };
}
// Rounds in turn (two-thread capacity, baseline, one worker, two workers), medians over the rounds: a slow spell
// of the shared machine then hits every variant alike.
const ROUNDS = QUICK ? 1 : 5;
const runs: Record<'baseline' | 'one' | 'two', Run[]> = {
  baseline: [],
  one: [],
  two: [],
};
const capacities: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  capacities.push(await parallelCapacity(file));
  runs.baseline.push(await timed(['bench/read-baseline.mjs', file]));
  runs.one.push(await timed(['bench/rss-wrapper.mjs', 'classify', file, '--ndjson', '--workers', '1']));
  runs.two.push(await timed(['bench/rss-wrapper.mjs', 'classify', file, '--ndjson', '--workers', '2']));
}
rmSync(dir, { recursive: true, force: true });
const middle = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const summary = (rs: Run[]) => ({
  seconds: middle(rs.map((r) => r.seconds)),
  cpuSeconds: middle(rs.map((r) => r.cpuSeconds)),
  rssMb: Math.max(...rs.map((r) => r.rssMb)),
});
const baseline = summary(runs.baseline);
const one = summary(runs.one);
const two = summary(runs.two);
say(
  `## NDJSON batch (${fmt(merchants)} merchants, ${fmt(transactions)} transactions, ${fmt(bytes / 2 ** 20)} MiB, generated in a temp dir; median of ${ROUNDS} rounds)`,
);
say();
say(
  '`--workers 1` classifies on the main thread while it reads; `--workers 2` reads on the main thread and classifies on two worker threads.',
);
say();
say('| run | seconds | merchants/s | transactions/s | ratio vs read+parse | CPU ms per merchant | peak RSS MB |');
say('|---|---|---|---|---|---|---|');
for (const [name, r] of [
  ['read lines + JSON.parse (baseline)', baseline],
  ['classify --workers 1', one],
  ['classify --workers 2', two],
] as const) {
  say(
    `| ${name} | ${fmt(r.seconds, 1)} | ${fmt(merchants / r.seconds)} | ${fmt(transactions / r.seconds)} | ${fmt(baseline.seconds / r.seconds, 2)}× | ${fmt((r.cpuSeconds * 1000) / merchants, 2)} | ${fmt(r.rssMb)} |`,
  );
}
// The ratios are also taken round by round (each round's runs follow one another within a minute), and
// the median of those is the figure least moved by the machine's drift.
const perRound = (f: (round: number) => number) => Array.from({ length: ROUNDS }, (_, r) => f(r));
const pairedOne = perRound((r) => (runs.baseline[r] as Run).seconds / (runs.one[r] as Run).seconds);
const pairedSpeedup = perRound((r) => (runs.one[r] as Run).seconds / (runs.two[r] as Run).seconds);
const pairedCpu = perRound((r) => (runs.two[r] as Run).cpuSeconds / (runs.one[r] as Run).cpuSeconds);
const listed = (xs: number[]) => `${xs.map((x) => fmt(x, 2)).join(', ')} (median ${fmt(middle(xs), 2)})`;
say();
say('Round by round (each round runs the four in turn, so a slow spell of the shared machine hits all of them):');
say();
say(`- \`--workers 1\` vs read+parse: ${listed(pairedOne)}`);
say(`- \`--workers 2\` vs \`--workers 1\`, throughput: ${listed(pairedSpeedup)}`);
say(`- \`--workers 2\` vs \`--workers 1\`, CPU seconds per merchant: ${listed(pairedCpu)}`);
say(
  `- what two threads get done together on this machine (bench/parallel-capacity.mjs: the first 1,500 lines JSON.parsed by two worker threads at once vs one, as throughput, ideal 2.00): ${listed(capacities)}`,
);
// Throughput is cores in use ÷ CPU per merchant. Two workers can use at most every core, so at the CPU
// goal (1.15× one worker's CPU per merchant) they gain at most cores ÷ (1.15 × the cores one worker's
// run already uses: its main thread plus V8's helper threads and the file reads).
const CPU_GOAL = 1.15;
const cores = availableParallelism();
const coresInUse = (rs: Run[]) => perRound((r) => (rs[r] as Run).cpuSeconds / (rs[r] as Run).seconds);
const oneCores = coresInUse(runs.one);
say(
  `- cores in use (CPU seconds ÷ wall seconds), \`--workers 1\`: ${listed(oneCores)}; \`--workers 2\`: ${listed(coresInUse(runs.two))}, of ${cores}`,
);
say(
  `- the most \`--workers 2\` can gain over \`--workers 1\` on ${cores} cores at ${CPU_GOAL}× the CPU per merchant (${cores} ÷ (${CPU_GOAL} × the cores \`--workers 1\` uses)): ${listed(oneCores.map((used) => cores / (CPU_GOAL * used)))}`,
);
say();
say(
  'Goals (performance issue): one worker ≥ 0.6× read+parse, two workers ≥ 1.6× one worker at ≤ 1.15× its CPU per merchant, peak RSS < 300 MB.',
);
say();

// Keep the section written by bench/http.ts (npm run bench:http), if any.
const httpSection = /\n## HTTP example[\s\S]*?(?=\n## |$)/.exec(readFileSync('docs/performance.md', 'utf8'))?.[0] ?? '';
if (!QUICK)
  writeFileSync(
    'docs/performance.md',
    `${lines.join('\n')}\n${readFileSync('bench/notes.md', 'utf8')}${httpSection ? `${httpSection.trimEnd()}\n` : ''}`,
  );
