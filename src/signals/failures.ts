/** Failure signals (交易失败率过高): decline rate, card-testing bursts, declines that point at bad cards. */
import type { FamilySignals } from './catalog.js';
import { FLAG, type Prepared, share } from './prepare.js';
import { isSuspiciousResponseCode } from './referenceData.js';

/** Computes the `failures` family. */
export function failureSignals(p: Prepared): FamilySignals<'failures'> {
  const { txs, ms, options } = p;
  let attempts = 0;
  let declines = 0;
  let suspicious = 0;
  const declinedCards = new Set<string>();
  // Declines with a card, in time order, for the burst scan.
  const declinedIndexes: number[] = [];
  for (let i = 0; i < txs.length; i++) {
    const f = p.flags[i] as number;
    if ((f & FLAG.attempt) === 0) continue;
    attempts++;
    if ((f & FLAG.declined) === 0) continue;
    const tx = txs[i] as (typeof txs)[number];
    declines++;
    if (isSuspiciousResponseCode(tx.responseCode)) suspicious++;
    if (tx.card) {
      declinedCards.add(tx.card.token);
      declinedIndexes.push(i);
    }
  }
  return {
    attemptCount: attempts,
    declineCount: declines,
    declineRate: share(declines, attempts),
    cardTestingBursts: countBursts(p, declinedIndexes, options.cardTestingMinutes * 60_000, options.cardTestingCards),
    suspiciousDeclineCount: suspicious,
    suspiciousDeclineShare: share(suspicious, declines),
    declinedCardCount: declinedCards.size,
  };

  /** Disjoint windows, greedy from the earliest decline, holding at least `minCards` distinct cards. */
  function countBursts(prepared: Prepared, indexes: readonly number[], windowMs: number, minCards: number): number {
    let bursts = 0;
    let start = 0;
    while (start < indexes.length) {
      const t0 = ms[indexes[start] as number] as number;
      const cards = new Set<string>();
      let end = start;
      while (end < indexes.length && (ms[indexes[end] as number] as number) - t0 <= windowMs) {
        cards.add((prepared.txs[indexes[end] as number] as (typeof txs)[number]).card?.token ?? '');
        end++;
      }
      if (cards.size >= minCards) {
        bursts++;
        start = end;
      } else {
        start++;
      }
    }
    return bursts;
  }
}
