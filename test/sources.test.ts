import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultRulePack } from '../src/index.js';

const sources = JSON.parse(readFileSync(new URL('../rules/default.sources.json', import.meta.url), 'utf8')).sources as Record<
  string,
  { kind: string; source: string; date: string; note: string }
>;
const doc = readFileSync(new URL('../docs/sources.md', import.meta.url), 'utf8');

describe('a source for every threshold (rules/default.sources.json, docs/sources.md)', () => {
  it('has an entry for every rule of the default pack', () => {
    const missing = defaultRulePack.rules.map((r) => r.name).filter((name) => !Object.hasOwn(sources, name));
    expect(missing).toEqual([]);
  });

  it('has no entry for a rule the pack does not have', () => {
    const names = new Set(defaultRulePack.rules.map((r) => r.name));
    expect(Object.keys(sources).filter((name) => !names.has(name))).toEqual([]);
  });

  it('gives every entry a known kind, a source text and a date', () => {
    for (const [name, entry] of Object.entries(sources)) {
      expect(['regulation', 'scheme', 'acquirer-practice', 'project-estimate'], name).toContain(entry.kind);
      expect(entry.source.length, name).toBeGreaterThan(20);
      expect(entry.date, name).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
    }
  });

  it('cites a document number for every regulation', () => {
    for (const [name, entry] of Object.entries(sources)) {
      if (entry.kind === 'regulation') expect(entry.source, name).toMatch(/〔\d{4}〕|\[\d{4}\] No\. \d+|《[^》]+》/);
    }
  });

  it('lists every rule by name in docs/sources.md', () => {
    for (const rule of defaultRulePack.rules) expect(doc).toContain(`### \`${rule.name}\``);
    expect(doc).not.toContain('MISSING');
  });

  it('says the chargeback rules are acquirer practice and names VAMP and ECP with ratio and count', () => {
    for (const name of ['chargeback-ratio-visa-level', 'chargeback-ratio-mastercard-level']) {
      expect(sources[name]?.kind).toBe('acquirer-practice');
      expect(sources[name]?.source).toMatch(/差错/);
    }
    expect(sources['chargeback-ratio-visa-level']?.source).toMatch(/VAMP.*1,500/s);
    expect(sources['chargeback-ratio-mastercard-level']?.source).toMatch(/1\.5 % and 100/);
    expect(defaultRulePack.rules.find((r) => r.name === 'chargeback-ratio-visa-level')?.description).not.toMatch(/Visa's monitoring level/);
  });

  it('keeps the 50,000 CNY line apart from the AML cash-and-transfer report', () => {
    const large = sources['large-sales-repeated'];
    expect(large?.kind).toBe('acquirer-practice');
    expect(large?.source).toMatch(/NOT the AML/);
    expect(large?.source).toMatch(/\[2016\] No\. 3/);
    expect(large?.source).toMatch(/CASH/);
  });
});
