/**
 * The members of a signal: the transactions and events it counted (the round sums of the repeating
 * credit card, the large sales, the declines…), selected from the same prepared data and with the
 * same thresholds the signals were computed with, so what a letter lists agrees with the evidence.
 */
import type { CaseEvent, Transaction } from '../contract/caseFile.js';
import { parseTimestamp } from '../time/timestamp.js';
import { isRoutineEvent } from './acquirerRecords.js';
import { depositSaleTest, isNight } from './amounts.js';
import { nearLimitTest } from './cashOut.js';
import { largeTicketFor, limitBandTest } from './cashOutCards.js';
import type { SignalName } from './catalog.js';
import { ROUTINE_AWARE } from './conduct.js';
import { distanceKm } from './location.js';
import { FLAG, isApprovedSale, isMultipleOf, type Prepared } from './prepare.js';
import { isOutageResponseCode, isSuspiciousResponseCode, mccHoursOf, mccProfile } from './referenceData.js';

type Selector = (p: Prepared) => number[];

const salesWhere = (p: Prepared, keep: (i: number) => boolean): number[] => Array.from(p.sales.filter(keep));
const amountOf = (p: Prepared, i: number) => p.amount[i] as number;
const hasFlag = (p: Prepared, i: number, flag: number) => ((p.flags[i] as number) & flag) !== 0;
const isRound = (p: Prepared, i: number) => isMultipleOf(amountOf(p, i), p.options.roundAmountUnit);
const atNight = (p: Prepared, i: number) => isNight(p.hour[i] as number, p.options.nightStartHour, p.options.nightEndHour);

/** Sales on (card, local day) pairs with at least `min` sales (default `sameCardDailyRepeat`) that all pass `keep`. */
function repeatCardDaySales(p: Prepared, keep: (i: number) => boolean = () => true, min = p.options.sameCardDailyRepeat): number[] {
  const groups = new Map<string, number[]>();
  for (const i of p.sales) {
    const card = p.card[i] as number;
    if (card < 0) continue;
    const key = `${card}|${p.day[i]}`;
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  }
  return [...groups.values()].filter((list) => list.length >= min && list.every(keep)).flat();
}

/** Sales of a card with at least two more of its sales within the split window. */
function splitSales(p: Prepared): number[] {
  const windowMs = p.options.splitWindowMinutes * 60_000;
  const byCard = new Map<number, number[]>();
  for (const i of p.sales) {
    const card = p.card[i] as number;
    if (card < 0) continue;
    const list = byCard.get(card) ?? [];
    list.push(i);
    byCard.set(card, list);
  }
  const out: number[] = [];
  for (const list of byCard.values()) {
    // Two pointers over the card's time-ordered sales: how many others fall within the window of each.
    let lo = 0;
    let hi = 0;
    for (let k = 0; k < list.length; k++) {
      const t = p.ms[list[k] as number] as number;
      while ((p.ms[list[lo] as number] as number) < t - windowMs) lo++;
      while (hi + 1 < list.length && (p.ms[list[hi + 1] as number] as number) <= t + windowMs) hi++;
      if (hi - lo >= p.options.splitMinSales - 1) out.push(list[k] as number);
    }
  }
  return out.sort((a, b) => a - b);
}

const outlierAt = (p: Prepared, factor: number) => {
  const profile = mccProfile(p.caseFile.merchant.mcc, p.caseFile.merchant.currency);
  return profile ? profile.typicalTicket * factor : Number.POSITIVE_INFINITY;
};

const large: Selector = (p) => {
  const deposit = depositSaleTest(p);
  return salesWhere(p, (i) => amountOf(p, i) >= p.options.largeAmountThreshold && !deposit(amountOf(p, i)));
};
const mccOutliers: Selector = (p) => {
  const deposit = depositSaleTest(p);
  return salesWhere(p, (i) => amountOf(p, i) >= outlierAt(p, p.options.mccOutlierFactor) && !deposit(amountOf(p, i)));
};
const declines: Selector = (p) => p.txs.map((_, i) => i).filter((i) => hasFlag(p, i, FLAG.declined));
const far: Selector = (p) => {
  const home = p.caseFile.merchant.location;
  if (!home) return [];
  return p.txs
    .map((_, i) => i)
    .filter(
      (i) =>
        hasFlag(p, i, FLAG.attempt) && p.txs[i]?.location && distanceKm(home, p.txs[i]?.location as typeof home) > p.options.farDistanceKm,
    );
};
const topCards: Selector = (p) => {
  const counts = new Map<number, number>();
  for (const i of p.sales) if ((p.card[i] as number) >= 0) counts.set(p.card[i] as number, (counts.get(p.card[i] as number) ?? 0) + 1);
  const top = new Set(
    [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, 3)
      .map(([card]) => card),
  );
  return salesWhere(p, (i) => top.has(p.card[i] as number));
};
const repeatedAmount: Selector = (p) => {
  const counts = new Map<number, number>();
  for (const i of p.sales) counts.set(amountOf(p, i), (counts.get(amountOf(p, i)) ?? 0) + 1);
  const [modal] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return modal ? salesWhere(p, (i) => amountOf(p, i) === modal[0]) : [];
};
/** Round or just under a limit, and large enough to be worth a cash-out fee (as the cash-out signals count it). */
const roundish = (p: Prepared, near: (amount: number) => boolean, i: number) =>
  (isRound(p, i) || near(amountOf(p, i))) && amountOf(p, i) >= p.options.cashOutMinAmount;
const creditRepeats = (p: Prepared, alsoAtNight: boolean) => {
  const near = nearLimitTest(p);
  return repeatCardDaySales(p).filter((i) => hasFlag(p, i, FLAG.credit) && roundish(p, near, i) && (!alsoAtNight || atNight(p, i)));
};

/** Sales of cards that pass `keepCard` given the card's sales (indexes in time order). */
function salesOfCardsWhere(p: Prepared, keepSale: (i: number) => boolean, keepCard: (sales: number[]) => boolean): number[] {
  const byCard = new Map<number, number[]>();
  for (const i of p.sales) {
    const card = p.card[i] as number;
    if (card < 0 || !keepSale(i)) continue;
    const list = byCard.get(card) ?? [];
    list.push(i);
    byCard.set(card, list);
  }
  return [...byCard.values()].filter(keepCard).flat();
}
const distinctDays = (p: Prepared, list: number[]) => new Set(list.map((i) => p.day[i])).size;
/** Credit sales large for the category in the band under a limit, of cards with two or more. */
const bandRepeats: Selector = (p) => {
  const inBand = limitBandTest(p, p.options.nearLimitWideBand);
  const large = largeTicketFor(p);
  return salesOfCardsWhere(
    p,
    (i) => hasFlag(p, i, FLAG.credit) && amountOf(p, i) >= large && inBand(amountOf(p, i)),
    (list) => list.length >= 2,
  );
};
/** All sales of the credit cards with large tickets on `returningCardDays` or more days. */
const returningCards: Selector = (p) => {
  const large = largeTicketFor(p);
  const returning = new Set(
    salesOfCardsWhere(
      p,
      (i) => hasFlag(p, i, FLAG.credit) && amountOf(p, i) >= large,
      (list) => distinctDays(p, list) >= p.options.returningCardDays,
    ).map((i) => p.card[i]),
  );
  return salesWhere(p, (i) => returning.has(p.card[i] as number));
};
/** Sales of the five credit cards that paid the most. */
const topCreditCards: Selector = (p) => {
  const value = new Map<number, number>();
  for (const i of p.sales) {
    const card = p.card[i] as number;
    if (card >= 0 && hasFlag(p, i, FLAG.credit)) value.set(card, (value.get(card) ?? 0) + amountOf(p, i));
  }
  const top = new Set(
    [...value.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, 5)
      .map(([card]) => card),
  );
  return salesWhere(p, (i) => top.has(p.card[i] as number));
};
const nightLarge = (p: Prepared) => {
  const large = largeTicketFor(p);
  return (i: number) => atNight(p, i) && amountOf(p, i) >= large;
};
/** Sales of the keyed-card cluster: cards with three or more sales, at least half keyed. */
const keyedCards: Selector = (p) =>
  salesOfCardsWhere(
    p,
    () => true,
    (list) => list.length >= 3 && list.filter((i) => hasFlag(p, i, FLAG.keyed)).length * 2 >= list.length,
  );
/** Located attempts far from the registered place on the longest run of mostly-far trading days. */
const farRun: Selector = (p) => {
  const home = p.caseFile.merchant.location;
  if (!home) return [];
  const byDay = new Map<number, number[]>();
  for (let i = 0; i < p.txs.length; i++) {
    if (!hasFlag(p, i, FLAG.attempt) || !p.txs[i]?.location) continue;
    const list = byDay.get(p.day[i] as number) ?? [];
    list.push(i);
    byDay.set(p.day[i] as number, list);
  }
  const isFar = (i: number) => distanceKm(home, p.txs[i]?.location as typeof home) > p.options.farDistanceKm;
  let best: number[][] = [];
  let run: number[][] = [];
  for (const list of byDay.values()) {
    if (list.filter(isFar).length * 2 > list.length) run.push(list.filter(isFar));
    else run = [];
    if (run.length > best.length) best = [...run];
  }
  return best.flat();
};

const SELECTORS: Partial<Record<SignalName, Selector>> = {
  largeSaleCount: large,
  largeSaleShare: large,
  largeSalesMaxPerDay: large,
  largeSaleDays: large,
  volumeSpikeRatio: (p) => {
    const from = p.clock.dayOf(p.windowTo) - p.options.recentDays + 1;
    return salesWhere(p, (i) => (p.day[i] as number) >= from && amountOf(p, i) >= p.options.largeAmountThreshold);
  },
  mccOutlierSaleCount: mccOutliers,
  mccOutlierSaleShare: mccOutliers,
  averageTicketVsMcc: (p) => salesWhere(p, (i) => amountOf(p, i) >= outlierAt(p, 5)),
  medianTicketVsMcc: (p) => salesWhere(p, (i) => amountOf(p, i) >= outlierAt(p, 5)),
  offHoursForMccShare: (p) => salesWhere(p, (i) => atNight(p, i)),
  outsideMccHoursShare: (p) => {
    const hours = mccHoursOf(p.caseFile.merchant.mcc);
    return hours ? salesWhere(p, (i) => isNight(p.hour[i] as number, hours.close, hours.open)) : [];
  },
  roundAmountShare: (p) => salesWhere(p, (i) => isRound(p, i)),
  creditRoundShare: (p) => salesWhere(p, (i) => isRound(p, i) && hasFlag(p, i, FLAG.credit)),
  nearLimitShare: (p) => {
    const near = nearLimitTest(p);
    return salesWhere(p, (i) => near(amountOf(p, i)));
  },
  creditShare: (p) => salesWhere(p, (i) => hasFlag(p, i, FLAG.credit)),
  nightSaleShare: (p) => salesWhere(p, (i) => atNight(p, i)),
  sameCardMaxSalesPerDay: (p) => repeatCardDaySales(p),
  repeatCardDays: (p) => repeatCardDaySales(p),
  repeatCardSaleShare: (p) => repeatCardDaySales(p),
  heavyCardSaleShare: (p) => repeatCardDaySales(p, () => true, p.options.heavyCardDailySales),
  repeatCreditRoundDays: (p) => creditRepeats(p, false),
  repeatCreditRoundNightDays: (p) => creditRepeats(p, true),
  splitSaleClusters: splitSales,
  nearLimitBandCreditShare: (p) => {
    const inBand = limitBandTest(p, p.options.nearLimitWideBand);
    const large = largeTicketFor(p);
    return salesWhere(p, (i) => hasFlag(p, i, FLAG.credit) && amountOf(p, i) >= large && inBand(amountOf(p, i)));
  },
  nearLimitBandRepeatCards: bandRepeats,
  nearLimitBandRepeatSaleCount: bandRepeats,
  returningLargeCreditCards: returningCards,
  returningLargeCreditValueShare: returningCards,
  topCreditCardsValueShare: topCreditCards,
  nightLargeSaleCount: (p) => salesWhere(p, nightLarge(p)),
  nightLargeReturningCards: (p) => salesOfCardsWhere(p, nightLarge(p), (list) => distinctDays(p, list) >= 2),
  nightLargeReturningSaleCount: (p) => salesOfCardsWhere(p, nightLarge(p), (list) => distinctDays(p, list) >= 2),
  keyedCardCount: keyedCards,
  keyedCardSaleCount: keyedCards,
  keyedCardRepeatedAmountShare: (p) => {
    const members = keyedCards(p);
    const count = new Map<string, number>();
    for (const i of members) count.set(`${p.card[i]}|${amountOf(p, i)}`, (count.get(`${p.card[i]}|${amountOf(p, i)}`) ?? 0) + 1);
    return members.filter((i) => (count.get(`${p.card[i]}|${amountOf(p, i)}`) ?? 0) >= 2);
  },
  keyedCardQuickReversalShare: (p) => {
    const members = new Set(keyedCards(p).map((i) => p.txs[i]?.id));
    return p.txs
      .map((_, i) => i)
      .filter((i) => hasFlag(p, i, FLAG.reversal) && p.txs[i]?.refersTo !== undefined && members.has(p.txs[i]?.refersTo));
  },
  distinctCardRatio: topCards,
  topCardShare: topCards,
  repeatedAmountShare: repeatedAmount,
  quickRefundShare: (p) => p.txs.map((_, i) => i).filter((i) => hasFlag(p, i, FLAG.reversal)),
  refundShare: (p) => p.txs.map((_, i) => i).filter((i) => hasFlag(p, i, FLAG.reversal)),
  keyedShare: (p) => salesWhere(p, (i) => hasFlag(p, i, FLAG.keyed)),
  fallbackShare: (p) => salesWhere(p, (i) => hasFlag(p, i, FLAG.fallback)),
  declineRate: declines,
  declineCount: declines,
  cardTestingBursts: (p) => declines(p).filter((i) => !isOutageResponseCode(p.txs[i]?.responseCode)),
  cardDeclineRate: (p) => declines(p).filter((i) => !isOutageResponseCode(p.txs[i]?.responseCode)),
  outageDeclineCount: (p) => declines(p).filter((i) => isOutageResponseCode(p.txs[i]?.responseCode)),
  suspiciousDeclineShare: (p) => declines(p).filter((i) => isSuspiciousResponseCode(p.txs[i]?.responseCode)),
  suspiciousDeclineCount: (p) => declines(p).filter((i) => isSuspiciousResponseCode(p.txs[i]?.responseCode)),
  farFromHomeShare: far,
  recentFarFromHomeShare: far,
  maxDistanceKm: far,
  longestFarDayRun: farRun,
  unknownTerminalShare: (p) => unknownTerminals(p),
  unknownTerminalCount: (p) => unknownTerminals(p),
  otherMerchantNumberShare: (p) => otherMerchantNumber(p),
  otherMerchantNumberSaleCount: (p) => otherMerchantNumber(p),
  otherMerchantNumberCount: (p) => otherMerchantNumber(p),
  otherMccShare: (p) => salesWhere(p, (i) => p.txs[i]?.mcc !== undefined && p.txs[i]?.mcc !== p.caseFile.merchant.mcc),
  otherMccSaleCount: (p) => salesWhere(p, (i) => p.txs[i]?.mcc !== undefined && p.txs[i]?.mcc !== p.caseFile.merchant.mcc),
  saleLimitExceededCount: (p) => {
    const limit = p.caseFile.merchant.limits?.perSale ?? p.caseFile.merchant.singleSaleLimit;
    return limit === undefined ? [] : salesWhere(p, (i) => amountOf(p, i) > limit);
  },
};

function otherMerchantNumber(p: Prepared): number[] {
  const own = new Set([p.caseFile.merchant.id, ...(p.caseFile.merchant.merchantNumbers ?? [])]);
  return salesWhere(p, (i) => p.txs[i]?.merchantNumber !== undefined && !own.has(p.txs[i]?.merchantNumber as string));
}

function unknownTerminals(p: Prepared): number[] {
  const known = new Set(p.caseFile.merchant.terminals ?? []);
  if (known.size === 0) return [];
  return p.txs
    .map((_, i) => i)
    .filter((i) => hasFlag(p, i, FLAG.attempt) && p.txs[i]?.terminalId !== undefined && !known.has(p.txs[i]?.terminalId as string));
}

const EVENT_SIGNALS: Partial<Record<SignalName, CaseEvent['type']>> = {
  complaintCount: 'complaint',
  chargebackCount: 'chargeback',
  chargebackRatio: 'chargeback',
  securityIncidentCount: 'security-incident',
  regulatoryNoticeCount: 'regulatory-notice',
  settlementOverdueCount: 'settlement-overdue',
  contractChangeCount: 'contract-change',
  kycNoticeCount: 'kyc-notice',
  fundFreezeCount: 'fund-freeze',
  lawEnforcementRequestCount: 'law-enforcement-request',
  settlementFailedCount: 'settlement-failed',
  settlementFailedDays: 'settlement-failed',
  settlementAccountDefectCount: 'settlement-failed',
};

/** What one signal counted. */
export interface SignalMembers {
  /** Indexes into {@link EvidenceMembers.transactions} of the transactions it counted, ascending (time order). */
  readonly transactions: readonly number[];
  /** The events it counted, in time order. */
  readonly events: readonly CaseEvent[];
}

/**
 * What the evidence points at: per signal the transactions and events it counted, selected from the
 * data and thresholds the signals were computed with.
 */
export interface EvidenceMembers {
  /** The transactions inside the window in time order (ties by id): the ones the signals were computed over. */
  readonly transactions: readonly Transaction[];
  /** Per signal asked for: what it counted. Signals that count no transaction or event (status facts) have empty lists. */
  readonly bySignal: Readonly<Partial<Record<SignalName, SignalMembers>>>;
  /** The last approved sale at or before the window end (what `dormantDays` counts from), possibly before the window. */
  readonly lastApprovedSale?: Transaction;
}

/**
 * The transactions and events behind the given signals.
 *
 * @param p - the prepared case the signals were computed from (its options are the thresholds used).
 * @param signals - signal names, typically those of the fired evidence; unknown names get empty lists.
 */
export function membersOf(p: Prepared, signals: readonly string[]): EvidenceMembers {
  const bySignal: Partial<Record<SignalName, SignalMembers>> = {};
  const timeOf = (event: CaseEvent) => parseTimestamp(event.at, p.clock) ?? 0;
  for (const signal of signals) {
    const eventType = EVENT_SIGNALS[signal as SignalName];
    const counted = (e: CaseEvent) => e.type === eventType && !(ROUTINE_AWARE.has(e.type) && isRoutineEvent(e));
    const events = eventType ? p.events.filter(counted).sort((a, b) => timeOf(a) - timeOf(b)) : [];
    const select = SELECTORS[signal as SignalName];
    const transactions = select ? [...new Set(select(p))].sort((a, b) => a - b) : [];
    bySignal[signal as SignalName] = { transactions, events };
  }
  const lastApprovedSale = lastApprovedSaleOf(p);
  return { transactions: p.txs, bySignal, ...(lastApprovedSale ? { lastApprovedSale } : {}) };
}

/** The approved sale whose time `prepare` took as the last one (the first of equal times, in file order). */
function lastApprovedSaleOf(p: Prepared): Transaction | undefined {
  if (Number.isNaN(p.lastApprovedSaleMs)) return undefined;
  return p.caseFile.transactions.find((tx) => isApprovedSale(tx) && parseTimestamp(tx.at, p.clock) === p.lastApprovedSaleMs);
}
