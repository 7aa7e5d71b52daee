/** Typed access to the reference data files in `./data` (read-only, shipped inside the bundle). */
import depositMccs from './data/deposit-mccs.json';
import mccHours from './data/mcc-hours.json';
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

/** The usual trading hours of a category, local time: from `open` (inclusive) to `close` (exclusive), across midnight when `open > close`. */
export interface MccHours {
  readonly open: number;
  readonly close: number;
}

/** What one decline response code says: its family and whether that family is suspicious or an outage. */
export interface ResponseCodeFamily {
  readonly family: string;
  /** Points at a bad card or a fraudster (invalid card, PIN, expired, fraud families). */
  readonly suspicious: boolean;
  /** The issuer or the network could not answer (issuer-unavailable, system-error families). */
  readonly outage: boolean;
}

const PROFILES: Readonly<Record<string, MccProfile>> = mccProfiles.profiles;
const HOURS: Readonly<Record<string, MccHours>> = mccHours.hours;
const DEPOSIT_MCCS: Readonly<Record<string, string>> = depositMccs.mccs;
const RECTIFICATION: Readonly<Record<string, string>> = rectificationMccs.mccs;
const CODE_FAMILIES: ReadonlyMap<string, ResponseCodeFamily> = new Map(
  Object.entries(responseCodes.families).flatMap(([family, spec]) =>
    Object.keys(spec.codes).map((code) => [code, { family, suspicious: spec.suspicious, outage: spec.outage }] as const),
  ),
);

/** The profile of `mcc` when the table knows it and amounts are in its currency (CNY), else undefined. */
export function mccProfile(mcc: string, currency: string): MccProfile | undefined {
  if (currency !== mccProfiles.currency || !Object.hasOwn(PROFILES, mcc)) return undefined;
  return PROFILES[mcc];
}

/** The usual trading hours of `mcc`, or undefined for categories that trade around the clock or are not listed. */
export function mccHoursOf(mcc: string): MccHours | undefined {
  return Object.hasOwn(HOURS, mcc) ? HOURS[mcc] : undefined;
}

/** True when `mcc` takes refundable deposits as sales (hotels, rental, hospitals). */
export function takesDeposits(mcc: string): boolean {
  return Object.hasOwn(DEPOSIT_MCCS, mcc);
}

/**
 * The largest round deposit `mcc` usually takes as a sale (`roundDepositMax` in deposit-mccs.json),
 * when amounts are in its currency (CNY); undefined for other categories.
 */
export function roundDepositMax(mcc: string, currency: string): number | undefined {
  const table = depositMccs.roundDepositMax;
  if (currency !== table.currency || !Object.hasOwn(table.mccs, mcc)) return undefined;
  return (table.mccs as Record<string, number>)[mcc];
}

/** True when `mcc` is a wholesale category (5000–5199 by ISO 18245; range in mcc-profiles.json). */
export function isWholesaleMcc(mcc: string): boolean {
  const { from, to } = mccProfiles.wholesale;
  return /^\d{4}$/.test(mcc) && mcc >= from && mcc <= to;
}

/** True when `mcc` is in a sector under rectification. */
export function isUnderRectification(mcc: string): boolean {
  return Object.hasOwn(RECTIFICATION, mcc);
}

/** The family of a decline response code (`src/signals/data/response-codes.json`), or undefined when unknown. */
export function responseCodeFamily(code: string | undefined): ResponseCodeFamily | undefined {
  if (code === undefined) return undefined;
  const key = code
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return CODE_FAMILIES.get(key);
}

/** True when a decline with this response code points at a bad card or a fraudster. */
export function isSuspiciousResponseCode(code: string | undefined): boolean {
  return responseCodeFamily(code)?.suspicious === true;
}

/** True when a decline with this response code means the issuer or the network could not answer. */
export function isOutageResponseCode(code: string | undefined): boolean {
  return responseCodeFamily(code)?.outage === true;
}
