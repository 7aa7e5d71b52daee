/** A seeded restaurant whose decline rate follows a curve over the weeks: for early-warning tests. */
import type { CaseFileInput } from '../../src/contract/caseFile.js';
import { civilFromDays, daysFromCivil } from '../../src/time/timestamp.js';

type TxInput = CaseFileInput['transactions'][number];

/** Deterministic PRNG (mulberry32) so the noisy merchants are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A restaurant trading 40 attempts a day for `weeks` weeks ending Sunday 2026-10-25 (Asia/Shanghai),
 * whose decline probability on day d is `declineAt(d / days)`; declines are ordinary insufficient-funds
 * declines spread over many regular cards at normal amounts.
 */
export function driftingMerchant(
  seed: number,
  weeks: number,
  declineAt: (progress: number) => number,
  zone = 'Asia/Shanghai',
): CaseFileInput {
  const rng = random(seed);
  const days = weeks * 7;
  const lastDay = daysFromCivil(2026, 10, 25);
  const transactions: TxInput[] = [];
  for (let d = 0; d < days; d++) {
    const date = civilFromDays(lastDay - days + 1 + d);
    for (let k = 0; k < 40; k++) {
      const minute = 11 * 60 + Math.floor(rng() * 600);
      const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00`;
      const declined = rng() < declineAt(d / days);
      transactions.push({
        id: `T${d}-${k}`,
        at: `${date}T${time}${zone === 'Asia/Shanghai' ? '+08:00' : 'Z'}`,
        amount: 3_000 + Math.floor(rng() * 20_000),
        status: declined ? 'declined' : 'approved',
        responseCode: declined ? '51' : '00',
        card: { token: `card-${Math.floor(rng() * 2_000)}`, kind: rng() < 0.4 ? 'credit' : 'debit' },
        entryMode: 'chip',
      });
    }
  }
  return { merchant: { id: `EW-${seed}`, mcc: '5812', timezone: zone }, transactions };
}
