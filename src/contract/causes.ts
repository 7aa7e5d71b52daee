/**
 * The cause catalog: stable cause ids (public API) and their categories.
 * Text for people lives in `src/advice/*.json`; this file only holds ids.
 */

/** Categories, ordered by severity (most severe first); the order breaks score ties. */
export const CATEGORIES = [
  'payment-rule-violation',
  'security-risk',
  'abnormal-transactions',
  'agreement-breach',
  'cooperation-change',
  'other',
] as const;

/** A category of suspension causes. */
export type Category = (typeof CATEGORIES)[number];

/** Every cause id with its category. The ids are public API: renaming one is a breaking change. */
export const CAUSE_CATEGORY = {
  'credit-card-cash-out': 'payment-rule-violation',
  'fictitious-transactions': 'payment-rule-violation',
  'settlement-irregularity': 'payment-rule-violation',
  'frequent-large-amounts': 'abnormal-transactions',
  'high-failure-rate': 'abnormal-transactions',
  'security-compromise': 'security-risk',
  'terminal-relocation': 'security-risk',
  'complaints-and-disputes': 'agreement-breach',
  'mcc-mismatch': 'agreement-breach',
  'contract-ended': 'cooperation-change',
  'policy-rectification': 'other',
  'kyc-deficiency': 'other',
  'dormant-account': 'other',
  'fraud-related-freeze': 'other',
  'code-jumping': 'payment-rule-violation',
  'micro-merchant-limit': 'agreement-breach',
  'acquirer-exit': 'cooperation-change',
  'settlement-account-problem': 'agreement-breach',
} as const satisfies Record<string, Category>;

/** A stable cause id, e.g. `'credit-card-cash-out'`. */
export type CauseId = keyof typeof CAUSE_CATEGORY;

/** All cause ids, in catalog order. */
export const CAUSE_IDS = Object.keys(CAUSE_CATEGORY) as readonly CauseId[] as readonly [CauseId, ...CauseId[]];
