import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../src/cli/text.js';
import { createClassifier, ResultSchema } from '../src/index.js';
import { cli } from './support/cli.js';

const examples = [
  'cash-out-supermarket',
  'large-amounts-restaurant',
  'relocated-terminal-apparel',
  'chargebacks-electronics',
  'contract-ended-hotel',
  'dormant-quiet-shop',
  'healthy-jeweller',
  'healthy-night-restaurant',
];
const expectedTop: Record<string, string | undefined> = {
  'cash-out-supermarket': 'credit-card-cash-out',
  'large-amounts-restaurant': 'frequent-large-amounts',
  'relocated-terminal-apparel': 'terminal-relocation',
  'chargebacks-electronics': 'complaints-and-disputes',
  'contract-ended-hotel': 'contract-ended',
  'dormant-quiet-shop': 'dormant-account',
};
const tmp = mkdtempSync(join(tmpdir(), 'pos-cli-'));

describe('pos-suspension classify', () => {
  for (const name of examples) {
    it(`prints exactly the library result as JSON for examples/${name}.json`, async () => {
      const path = `examples/${name}.json`;
      const { code, stdout, stderr } = await cli(['classify', path, '--format', 'json']);
      expect([code, stderr]).toEqual([0, '']);
      const result = ResultSchema.parse(JSON.parse(stdout));
      const { readFileSync } = await import('node:fs');
      expect(result).toEqual(createClassifier().classifySync(JSON.parse(readFileSync(path, 'utf8'))));
      expect(result.causes[0]?.id).toBe(expectedTop[name]);
    });

    it(`prints a table within 100 columns for examples/${name}.json in both languages`, async () => {
      for (const lang of ['en', 'zh-CN']) {
        const { code, stdout } = await cli(['classify', `examples/${name}.json`, '--format', 'table', '--lang', lang]);
        expect(code).toBe(0);
        for (const line of stdout.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(100);
        expect(stdout).not.toContain('\u001b[');
      }
    });
  }

  it('reads standard input with -', async () => {
    const { readFileSync } = await import('node:fs');
    const { code, stdout } = await cli(['classify', '-', '--format', 'json'], {
      stdin: readFileSync('examples/contract-ended-hotel.json', 'utf8'),
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).causes[0].id).toBe('contract-ended');
  });

  it('colours the table only on a terminal', async () => {
    const { stdout } = await cli(['classify', 'examples/cash-out-supermarket.json'], { tty: true });
    expect(stdout).toContain('\u001b[1m');
  });

  it('exits 2 with the paths of a malformed case file, and no stack trace', async () => {
    const path = join(tmp, 'bad.json');
    writeFileSync(
      path,
      JSON.stringify({ merchant: { id: 'm', mcc: 'x' }, transactions: [{ id: 't', at: 'yesterday', amount: -1, status: 'approved' }] }),
    );
    const { code, stdout, stderr } = await cli(['classify', path]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('error: invalid case file (3 problems):');
    expect(stderr).toContain('  merchant.mcc: expected a 4-digit merchant category code');
    expect(stderr).toContain('  transactions[0].at: expected an ISO 8601 timestamp, e.g. 2026-03-01T23:30:00+08:00');
    expect(stderr).toContain('  transactions[0].amount: expected a non-negative integer (minor units)');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on unreadable files, invalid JSON and usage errors', async () => {
    expect((await cli(['classify', join(tmp, 'missing.json')])).stderr).toBe(`error: cannot read ${join(tmp, 'missing.json')}: ENOENT\n`);
    const notJson = join(tmp, 'not.json');
    writeFileSync(notJson, '{ nope');
    expect(await cli(['classify', notJson])).toMatchObject({ code: 2, stderr: `error: ${notJson} is not valid JSON\n` });
    expect((await cli(['classify'])).code).toBe(2);
    expect((await cli(['classify', notJson, '--lang', 'fr'])).code).toBe(2);
    expect((await cli(['classify', notJson, '--min-score', '3'])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
  });

  it('exits 2 naming the rule of a bad --rules pack', async () => {
    const pack = join(tmp, 'pack.json');
    writeFileSync(
      pack,
      JSON.stringify({
        name: 'p',
        version: '1.0.0',
        rules: [
          {
            name: 'r1',
            conditions: { all: [{ fact: 'nope', operator: 'equal', value: 1 }] },
            event: { type: 'dormant-account', params: { weight: 0.5 } },
          },
        ],
      }),
    );
    const { code, stderr } = await cli(['classify', 'examples/dormant-quiet-shop.json', '--rules', pack]);
    expect(code).toBe(2);
    expect(stderr).toContain(`error: invalid rule pack ${pack}`);
    expect(stderr).toContain('rules[0] "r1": conditions.all[0].fact: unknown signal "nope"');
  });

  it('uses a custom rule pack from a folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-pack-'));
    writeFileSync(
      join(dir, 'a.json'),
      JSON.stringify({
        name: 'mine',
        version: '2.0.0',
        rules: [
          {
            name: 'idle',
            conditions: { all: [{ fact: 'dormantDays', operator: 'greaterThanInclusive', value: 30 }] },
            event: { type: 'dormant-account', params: { weight: 0.9 } },
          },
        ],
      }),
    );
    const { code, stdout } = await cli(['classify', 'examples/dormant-quiet-shop.json', '--rules', dir, '--format', 'json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.rulePack).toEqual({ name: 'mine', version: '2.0.0' });
    expect(result.causes.map((c: { id: string; score: number }) => [c.id, c.score])).toEqual([['dormant-account', 0.9]]);
  });
});

describe('pos-suspension classify --ndjson', () => {
  it('classifies every line in order, reports a bad line by number and exits 1', async () => {
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync('examples/batch.ndjson', 'utf8').trim().split('\n').slice(0, 5);
    const input = [lines[0], lines[1], '{"merchant": {"id": "x"}}', 'not json', lines[2], lines[3], lines[4]].join('\n');
    const { code, stdout, stderr } = await cli(['classify', '-', '--ndjson'], { stdin: `${input}\n` });
    expect(code).toBe(1);
    const results = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // One output line per input line: the failed lines hold error records in place.
    expect(results.map((r) => r.merchantId ?? r.line)).toEqual([
      ...lines.slice(0, 2).map((l) => JSON.parse(l as string).merchant.id),
      3,
      4,
      ...lines.slice(2).map((l) => JSON.parse(l as string).merchant.id),
    ]);
    expect(stderr).toContain('line 3: merchant.mcc:');
    expect(stderr).toContain('line 4: not valid JSON');
    expect(stderr).toContain('classified 5, failed 2');
  });

  it('skips a line over the length limit and goes on', async () => {
    const { code, stderr, stdout } = await cli(['classify', '-', '--ndjson', '--max-line-bytes', '100'], {
      stdin: `${JSON.stringify({ merchant: { id: 'a', mcc: '5812' }, transactions: [] })}\n${'x'.repeat(500)}\n`,
    });
    expect(code).toBe(1);
    expect(stdout.trim().split('\n')).toHaveLength(2);
    expect(JSON.parse(stdout.trim().split('\n')[1] as string)).toMatchObject({ line: 2, error: { code: 'line_too_long' } });
    expect(stderr).toContain('line 2: longer than 100 bytes, skipped');
  });

  it('treats a .ndjson file as a batch and exits 0 when every line is classified', async () => {
    const { code, stdout, stderr } = await cli(['classify', 'examples/batch.ndjson']);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(150);
    expect(stderr).toMatch(/classified 150, failed 0/);
  });
});

describe('pos-suspension signals and schema', () => {
  it('prints signals as JSON and as a table', async () => {
    const json = await cli(['signals', 'examples/healthy-jeweller.json', '--format', 'json']);
    expect(JSON.parse(json.stdout).mccKnown).toBe(true);
    const table = await cli(['signals', 'examples/healthy-jeweller.json', '--format', 'table']);
    expect(table.stdout).toMatch(/^saleCount\s+\d+\s+count$/m);
  });

  it('prints the case-file JSON Schema', async () => {
    const { code, stdout } = await cli(['schema']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).required).toEqual(['merchant', 'transactions']);
  });
});

describe('the pos-suspension process', () => {
  it('runs as a program with real exit codes', async () => {
    const exec = promisify(execFile);
    const { stdout } = await exec('npx', ['tsx', 'src/cli/main.ts', 'classify', 'examples/dormant-quiet-shop.json', '--format', 'json']);
    expect(JSON.parse(stdout).causes[0].id).toBe('dormant-account');
    const failure = await exec('npx', ['tsx', 'src/cli/main.ts', 'classify', 'nope.json']).catch((e) => e);
    expect(failure.code).toBe(2);
  });
});

describe('pos-suspension generate, backtest and lint', () => {
  it('generates the same NDJSON for the same seed and backtests it', async () => {
    const a = await cli(['generate', '--seed', '3', '--count', '20']);
    const b = await cli(['generate', '--seed', '3', '--count', '20']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.trim().split('\n')).toHaveLength(20);
    const report = await cli(['backtest', '-', '--format', 'json'], { stdin: a.stdout });
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout).total).toBe(20);
    const table = await cli(['backtest', '-', '--format', 'table'], { stdin: a.stdout });
    expect(table.stdout).toContain('top-1 accuracy');
    for (const line of table.stdout.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(100);
  });

  it('exits 1 from backtest when a line cannot be used', async () => {
    const { code, stdout } = await cli(['backtest', '-', '--format', 'json'], { stdin: 'not json\n' });
    expect(code).toBe(1);
    expect(JSON.parse(stdout).failed).toEqual([{ index: 0, line: 1, message: 'not valid JSON' }]);
  });

  it('lints a pack: 0 for the default pack, 1 with errors, 2 for an invalid pack', async () => {
    expect((await cli(['lint', 'rules/default.json'])).code).toBe(0);
    expect((await cli(['lint', 'rules/default.json', '--strict'])).code).toBe(1);
    const bad = join(tmp, 'never.json');
    writeFileSync(
      bad,
      JSON.stringify({
        name: 'p',
        version: '1.0.0',
        rules: [
          {
            name: 'r',
            conditions: { all: [{ fact: 'nightSaleShare', operator: 'greaterThan', value: 2 }] },
            event: { type: 'credit-card-cash-out', params: { weight: 0.5 } },
          },
        ],
      }),
    );
    const result = await cli(['lint', bad, '--format', 'json']);
    expect(result.code).toBe(1);
    expect(
      JSON.parse(result.stdout)
        .filter((f: { severity: string }) => f.severity === 'error')
        .map((f: { code: string }) => f.code),
    ).toEqual(['never-fires', 'threshold-out-of-range']);
    expect((await cli(['lint', join(tmp, 'missing.json')])).code).toBe(2);
  });
});

describe('--rules with the bundled rules folder', () => {
  it('loads the pack and leaves its sources file beside it out', async () => {
    const { code, stdout, stderr } = await cli(['classify', 'examples/cash-out-supermarket.json', '--rules', 'rules', '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).causes[0].id).toBe('credit-card-cash-out');
  });
});
