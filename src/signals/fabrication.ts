/** Fabrication signals (虚假交易 / 刷单): few cards, machine-regular timing, identical amounts, quick refunds, keyed entry. */
import type { FamilySignals } from './catalog.js';
import { FLAG, type Prepared, share } from './prepare.js';

const MAX_REGULAR_GAP_MS = 6 * 3_600_000;
const MIN_GAPS = 10;
const MIN_SALES_FOR_REPEATS = 20;
const TOP_CARDS = 3;

/** Computes the `fabrication` family. */
export function fabricationSignals(p: Prepared): FamilySignals<'fabrication'> {
  const { sales, ms, card, flags } = p;
  const n = sales.length;

  const perCard = new Int32Array(p.cardTokens.length);
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

  let cardCount = 0;
  const top = new Array<number>(TOP_CARDS).fill(0);
  for (const count of perCard) {
    if (count === 0) continue;
    cardCount++;
    if (count > (top[TOP_CARDS - 1] as number)) {
      top[TOP_CARDS - 1] = count;
      top.sort((a, b) => b - a);
    }
  }
  const topCardSales = top.reduce((sum, c) => sum + c, 0);
  const mostFrequentAmount = longestRun(p.sortedSaleAmounts);

  return {
    cardCount,
    distinctCardRatio: withCard > 0 ? cardCount / withCard : 1,
    topCardShare: share(topCardSales, withCard),
    intervalRegularity: regularity(gapCount, gapSum, gapSquares),
    repeatedAmountShare: n >= MIN_SALES_FOR_REPEATS ? mostFrequentAmount / n : 0,
    ...refundSignals(p),
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
 */
function refundSignals(p: Prepared): { refundShare: number; quickRefundShare: number } {
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
    if (saleIndex !== undefined && (ms[i] as number) - (ms[saleIndex] as number) <= quickMs) quick++;
  }
  const n = sales.length;
  return {
    refundShare: Math.min(1, share(refunds, n)),
    quickRefundShare: Math.min(1, share(quick, n)),
  };
}
