/**
 * The transactions and events behind a cause's evidence: for each signal a rule fired on, the ones
 * that signal counted (the round sums of the repeating credit card, the large sales, the declines…).
 */
import type { CaseEvent } from '../contract/caseFile.js';
import { isNight } from '../signals/amounts.js';
import { nearLimitTest } from '../signals/cashOut.js';
import type { SignalName } from '../signals/catalog.js';
import { distanceKm } from '../signals/location.js';
import { FLAG, type Prepared } from '../signals/prepare.js';
import { isSuspiciousResponseCode, mccProfile } from '../signals/referenceData.js';
import { parseTimestamp } from '../time/timestamp.js';

type Selector = (p: Prepared) => number[];

const salesWhere = (p: Prepared, keep: (i: number) => boolean): number[] => p.sales.filter(keep);
const amountOf = (p: Prepared, i: number) => p.amount[i] as number;
const hasFlag = (p: Prepared, i: number, flag: number) => ((p.flags[i] as number) & flag) !== 0;
const isRound = (p: Prepared, i: number) => amountOf(p, i) % p.options.roundAmountUnit === 0;
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

const large: Selector = (p) => salesWhere(p, (i) => amountOf(p, i) >= p.options.largeAmountThreshold);
const mccOutliers: Selector = (p) => salesWhere(p, (i) => amountOf(p, i) >= outlierAt(p, p.options.mccOutlierFactor));
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
  distinctCardRatio: topCards,
  topCardShare: topCards,
  repeatedAmountShare: repeatedAmount,
  quickRefundShare: (p) => p.txs.map((_, i) => i).filter((i) => hasFlag(p, i, FLAG.reversal)),
  refundShare: (p) => p.txs.map((_, i) => i).filter((i) => hasFlag(p, i, FLAG.reversal)),
  keyedShare: (p) => salesWhere(p, (i) => hasFlag(p, i, FLAG.keyed)),
  fallbackShare: (p) => salesWhere(p, (i) => hasFlag(p, i, FLAG.fallback)),
  declineRate: declines,
  declineCount: declines,
  cardTestingBursts: declines,
  suspiciousDeclineShare: (p) => declines(p).filter((i) => isSuspiciousResponseCode(p.txs[i]?.responseCode)),
  suspiciousDeclineCount: (p) => declines(p).filter((i) => isSuspiciousResponseCode(p.txs[i]?.responseCode)),
  farFromHomeShare: far,
  recentFarFromHomeShare: far,
  maxDistanceKm: far,
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

/** What the evidence points at: per signal its transactions and events, and all of them merged. */
export interface Flagged {
  /** Transactions (indexes into `p.txs`) in time order, each with the first signal that flagged it. */
  readonly transactions: readonly { readonly index: number; readonly signal: string }[];
  /** Events behind the signals, in time order. */
  readonly events: readonly CaseEvent[];
  /** Per signal: the transactions it counted (time order) and the events it counted. */
  readonly bySignal: ReadonlyMap<string, { readonly transactions: readonly number[]; readonly events: readonly CaseEvent[] }>;
}

/** The transactions and events behind the given signals. */
export function flaggedBy(p: Prepared, signals: readonly string[]): Flagged {
  const reasons = new Map<number, string>();
  const bySignal = new Map<string, { transactions: number[]; events: CaseEvent[] }>();
  const timeOf = (event: CaseEvent) => parseTimestamp(event.at) ?? 0;
  for (const signal of signals) {
    const eventType = EVENT_SIGNALS[signal as SignalName];
    const events = eventType ? p.events.filter((e) => e.type === eventType).sort((a, b) => timeOf(a) - timeOf(b)) : [];
    const select = SELECTORS[signal as SignalName];
    const transactions = select ? [...new Set(select(p))].sort((a, b) => a - b) : [];
    bySignal.set(signal, { transactions, events });
    for (const i of transactions) if (!reasons.has(i)) reasons.set(i, signal);
  }
  const transactions = [...reasons.entries()].sort((a, b) => a[0] - b[0]).map(([index, signal]) => ({ index, signal }));
  const events = [...new Set([...bySignal.values()].flatMap((s) => s.events))].sort((a, b) => timeOf(a) - timeOf(b));
  return { transactions, events, bySignal };
}
