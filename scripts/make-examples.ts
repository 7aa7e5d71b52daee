/**
 * Regenerates the bundled examples: one case file per category of the cause catalog plus healthy
 * ones, and examples/batch.ndjson (150 seeded merchants, one per line, label kept beside each case).
 * Run: npm run fixtures
 */
import { writeFileSync } from 'node:fs';
import type { CauseId } from '../src/contract/causes.js';
import businesses from '../src/synth/businesses.json';
import { type BusinessKind, generateMerchant } from '../src/synth/generate.js';
import { serializeCase } from '../src/synth/serialize.js';

/** Batch merchants trade about this many sales a day, so the file stays small. */
const BATCH_SALES_PER_DAY = 8;

const examples: [string, BusinessKind, CauseId[], number?][] = [
  ['cash-out-supermarket', 'supermarket', ['credit-card-cash-out'], 0.12],
  ['large-amounts-restaurant', 'restaurant', ['frequent-large-amounts'], 0.3],
  ['relocated-terminal-apparel', 'apparel', ['terminal-relocation'], 0.4],
  ['chargebacks-electronics', 'electronics', ['complaints-and-disputes'], 0.5],
  ['contract-ended-hotel', 'hotel', ['contract-ended'], 0.5],
  ['dormant-quiet-shop', 'quiet-shop', ['dormant-account']],
  ['healthy-jeweller', 'jeweller', []],
  ['healthy-night-restaurant', 'night-restaurant', [], 0.3],
];
examples.forEach(([name, kind, causes, volume], i) => {
  const days = causes.includes('dormant-account') ? 200 : 35;
  writeFileSync(
    new URL(`../examples/${name}.json`, import.meta.url),
    serializeCase(generateMerchant({ seed: 500 + i, kind, causes, days, volume: volume ?? 1 })),
  );
});

const kinds: BusinessKind[] = [
  'supermarket',
  'restaurant',
  'night-restaurant',
  'bar',
  'hotel',
  'jeweller',
  'electronics',
  'apparel',
  'gas-station',
  'wholesaler',
  'quiet-shop',
];
const causes: (CauseId | null)[] = [
  null,
  null,
  null,
  null,
  'credit-card-cash-out',
  'fictitious-transactions',
  'settlement-irregularity',
  'frequent-large-amounts',
  'high-failure-rate',
  'security-compromise',
  'terminal-relocation',
  'complaints-and-disputes',
  'mcc-mismatch',
  'contract-ended',
  'policy-rectification',
  'kyc-deficiency',
];
const lines: string[] = [];
for (let i = 0; i < 150; i++) {
  const kind = kinds[i % kinds.length] as BusinessKind;
  const cause = causes[(i * 7) % causes.length] ?? null;
  const volume = Math.min(1, BATCH_SALES_PER_DAY / businesses.kinds[kind].salesPerDay);
  const labelled = generateMerchant({ seed: 9000 + i, kind, causes: cause ? [cause] : [], days: 21, volume });
  lines.push(JSON.stringify({ label: labelled.label, ...labelled.caseFile }));
}
writeFileSync(new URL('../examples/batch.ndjson', import.meta.url), `${lines.join('\n')}\n`);
console.log(`wrote ${examples.length} examples and examples/batch.ndjson (${lines.length} merchants)`);
