/** Validation of caller-supplied signals and merchant attributes for `classifySignals`. */
import { z } from 'zod';
import { MERCHANT_KINDS } from '../contract/caseFile.js';
import { formatPath, OptionsError } from '../contract/errors.js';
import { SIGNAL_CATALOG, type Signals } from '../signals/catalog.js';
import type { CustomSignal } from '../signals/custom.js';
import { MERCHANT_FACTS, type MerchantFactName, UNKNOWN_ATTRIBUTE } from '../signals/facts.js';

const finite = () => z.number().refine(Number.isFinite, { error: 'expected a finite number' });

/** A parser of full signal records: every built-in and custom signal present with the right type. */
export function createSignalsParser(custom: readonly CustomSignal[] = []): (input: unknown) => Signals & Record<string, number | boolean> {
  const schema = z.strictObject({
    ...Object.fromEntries(Object.entries(SIGNAL_CATALOG).map(([name, spec]) => [name, spec.kind === 'boolean' ? z.boolean() : finite()])),
    ...Object.fromEntries(custom.map((s) => [s.name, s.unit === 'boolean' ? z.boolean() : finite()])),
  });
  return (input) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      throw new OptionsError(parsed.error.issues.slice(0, 50).map((i) => ({ path: `signals.${formatPath(i.path)}`, message: i.message })));
    }
    return parsed.data as Signals & Record<string, number | boolean>;
  };
}

/** Parses a full signal record of the built-in signals. */
export const parseSignals: (input: unknown) => Signals = createSignalsParser();

/** Merchant attributes for `classifySignals`, which has no case file to read them from. */
export interface MerchantAttributes {
  /** 4-digit MCC; required when the rule pack compares `mcc`. */
  readonly mcc?: string;
  /** individual, individual-business or company; default `unknown`. */
  readonly kind?: (typeof MERCHANT_KINDS)[number];
  /** ISO 4217; default CNY. */
  readonly currency?: string;
  /** IANA zone; default Asia/Shanghai. */
  readonly timezone?: string;
  /** active, expired or terminated; default `unknown`. */
  readonly contractStatus?: 'active' | 'expired' | 'terminated';
}

const AttributesSchema = z.strictObject({
  mcc: z
    .string()
    .regex(/^\d{4}$/, { error: 'expected a 4-digit MCC string' })
    .optional(),
  kind: z.enum(MERCHANT_KINDS).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: 'expected an ISO 4217 code such as CNY' })
    .optional(),
  timezone: z.string().min(1).max(64).optional(),
  contractStatus: z.enum(['active', 'expired', 'terminated']).optional(),
});

/**
 * Merchant attribute facts from caller input, with the case file's defaults. A fact the pack uses
 * and that has no default (`mcc`) must be given.
 */
export function merchantFactsFrom(
  input: unknown,
  used: ReadonlySet<string>,
): Record<MerchantFactName, string> | Partial<Record<MerchantFactName, string>> {
  const parsed = AttributesSchema.safeParse(input ?? {});
  if (!parsed.success) {
    throw new OptionsError(parsed.error.issues.slice(0, 20).map((i) => ({ path: `merchant.${formatPath(i.path)}`, message: i.message })));
  }
  const m = parsed.data;
  if (used.has('mcc') && m.mcc === undefined) {
    throw new OptionsError([{ path: 'merchant.mcc', message: 'the rule pack compares mcc; pass { merchant: { mcc } } with the signals' }]);
  }
  const facts: Partial<Record<MerchantFactName, string>> = {
    merchantKind: m.kind ?? UNKNOWN_ATTRIBUTE,
    currency: m.currency ?? 'CNY',
    timezone: m.timezone ?? 'Asia/Shanghai',
    contractStatus: m.contractStatus ?? UNKNOWN_ATTRIBUTE,
  };
  if (m.mcc !== undefined) facts.mcc = m.mcc;
  return facts;
}

/** Names of the merchant attribute facts (for docs). */
export const MERCHANT_ATTRIBUTE_FACTS = Object.keys(MERCHANT_FACTS) as readonly MerchantFactName[];
