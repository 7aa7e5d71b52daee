/**
 * Signals from the acquirer's own records: the merchant number and MCC each sale was actually sent
 * under (跳码 / 串码), the acquirer-set receiving limits (小微商户), fund freezes and requests from law
 * enforcement (涉诈 / 涉案), failed settlements and what the failure says about the account, and
 * notices that the acquirer is leaving the business. A field an export omits is not evidence: a sale
 * without `merchantNumber` is neither "own" nor "other", it is not counted.
 */
import type { CaseEvent } from '../contract/caseFile.js';
import { NEGATION_CUES } from '../text/negationCues.js';
import { findPhrases, type PhraseEntry } from '../text/phrases.js';
import { MS_PER_DAY, monthOfDay, parseTimestamp } from '../time/timestamp.js';
import type { FamilySignals } from './catalog.js';
import eventDetails from './data/event-details.json';
import { type Prepared, share } from './prepare.js';

type DetailKind = 'settlementAccountDefect' | 'acquirerExit' | 'routine';
const DETAIL_PHRASES: readonly PhraseEntry<DetailKind>[] = [
  ...eventDetails.settlementAccountDefect.map((phrase) => ({ phrase, value: 'settlementAccountDefect' as const })),
  ...eventDetails.acquirerExit.map((phrase) => ({ phrase, value: 'acquirerExit' as const })),
  ...eventDetails.routine.map((phrase) => ({ phrase, value: 'routine' as const })),
];

/** True when the event's detail names `kind` (not negated). */
export function detailNames(event: CaseEvent, kind: DetailKind): boolean {
  if (event.detail === undefined) return false;
  return findPhrases(event.detail, DETAIL_PHRASES, NEGATION_CUES).some((m) => m.value === kind && !m.negated);
}

/**
 * True when the event's detail says it is routine rather than about something wrong with this
 * merchant now: a notice to every merchant, a reminder before a due date, a delay already made good,
 * a renewal, a change with service unchanged (`routine` in data/event-details.json).
 */
export function isRoutineEvent(event: CaseEvent): boolean {
  return detailNames(event, 'routine');
}

/** Computes the `acquirerRecords` family. */
export function acquirerRecordSignals(p: Prepared): FamilySignals<'acquirerRecords'> {
  const { merchant } = p.caseFile;
  const ownNumbers = new Set([merchant.id, ...(merchant.merchantNumbers ?? [])]);
  let numbered = 0;
  let otherNumber = 0;
  const otherNumbers = new Set<string>();
  let mccTagged = 0;
  let otherMcc = 0;
  const perSale = merchant.limits?.perSale ?? merchant.singleSaleLimit;
  let overSale = 0;
  const perDay = merchant.limits?.perDay;
  const perMonth = merchant.limits?.perMonth;
  for (const i of p.sales) {
    const tx = p.txs[i];
    if (tx === undefined) continue;
    if (tx.merchantNumber !== undefined) {
      numbered++;
      if (!ownNumbers.has(tx.merchantNumber)) {
        otherNumber++;
        otherNumbers.add(tx.merchantNumber);
      }
    }
    if (tx.mcc !== undefined) {
      mccTagged++;
      if (tx.mcc !== merchant.mcc) otherMcc++;
    }
    if (perSale !== undefined && (p.amount[i] as number) > perSale) overSale++;
  }
  const { dayTotals, monthTotals } = saleTotals(p);
  let daysOver = 0;
  let maxDay = 0;
  for (const total of dayTotals) {
    if (perDay !== undefined && total > perDay) daysOver++;
    maxDay = Math.max(maxDay, total);
  }
  let monthsOver = 0;
  let maxMonth = 0;
  for (const total of monthTotals) {
    if (perMonth !== undefined && total > perMonth) monthsOver++;
    maxMonth = Math.max(maxMonth, total);
  }

  let fundFreezes = 0;
  let lawEnforcement = 0;
  let settlementFailed = 0;
  let accountDefects = 0;
  let exitNotices = 0;
  const failedDays = new Set<number>();
  for (const event of p.events) {
    if (event.type === 'fund-freeze') fundFreezes++;
    else if (event.type === 'law-enforcement-request') lawEnforcement++;
    else if (event.type === 'settlement-failed') {
      settlementFailed++;
      const at = parseTimestamp(event.at, p.clock) ?? 0;
      failedDays.add(Math.floor((at + p.clock.offsetAt(at)) / MS_PER_DAY));
      if (detailNames(event, 'settlementAccountDefect')) accountDefects++;
    } else if ((event.type === 'contract-change' || event.type === 'regulatory-notice') && detailNames(event, 'acquirerExit')) {
      exitNotices++;
    }
  }

  return {
    merchantNumberedSaleCount: numbered,
    otherMerchantNumberSaleCount: otherNumber,
    otherMerchantNumberShare: share(otherNumber, numbered),
    otherMerchantNumberCount: otherNumbers.size,
    mccTaggedSaleCount: mccTagged,
    otherMccSaleCount: otherMcc,
    otherMccShare: share(otherMcc, mccTagged),
    microMerchant: merchant.kind === 'individual' || merchant.kind === 'individual-business',
    saleLimitExceededCount: overSale,
    dailyLimitExceededDays: daysOver,
    monthlyLimitExceededMonths: monthsOver,
    maxDayVsDailyLimit: perDay === undefined ? 0 : maxDay / perDay,
    maxMonthVsMonthlyLimit: perMonth === undefined ? 0 : maxMonth / perMonth,
    fundFreezeCount: fundFreezes,
    lawEnforcementRequestCount: lawEnforcement,
    settlementFailedCount: settlementFailed,
    settlementFailedDays: failedDays.size,
    settlementAccountDefectCount: accountDefects,
    acquirerExitNoticeCount: exitNotices,
  };
}

/**
 * Approved sales summed by local day and by local month (minor units; the order of the totals does
 * not matter to the caller). Sales are in time order, so local days nearly always move forward and
 * running totals suffice; where a zone turned its clocks back across midnight (America/Goose_Bay fell
 * back from 00:01 to 23:01 until 2010) a local day can come round again, and then totals are summed by key.
 */
function saleTotals(p: Prepared): { dayTotals: number[]; monthTotals: number[] } {
  const { sales, day, amount } = p;
  let forward = true;
  for (let k = 1; k < sales.length && forward; k++)
    forward = (day[sales[k] as number] as number) >= (day[sales[k - 1] as number] as number);
  if (!forward) {
    const byDay = new Map<number, number>();
    const byMonth = new Map<number, number>();
    for (const i of sales) {
      const d = day[i] as number;
      const m = monthOfDay(d);
      byDay.set(d, (byDay.get(d) ?? 0) + (amount[i] as number));
      byMonth.set(m, (byMonth.get(m) ?? 0) + (amount[i] as number));
    }
    return { dayTotals: [...byDay.values()], monthTotals: [...byMonth.values()] };
  }
  const dayTotals: number[] = [];
  const monthTotals: number[] = [];
  let current = Number.NaN;
  let month = Number.NaN;
  for (const i of sales) {
    const d = day[i] as number;
    if (d !== current) {
      current = d;
      dayTotals.push(0);
      const m = monthOfDay(d);
      if (m !== month) {
        month = m;
        monthTotals.push(0);
      }
    }
    dayTotals[dayTotals.length - 1] = (dayTotals[dayTotals.length - 1] as number) + (amount[i] as number);
    monthTotals[monthTotals.length - 1] = (monthTotals[monthTotals.length - 1] as number) + (amount[i] as number);
  }
  return { dayTotals, monthTotals };
}
