/** Cash-out shape signals (信用卡套现): round and near-limit amounts, credit cards, the same card repeating, night sales, split sales. */
import { isNight } from './amounts.js';
import type { FamilySignals } from './catalog.js';
import { type Prepared, share } from './prepare.js';

const MS_PER_MINUTE = 60_000;

/** Computes the `cashOut` family. */
export function cashOutSignals(p: Prepared): FamilySignals<'cashOut'> {
  const { txs, sales, day, hour, ms, options } = p;
  const limits = nearLimitTargets(options.roundLimits, p.caseFile.merchant.singleSaleLimit);
  const band = options.nearLimitBand;

  let round = 0;
  let nearLimit = 0;
  let credit = 0;
  let creditRound = 0;
  let night = 0;
  let sameCardMaxSalesPerDay = 0;
  let repeatCardDays = 0;
  let repeatCardSales = 0;
  let repeatCreditRoundDays = 0;
  let repeatCreditRoundNightDays = 0;
  const salesByCard = new Map<string, number[]>();

  // One local day of one card: how many sales, how many round or near-limit, any credit, any at night.
  interface CardDay {
    sales: number;
    roundish: number;
    credit: boolean;
    night: boolean;
  }
  let cardDays = new Map<string, CardDay>();
  let currentDay = Number.NaN;
  const closeDay = () => {
    for (const cd of cardDays.values()) {
      if (cd.sales < options.sameCardDailyRepeat) continue;
      repeatCardDays++;
      repeatCardSales += cd.sales;
      if (cd.credit && cd.roundish * 2 >= cd.sales) {
        repeatCreditRoundDays++;
        if (cd.night) repeatCreditRoundNightDays++;
      }
    }
  };

  for (const i of sales) {
    const tx = txs[i] as (typeof txs)[number];
    const isRound = tx.amount % options.roundAmountUnit === 0;
    const isNear = isNearLimit(tx.amount, limits, band);
    const isCredit = tx.card?.kind === 'credit';
    const atNight = isNight(hour[i] as number, options.nightStartHour, options.nightEndHour);
    if (isRound) round++;
    if (isCredit) credit++;
    if (isRound && isCredit) creditRound++;
    if (isNear) nearLimit++;
    if (atNight) night++;

    if (day[i] !== currentDay) {
      closeDay();
      cardDays = new Map();
      currentDay = day[i] as number;
    }
    const token = tx.card?.token;
    if (token === undefined) continue;
    let cd = cardDays.get(token);
    if (!cd) {
      cd = { sales: 0, roundish: 0, credit: false, night: false };
      cardDays.set(token, cd);
    }
    cd.sales++;
    if ((isRound || isNear) && tx.amount >= options.cashOutMinAmount) cd.roundish++;
    if (isCredit) cd.credit = true;
    if (atNight) cd.night = true;
    if (cd.sales > sameCardMaxSalesPerDay) sameCardMaxSalesPerDay = cd.sales;
    const list = salesByCard.get(token);
    if (list) list.push(i);
    else salesByCard.set(token, [i]);
  }
  closeDay();

  let splitSaleClusters = 0;
  const windowMs = options.splitWindowMinutes * MS_PER_MINUTE;
  for (const list of salesByCard.values()) {
    splitSaleClusters += countClusters(list, ms, (i) => (txs[i] as (typeof txs)[number]).amount, windowMs, options);
  }

  const n = sales.length;
  return {
    roundAmountShare: share(round, n),
    nearLimitShare: share(nearLimit, n),
    creditShare: share(credit, n),
    creditRoundShare: share(creditRound, n),
    sameCardMaxSalesPerDay,
    repeatCardDays,
    repeatCardSaleShare: share(repeatCardSales, n),
    repeatCreditRoundDays,
    repeatCreditRoundNightDays,
    nightSaleShare: share(night, n),
    splitSaleClusters,
  };
}

function nearLimitTargets(roundLimits: readonly number[], singleSaleLimit: number | undefined): number[] {
  const targets = singleSaleLimit === undefined ? [...roundLimits] : [...roundLimits, singleSaleLimit];
  return targets.sort((a, b) => a - b);
}

function isNearLimit(amount: number, limits: readonly number[], band: number): boolean {
  for (const limit of limits) {
    if (amount < limit && amount >= limit * (1 - band)) return true;
  }
  return false;
}

/**
 * Disjoint clusters in one card's time-ordered sales: at least `splitMinSales` sales within the
 * window whose total reaches the split threshold. Greedy from the earliest sale, so the count does
 * not depend on anything but the sales themselves.
 */
function countClusters(
  list: readonly number[],
  ms: Float64Array,
  amountOf: (i: number) => number,
  windowMs: number,
  options: Prepared['options'],
): number {
  if (list.length < options.splitMinSales) return 0;
  let clusters = 0;
  let start = 0;
  while (start + options.splitMinSales <= list.length) {
    const t0 = ms[list[start] as number] as number;
    let end = start;
    let total = 0;
    while (end < list.length && (ms[list[end] as number] as number) - t0 <= windowMs) {
      total += amountOf(list[end] as number);
      end++;
    }
    if (end - start >= options.splitMinSales && total >= options.splitSaleThreshold) {
      clusters++;
      start = end;
    } else {
      start++;
    }
  }
  return clusters;
}
