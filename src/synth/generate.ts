/**
 * Seeded synthetic merchants for fixtures, examples, the batch file and benchmarks: weeks of
 * baseline trading shaped like a real business, then the behaviour of one or two causes injected.
 * Same options → same bytes.
 */
import type { CaseFileInput } from '../contract/caseFile.js';
import type { CauseId } from '../contract/causes.js';
import businesses from './businesses.json';
import { type BusinessKind, type Draft, type EventInput, nearHome, type TxInput } from './draft.js';
import { injectCause } from './inject.js';
import { createRandom, type Random } from './random.js';

/** What to generate. */
export interface GenerateOptions {
  readonly seed: number;
  readonly kind: BusinessKind;
  /** Causes to inject, first one expected on top. */
  readonly causes?: readonly CauseId[];
  /** 1 = clear case; below ~0.5 = near miss that should stay under the thresholds. */
  readonly strength?: number;
  /** Days of trading. Default 35. */
  readonly days?: number;
  /** Last local day of the window, `YYYY-MM-DD`. Default 2026-03-31. */
  readonly endDate?: string;
  /** Scale of the baseline volume. Default 1. */
  readonly volume?: number;
}

/** A generated case file with its label. */
export interface LabelledCase {
  readonly label: { readonly expected: CauseId | null; readonly acceptable: readonly CauseId[]; readonly note: string };
  readonly caseFile: CaseFileInput & { transactions: TxInput[]; events: EventInput[] };
}

const OFFSET_MS = 8 * 3_600_000;
const HOME = { lat: 31.2304, lng: 121.4737 };

/** Generates one labelled merchant. */
export function generateMerchant(options: GenerateOptions): LabelledCase {
  const rng = createRandom(options.seed);
  const business = businesses.kinds[options.kind];
  const days = options.days ?? 35;
  const end = Date.parse(`${options.endDate ?? '2026-03-31'}T00:00:00Z`);
  const startMs = end - (days - 1) * 86_400_000 - OFFSET_MS;
  const draft: Draft = {
    rng,
    business,
    merchant: {
      id: `M${String(options.seed).padStart(6, '0')}`,
      name: business.name,
      mcc: business.mcc,
      timezone: 'Asia/Shanghai',
      location: { lat: HOME.lat + rng.next() * 0.1, lng: HOME.lng + rng.next() * 0.1 },
      terminals: ['T01', 'T02'],
      registeredAt: '2023-05-10',
      kyc: { verified: true, documentsExpireAt: '2029-05-09' },
      contract: { status: 'active', endsAt: '2028-12-31' },
    },
    transactions: [],
    events: [],
    startMs,
    days,
    strength: options.strength ?? 1,
    nextId: 1,
    baselineCount: 0,
    id() {
      return `TX${String(this.nextId++).padStart(7, '0')}`;
    },
    at(d, h) {
      const ms = startMs + d * 86_400_000 + Math.round(h * 3_600_000) + OFFSET_MS;
      return `${new Date(ms).toISOString().slice(0, 19)}+08:00`;
    },
  };
  baseline(draft, options.volume ?? 1);
  draft.baselineCount = draft.transactions.length;
  // Causes that add transactions go first; those that change existing ones (where the terminal is,
  // how cards are read, ticket sizes, dormancy) go last, so they apply to the added ones too.
  const transforming: readonly CauseId[] = [
    'mcc-mismatch',
    'security-compromise',
    'terminal-relocation',
    'dormant-account',
    'code-jumping',
    'micro-merchant-limit',
  ];
  const order = [...(options.causes ?? [])].sort((a, b) => Number(transforming.includes(a)) - Number(transforming.includes(b)));
  for (const cause of order) injectCause(draft, cause);
  draft.transactions.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const causes = options.causes ?? [];
  const near = draft.strength < 0.6;
  return {
    label: {
      expected: near ? null : (causes[0] ?? null),
      acceptable: near ? [] : causes.slice(1),
      note: `${options.kind}${causes.length ? ` + ${causes.join(' + ')}` : ''}${near ? ' (near miss)' : ''}`,
    },
    caseFile: {
      merchant: draft.merchant,
      transactions: draft.transactions,
      events: draft.events,
    },
  };
}

/** Normal trading: a Poisson number of sales per day inside opening hours, peaks at lunch and evening. */
function baseline(draft: Draft, volume: number): void {
  const { rng, business } = draft;
  const open = business.open;
  const close = business.close <= business.open ? business.close + 24 : business.close;
  for (let d = 0; d < draft.days; d++) {
    const weekday = new Date(draft.startMs + OFFSET_MS + d * 86_400_000).getUTCDay();
    const factor = weekday === 0 || weekday === 6 ? business.weekend : 1;
    const count = rng.poisson(business.salesPerDay * factor * volume);
    for (let k = 0; k < count; k++) {
      const hour = open + (close - open) * busyHour(rng);
      addCustomerSale(draft, d, hour);
    }
    if (weekday !== 0 && weekday !== 6) regularsPay(draft, d);
  }
}

/** Regulars pay twice a working day (morning and lunch), each always the same amount. */
function regularsPay(draft: Draft, d: number): void {
  const { rng, business } = draft;
  for (let r = 0; r < business.regulars; r++) {
    if (!rng.chance(0.8)) continue;
    const amount = (2_000 + ((r * 613) % 30) * 100) * (r % 3 === 0 ? 2 : 1);
    for (const base of [8, 12.5]) {
      draft.transactions.push({
        id: draft.id(),
        at: draft.at(d, base + rng.next() * 1.2),
        amount,
        status: 'approved',
        card: { token: `tok_reg_${draft.merchant.id}_${r}`, kind: r % 4 === 0 ? 'credit' : 'debit' },
        entryMode: 'contactless',
        terminalId: 'T01',
        location: nearHome(draft),
      });
    }
  }
}

/** A point in the opening hours weighted towards two peaks. */
function busyHour(rng: Random): number {
  const u = rng.next();
  if (u < 0.35) return Math.min(0.999, Math.max(0, 0.3 + (rng.next() - 0.5) * 0.25));
  if (u < 0.7) return Math.min(0.999, Math.max(0, 0.75 + (rng.next() - 0.5) * 0.25));
  return rng.next();
}

/** One ordinary customer's attempt, declined now and then for ordinary reasons. */
export function addCustomerSale(draft: Draft, d: number, hour: number): void {
  const { rng, business } = draft;
  const customer = rng.int(1, business.customers);
  const credit = customer % 100 < business.credit * 100;
  let amount = Math.max(100, Math.round(rng.logNormal(business.ticket, business.sigma) * 100));
  if (rng.chance(business.round)) amount = Math.max(10_000, Math.round(amount / 10_000) * 10_000);
  const declined = rng.chance(0.025);
  draft.transactions.push({
    id: draft.id(),
    at: draft.at(d, hour),
    amount,
    type: 'sale',
    status: declined ? 'declined' : 'approved',
    ...(declined ? { responseCode: rng.pick(['51', '51', '05', '91', '61']) } : {}),
    card: { token: `tok_${draft.merchant.id}_${customer}`, kind: credit ? 'credit' : rng.chance(0.9) ? 'debit' : 'prepaid' },
    entryMode: rng.pick(['chip', 'chip', 'contactless', 'contactless', 'contactless', 'qr', 'swipe'] as const),
    terminalId: rng.chance(0.7) ? 'T01' : 'T02',
    location: nearHome(draft),
  });
  if (!declined && rng.chance(0.004)) {
    const sale = draft.transactions[draft.transactions.length - 1] as TxInput;
    draft.transactions.push({
      id: draft.id(),
      at: draft.at(Math.min(draft.days - 1, d + rng.int(0, 3)), hour + 0.5),
      amount: sale.amount,
      type: 'refund',
      status: 'approved',
      card: sale.card,
      refersTo: sale.id,
      terminalId: sale.terminalId,
    });
  }
}

export type { BusinessKind, Draft, EventInput, TxInput } from './draft.js';
