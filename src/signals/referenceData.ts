/** Typed access to the reference data files in `./data` (read-only, shipped inside the bundle). */
import mccProfiles from './data/mcc-profiles.json';
import rectificationMccs from './data/rectification-mccs.json';
import responseCodes from './data/response-codes.json';

/** What the MCC table knows about one category. */
export interface MccProfile {
  readonly name: string;
  /** Typical ticket, minor units of CNY. */
  readonly typicalTicket: number;
  /** The category commonly trades at night. */
  readonly night: boolean;
}

const PROFILES: Readonly<Record<string, MccProfile>> = mccProfiles.profiles;
const RECTIFICATION: Readonly<Record<string, string>> = rectificationMccs.mccs;
const SUSPICIOUS_CODES: Readonly<Record<string, string>> = responseCodes.codes;

/** The profile of `mcc` when the table knows it and amounts are in its currency (CNY), else undefined. */
export function mccProfile(mcc: string, currency: string): MccProfile | undefined {
  if (currency !== mccProfiles.currency || !Object.hasOwn(PROFILES, mcc)) return undefined;
  return PROFILES[mcc];
}

/** True when `mcc` is in a sector under rectification. */
export function isUnderRectification(mcc: string): boolean {
  return Object.hasOwn(RECTIFICATION, mcc);
}

/** True when a decline with this response code points at a bad card or a fraudster. */
export function isSuspiciousResponseCode(code: string | undefined): boolean {
  if (code === undefined) return false;
  const key = code
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return Object.hasOwn(SUSPICIOUS_CODES, key);
}
