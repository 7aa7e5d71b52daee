/**
 * Regenerates test/fixtures/*.json from the seeded generator and from scripts/domainFixtures.ts
 * (deterministic: same code → same bytes).
 * Run: npx tsx scripts/make-fixtures.ts
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { CauseId } from '../src/contract/causes.js';
import { type BusinessKind, type GenerateOptions, generateMerchant, type LabelledCase } from '../src/synth/generate.js';
import { serializeCase } from '../src/synth/serialize.js';
import { domainFixtures } from './domainFixtures.js';

const dir = new URL('../test/fixtures/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const f of readdirSync(dir)) if (f.endsWith('.json')) rmSync(new URL(f, dir));

type Spec = Omit<GenerateOptions, 'seed'> & { name: string };
const specs: Spec[] = [];
const edits = new Map<number, (c: LabelledCase) => void>();
const perCause: Partial<Record<CauseId, BusinessKind[]>> = {
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

// Causes added later are appended, so the fixtures above keep their seeds (and bytes).
const laterCauses: Partial<Record<CauseId, BusinessKind[]>> = {
  'fraud-related-freeze': ['apparel', 'electronics', 'supermarket'],
  'code-jumping': ['restaurant', 'hotel', 'electronics'],
  'micro-merchant-limit': ['quiet-shop', 'cafe', 'restaurant'],
  'acquirer-exit': ['supermarket', 'restaurant', 'apparel'],
  'settlement-account-problem': ['restaurant', 'hotel', 'quiet-shop'],
};
for (const [cause, kinds] of Object.entries(laterCauses) as [CauseId, BusinessKind[]][]) {
  kinds.forEach((kind, i) => {
    specs.push({ name: `${cause}-${i + 1}-${kind}`, kind, causes: [cause] });
  });
}
// Near misses of the later causes: a chain's registered second number, a micro merchant under its
// limits, a fee notice, a settlement failure paid out the next day, a few late small sales.
for (const [cause, kind] of [
  ['code-jumping', 'restaurant'],
  ['micro-merchant-limit', 'quiet-shop'],
  ['acquirer-exit', 'supermarket'],
  ['settlement-account-problem', 'hotel'],
  ['fraud-related-freeze', 'apparel'],
] as const) {
  specs.push({ name: `near-miss-${cause}`, kind, causes: [cause], strength: 0.35 });
}

/** Look-alikes built from a generated case: legitimate records that resemble a cause. */
const LOOKALIKES: Record<string, { spec: Omit<Spec, 'name'>; edit: (c: LabelledCase) => void }> = {
  // A micro merchant over its daily limit once, on a festival day, and within its monthly limit.
  'lookalike-micro-festival-day': {
    spec: { kind: 'cafe' },
    edit: (c) => {
      const days = new Map<string, number>();
      for (const tx of c.caseFile.transactions)
        if (tx.status === 'approved') days.set(tx.at.slice(0, 10), (days.get(tx.at.slice(0, 10)) ?? 0) + tx.amount);
      const sorted = [...days.values()].sort((a, b) => a - b);
      const busiest = sorted[sorted.length - 1] ?? 0;
      const second = sorted[sorted.length - 2] ?? 0;
      const total = sorted.reduce((a, b) => a + b, 0);
      c.caseFile.merchant.kind = 'individual';
      c.caseFile.merchant.limits = { perDay: Math.round((busiest + second) / 2), perMonth: Math.round(total * 1.5) };
    },
  },
  // The terminal was swapped for repair for an afternoon: two sales went out under the service terminal's merchant number.
  'lookalike-loaner-terminal': {
    spec: { kind: 'restaurant' },
    edit: (c) => {
      c.caseFile.transactions.forEach((tx, i) => {
        tx.merchantNumber = c.caseFile.merchant.id;
        tx.mcc = c.caseFile.merchant.mcc;
        if (i === 40 || i === 41) tx.merchantNumber = '898000000000001';
      });
    },
  },
  // A clear code-jumping export with the merchant number and MCC columns left out: a missing field is not evidence.
  'lookalike-export-without-merchant-numbers': {
    spec: { kind: 'hotel', causes: ['code-jumping'] },
    edit: (c) => {
      for (const tx of c.caseFile.transactions) {
        delete tx.merchantNumber;
        delete tx.mcc;
      }
    },
  },
};
for (const [name, { spec, edit }] of Object.entries(LOOKALIKES)) {
  const index = specs.length;
  specs.push({ name, ...spec });
  edits.set(index, edit);
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
  const edit = edits.get(index);
  if (edit) {
    edit(labelled);
    (labelled as { label: LabelledCase['label'] }).label = { expected: null, acceptable: [], note: `${spec.kind} (look-alike: ${name})` };
  }
  writeFileSync(new URL(`${name}.json`, dir), serializeCase(labelled));
});
// Merchants written from domain knowledge, not from the generator: other MCCs, cities and zones.
const domain = domainFixtures();
for (const { name, label, caseFile } of domain) writeFileSync(new URL(`${name}.json`, dir), serializeCase({ label, caseFile }));
console.log(`wrote ${specs.length + domain.length} fixtures`);
