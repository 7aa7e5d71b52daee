/** Conduct signals from events: complaints, chargebacks, security incidents, regulatory and settlement notices. */
import type { CaseEvent } from '../contract/caseFile.js';
import { isRoutineEvent } from './acquirerRecords.js';
import type { FamilySignals } from './catalog.js';
import type { Prepared } from './prepare.js';

/** Event types whose routine instances (a notice to all merchants, a reminder, a delay made good) are not counted. */
export const ROUTINE_AWARE: ReadonlySet<CaseEvent['type']> = new Set([
  'regulatory-notice',
  'settlement-overdue',
  'contract-change',
  'kyc-notice',
]);

/** Computes the `conduct` family. */
export function conductSignals(p: Prepared): FamilySignals<'conduct'> {
  const counts: Record<CaseEvent['type'], number> = {
    complaint: 0,
    chargeback: 0,
    'security-incident': 0,
    'regulatory-notice': 0,
    'settlement-overdue': 0,
    'contract-change': 0,
    'kyc-notice': 0,
    'settlement-failed': 0,
    'fund-freeze': 0,
    'law-enforcement-request': 0,
  };
  for (const event of p.events) {
    if (ROUTINE_AWARE.has(event.type) && isRoutineEvent(event)) continue;
    counts[event.type]++;
  }
  const sales = p.sales.length;
  const chargebacks = counts.chargeback;
  return {
    complaintCount: counts.complaint,
    chargebackCount: chargebacks,
    chargebackRatio: chargebacks === 0 ? 0 : sales === 0 ? 1 : Math.min(1, chargebacks / sales),
    securityIncidentCount: counts['security-incident'],
    regulatoryNoticeCount: counts['regulatory-notice'],
    settlementOverdueCount: counts['settlement-overdue'],
    contractChangeCount: counts['contract-change'],
    kycNoticeCount: counts['kyc-notice'],
  };
}
