/**
 * Writes independently generated labelled merchants as NDJSON, one `{ label, ...caseFile }` per line
 * (the format `pos-suspension backtest` reads).
 *
 *   npx tsx scripts/write-independent.ts --seed 7001 --count 400 --out independent.ndjson [--messy-bytes]
 *
 * Seeds 1–99 are for development; seed 7001 is the test seed and must never be tuned on.
 * `--messy-bytes` starts some lines with a UTF-8 byte-order mark, as spreadsheet exports do.
 */
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateOne } from '../test/independent/generate.js';
import { createRng } from '../test/independent/random.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '100' },
    out: { type: 'string' },
    'messy-bytes': { type: 'boolean', default: false },
  },
  strict: true,
});

const seed = Number(values.seed);
const count = Number(values.count);
if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 0) {
  process.stderr.write('usage: write-independent --seed N --count N [--out file.ndjson] [--messy-bytes]\n');
  process.exit(2);
}

const out = values.out !== undefined ? createWriteStream(values.out) : process.stdout;
const bytes = createRng(seed ^ 0xb0b0b0b0);
const tally = new Map<string, number>();
for (let i = 0; i < count; i++) {
  const { label, caseFile } = generateOne(seed, i);
  const key = label.expected ?? `(none) ${label.note?.split(':')[0]?.split(';')[0] ?? ''}`.trim();
  tally.set(key, (tally.get(key) ?? 0) + 1);
  const bom = values['messy-bytes'] && bytes.chance(0.1) ? '\uFEFF' : '';
  const line = `${bom}${JSON.stringify({ label, ...caseFile })}\n`;
  if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}
if (out !== process.stdout) await new Promise<void>((resolve) => out.end(() => resolve()));
const summary = [...tally.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${String(v).padStart(4)}  ${k}`);
process.stderr.write(`${count} merchants (seed ${seed})\n${summary.join('\n')}\n`);
