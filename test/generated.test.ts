import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCaseFileSchema, renderSignalsDoc, renderSourcesDoc } from '../scripts/generated.js';
import { SIGNAL_NAMES } from '../src/index.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe('generated files are in sync with the code (run `npm run generate` after a change)', () => {
  it('docs/signals.md lists every signal as the catalog defines it', () => {
    const doc = read('docs/signals.md');
    expect(doc).toBe(renderSignalsDoc());
    for (const name of SIGNAL_NAMES) expect(doc).toContain(`\`${name}\``);
  });

  it('docs/sources.md is generated from rules/default.sources.json', () => {
    expect(read('docs/sources.md')).toBe(renderSourcesDoc());
  });

  it('schema/case-file.schema.json is the JSON Schema of the case file', () => {
    expect(read('schema/case-file.schema.json')).toBe(renderCaseFileSchema());
    const schema = JSON.parse(read('schema/case-file.schema.json'));
    expect(schema.required).toEqual(['merchant', 'transactions']);
  });
});
