/** Cash-out shape signals (信用卡套现): round and near-limit amounts, credit cards, the same card repeating, night sales, split sales. */
import { isNight } from './amounts.js';
import { cashOutCardSignals, limitBandTest } from './cashOutCards.js';
import type { FamilySignals } from './catalog.js';
import { columnSpec, columnsOf } from './columns.js';
import { FLAG, isMultipleOf, type Prepared, share } from './prepare.js';

const MS_PER_MINUTE = 60_000;
/** Per card: its current day and what it did that day, its list of sales, its cash-out-shaped days. */
const CARD_DAY_COLUMNS = columnSpec({
  cardDay: 'i32',
  daySales: 'i32',
  dayRoundish: 'i32',
  dayCredit: 'u8',
  dayNight: 'u8',
  firstSale: 'i32',
  lastSale: 'i32',
  roundDaysOfCard: 'i32',
  roundNightDaysOfCard: 'i32',
});
/** Per sale position: the next sale of the same card, the sale's time and amount. */
const SALE_COLUMNS = columnSpec({ nextSale: 'i32', saleMs: 'f64', saleAmount: 'f64' });

/**
 * Computes the `cashOut` family in one pass over the approved sales. Per-card state lives in typed
 * arrays indexed by card number (no per-sale allocation); a card's day is settled when the card
 * next appears on a later day, or at the end.
 */
export function cashOutSignals(p: Prepared): FamilySignals<'cashOut'> {
  const { sales, day, hour, ms, card, flags, options } = p;
  const isNearLimit = nearLimitTest(p);
  const cards = p.cardTokens.length;

  // The current day of each card and what it did that day; each card's sales as a linked list over
  // sale positions (first, last), for the split-sale scan; per card, its card-days with the cash-out
  // shape, and how many of them had a night sale.
  const { cardDay, daySales, dayRoundish, dayCredit, dayNight, firstSale, lastSale, roundDaysOfCard, roundNightDaysOfCard } = columnsOf(
    cards,
    CARD_DAY_COLUMNS,
  );
  cardDay.fill(-2147483648);
  firstSale.fill(-1);
  lastSale.fill(-1);
  // Per sale position: the next sale of the same card, and the sale's time and amount copied in sale
  // order, so the split-sale scan reads one dense array instead of chasing sales[k] into the columns.
  const { nextSale, saleMs, saleAmount } = columnsOf(sales.length, SALE_COLUMNS);
  nextSale.fill(-1);

  let round = 0;
  let nearLimit = 0;
  let credit = 0;
  let creditRound = 0;
  let night = 0;
  let sameCardMaxSalesPerDay = 0;
  let repeatCardDays = 0;
  let repeatCardSales = 0;
  let heavyCardSales = 0;

  const settle = (c: number) => {
    const n = daySales[c] as number;
    if (n >= options.heavyCardDailySales) heavyCardSales += n;
    if (n < options.sameCardDailyRepeat) return;
    repeatCardDays++;
    repeatCardSales += n;
    if (dayCredit[c] === 1 && (dayRoundish[c] as number) * 2 >= n) {
      roundDaysOfCard[c] = (roundDaysOfCard[c] as number) + 1;
      if (dayNight[c] === 1) roundNightDaysOfCard[c] = (roundNightDaysOfCard[c] as number) + 1;
    }
  };

  for (let k = 0; k < sales.length; k++) {
    const i = sales[k] as number;
    const amount = p.amount[i] as number;
    saleMs[k] = ms[i] as number;
    saleAmount[k] = amount;
    const isRound = isMultipleOf(amount, options.roundAmountUnit);
    const isNear = isNearLimit(amount);
    const isCredit = ((flags[i] as number) & FLAG.credit) !== 0;
    const atNight = isNight(hour[i] as number, options.nightStartHour, options.nightEndHour);
    if (isRound) round++;
    if (isCredit) credit++;
    if (isRound && isCredit) creditRound++;
    if (isNear) nearLimit++;
    if (atNight) night++;

    const c = card[i] as number;
    if (c < 0) continue;
    const d = day[i] as number;
    if (cardDay[c] !== d) {
      if (cardDay[c] !== -2147483648) settle(c);
      cardDay[c] = d;
      daySales[c] = 0;
      dayRoundish[c] = 0;
      dayCredit[c] = 0;
      dayNight[c] = 0;
    }
    const n = (daySales[c] as number) + 1;
    daySales[c] = n;
    if ((isRound || isNear) && amount >= options.cashOutMinAmount) dayRoundish[c] = (dayRoundish[c] as number) + 1;
    if (isCredit) dayCredit[c] = 1;
    if (atNight) dayNight[c] = 1;
    if (n > sameCardMaxSalesPerDay) sameCardMaxSalesPerDay = n;

    if (firstSale[c] === -1) firstSale[c] = k;
    else nextSale[lastSale[c] as number] = k;
    lastSale[c] = k;
  }
  for (let c = 0; c < cards; c++) if (cardDay[c] !== -2147483648) settle(c);
  // Only cards that come back with the pattern on two or more days count: one customer's busy day at a
  // wholesaler is not the habit of cashing out a credit line.
  let repeatCreditRoundDays = 0;
  let repeatCreditRoundNightDays = 0;
  for (let c = 0; c < cards; c++) {
    if ((roundDaysOfCard[c] as number) < 2) continue;
    repeatCreditRoundDays += roundDaysOfCard[c] as number;
    repeatCreditRoundNightDays += roundNightDaysOfCard[c] as number;
  }

  let splitSaleClusters = 0;
  const windowMs = options.splitWindowMinutes * MS_PER_MINUTE;
  const msOf = (k: number) => saleMs[k] as number;
  const amountOf = (k: number) => saleAmount[k] as number;
  for (let c = 0; c < cards; c++) {
    splitSaleClusters += countClusters(firstSale[c] as number, nextSale, msOf, amountOf, windowMs, options);
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
    heavyCardSaleShare: share(heavyCardSales, n),
    repeatCreditRoundDays,
    repeatCreditRoundNightDays,
    nightSaleShare: share(night, n),
    splitSaleClusters,
    ...cashOutCardSignals(p),
  };
}

/**
 * The "just under a limit" test of one merchant: within `nearLimitBand` below a round limit or the
 * merchant's single-sale limit (e.g. 9,999 CNY). Limits and their floors are worked out once.
 */
export function nearLimitTest(p: Prepared): (amount: number) => boolean {
  return limitBandTest(p, p.options.nearLimitBand);
}

/**
 * Disjoint clusters in one card's time-ordered sales (a linked list from `first` through `next`): at
 * least `splitMinSales` sales within the window whose total reaches the split threshold. Greedy from
 * the earliest sale, so the count depends on nothing but the sales themselves.
 */
function countClusters(
  first: number,
  next: Int32Array,
  msOf: (k: number) => number,
  amountOf: (k: number) => number,
  windowMs: number,
  options: Prepared['options'],
): number {
  let clusters = 0;
  let start = first;
  while (start !== -1) {
    const t0 = msOf(start);
    let end = start;
    let count = 0;
    let total = 0;
    while (end !== -1 && msOf(end) - t0 <= windowMs) {
      total += amountOf(end);
      count++;
      end = next[end] as number;
    }
    if (count >= options.splitMinSales && total >= options.splitSaleThreshold) {
      clusters++;
      start = end;
    } else {
      start = next[start] as number;
    }
  }
  return clusters;
}
