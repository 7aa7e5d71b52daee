/**
 * Regenerates test/fixtures/*.json from the seeded generator and from scripts/domainFixtures.ts
 * (deterministic: same code → same bytes).
 * Run: npx tsx scripts/make-fixtures.ts
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { CauseId } from '../src/contract/causes.js';
import { type BusinessKind, type GenerateOptions, generateMerchant } from '../src/synth/generate.js';
import { serializeCase } from '../src/synth/serialize.js';
import { domainFixtures } from './domainFixtures.js';

const dir = new URL('../test/fixtures/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const f of readdirSync(dir)) if (f.endsWith('.json')) rmSync(new URL(f, dir));

type Spec = Omit<GenerateOptions, 'seed'> & { name: string };
const specs: Spec[] = [];
const perCause: Record<CauseId, BusinessKind[]> = {
  'credit-card-cash-out': ['supermarket', 'apparel', 'electronics'],
  'fictitious-transactions': ['restaurant', 'apparel', 'quiet-shop'],
  'settlement-irregularity': ['restaurant', 'supermarket', 'hotel'],
  'frequent-large-amounts': ['restaurant', 'apparel', 'supermarket'],
  'high-failure-rate': ['supermarket', 'restaurant', 'electronics'],
  'security-compromise': ['gas-station', 'restaurant', 'apparel'],
  'terminal-relocation': ['restaurant', 'supermarket', 'apparel'],
  'complaints-and-disputes': ['electronics', 'apparel', 'restaurant'],
  'mcc-mismatch': ['supermarket', 'restaurant', 'quiet-shop'],
  'contract-ended': ['apparel', 'hotel', 'supermarket'],
  'policy-rectification': ['restaurant', 'electronics', 'bar'],
  'kyc-deficiency': ['apparel', 'restaurant', 'hotel'],
  'dormant-account': ['quiet-shop', 'apparel', 'restaurant'],
};
for (const [cause, kinds] of Object.entries(perCause) as [CauseId, BusinessKind[]][]) {
  kinds.forEach((kind, i) => {
    specs.push({
      name: `${cause}-${i + 1}-${kind}`,
      kind,
      causes: [cause],
      ...(cause === 'dormant-account' ? { days: 240, volume: 0.2 } : {}),
    });
  });
}
for (const kind of ['supermarket', 'jeweller', 'night-restaurant', 'quiet-shop', 'hotel', 'bar', 'wholesaler', 'gas-station'] as const) {
  specs.push({ name: `healthy-${kind}`, kind });
}
specs.push({ name: 'mixed-cash-out-and-kyc', kind: 'apparel', causes: ['credit-card-cash-out', 'kyc-deficiency'] });
specs.push({ name: 'mixed-fictitious-and-complaints', kind: 'restaurant', causes: ['fictitious-transactions', 'complaints-and-disputes'] });
specs.push({ name: 'mixed-failure-and-security', kind: 'supermarket', causes: ['high-failure-rate', 'security-compromise'] });
specs.push({ name: 'mixed-large-and-relocation', kind: 'electronics', causes: ['frequent-large-amounts', 'terminal-relocation'] });
for (const cause of [
  'credit-card-cash-out',
  'frequent-large-amounts',
  'high-failure-rate',
  'terminal-relocation',
  'mcc-mismatch',
] as const) {
  specs.push({ name: `near-miss-${cause}`, kind: 'restaurant', causes: [cause], strength: 0.35 });
}

/** Busy kinds are scaled down so a fixture stays a few hundred kilobytes. */
const VOLUME: Partial<Record<BusinessKind, number>> = {
  supermarket: 0.1,
  'gas-station': 0.15,
  restaurant: 0.35,
  'night-restaurant': 0.35,
  bar: 0.4,
  apparel: 0.5,
  electronics: 0.7,
};

specs.forEach((spec, index) => {
  const { name, ...options } = spec;
  const labelled = generateMerchant({ volume: VOLUME[spec.kind] ?? 1, ...options, seed: 1000 + index });
  writeFileSync(new URL(`${name}.json`, dir), serializeCase(labelled));
});
// Merchants written from domain knowledge, not from the generator: other MCCs, cities and zones.
const domain = domainFixtures();
for (const { name, label, caseFile } of domain) writeFileSync(new URL(`${name}.json`, dir), serializeCase({ label, caseFile }));
console.log(`wrote ${specs.length + domain.length} fixtures`);
