/** Fabrication signals (虚假交易 / 刷单): few cards, machine-regular timing, identical amounts, quick refunds, keyed entry. */
import type { FamilySignals } from './catalog.js';
import { columnSpec, columnsOf } from './columns.js';
import { FLAG, type Prepared, saleAmountsAscending, share } from './prepare.js';
import { takesDeposits } from './referenceData.js';

const MAX_REGULAR_GAP_MS = 6 * 3_600_000;
const MIN_GAPS = 10;
const MIN_SALES_FOR_REPEATS = 20;
/** Least sales of a card before its entry mode says anything about it. */
const KEYED_CARD_MIN_SALES = 3;
/** Per card: its sales, its keyed sales, and whether it is in the keyed cluster. */
const PER_CARD_COLUMNS = columnSpec({ perCard: 'i32', keyedPerCard: 'i32', inCluster: 'u8' });

/** Computes the `fabrication` family. */
export function fabricationSignals(p: Prepared): FamilySignals<'fabrication'> {
  const { sales, ms, card, flags } = p;
  const n = sales.length;

  // Per card: its sales, its keyed sales, and whether it is in the keyed cluster (see keyedCardSignals).
  const perCardColumns = columnsOf(p.cardTokens.length, PER_CARD_COLUMNS);
  const { perCard } = perCardColumns;
  let withCard = 0;
  let keyed = 0;
  let fallback = 0;
  let gapCount = 0;
  let gapSum = 0;
  let gapSquares = 0;
  for (let k = 0; k < n; k++) {
    const i = sales[k] as number;
    const c = card[i] as number;
    if (c >= 0) {
      withCard++;
      perCard[c] = (perCard[c] as number) + 1;
    }
    const f = flags[i] as number;
    if (f & FLAG.keyed) keyed++;
    else if (f & FLAG.fallback) fallback++;
    if (k > 0) {
      const gap = (ms[i] as number) - (ms[sales[k - 1] as number] as number);
      if (gap < MAX_REGULAR_GAP_MS) {
        gapCount++;
        gapSum += gap;
        gapSquares += gap * gap;
      }
    }
  }

  // The TOP_CARDS (three) busiest cards' sales, kept in three variables: first ≥ second ≥ third.
  let cardCount = 0;
  let first = 0;
  let second = 0;
  let third = 0;
  for (let c = 0; c < perCard.length; c++) {
    const count = perCard[c] as number;
    if (count === 0) continue;
    cardCount++;
    if (count <= third) continue;
    if (count > first) {
      third = second;
      second = first;
      first = count;
    } else if (count > second) {
      third = second;
      second = count;
    } else third = count;
  }
  const topCardSales = first + second + third;
  const mostFrequentAmount = longestRun(saleAmountsAscending(p));
  const quickReversed = new Uint8Array(p.txs.length);
  const refunds = refundSignals(p, quickReversed);

  return {
    cardCount,
    distinctCardRatio: withCard > 0 ? cardCount / withCard : 1,
    topCardShare: share(topCardSales, withCard),
    intervalRegularity: regularity(gapCount, gapSum, gapSquares),
    repeatedAmountShare: n >= MIN_SALES_FOR_REPEATS ? mostFrequentAmount / n : 0,
    ...refunds,
    ...keyedCardSignals(p, perCardColumns, quickReversed),
    keyedShare: share(keyed, n),
    fallbackShare: share(fallback, n),
  };
}

/** Length of the longest run of equal values in ascending values: how often the most frequent one occurs. */
function longestRun(sorted: Float64Array): number {
  let best = 0;
  let run = 0;
  for (let k = 0; k < sorted.length; k++) {
    run = k > 0 && sorted[k] === sorted[k - 1] ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

/** 1 − coefficient of variation of the gaps, clipped to 0–1; 0 with too few gaps. */
function regularity(count: number, sum: number, squares: number): number {
  if (count < MIN_GAPS || sum <= 0) return 0;
  const mean = sum / count;
  const variance = Math.max(0, squares / count - mean * mean);
  const cv = Math.sqrt(variance) / mean;
  return Math.min(1, Math.max(0, 1 - cv));
}

/**
 * Refunds and voids, and how many came within `quickRefundHours` of their sale. The sales they point
 * at are found in one time-ordered pass that indexes only the sales some reversal can refer to.
 * In categories that take deposits as sales (hotels, rental, hospitals), a refund of a sale's full
 * amount on a later local day is the deposit released at check-out, not a quick refund. Marks the
 * quickly reversed sales in `quickReversed` (by transaction index).
 */
function refundSignals(p: Prepared, quickReversed: Uint8Array): { refundShare: number; quickRefundShare: number } {
  const { txs, ms, sales } = p;
  const referred = new Set<string>();
  const unnamedAmounts = new Set<number>();
  let refunds = 0;
  for (let i = 0; i < txs.length; i++) {
    if (((p.flags[i] as number) & FLAG.reversal) === 0) continue;
    const tx = txs[i] as (typeof txs)[number];
    refunds++;
    if (tx.refersTo !== undefined) referred.add(tx.refersTo);
    else if (tx.card) unnamedAmounts.add(tx.amount);
  }
  if (refunds === 0) return { refundShare: 0, quickRefundShare: 0 };

  const quickMs = p.options.quickRefundHours * 3_600_000;
  const deposits = takesDeposits(p.caseFile.merchant.mcc);
  const saleById = new Map<string, number>();
  // Latest earlier approved sale per (card, amount), for reversals that do not name their sale.
  const lastSaleByCardAmount = new Map<string, number>();
  let quick = 0;
  for (let i = 0; i < txs.length; i++) {
    const f = p.flags[i] as number;
    if ((f & (FLAG.sale | FLAG.reversal)) === 0) continue;
    const tx = txs[i] as (typeof txs)[number];
    if (f & FLAG.sale) {
      if (referred.has(tx.id)) saleById.set(tx.id, i);
      if (tx.card && unnamedAmounts.has(tx.amount)) lastSaleByCardAmount.set(`${tx.card.token}|${tx.amount}`, i);
      continue;
    }
    const saleIndex =
      tx.refersTo !== undefined
        ? saleById.get(tx.refersTo)
        : tx.card
          ? lastSaleByCardAmount.get(`${tx.card.token}|${tx.amount}`)
          : undefined;
    if (saleIndex === undefined || (ms[i] as number) - (ms[saleIndex] as number) > quickMs) continue;
    if (deposits && tx.type === 'refund' && tx.amount === p.amount[saleIndex] && p.day[i] !== p.day[saleIndex]) continue;
    quick++;
    quickReversed[saleIndex] = 1;
  }
  const n = sales.length;
  return {
    refundShare: Math.min(1, share(refunds, n)),
    quickRefundShare: Math.min(1, share(quick, n)),
  };
}

/**
 * The keyed-card cluster: cards with at least three approved sales, at least half of them keyed. A
 * card-present shop keys a customer's card only when the chip fails; a card keyed on most visits is a
 * number on file. Measured within the cluster (so genuine customers around it do not dilute it):
 * how many sales it made, the share of them whose amount the same card paid before or after (the
 * same price points again and again), and the share reversed quickly.
 */
function keyedCardSignals(
  p: Prepared,
  { perCard, keyedPerCard, inCluster }: { perCard: Int32Array; keyedPerCard: Int32Array; inCluster: Uint8Array },
  quickReversed: Uint8Array,
) {
  const { sales, card, flags } = p;
  for (let k = 0; k < sales.length; k++) {
    const i = sales[k] as number;
    const c = card[i] as number;
    if (c >= 0 && (flags[i] as number) & FLAG.keyed) keyedPerCard[c] = (keyedPerCard[c] as number) + 1;
  }
  let clusterCards = 0;
  let clusterSales = 0;
  for (let c = 0; c < perCard.length; c++) {
    const n = perCard[c] as number;
    if (n >= KEYED_CARD_MIN_SALES && (keyedPerCard[c] as number) * 2 >= n) {
      inCluster[c] = 1;
      clusterCards++;
      clusterSales += n;
    }
  }
  if (clusterSales === 0)
    return { keyedCardCount: 0, keyedCardSaleCount: 0, keyedCardRepeatedAmountShare: 0, keyedCardQuickReversalShare: 0 };

  const members = new Int32Array(clusterSales);
  let m = 0;
  let quick = 0;
  for (let k = 0; k < sales.length; k++) {
    const i = sales[k] as number;
    const c = card[i] as number;
    if (c < 0 || inCluster[c] === 0) continue;
    members[m++] = i;
    if (quickReversed[i] === 1) quick++;
  }
  // By card, then amount: a run of two or more equal (card, amount) pairs is a repeated price point.
  members.sort((a, b) => (card[a] as number) - (card[b] as number) || (p.amount[a] as number) - (p.amount[b] as number));
  let repeated = 0;
  let run = 1;
  for (let j = 1; j <= members.length; j++) {
    const same =
      j < members.length &&
      card[members[j] as number] === card[members[j - 1] as number] &&
      p.amount[members[j] as number] === p.amount[members[j - 1] as number];
    if (same) run++;
    else {
      if (run >= 2) repeated += run;
      run = 1;
    }
  }
  return {
    keyedCardCount: clusterCards,
    keyedCardSaleCount: clusterSales,
    keyedCardRepeatedAmountShare: share(repeated, clusterSales),
    keyedCardQuickReversalShare: share(quick, clusterSales),
  };
}
