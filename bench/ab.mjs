// Same-process A/B of two builds of the library, taking turns call by call, with JSON.parse of the same
// text as the baseline: how much a change saves, free of the drift of a shared machine.
// Usage: build the other version in a worktree (git worktree add ../base REV; ln -s "$PWD/node_modules" ../base/;
// (cd ../base && npx tsup --silent)), then: node bench/ab.mjs ../base/dist/index.js dist/index.js [case.json]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [baseEntry, workEntry, file = 'examples/cash-out-supermarket.json'] = process.argv.slice(2);
if (!baseEntry || !workEntry) {
  process.stderr.write('usage: node bench/ab.mjs BASE/dist/index.js WORK/dist/index.js [case.json]\n');
  process.exit(2);
}
const load = (entry) => import(pathToFileURL(resolve(entry)).href);
const [base, work] = await Promise.all([load(baseEntry), load(workEntry)]);
const text = readFileSync(file, 'utf8');
const input = JSON.parse(text);
const a = base.createClassifier();
const b = work.createClassifier();
const tasks = { parse: () => JSON.parse(text), base: () => a.classifySync(input), work: () => b.classifySync(input) };
const samples = { parse: [], base: [], work: [] };
const INNER = 20;
for (let round = 0; round < 45; round++) {
  for (const [name, fn] of Object.entries(tasks)) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < INNER; i++) fn();
    samples[name].push(Number(process.hrtime.bigint() - start) / 1e6 / INNER);
  }
}
// The first rounds warm up the compiler.
const median = (xs) => xs.slice(5).sort((x, y) => x - y)[Math.floor((xs.length - 5) / 2)];
const m = Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, median(xs)]));
const f = (x) => x.toFixed(3);
process.stdout.write(
  `${file}: JSON.parse ${f(m.parse)} ms; base ${f(m.base)} ms (${(m.base / m.parse).toFixed(2)}×); work ${f(m.work)} ms (${(m.work / m.parse).toFixed(2)}×); work/base ${(m.work / m.base).toFixed(2)}\n`,
);
