/** Fabrication signals (虚假交易 / 刷单): few cards, machine-regular timing, identical amounts, quick refunds, keyed entry. */
import type { FamilySignals } from './catalog.js';
import { type Prepared, share } from './prepare.js';

const MAX_REGULAR_GAP_MS = 6 * 3_600_000;
const MIN_GAPS = 10;
const MIN_SALES_FOR_REPEATS = 20;
const TOP_CARDS = 3;

/** Computes the `fabrication` family. */
export function fabricationSignals(p: Prepared): FamilySignals<'fabrication'> {
  const { txs, sales, ms } = p;
  const n = sales.length;

  const perCard = new Map<string, number>();
  const perAmount = new Map<number, number>();
  let withCard = 0;
  let keyed = 0;
  let fallback = 0;
  let gapCount = 0;
  let gapSum = 0;
  let gapSquares = 0;
  for (let k = 0; k < n; k++) {
    const i = sales[k] as number;
    const tx = txs[i] as (typeof txs)[number];
    if (tx.card) {
      withCard++;
      perCard.set(tx.card.token, (perCard.get(tx.card.token) ?? 0) + 1);
    }
    perAmount.set(tx.amount, (perAmount.get(tx.amount) ?? 0) + 1);
    if (tx.entryMode === 'keyed') keyed++;
    else if (tx.entryMode === 'fallback') fallback++;
    if (k > 0) {
      const gap = (ms[i] as number) - (ms[sales[k - 1] as number] as number);
      if (gap < MAX_REGULAR_GAP_MS) {
        gapCount++;
        gapSum += gap;
        gapSquares += gap * gap;
      }
    }
  }

  const topCounts = [...perCard.values()].sort((a, b) => b - a).slice(0, TOP_CARDS);
  const topCardSales = topCounts.reduce((sum, c) => sum + c, 0);
  let mostFrequentAmount = 0;
  for (const c of perAmount.values()) if (c > mostFrequentAmount) mostFrequentAmount = c;

  return {
    cardCount: perCard.size,
    distinctCardRatio: withCard > 0 ? perCard.size / withCard : 1,
    topCardShare: share(topCardSales, withCard),
    intervalRegularity: regularity(gapCount, gapSum, gapSquares),
    repeatedAmountShare: n >= MIN_SALES_FOR_REPEATS ? mostFrequentAmount / n : 0,
    ...refundSignals(p),
    keyedShare: share(keyed, n),
    fallbackShare: share(fallback, n),
  };
}

/** 1 − coefficient of variation of the gaps, clipped to 0–1; 0 with too few gaps. */
function regularity(count: number, sum: number, squares: number): number {
  if (count < MIN_GAPS || sum <= 0) return 0;
  const mean = sum / count;
  const variance = Math.max(0, squares / count - mean * mean);
  const cv = Math.sqrt(variance) / mean;
  return Math.min(1, Math.max(0, 1 - cv));
}

function refundSignals(p: Prepared): { refundShare: number; quickRefundShare: number } {
  const { txs, ms, sales } = p;
  const quickMs = p.options.quickRefundHours * 3_600_000;
  const saleIndexById = new Map<string, number>();
  // Latest earlier approved sale per (card, amount), for reversals that do not name their sale.
  const lastSaleByCardAmount = new Map<string, number>();
  let refunds = 0;
  let quick = 0;
  for (let i = 0; i < txs.length; i++) {
    const tx = txs[i] as (typeof txs)[number];
    if (tx.type === 'sale') {
      if (tx.status === 'approved') {
        saleIndexById.set(tx.id, i);
        if (tx.card) lastSaleByCardAmount.set(`${tx.card.token}|${tx.amount}`, i);
      }
      continue;
    }
    if (tx.status !== 'approved') continue;
    refunds++;
    const saleIndex =
      tx.refersTo !== undefined
        ? saleIndexById.get(tx.refersTo)
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
