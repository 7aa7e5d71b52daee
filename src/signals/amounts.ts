/** Amount signals: volume, large sales, spikes against the merchant's own baseline, tickets against the MCC. */
import type { FamilySignals } from './catalog.js';
import { isMultipleOf, type Prepared, saleAmountsAscending, share } from './prepare.js';
import { mccHoursOf, mccProfile, roundDepositMax } from './referenceData.js';

const WHOLE_THOUSAND_CNY = 100_000;

const SPIKE_CAP = 100;

/**
 * A test for sales that read as a deposit of the category: where the category takes deposits as
 * sales (hospital admission, rental), a sum in whole thousands of CNY up to its usual largest deposit.
 * Such sales are not counted as large sales or as outliers for the category.
 */
export function depositSaleTest(p: Prepared): (amount: number) => boolean {
  const { merchant } = p.caseFile;
  const max = roundDepositMax(merchant.mcc, merchant.currency);
  if (max === undefined) return () => false;
  return (amount) => amount <= max && isMultipleOf(amount, WHOLE_THOUSAND_CNY);
}

/** Computes the `amounts` family. */
export function amountSignals(p: Prepared): FamilySignals<'amounts'> {
  const { sales, day, hour, options } = p;
  const { merchant } = p.caseFile;
  const profile = mccProfile(merchant.mcc, merchant.currency);
  const outlierAt = profile ? profile.typicalTicket * options.mccOutlierFactor : Number.POSITIVE_INFINITY;
  const nightOffHours = profile !== undefined && !profile.night;
  const hours = mccHoursOf(merchant.mcc);
  const isDeposit = depositSaleTest(p);

  const recentFromDay = p.clock.dayOf(p.windowTo) - options.recentDays + 1;
  const firstDay = p.clock.dayOf(p.windowFrom);

  let saleAmount = 0;
  let largeSaleCount = 0;
  let mccOutlierSaleCount = 0;
  let offHours = 0;
  let outsideHours = 0;
  let recentAmount = 0;
  let activeDays = 0;
  let largeSaleDays = 0;
  let largeSalesMaxPerDay = 0;
  let currentDay = Number.NaN;
  let largeToday = 0;

  for (let k = 0; k < sales.length; k++) {
    const i = sales[k] as number;
    const amount = p.amount[i] as number;
    const d = day[i] as number;
    saleAmount += amount;
    if (d !== currentDay) {
      currentDay = d;
      activeDays++;
      largeToday = 0;
    }
    const deposit = isDeposit(amount);
    if (amount >= options.largeAmountThreshold && !deposit) {
      largeSaleCount++;
      if (largeToday === 0) largeSaleDays++;
      largeToday++;
      if (largeToday > largeSalesMaxPerDay) largeSalesMaxPerDay = largeToday;
    }
    if (amount >= outlierAt && !deposit) mccOutlierSaleCount++;
    if (nightOffHours && isNight(hour[i] as number, options.nightStartHour, options.nightEndHour)) offHours++;
    // Outside the category's usual hours: the "night" from its closing hour to its opening hour.
    if (hours && isNight(hour[i] as number, hours.close, hours.open)) outsideHours++;
    if (d >= recentFromDay) recentAmount += amount;
  }

  const saleCount = sales.length;
  const averageTicket = share(saleAmount, saleCount);
  const baselineDays = recentFromDay - firstDay;
  let volumeSpikeRatio = 1;
  if (baselineDays >= options.minBaselineDays) {
    const recentPerDay = recentAmount / options.recentDays;
    const baselinePerDay = (saleAmount - recentAmount) / baselineDays;
    volumeSpikeRatio = baselinePerDay > 0 ? Math.min(SPIKE_CAP, recentPerDay / baselinePerDay) : recentPerDay > 0 ? SPIKE_CAP : 1;
  }

  const typical = profile?.typicalTicket ?? 0;
  return {
    saleCount,
    saleAmount,
    averageTicket,
    activeDays,
    largeSaleCount,
    largeSaleShare: share(largeSaleCount, saleCount),
    largeSalesMaxPerDay,
    largeSaleDays,
    volumeSpikeRatio,
    mccKnown: profile !== undefined,
    averageTicketVsMcc: saleCount > 0 ? share(averageTicket, typical) : 0,
    medianTicketVsMcc: saleCount > 0 ? share(median(saleAmountsAscending(p)), typical) : 0,
    mccOutlierSaleCount,
    mccOutlierSaleShare: share(mccOutlierSaleCount, saleCount),
    offHoursForMccShare: share(offHours, saleCount),
    outsideMccHoursShare: share(outsideHours, saleCount),
  };
}

/** True when local `hour` falls in the night from `start` (inclusive) to `end` (exclusive), across midnight. */
export function isNight(hour: number, start: number, end: number): boolean {
  return start > end ? hour >= start || hour < end : hour >= start && hour < end;
}

/** Median of ascending values; 0 for none. */
function median(sorted: Float64Array): number {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
