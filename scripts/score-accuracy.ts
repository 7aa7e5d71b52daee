/**
 * Scores a build of the classifier on a labelled NDJSON file, for docs/accuracy.md.
 *
 *   npx tsx scripts/score-accuracy.ts --file f.ndjson --generator independent|project [--cli dist/cli.js] [--misses] [--json]
 *
 * It runs `node <cli> backtest <file> --format json` (so an older build, e.g. v0.1 in another
 * worktree, can be scored the same way), reads the labels from the file, and prints:
 * - the figures over the lines the build accepted (the backtest's own figures);
 * - the same figures with refused lines counted as wrong (a refused real export is a miss);
 * - the clean rate per kind of clean merchant: healthy, look-alike, near miss. The independent
 *   generator (test/independent) says the kind in its note ("look-alike: …"); the project's generator
 *   (src/synth) gives it by position in each block of 20 (0–2 healthy, 3–4 look-alikes, 5–6 near misses);
 * - per-cause precision and recall, the refused lines and, with `--misses`, every wrong answer.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

interface Label {
  expected: string | null;
  acceptable?: string[];
  note?: string;
}
interface Metrics {
  precision: number;
  recall: number;
  support: number;
}
interface Miss {
  index: number;
  label: Label;
  top: string | null;
  causes: { id: string; score: number; evidence: { rule: string }[] }[];
}
interface Report {
  total: number;
  top1Accuracy: number;
  top3Recall: number;
  cleanRate: number;
  perCause: Record<string, Metrics>;
  misses: Miss[];
  failed: { index: number; message: string }[];
}

const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    generator: { type: 'string', default: 'independent' },
    cli: { type: 'string', default: 'dist/cli.js' },
    misses: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
  strict: true,
});
if (values.file === undefined || !['independent', 'project'].includes(values.generator ?? '')) {
  process.stderr.write('usage: score-accuracy --file f.ndjson --generator independent|project [--cli dist/cli.js] [--misses] [--json]\n');
  process.exit(2);
}
const file = values.file;

const labels: Label[] = [];
const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
for await (const line of lines) {
  if (line.trim() === '') continue;
  const start = line.indexOf('"label"');
  const end = line.indexOf('}', start);
  labels.push(JSON.parse(`{${line.slice(start, end + 1)}}`).label as Label);
}

let stdout: string;
try {
  stdout = execFileSync('node', [values.cli ?? 'dist/cli.js', 'backtest', file, '--format', 'json', '--worst', '1000000'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
} catch (error) {
  // The backtest exits 1 when a line failed; its report is still on stdout.
  stdout = (error as { stdout?: string }).stdout ?? '';
}
const report = JSON.parse(stdout) as Report;

const kindOf = (index: number, label: Label): 'healthy' | 'look-alike' | 'near-miss' | 'cause' => {
  if (label.expected !== null) return 'cause';
  if (values.generator === 'independent') {
    const prefix = label.note?.split(':')[0] ?? '';
    return prefix === 'look-alike' ? 'look-alike' : prefix === 'near-miss' ? 'near-miss' : 'healthy';
  }
  const slot = index % 20;
  return slot < 3 ? 'healthy' : slot < 5 ? 'look-alike' : 'near-miss';
};

const failed = new Set(report.failed.map((f) => f.index));
const wrong = new Set(report.misses.map((m) => m.index));
const kinds = ['healthy', 'look-alike', 'near-miss'] as const;
const clean: Record<string, { n: number; ok: number; failed: number }> = {};
for (const k of kinds) clean[k] = { n: 0, ok: 0, failed: 0 };
let positives = 0;
let failedPositives = 0;
const failedByCause: Record<string, number> = {};
labels.forEach((label, index) => {
  const kind = kindOf(index, label);
  if (kind === 'cause') {
    if (failed.has(index)) {
      failedPositives++;
      failedByCause[label.expected as string] = (failedByCause[label.expected as string] ?? 0) + 1;
    } else positives++;
    return;
  }
  const c = clean[kind] as { n: number; ok: number; failed: number };
  if (failed.has(index)) c.failed++;
  else {
    c.n++;
    if (!wrong.has(index)) c.ok++;
  }
});

const correct = report.total - report.misses.length;
const top3Hits = Math.round(report.top3Recall * positives);
const cleanN = kinds.reduce((s, k) => s + (clean[k]?.n ?? 0), 0);
const cleanOk = kinds.reduce((s, k) => s + (clean[k]?.ok ?? 0), 0);
const cleanFailed = kinds.reduce((s, k) => s + (clean[k]?.failed ?? 0), 0);
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const ratio = (a: number, b: number) => (b > 0 ? r3(a / b) : 0);

const summary = {
  file,
  lines: labels.length,
  accepted: report.total,
  failed: report.failed.length,
  acceptedLines: {
    top1: ratio(correct, report.total),
    top3: ratio(top3Hits, positives),
    cleanAll: ratio(cleanOk, cleanN),
    ...Object.fromEntries(kinds.map((k) => [k, ratio(clean[k]?.ok ?? 0, clean[k]?.n ?? 0)])),
  },
  failedCountedWrong: {
    top1: ratio(correct, labels.length),
    top3: ratio(top3Hits, positives + failedPositives),
    cleanAll: ratio(cleanOk, cleanN + cleanFailed),
    ...Object.fromEntries(kinds.map((k) => [k, ratio(clean[k]?.ok ?? 0, (clean[k]?.n ?? 0) + (clean[k]?.failed ?? 0))])),
  },
  cleanCounts: clean,
  perCause: Object.fromEntries(
    Object.entries(report.perCause).map(([cause, m]) => {
      const hits = Math.round(m.recall * m.support);
      const allSupport = m.support + (failedByCause[cause] ?? 0);
      return [
        cause,
        {
          precision: r3(m.precision),
          recall: r3(m.recall),
          support: m.support,
          recallFailedWrong: ratio(hits, allSupport),
          supportAll: allSupport,
        },
      ];
    }),
  ),
  failedReasons: countBy(report.failed.map((f) => f.message.replace(/\d+/g, 'N'))),
};

if (values.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
else {
  const a = summary.acceptedLines as Record<string, number>;
  const f = summary.failedCountedWrong as Record<string, number>;
  const out: string[] = [];
  out.push(`${file}: ${summary.lines} merchants, ${summary.accepted} accepted, ${summary.failed} refused`);
  out.push('                       accepted lines   refused counted wrong');
  for (const key of ['top1', 'top3', 'cleanAll', ...kinds] as const) {
    out.push(`  ${key.padEnd(20)} ${String(a[key]).padEnd(16)} ${f[key]}`);
  }
  out.push(
    '  clean counts (ok/scored, refused): ' + kinds.map((k) => `${k} ${clean[k]?.ok}/${clean[k]?.n} (${clean[k]?.failed})`).join(', '),
  );
  out.push('  cause                       precision  recall  support  (recall, refused counted wrong)');
  for (const [cause, m] of Object.entries(summary.perCause)) {
    out.push(
      `  ${cause.padEnd(27)} ${m.precision.toFixed(3).padEnd(10)} ${m.recall.toFixed(3).padEnd(7)} ${String(m.support).padEnd(8)} ${m.recallFailedWrong.toFixed(3)} of ${m.supportAll}`,
    );
  }
  for (const [message, n] of Object.entries(summary.failedReasons)) out.push(`  refused ×${n}: ${message}`);
  if (values.misses) {
    for (const m of [...report.misses].sort((x, y) => x.index - y.index)) {
      const got = m.causes.slice(0, 3).map((c) => `${c.id} ${c.score} [${c.evidence.map((e) => e.rule).join(',')}]`);
      out.push(
        `  miss #${m.index} ${m.label.expected ?? '(none)'}${m.label.acceptable?.length ? `+${m.label.acceptable.join('+')}` : ''} → ${got.join(' | ') || '(none)'} · ${m.label.note ?? ''}`,
      );
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

function countBy(items: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item] = (counts[item] ?? 0) + 1;
  return counts;
}
