/**
 * An independent generator of labelled merchants for backtesting pos-suspension-classifier,
 * written from the domain description (DOMAIN.md) and the case-file contract only, without
 * reading the project's rules, signals or generator.
 *
 * Per block of 20 merchants: 3 healthy, 3 legitimate look-alikes, 2 near misses (all labelled
 * `expected: null`), 10 single-cause merchants cycling through the 18 causes, and 2 merchants with
 * two causes (the second in `acceptable`). Merchant `i` depends only on `(seed, i)`.
 */
import { CAUSE_SPECS, CAUSES, type CauseId, type CauseSpec } from './causes.js';
import { type CleanScenario, HEALTHY, LOOKALIKES, NEAR_MISSES } from './clean.js';
import { addTx, createDraft, type Draft, ordinaryTicket, ordinaryTrade, periodEnd } from './draft.js';
import { exportCaseFile } from './exporter.js';
import { suspend } from './notices.js';
import { createRng, type Rng } from './random.js';

export { CAUSES, type CauseId };

/** The label of one generated merchant (the backtest's label format). */
export interface IndependentLabel {
  /** The cause expected on top, or null for a merchant that should get no cause. */
  readonly expected: CauseId | null;
  /** Other causes that are also present (a second cause on top is right too). */
  readonly acceptable: CauseId[];
  /** What the merchant is: kind, story, MCC, zone. */
  readonly note?: string;
}

/** One labelled merchant. */
export interface IndependentCase {
  readonly label: IndependentLabel;
  readonly caseFile: Record<string, unknown>;
}

/** The kind of merchant at each slot of a block of 20. */
export type Slot = 'healthy' | 'look-alike' | 'near-miss' | 'single' | 'double';

const BLOCK: readonly Slot[] = [
  'healthy',
  'healthy',
  'healthy',
  'look-alike',
  'look-alike',
  'look-alike',
  'near-miss',
  'near-miss',
  ...Array.from({ length: 10 }, () => 'single' as const),
  'double',
  'double',
];

/** Two-cause merchants: the leading cause first. */
export const PAIRS: readonly (readonly [CauseId, CauseId])[] = [
  ['credit-card-cash-out', 'frequent-large-amounts'],
  ['fictitious-transactions', 'complaints-and-disputes'],
  ['security-compromise', 'high-failure-rate'],
  ['kyc-deficiency', 'contract-ended'],
  ['fraud-related-freeze', 'settlement-account-problem'],
  ['mcc-mismatch', 'code-jumping'],
  ['terminal-relocation', 'security-compromise'],
  ['micro-merchant-limit', 'credit-card-cash-out'],
  ['dormant-account', 'kyc-deficiency'],
  ['acquirer-exit', 'contract-ended'],
  ['policy-rectification', 'complaints-and-disputes'],
  ['settlement-irregularity', 'settlement-account-problem'],
  ['high-failure-rate', 'security-compromise'],
  ['code-jumping', 'mcc-mismatch'],
  ['complaints-and-disputes', 'fictitious-transactions'],
  ['frequent-large-amounts', 'terminal-relocation'],
  ['contract-ended', 'kyc-deficiency'],
  ['credit-card-cash-out', 'fictitious-transactions'],
];

/** A 32-bit mix of two integers (splitmix-style), so merchant `i` of a seed never depends on `count`. */
function mix(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(b + 0x632be5ab, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** The slot of merchant `i`: blocks of 20 in a per-block shuffled order. */
export function slotOf(seed: number, i: number): Slot {
  const block = Math.floor(i / 20);
  const order = createRng(mix(seed, 0x5eed0000 + block)).shuffle(BLOCK);
  return order[i % 20] ?? 'single';
}

/** How many slots of a kind precede merchant `i` (to cycle causes and scenarios). */
function ordinal(seed: number, i: number, slot: Slot): number {
  let n = 0;
  for (let j = 0; j < i; j++) if (slotOf(seed, j) === slot) n++;
  return n;
}

function planDraft(rng: Rng, spec: CauseSpec, cnyOnly: boolean): Draft {
  const plan = spec.plan;
  const volume = plan.volume !== undefined ? rng.real(plan.volume[0], plan.volume[1]) : 1;
  return createDraft(rng, {
    mcc: rng.pick(plan.mccs),
    days: rng.int(plan.days[0], plan.days[1]),
    cnyOnly: cnyOnly || plan.cnyOnly,
    volume,
  });
}

function causeMerchant(rng: Rng, lead: CauseSpec, second: CauseSpec | undefined): Draft {
  const d = planDraft(rng, lead, second !== undefined);
  const strength = 0.6;
  lead.setup?.(d, 1, true);
  second?.setup?.(d, strength, false);
  if (lead.trade !== undefined) lead.trade(d);
  else ordinaryTrade(d);
  lead.inject(d, 1);
  second?.inject(d, strength);
  const hasEvent = (type: string): boolean => d.events.some((e) => e.type === type);
  const needsWords =
    (lead.id === 'acquirer-exit' && !hasEvent('contract-change')) ||
    (lead.id === 'fraud-related-freeze' && !hasEvent('fund-freeze') && !hasEvent('law-enforcement-request'));
  if (needsWords || lead.alwaysSuspended === true || rng.chance(0.85)) suspend(d, lead, second, needsWords);
  else d.story.push('not suspended yet (early warning)');
  return d;
}

/** Drops rows outside the period and after the suspension; a few refused attempts may follow it. */
function finish(d: Draft): void {
  const end = periodEnd(d);
  const stop = d.suspension?.local ?? end;
  d.txs = d.txs.filter((tx) => tx.local >= d.start && tx.local < stop);
  d.events = d.events.filter((e) => e.local >= d.start && e.local < end);
  if (d.suspension?.local !== undefined && d.rng.chance(0.25)) {
    for (let k = d.rng.int(1, 2); k > 0; k--) {
      const local = stop + d.rng.int(5, 300) * 60_000;
      if (local < end)
        addTx(d, { local, amount: ordinaryTicket(d), status: 'declined', code: d.rng.pick(['03', '58']), origin: 'after-suspension' });
    }
  }
  const seen = new Set<string>();
  for (const tx of d.txs) {
    while (seen.has(tx.id)) tx.id = `${tx.id}-${d.rng.int(1, 9)}`;
    seen.add(tx.id);
  }
}

function describe(d: Draft, head: string): string {
  const extra = d.story.length > 0 ? `; ${d.story.join('; ')}` : '';
  return `${head}; mcc ${d.mcc}${d.profile.mcc !== d.mcc ? ` (trades like ${d.profile.mcc})` : ''}; ${d.zone}; ${d.days} days${extra}`;
}

/** Builds merchant `i` of a seed. */
export function generateOne(seed: number, i: number): IndependentCase {
  const slot = slotOf(seed, i);
  const rng = createRng(mix(seed, i));
  let d: Draft;
  let label: { expected: CauseId | null; acceptable: CauseId[]; head: string };
  if (slot === 'single' || slot === 'double') {
    const n = ordinal(seed, i, slot);
    const [leadId, secondId] =
      slot === 'single'
        ? [CAUSES[(n + mix(seed, 7)) % CAUSES.length] as CauseId, undefined]
        : (PAIRS[n % PAIRS.length] as readonly [CauseId, CauseId]);
    const lead = CAUSE_SPECS[leadId];
    const second = secondId !== undefined ? CAUSE_SPECS[secondId] : undefined;
    d = causeMerchant(rng, lead, second);
    const acceptable = [...(secondId !== undefined ? [secondId] : []), ...(d.also as CauseId[])].filter(
      (c, k, all) => c !== leadId && all.indexOf(c) === k,
    );
    label = { expected: leadId, acceptable, head: secondId !== undefined ? `two causes: ${leadId} + ${secondId}` : `cause: ${leadId}` };
  } else {
    const pool: readonly CleanScenario[] = slot === 'healthy' ? [HEALTHY] : slot === 'look-alike' ? LOOKALIKES : NEAR_MISSES;
    const n = ordinal(seed, i, slot);
    const scenario = pool[(n + mix(seed, slot.length)) % pool.length] as CleanScenario;
    d = scenario.build(rng);
    const resembles = scenario.resembles !== undefined ? ` (resembles ${scenario.resembles})` : '';
    label = { expected: null, acceptable: [], head: slot === 'healthy' ? 'healthy' : `${slot}: ${scenario.name}${resembles}` };
  }
  finish(d);
  const caseFile = exportCaseFile(d);
  return { label: { expected: label.expected, acceptable: label.acceptable, note: describe(d, label.head) }, caseFile };
}

/**
 * Generates `count` labelled merchants for a seed, deterministically.
 *
 * @example
 * ```ts
 * const cases = generateIndependent({ seed: 7001, count: 400 });
 * const lines = cases.map(({ label, caseFile }) => JSON.stringify({ label, ...caseFile }));
 * ```
 */
export function generateIndependent(options: { seed: number; count: number }): IndependentCase[] {
  const { seed, count } = options;
  if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 0) throw new Error('seed and count must be integers, count ≥ 0');
  return Array.from({ length: count }, (_, i) => generateOne(seed, i));
}
