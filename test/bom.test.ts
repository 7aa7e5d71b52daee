import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './support/cli.js';

const BOM = '\uFEFF';

const example = readFileSync('examples/dormant-quiet-shop.json', 'utf8');

describe('a byte order mark (Excel / Windows exports)', () => {
  it('at the start of a case file is ignored: the same result as without it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-bom-'));
    writeFileSync(join(dir, 'bom.json'), BOM + example);
    const withBom = await cli(['classify', join(dir, 'bom.json'), '--format', 'json']);
    const without = await cli(['classify', 'examples/dormant-quiet-shop.json', '--format', 'json']);
    expect(withBom.code).toBe(0);
    expect(withBom.stdout).toBe(without.stdout);
    const fromStdin = await cli(['classify', '-', '--format', 'json'], { stdin: BOM + example });
    expect(fromStdin.stdout).toBe(without.stdout);
    // Two marks: a tool added its own to a file that had one.
    writeFileSync(join(dir, 'two.json'), BOM + BOM + example);
    expect((await cli(['classify', join(dir, 'two.json'), '--format', 'json'])).stdout).toBe(without.stdout);
  });

  it('at the start of NDJSON lines is ignored, line by line', async () => {
    const lines = readFileSync('examples/batch.ndjson', 'utf8').trim().split('\n').slice(0, 3);
    const plain = await cli(['classify', '-', '--ndjson'], { stdin: `${lines.join('\n')}\n` });
    const marked = await cli(['classify', '-', '--ndjson'], { stdin: `${lines.map((l) => BOM + l).join('\r\n')}\r\n` });
    expect(marked.code).toBe(0);
    expect(marked.stderr).toContain('classified 3, failed 0');
    expect(marked.stdout).toBe(plain.stdout);
  });
});

describe('input that is not UTF-8 (a GBK / GB18030 export)', () => {
  // "套现" in GBK: read as UTF-8 it would become replacement characters and the notice would be lost.
  const gbk = (before: string, after: string) =>
    Buffer.concat([Buffer.from(before), Buffer.from([0xcc, 0xd7, 0xcf, 0xd6]), Buffer.from(after)]);
  const caseFile = JSON.parse(example);

  it('is refused with a clear message, not classified without its notice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-gbk-'));
    const file = join(dir, 'gbk.json');
    const json = JSON.stringify({ ...caseFile, merchant: { ...caseFile.merchant, suspension: { note: '@@' } } });
    const [head, tail] = json.split('@@') as [string, string];
    writeFileSync(file, gbk(head, tail));
    const { code, stdout, stderr } = await cli(['classify', file, '--format', 'json']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/not UTF-8 text .*iconv -f gb18030/);
  });

  it('fails only its own NDJSON line, with an error record in place', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-gbk-'));
    const file = join(dir, 'mixed.ndjson');
    const good = JSON.stringify(caseFile);
    writeFileSync(file, Buffer.concat([Buffer.from(`${good}\n`), gbk('{"note":"', '"}\n'), Buffer.from(`${good}\n`)]));
    const { code, stdout } = await cli(['classify', file, '--ndjson', '--workers', '1']);
    expect(code).toBe(1);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toEqual({
      line: 2,
      error: { code: 'invalid_encoding', problems: [{ path: '', message: expect.stringMatching(/not UTF-8/) }] },
    });
    expect(lines[0].merchantId).toBe(caseFile.merchant.id);
    expect(lines[2].merchantId).toBe(caseFile.merchant.id);
  });
});
