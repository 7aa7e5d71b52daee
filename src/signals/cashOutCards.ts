/**
 * Cash-out by card (信用卡套现 without whole-hundred amounts): credit cards that come back on
 * different days with tickets large for the category, a few credit cards carrying most of the value,
 * varied amounts in the band under a limit, large tickets at night from returning cards.
 */
import { isNight } from './amounts.js';
import { columnSpec, columnsOf } from './columns.js';
import { FLAG, type Prepared, share } from './prepare.js';
import { mccProfile } from './referenceData.js';

const TOP_CREDIT_CARDS = 5;
const NO_DAY = -2147483648;
/** Per card: value, credit, days with a large ticket (and the last), night large days (and the last), night large sales, band sales. */
const PER_CARD_COLUMNS = columnSpec({
  value: 'f64',
  credit: 'u8',
  largeDays: 'i32',
  lastLargeDay: 'i32',
  nightLargeDays: 'i32',
  lastNightLargeDay: 'i32',
  nightLargeSales: 'i32',
  bandSales: 'i32',
});

/** The least amount of a ticket that is large for the merchant's category: `largeTicketFactor` × its typical ticket, at least `cashOutMinAmount`. */
export function largeTicketFor(p: Prepared): number {
  const { merchant } = p.caseFile;
  const profile = mccProfile(merchant.mcc, merchant.currency);
  const base = profile ? profile.typicalTicket * p.options.largeTicketFactor : p.options.largeTicketUnknownMcc;
  return Math.max(p.options.cashOutMinAmount, base);
}

/**
 * True for amounts within `band` (a fraction) below one of the merchant's limits: the round limits
 * and the acquirer-set single-sale limit (`merchant.singleSaleLimit`, `merchant.limits.perSale`).
 */
export function limitBandTest(p: Prepared, band: number): (amount: number) => boolean {
  const { merchant } = p.caseFile;
  const limits = [...p.options.roundLimits];
  if (merchant.singleSaleLimit !== undefined) limits.push(merchant.singleSaleLimit);
  if (merchant.limits?.perSale !== undefined) limits.push(merchant.limits.perSale);
  const floors = limits.map((limit) => limit * (1 - band));
  return (amount) => {
    for (let j = 0; j < limits.length; j++) {
      if (amount < (limits[j] as number) && amount >= (floors[j] as number)) return true;
    }
    return false;
  };
}

/** The card-level cash-out signals, one pass over the approved sales with per-card typed arrays. */
export function cashOutCardSignals(p: Prepared) {
  const { sales, day, hour, card, flags, options } = p;
  const cards = p.cardTokens.length;
  const inBand = limitBandTest(p, options.nearLimitWideBand);
  const largeAt = largeTicketFor(p);

  const { value, credit, largeDays, lastLargeDay, nightLargeDays, lastNightLargeDay, nightLargeSales, bandSales } = columnsOf(
    cards,
    PER_CARD_COLUMNS,
  );
  lastLargeDay.fill(NO_DAY);
  lastNightLargeDay.fill(NO_DAY);

  let total = 0;
  let bandCredit = 0;
  let nightLargeSaleCount = 0;
  for (let k = 0; k < sales.length; k++) {
    const i = sales[k] as number;
    const amount = p.amount[i] as number;
    total += amount;
    const isCredit = ((flags[i] as number) & FLAG.credit) !== 0;
    const atNight = isNight(hour[i] as number, options.nightStartHour, options.nightEndHour);
    const large = amount >= largeAt;
    if (large && atNight) nightLargeSaleCount++;
    // In the band under a limit and large for the category: a wholesaler's ordinary 9,500 CNY order is neither.
    const band = isCredit && large && inBand(amount);
    if (band) bandCredit++;
    const c = card[i] as number;
    if (c < 0) continue;
    const d = day[i] as number;
    value[c] = (value[c] as number) + amount;
    if (isCredit) {
      credit[c] = 1;
      if (band) bandSales[c] = (bandSales[c] as number) + 1;
      if (large && lastLargeDay[c] !== d) {
        lastLargeDay[c] = d;
        largeDays[c] = (largeDays[c] as number) + 1;
      }
    }
    if (large && atNight) {
      nightLargeSales[c] = (nightLargeSales[c] as number) + 1;
      if (lastNightLargeDay[c] !== d) {
        lastNightLargeDay[c] = d;
        nightLargeDays[c] = (nightLargeDays[c] as number) + 1;
      }
    }
  }

  let returningCards = 0;
  let returningValue = 0;
  let nightReturningCards = 0;
  let nightReturningSales = 0;
  let bandRepeatCards = 0;
  let bandRepeatSales = 0;
  const top = new Float64Array(TOP_CREDIT_CARDS);
  for (let c = 0; c < cards; c++) {
    if ((nightLargeDays[c] as number) >= 2) {
      nightReturningCards++;
      nightReturningSales += nightLargeSales[c] as number;
    }
    if (credit[c] === 0) continue;
    const v = value[c] as number;
    if ((largeDays[c] as number) >= options.returningCardDays) {
      returningCards++;
      returningValue += v;
    }
    if ((bandSales[c] as number) >= 2) {
      bandRepeatCards++;
      bandRepeatSales += bandSales[c] as number;
    }
    insertTop(top, v);
  }
  let topValue = 0;
  for (const v of top) topValue += v;

  return {
    nearLimitBandCreditShare: share(bandCredit, sales.length),
    nearLimitBandRepeatCards: bandRepeatCards,
    nearLimitBandRepeatSaleCount: bandRepeatSales,
    returningLargeCreditCards: returningCards,
    returningLargeCreditValueShare: share(returningValue, total),
    topCreditCardsValueShare: share(topValue, total),
    nightLargeSaleCount,
    nightLargeReturningCards: nightReturningCards,
    nightLargeReturningSaleCount: nightReturningSales,
  };
}

/** Keeps the greatest values in `top` (descending), inserting `v` when it belongs. */
function insertTop(top: Float64Array, v: number): void {
  let j = top.length - 1;
  if (v <= (top[j] as number)) return;
  while (j > 0 && (top[j - 1] as number) < v) {
    top[j] = top[j - 1] as number;
    j--;
  }
  top[j] = v;
}
