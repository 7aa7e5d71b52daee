/** Failure signals (交易失败率过高): decline rate, card-testing bursts, declines that point at bad cards. */
import type { FamilySignals } from './catalog.js';
import { FLAG, type Prepared, share } from './prepare.js';
import { responseCodeFamily } from './referenceData.js';

/** Computes the `failures` family. */
export function failureSignals(p: Prepared): FamilySignals<'failures'> {
  const { txs, options } = p;
  let attempts = 0;
  let declines = 0;
  let suspicious = 0;
  let outage = 0;
  const declinedCards = new Set<number>();
  // Declines with a card, in time order, for the burst scan.
  const declinedIndexes: number[] = [];
  for (let i = 0; i < txs.length; i++) {
    const f = p.flags[i] as number;
    if ((f & FLAG.attempt) === 0) continue;
    attempts++;
    if ((f & FLAG.declined) === 0) continue;
    const tx = txs[i] as (typeof txs)[number];
    declines++;
    const family = responseCodeFamily(tx.responseCode);
    if (family?.suspicious) suspicious++;
    if ((p.card[i] as number) >= 0) declinedCards.add(p.card[i] as number);
    // An issuer or network outage declines every card at once: it says nothing about the cards.
    if (family?.outage) outage++;
    else if ((p.card[i] as number) >= 0) declinedIndexes.push(i);
  }
  return {
    attemptCount: attempts,
    declineCount: declines,
    declineRate: share(declines, attempts),
    outageDeclineCount: outage,
    cardDeclineRate: share(declines - outage, attempts - outage),
    cardTestingBursts: countBursts(p, declinedIndexes, options.cardTestingMinutes * 60_000, options.cardTestingCards),
    suspiciousDeclineCount: suspicious,
    suspiciousDeclineShare: share(suspicious, declines),
    declinedCardCount: declinedCards.size,
  };
}

/**
 * Card-testing bursts: disjoint windows (greedy from the earliest decline that is not an outage) in which at least
 * `minCards` distinct cards are declined and declines are at least as many as approved sales. The
 * second condition is what tells an attack from a busy till: a terminal with a normal failure rate
 * never has half its attempts fail for ten minutes, while a card tester's run is mostly failures.
 */
function countBursts(p: Prepared, declined: readonly number[], windowMs: number, minCards: number): number {
  // A loop: Float64Array.from with a mapping function is many times slower.
  const saleTimes = new Float64Array(p.sales.length);
  for (let k = 0; k < p.sales.length; k++) saleTimes[k] = p.ms[p.sales[k] as number] as number;
  let bursts = 0;
  let start = 0;
  while (start < declined.length) {
    const t0 = p.ms[declined[start] as number] as number;
    const cards = new Set<number>();
    let end = start;
    while (end < declined.length && (p.ms[declined[end] as number] as number) - t0 <= windowMs) {
      cards.add(p.card[declined[end] as number] as number);
      end++;
    }
    const approved = upperBound(saleTimes, t0 + windowMs) - lowerBound(saleTimes, t0);
    if (cards.size >= minCards && end - start >= approved) {
      bursts++;
      start = end;
    } else {
      start++;
    }
  }
  return bursts;
}

/** First index whose value is >= x, in ascending values. */
function lowerBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is > x, in ascending values. */
function upperBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
