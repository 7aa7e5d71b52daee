/** The merchant's stated suspension reason code as a hint, through the mapping table `./data/reason-codes.json`. */

import type { CauseId } from '../contract/causes.js';
import reasonCodes from './data/reason-codes.json';

const CODES: Readonly<Record<string, CauseId>> = reasonCodes.codes as Record<string, CauseId>;

/** Weight a mapped reason code adds to its cause. */
export const REASON_CODE_WEIGHT: number = reasonCodes.weight;

/** The cause a reason code maps to (case, spaces, dashes and underscores ignored), or undefined. */
export function causeOfReasonCode(code: string | undefined): CauseId | undefined {
  if (code === undefined) return undefined;
  const key = code.replace(/[\s_-]+/g, '').toLowerCase();
  return Object.hasOwn(CODES, key) ? CODES[key] : undefined;
}
