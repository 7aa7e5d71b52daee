import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli.js';
import { driftingMerchant } from './support/drifting.js';

describe('pos-suspension watch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pos-watch-'));
  const fast = { ...driftingMerchant(7, 8, (p) => 0.02 + 0.24 * p), merchant: { id: 'FAST', mcc: '5812' } };
  const slow = { ...driftingMerchant(8, 8, (p) => 0.02 + 0.14 * p), merchant: { id: 'SLOW', mcc: '5812' } };
  const flat = { ...driftingMerchant(9, 8, () => 0.04), merchant: { id: 'FLAT', mcc: '5812' } };
  const file = join(dir, 'merchants.ndjson');
  writeFileSync(file, `${[slow, flat, '{not json', fast].map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join('\n')}\n`);

  it('ranks the merchants that drift by days to the crossing, leaves the quiet ones out and fails a bad line', async () => {
    const { code, stdout, stderr } = await cli(['watch', file, '--format', 'ndjson']);
    expect(code).toBe(1);
    expect(stderr).toContain('line 3: not valid JSON');
    expect(stderr).toMatch(/2 warned, 1 quiet, 1 failed/);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.merchantId)).toEqual(['FAST', 'SLOW']);
    expect(lines[0].line).toBe(4);
    expect(lines[0].warnings[0].cause).toBe('high-failure-rate');
    expect(lines[0].warnings[0].daysToCrossing).toBeLessThanOrEqual(lines[1].warnings[0].daysToCrossing);
  });

  it('keeps a key with a newline from forging a stderr line, as the batch does', async () => {
    const forged = JSON.stringify({ merchant: { id: 'x', mcc: '5411', 'note\nline 99: forged': 'y'.repeat(3000) }, transactions: [] });
    const input = join(dir, 'forged.ndjson');
    writeFileSync(input, `${forged}\n`);
    const { code, stderr } = await cli(['watch', input, '--format', 'ndjson']);
    expect(code).toBe(1);
    expect(stderr.split('\n').filter((l) => l.startsWith('line 99'))).toEqual([]);
    expect(stderr).toContain('line 1: merchant.note\\u000aline 99: forged');
  });

  it('prints a table and a JSON report for one case file', async () => {
    const single = join(dir, 'fast.json');
    writeFileSync(single, JSON.stringify(fast));
    const json = await cli(['watch', single, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).merchants[0].merchantId).toBe('FAST');
    const table = await cli(['watch', single, '--format', 'table']);
    expect(table.stdout).toMatch(/1 {3}FAST\s+high-failure-rate/);
  });
});

describe('pos-suspension report', () => {
  it('writes a self-contained HTML page with the charts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-report-'));
    const out = join(dir, 'report.html');
    const { code, stderr } = await cli(['report', 'examples/cash-out-supermarket.json', '--lang', 'zh-CN', '--out', out]);
    expect(code).toBe(0);
    expect(stderr).toContain('report: wrote');
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(3);
    expect(html).not.toMatch(/<script|\bsrc=/);
  });
});

describe('pos-suspension classify --format table', () => {
  it('shows the early warnings of a merchant that is drifting', async () => {
    const { code, stdout } = await cli(['classify', 'examples/drifting-restaurant.json', '--format', 'table']);
    expect(code).toBe(0);
    expect(stdout).toContain('No suspension cause found');
    expect(stdout).toMatch(
      /Early warnings[\s\S]*High transaction failure rate · decline rate without issuer or network outages 23\.\d% → 30\.0% ·\s+2026-1\d-\d\d/,
    );
  });
});
