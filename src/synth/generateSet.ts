/**
 * A labelled population of merchants for backtests: healthy ones, legitimate look-alikes, near
 * misses, every cause alone and pairs of causes, over common MCCs, at varied strength and size.
 * Same seed and count → same merchants, byte for byte.
 */
import { CAUSE_IDS, type CauseId } from '../contract/causes.js';
import businesses from './businesses.json';
import { type BusinessKind, generateMerchant, type LabelledCase } from './generate.js';
import { createRandom } from './random.js';

/** What a generated set holds. */
export interface SetOptions {
  readonly seed: number;
  readonly count: number;
}

const ORDINARY: BusinessKind[] = ['supermarket', 'restaurant', 'hotel', 'electronics', 'apparel', 'gas-station', 'quiet-shop'];
const LOOKALIKES: BusinessKind[] = ['jeweller', 'bar', 'wholesaler', 'night-restaurant', 'cafe', 'gas-station', 'hotel'];
const ALL_KINDS = Object.keys(businesses.kinds) as BusinessKind[];

/** Kinds a cause is plausible for (cash-out and fabrication hide in ordinary shops). */
function kindsFor(cause: CauseId): BusinessKind[] {
  if (cause === 'mcc-mismatch') return ['restaurant', 'electronics', 'apparel', 'jeweller', 'quiet-shop'];
  if (cause === 'dormant-account') return ['quiet-shop', 'apparel', 'restaurant', 'electronics'];
  return ALL_KINDS.filter((k) => k !== 'cafe');
}

/** Generates the set lazily, one merchant at a time. */
export function* generateSet(options: SetOptions): Generator<LabelledCase> {
  const rng = createRandom(options.seed);
  for (let i = 0; i < options.count; i++) {
    const slot = i % 20;
    const seed = (options.seed * 1_000_003 + i) >>> 0;
    let kind: BusinessKind;
    let causes: CauseId[] = [];
    let strength = 0.8 + rng.next() * 0.5;
    if (slot < 3) kind = rng.pick(ORDINARY);
    else if (slot < 5) kind = rng.pick(LOOKALIKES);
    else if (slot < 7) {
      causes = [rng.pick(CAUSE_IDS)];
      kind = rng.pick(kindsFor(causes[0] as CauseId));
      strength = 0.3 + rng.next() * 0.15;
    } else if (slot < 18) {
      // Eleven single-cause slots per block of 20, cycling through the catalog so every cause appears evenly.
      causes = [CAUSE_IDS[(Math.floor(i / 20) * 11 + slot - 7) % CAUSE_IDS.length] as CauseId];
      kind = rng.pick(kindsFor(causes[0] as CauseId));
    } else {
      const first = rng.pick(CAUSE_IDS.filter((c) => c !== 'dormant-account'));
      const second = rng.pick(CAUSE_IDS.filter((c) => c !== first && c !== 'dormant-account'));
      causes = [first, second];
      kind = rng.pick(kindsFor(first).filter((k) => kindsFor(second).includes(k)));
    }
    const dormant = causes.includes('dormant-account');
    const perDay = businesses.kinds[kind].salesPerDay;
    const targetPerDay = dormant ? 4 : 8 + rng.next() * 30;
    yield generateMerchant({
      seed,
      kind,
      causes,
      strength,
      days: dormant ? 180 + rng.int(0, 80) : rng.int(28, 42),
      volume: Math.min(1, targetPerDay / perDay),
    });
  }
}
