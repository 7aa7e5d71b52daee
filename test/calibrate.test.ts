import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { calibrateRulePack } from '../src/calibrate/calibrate.js';
import { run } from '../src/cli/main.js';
import { backtest, createClassifier, defaultRulePack, lintRulePack, loadRulePack, OptionsError, rulePackToJson } from '../src/index.js';
import { generateSet } from '../src/synth/generateSet.js';

const labelled = (seed: number, count: number) => [...generateSet({ seed, count })].map((c) => ({ label: c.label, ...c.caseFile }));

type Node = Record<string, unknown>;
/** The default pack with the thresholds of some causes' rules pushed far up (×3 + 1): those causes go missing. */
function detuned(causes: readonly string[]) {
  const push = (c: Node): Node => {
    if ('fact' in c) return typeof c.value === 'number' && String(c.operator).startsWith('greater') ? { ...c, value: c.value * 3 + 1 } : c;
    if ('all' in c) return { ...c, all: (c.all as Node[]).map(push) };
    if ('any' in c) return { ...c, any: (c.any as Node[]).map(push) };
    if ('not' in c) return { ...c, not: push(c.not as Node) };
    return c;
  };
  const json = rulePackToJson(defaultRulePack) as { rules: { event: { type: string }; conditions: Node }[] };
  json.rules = json.rules.map((r) => (causes.includes(r.event.type) ? { ...r, conditions: push(r.conditions) } : r));
  return loadRulePack(json);
}
/** A pack's shape without its numbers: structure, names, operators, facts and weights. */
const shape = (pack: unknown) =>
  JSON.stringify(pack, (key, value) => (key === 'value' && typeof value === 'number' ? '#' : key === 'version' ? '' : value));

describe('calibrateRulePack', () => {
  it('recovers a detuned pack: calibrated on one generator seed, it regains top-1 on another seed and stays clean', () => {
    const pack = detuned(['high-failure-rate', 'complaints-and-disputes', 'terminal-relocation']);
    const report = calibrateRulePack(pack, labelled(11, 200), { folds: 3 });

    const test = labelled(12, 120);
    const measure = (p: typeof pack) => backtest(test, createClassifier({ rulePack: p }));
    const reference = measure(defaultRulePack);
    const broken = measure(pack);
    const fixed = measure(report.pack);
    expect(broken.top1Accuracy).toBeLessThan(reference.top1Accuracy - 0.05);
    expect(fixed.top1Accuracy).toBeGreaterThan(broken.top1Accuracy + 0.05);
    expect(fixed.top1Accuracy).toBeGreaterThanOrEqual(reference.top1Accuracy - 0.05);
    expect(fixed.cleanRate).toBeGreaterThanOrEqual(0.98);

    // Only numbers moved: same rules, names, operators, facts, weights; minor version bumped; lints as clean as before.
    expect(shape(rulePackToJson(report.pack))).toBe(shape(rulePackToJson(pack)));
    expect(report.pack.version).toBe(minorBump(pack.version));
    expect(lintRulePack(report.pack).filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.changes.length).toBeGreaterThan(0);
    for (const change of report.changes) {
      expect(change.from).not.toBe(change.to);
      expect(change.why).toMatch(/F1 .* → .*clean rate/);
    }
    // Training figures improve; held-out figures are reported beside them.
    expect(report.after.macroF1).toBeGreaterThan(report.before.macroF1);
    expect(report.after.cleanRate).toBeGreaterThanOrEqual(0.98);
    expect(report.crossValidation?.folds).toBe(3);
    expect(report.crossValidation?.after.top1).toBeGreaterThan(report.crossValidation?.before.top1 ?? 1);
  });

  it('refuses when a cause has too few labelled merchants, naming the cause and the count', () => {
    let caught: unknown;
    try {
      calibrateRulePack(defaultRulePack, labelled(3, 30), { folds: 0 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OptionsError);
    expect((caught as OptionsError).message).toMatch(
      /labelled\.[a-z-]+: only \d labelled merchant\(s\) expect [a-z-]+; at least 5 are needed/,
    );
  });

  it('pos-suspension calibrate writes a pack that loads and reports what moved (thin causes skipped)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'calibrate-'));
    writeFileSync(
      join(dir, 'labelled.ndjson'),
      `${labelled(5, 60)
        .map((c) => JSON.stringify(c))
        .join('\n')}\n`,
    );
    writeFileSync(join(dir, 'team.json'), JSON.stringify(rulePackToJson(detuned(['terminal-relocation']))));
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (d) => (out += d));
    stderr.on('data', (d) => (err += d));
    const code = await run(
      [
        'calibrate',
        join(dir, 'labelled.ndjson'),
        '--rules',
        join(dir, 'team.json'),
        '--out',
        join(dir, 'pack.json'),
        '--folds',
        '0',
        '--skip-thin',
        '--min-per-cause',
        '2',
      ],
      { stdin: Readable.from(['']), stdout, stderr, env: {} },
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/Calibrated on 60 labelled merchants/);
    expect(out).toMatch(/all merchants, after/);
    expect(out).toMatch(/threshold\(s\) moved:\n {2}terminal-/);
    const written = loadRulePack(JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8')));
    expect(written.version).toBe(minorBump(defaultRulePack.version));
    expect(written.rules.map((r) => r.name)).toEqual(defaultRulePack.rules.map((r) => r.name));
  });
});

/** The version a calibration writes: the input's with the minor part bumped and the patch reset. */
function minorBump(version: string): string {
  const [major, minor] = version.split('.').map(Number);
  return `${major}.${(minor ?? 0) + 1}.0`;
}
