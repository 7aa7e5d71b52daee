import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { printable } from '../src/cli/text.js';
import { CaseFileError, parseCaseFile } from '../src/index.js';
import { containsPan } from '../src/text/cardNumber.js';
import { cli } from './support/cli.js';
import { caseFile, sale } from './support/factories.js';

const tmp = mkdtempSync(join(tmpdir(), 'pos-harden-'));
const ESC = '\u001b';
/** Escape sequences, C0/C1 controls (bar newline) and bidi overrides a terminal would act on. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

describe('printable', () => {
  it('escapes escape sequences, C0 and C1 controls and bidi overrides, and leaves other text alone', () => {
    expect(printable(`a${ESC}[31mred${ESC}]0;title\u0007b`)).toBe('a\\x1b[31mred\\x1b]0;title\\x07b');
    expect(printable('x\u009b2Jy\u202eevil\u2066z\u0000')).toBe('x\\x9b2Jy\\u202eevil\\u2066z\\x00');
    expect(printable('line\nnext\tcol\r')).toBe('line\\nnext\\tcol\\r');
    expect(printable('商户 Fresh Mart · 50,000 → ok')).toBe('商户 Fresh Mart · 50,000 → ok');
  });
});

describe('terminal injection never reaches a table or stderr', () => {
  const hostile = `m${ESC}[2J${ESC}]0;pwned\u0007\u202eevil\u009b31m`;
  const file = join(tmp, 'hostile.json');
  writeFileSync(file, JSON.stringify(caseFile([sale()], { merchant: { id: hostile, name: `Shop${ESC}[5m` } })));

  it('escapes control characters of merchant.id in the classify table', async () => {
    const { code, stdout } = await cli(['classify', file, '--format', 'table']);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(RAW_CONTROL);
    expect(stdout).toContain('m\\x1b[2J\\x1b]0;pwned\\x07\\u202eevil\\x9b31m');
  });

  it('keeps JSON output exact: the same string comes back from JSON.parse', async () => {
    const { code, stdout } = await cli(['classify', file, '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).merchantId).toBe(hostile);
  });

  it('escapes control characters in stderr messages (a file name, a rule pack name)', async () => {
    const { code, stderr } = await cli(['classify', `nope${ESC}[31m.json`]);
    expect(code).toBe(2);
    expect(stderr).not.toMatch(RAW_CONTROL);
    expect(stderr).toBe('error: cannot read nope\\x1b[31m.json: ENOENT\n');
  });

  it('escapes control characters of a pack name in the table header', async () => {
    const pack = JSON.parse(readFileSync('rules/default.json', 'utf8'));
    const packFile = join(tmp, 'pack.json');
    writeFileSync(packFile, JSON.stringify({ ...pack, name: `team${ESC}[8m` }));
    const { code, stdout } = await cli(['classify', 'examples/cash-out-supermarket.json', '--rules', packFile, '--format', 'table']);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(RAW_CONTROL);
    expect(stdout).toContain('team\\x1b[8m');
  });

  it('escapes control characters in commander usage errors', async () => {
    const { code, stderr } = await cli(['classify', 'x.json', `--bad${ESC}[31m`]);
    expect(code).toBe(2);
    expect(stderr).not.toMatch(RAW_CONTROL);
    expect(stderr).toContain('--bad\\x1b[31m');
  });
});

describe('card numbers never reach CLI output', () => {
  const written = [
    '4111 1111 1111 1111',
    '４１１１１１１１１１１１１１１１',
    '4111\u00a01111\u00a01111\u00a01111',
    '4111.1111.1111.1111',
    '4111\u200b1111\u200b1111\u200b1111',
  ];

  it('masks card numbers however written in stderr messages', async () => {
    for (const pan of written) {
      const result = await cli(['classify', `${pan}.json`]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('[card number removed]');
      expect(containsPan(result.stderr), result.stderr).toBe(false);
      const usage = await cli(['classify', 'x.json', `--x${pan.replace(/\s/g, '')}`]);
      expect(usage.code).toBe(2);
      expect(containsPan(usage.stderr), usage.stderr).toBe(false);
    }
  });

  it('refuses a rule pack with a card number in its name, and never echoes it', async () => {
    const pack = JSON.parse(readFileSync('rules/default.json', 'utf8'));
    for (const pan of written) {
      const packFile = join(tmp, 'pan-pack.json');
      writeFileSync(packFile, JSON.stringify({ ...pack, name: `team ${pan}` }));
      for (const format of ['json', 'table']) {
        const { code, stdout, stderr } = await cli([
          'classify',
          'examples/cash-out-supermarket.json',
          '--rules',
          packFile,
          '--format',
          format,
        ]);
        expect(code).toBe(2);
        expect(stdout).toBe('');
        expect(stderr).toContain('  name: holds a card number');
        expect(containsPan(stderr), stderr).toBe(false);
      }
    }
  });
});

describe('a closed pipe or a failing stdout', () => {
  it('ends quietly with exit 0 when the reader closes the pipe (classify | head -c1)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'classify', 'examples/batch.ndjson', '--workers', '1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('prints one line and exits 2 when stdout fails otherwise (a full disk)', async () => {
    const full = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
      },
    });
    const { code, stderr } = await cli(['classify', 'examples/cash-out-supermarket.json', '--format', 'json'], { stdout: full });
    expect(code).toBe(2);
    expect(stderr).toBe('error: cannot write standard output: ENOSPC\n');
  });

  it('ends quietly with exit 0 when a stdout stream reports EPIPE', async () => {
    const closed = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const { code, stderr } = await cli(['generate', '--seed', '1', '--count', '5'], { stdout: closed });
    expect([code, stderr]).toEqual([0, '']);
  });
});

describe('CLI messages', () => {
  it('prints the stack of a handled error with --debug, card numbers masked', async () => {
    const plain = await cli(['classify', '4111111111111111.json']);
    expect(plain.stderr).not.toContain('    at ');
    const debug = await cli(['--debug', 'classify', '4111111111111111.json']);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(
      /^error: cannot read \[card number removed\]\.json: ENOENT\n\w*Error: cannot read \[card number removed\]\.json.*\n {4}at /,
    );
    expect(containsPan(debug.stderr)).toBe(false);
    const invalid = await cli(['--debug', 'classify', '-'], { stdin: JSON.stringify(caseFile([sale({ amount: -1 })])) });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(
      /^error: invalid case file \(1 problem\):\n {2}transactions\[0\]\.amount: .*\n\w*Error: invalid case file[\s\S]*\n {4}at /,
    );
  });

  it('says "invalid options" with the path for an appeal of a cause the result does not report', async () => {
    const { code, stderr } = await cli(['appeal', 'examples/cash-out-supermarket.json', '--cause', 'dormant-account']);
    expect(code).toBe(2);
    expect(stderr).toBe('error: invalid options (1 problem):\n  cause: cause dormant-account is not among the reported causes\n');
  });

  it('shows why backtest lines failed in the table, numbered by line from 1', async () => {
    const good = readFileSync('examples/batch.ndjson', 'utf8').split('\n')[0];
    const noLabel = JSON.stringify(caseFile([sale()]));
    const badCase = JSON.stringify({ label: { expected: null }, ...caseFile([sale({ amount: -1 })]) });
    const input = `${good}\n\nnot json\n${noLabel}\n${badCase}\n`;
    const table = await cli(['backtest', '-', '--format', 'table'], { stdin: input });
    expect(table.code).toBe(1);
    expect(table.stdout).toContain(
      [
        'Failed lines',
        '  line 3: not valid JSON',
        '  line 4: missing or invalid label',
        '  line 5: invalid case file: transactions[0].amount: expected a non-negative integer (minor units)',
      ].join('\n'),
    );
    const json = await cli(['backtest', '-', '--format', 'json'], { stdin: input });
    expect(JSON.parse(json.stdout).failed.map((f: { line: number }) => f.line)).toEqual([3, 4, 5]);
  });

  it('hints at --ndjson when classify gets several JSON lines', async () => {
    const lines = readFileSync('examples/batch.ndjson', 'utf8').split('\n').slice(0, 3).join('\n');
    const { code, stderr } = await cli(['classify', '-'], { stdin: lines });
    expect(code).toBe(2);
    expect(stderr).toBe('error: standard input is not valid JSON: it looks like NDJSON (one case file per line); add --ndjson\n');
    const broken = await cli(['classify', '-'], { stdin: '{"merchant": ' });
    expect(broken.stderr).toBe('error: standard input is not valid JSON\n');
  });

  it('says a 201-character merchant name is too long, not that it is not a string', async () => {
    const input = JSON.stringify(caseFile([sale()], { merchant: { name: 'x'.repeat(201) } }));
    const { code, stderr } = await cli(['classify', '-'], { stdin: input });
    expect(code).toBe(2);
    expect(stderr).toBe('error: invalid case file (1 problem):\n  merchant.name: must be at most 200 characters\n');
  });

  it('says what is wrong with every string field of a case file: too long, or not a string', () => {
    const problemOf = (input: unknown): string => {
      try {
        parseCaseFile(input);
      } catch (error) {
        expect(error).toBeInstanceOf(CaseFileError);
        const [problem] = (error as CaseFileError).problems;
        return `${problem?.path}: ${problem?.message}`;
      }
      throw new Error('expected a CaseFileError');
    };
    const tooLong = (n: number) => 'x'.repeat(n + 1);
    const fields: [string, (v: unknown) => unknown, number][] = [
      ['merchant.id', (v) => caseFile([sale()], { merchant: { id: v as string } }), 128],
      ['merchant.name', (v) => caseFile([sale()], { merchant: { name: v as string } }), 200],
      ['merchant.timezone', (v) => caseFile([sale()], { merchant: { timezone: v as string } }), 64],
      ['merchant.terminals[0]', (v) => caseFile([sale()], { merchant: { terminals: [v as string] } }), 128],
      ['merchant.suspension.reasonCode', (v) => caseFile([sale()], { merchant: { suspension: { reasonCode: v as string } } }), 128],
      ['merchant.suspension.noticeId', (v) => caseFile([sale()], { merchant: { suspension: { noticeId: v as string } } }), 128],
      ['transactions[0].id', (v) => caseFile([sale({ id: v as string })]), 128],
      ['transactions[0].card.token', (v) => caseFile([sale({ card: { token: v as string } })]), 128],
      ['transactions[0].terminalId', (v) => caseFile([sale({ terminalId: v as string })]), 128],
      ['transactions[0].authCode', (v) => caseFile([sale({ authCode: v as string })]), 128],
      [
        'events[0].transactionId',
        (v) => caseFile([sale()], { events: [{ type: 'complaint', at: '2026-03-02T10:00:00+08:00', transactionId: v as string }] }),
        128,
      ],
    ];
    for (const [path, build, max] of fields) {
      expect(problemOf(build(tooLong(max)))).toBe(`${path}: must be at most ${max} characters`);
      expect(problemOf(build(7))).toMatch(new RegExp(`^${path.replace(/[.[\]]/g, '\\$&')}: expected (a|an) `));
    }
    expect(problemOf(caseFile([sale()], { merchant: { currency: 'cny' } }))).toBe(
      'merchant.currency: expected an ISO 4217 currency code such as CNY',
    );
    expect(problemOf(caseFile([sale()], { merchant: { location: { lat: 95, lng: 0 } } }))).toBe(
      'merchant.location.lat: expected latitude in degrees, from -90 to 90',
    );
    expect(problemOf(caseFile([sale()], { events: [{ type: 'complaint', at: '2026-03-02T10:00:00+08:00', amount: -1 }] }))).toBe(
      'events[0].amount: expected a non-negative integer (minor units)',
    );
  });
});
