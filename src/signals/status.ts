/** Status signals: contract, KYC documents, dormancy, sectors under rectification. */
import { MS_PER_DAY, parseDate, parseTimestamp } from '../time/timestamp.js';
import type { FamilySignals } from './catalog.js';
import type { Prepared } from './prepare.js';
import { isUnderRectification, isWholesaleMcc } from './referenceData.js';

/** Computes the `status` family. "Now" is the window end. */
export function statusSignals(p: Prepared): FamilySignals<'status'> {
  const { merchant } = p.caseFile;
  const asOf = p.windowTo;
  const instant = (text: string | undefined) => (text === undefined ? undefined : instantOf(p, text));

  const contractEnd = instant(merchant.contract?.endsAt);
  const contractEndPassed = contractEnd !== undefined && contractEnd <= asOf;
  const contractStatusEnded = merchant.contract?.status === 'expired' || merchant.contract?.status === 'terminated';

  const kycExpiry = instant(merchant.kyc?.documentsExpireAt);
  const kycExpired = kycExpiry !== undefined && kycExpiry <= asOf;

  const lastActivity = Number.isNaN(p.lastApprovedSaleMs) ? (instant(merchant.registeredAt) ?? p.windowFrom) : p.lastApprovedSaleMs;

  return {
    windowDays: Math.round(((p.windowTo - p.windowFrom) / MS_PER_DAY) * 100) / 100,
    contractEnded: contractStatusEnded || contractEndPassed,
    daysSinceContractEnd: contractEndPassed ? wholeDays(asOf - (contractEnd as number)) : 0,
    kycExpired,
    daysSinceKycExpiry: kycExpired ? wholeDays(asOf - (kycExpiry as number)) : 0,
    kycUnverified: merchant.kyc?.verified === false,
    dormantDays: wholeDays(asOf - Math.min(lastActivity, asOf)),
    mccUnderRectification: isUnderRectification(merchant.mcc),
    mccWholesale: isWholesaleMcc(merchant.mcc),
  };
}

function wholeDays(ms: number): number {
  return Math.max(0, Math.floor(ms / MS_PER_DAY));
}

/** A timestamp's instant, or for a plain date the start of that local day in the merchant's zone. */
function instantOf(p: Prepared, text: string): number | undefined {
  const ms = parseTimestamp(text, p.clock);
  if (ms !== undefined) return ms;
  const day = parseDate(text);
  if (day === undefined) return undefined;
  const utcMidnight = day * MS_PER_DAY;
  return utcMidnight - p.clock.offsetAt(utcMidnight);
}
