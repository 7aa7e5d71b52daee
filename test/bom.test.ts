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
