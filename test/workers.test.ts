import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// Worker threads run the built worker script, so this file builds the package first.
beforeAll(() => {
  execFileSync('npx', ['tsup', '--silent'], { stdio: 'inherit' });
}, 120_000);

const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['dist/cli.js', ...args], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

describe('the NDJSON batch on worker threads', () => {
  it('gives the same output in the same order with two workers as with one, bad lines included', () => {
    const lines = readFileSync('examples/batch.ndjson', 'utf8').trim().split('\n');
    const input = `${[...lines.slice(0, 40), 'not json', ...lines.slice(40, 80)].join('\n')}\n`;
    const one = cli(['classify', '-', '--ndjson', '--workers', '1'], input);
    const two = cli(['classify', '-', '--ndjson', '--workers', '2'], input);
    expect(one.status).toBe(1);
    expect(two.status).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    const out = two.stdout.trim().split('\n');
    expect(out).toHaveLength(81);
    expect(JSON.parse(out[40] as string)).toEqual({
      line: 41,
      error: { code: 'invalid_json', problems: [{ path: '', message: 'not valid JSON' }] },
    });
    expect(two.stderr).toContain('line 41: not valid JSON');
    expect(two.stderr).toContain('classified 80, failed 1');
  });

  it('refuses more workers than twice the cores (at most 64), with a message that says so', () => {
    const result = cli(['classify', 'examples/batch.ndjson', '--workers', '256']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/--workers 256 is too many: at most \d+ here/);
  });

  it('classifies a line too big for a worker heap on the main thread', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-big-'));
    const transactions = Array.from({ length: 75_000 }, (_, i) => ({
      id: `t${i}`,
      at: new Date(Date.UTC(2026, 2, 1) + i * 50_000).toISOString(),
      amount: 1_000 + (i % 500),
      status: 'approved',
      card: { token: `c${i % 3000}`, kind: 'debit' },
    }));
    const big = JSON.stringify({ merchant: { id: 'big', mcc: '5411' }, transactions });
    expect(big.length).toBeGreaterThan(8 * 1024 * 1024);
    const file = join(dir, 'big.ndjson');
    writeFileSync(file, `${readFileSync('examples/batch.ndjson', 'utf8').split('\n')[0]}\n${big}\n`);
    const result = cli(['classify', file, '--workers', '2']);
    expect(result.status).toBe(0);
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).merchantId)[1],
    ).toBe('big');
  });
});
