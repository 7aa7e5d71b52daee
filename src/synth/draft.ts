/**
 * The draft a generation builds: the shared state passed from the generator to the cause injectors
 * (kept apart so that generate and inject import it, not each other).
 */
import type { CaseFileInput } from '../contract/caseFile.js';
import type businesses from './businesses.json';
import type { Random } from './random.js';

/** A kind of business in `businesses.json`. */
export type BusinessKind = keyof typeof businesses.kinds;
/** Baseline trading of a kind of business. */
export type Business = (typeof businesses.kinds)[BusinessKind];

/** A transaction as the generator writes it. */
export type TxInput = CaseFileInput['transactions'][number];
/** An event as the generator writes it. */
export type EventInput = NonNullable<CaseFileInput['events']>[number];

/** Shared state of one generation, passed to the injectors. */
export interface Draft {
  readonly rng: Random;
  readonly business: Business;
  readonly merchant: CaseFileInput['merchant'] & { location: { lat: number; lng: number }; terminals: string[] };
  readonly transactions: TxInput[];
  readonly events: EventInput[];
  /** Local midnight (+08:00) of the first day, epoch ms. */
  readonly startMs: number;
  readonly days: number;
  readonly strength: number;
  nextId: number;
  /** How many of `transactions` (the first ones) are baseline trading. */
  baselineCount: number;
  /** Makes a transaction id. */
  id(): string;
  /** Local ISO timestamp (+08:00) of day `d` (0-based), at fractional hour `h`. */
  at(d: number, h: number): string;
}

/** A position within about a kilometre of the registered location. */
export function nearHome(draft: Draft): { lat: number; lng: number } {
  const { lat, lng } = draft.merchant.location;
  return { lat: round5(lat + (draft.rng.next() - 0.5) * 0.01), lng: round5(lng + (draft.rng.next() - 0.5) * 0.01) };
}

function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}
