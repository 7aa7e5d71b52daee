/**
 * The facts a rule pack may name: the built-in signals (docs/signals.md), the merchant's attributes
 * from its case file (strings such as `mcc`), and the custom signals a classifier was built with.
 * One lookup for the loader, the evaluators, counterfactuals, lint and calibration.
 */
import { type CaseFile, MERCHANT_KINDS } from '../contract/caseFile.js';
import { SIGNAL_CATALOG, type SignalName } from './catalog.js';

/** The value of one fact: signals are numbers or booleans, merchant attributes are strings. */
export type FactValue = number | boolean | string;

/** Every fact a rule can read, by name. */
export type Facts = Readonly<Record<string, FactValue>>;

/** How one fact is described. */
export interface FactSpec {
  /** Where the value comes from. */
  readonly source: 'signal' | 'merchant' | 'custom';
  readonly kind: 'number' | 'boolean' | 'string';
  /** Unit of a number (count, minor units, share (0–1), ratio, days, km, …); `text` for strings. */
  readonly unit: string;
  /** Least possible value (numbers). */
  readonly min?: number;
  /** Greatest possible value (numbers), when bounded. */
  readonly max?: number;
  /** Every possible value (strings with a closed set). */
  readonly values?: readonly string[];
  /** A pattern every value matches (strings with an open set). */
  readonly pattern?: RegExp;
  readonly description: string;
}

/** A caller-defined numeric or boolean fact (a custom signal), as the loader and lint need it. */
export interface ExtraFactSpec {
  /** `boolean` makes a true/false fact; any other unit a number. */
  readonly unit: string;
  readonly description?: string;
  /** Possible range of a number, `[min, max]`. */
  readonly range?: readonly [number, number];
}

/** Value of `merchantKind` / `contractStatus` when the case file leaves it out. */
export const UNKNOWN_ATTRIBUTE = 'unknown';

/**
 * Merchant attributes usable as string facts (with `equal`, `notEqual`, `in`, `notIn`), read from the
 * validated case file's `merchant`; case-file defaults apply (currency CNY, zone Asia/Shanghai).
 */
export const MERCHANT_FACTS = {
  mcc: {
    source: 'merchant',
    kind: 'string',
    unit: 'text',
    pattern: /^\d{4}$/,
    description: 'merchant.mcc: the 4-digit merchant category code (ISO 18245), e.g. "5411".',
  },
  merchantKind: {
    source: 'merchant',
    kind: 'string',
    unit: 'text',
    values: [...MERCHANT_KINDS, UNKNOWN_ATTRIBUTE],
    description: `merchant.kind: ${MERCHANT_KINDS.join(', ')}; "${UNKNOWN_ATTRIBUTE}" when the case file leaves it out.`,
  },
  currency: {
    source: 'merchant',
    kind: 'string',
    unit: 'text',
    pattern: /^[A-Z]{3}$/,
    description: 'merchant.currency: ISO 4217 code of every amount; "CNY" when the case file leaves it out.',
  },
  timezone: {
    source: 'merchant',
    kind: 'string',
    unit: 'text',
    description: 'merchant.timezone: IANA time zone; "Asia/Shanghai" when the case file leaves it out.',
  },
  contractStatus: {
    source: 'merchant',
    kind: 'string',
    unit: 'text',
    values: ['active', 'expired', 'terminated', UNKNOWN_ATTRIBUTE],
    description: `merchant.contract.status: active, expired or terminated; "${UNKNOWN_ATTRIBUTE}" without a contract.`,
  },
} as const satisfies Record<string, FactSpec>;

/** A merchant attribute fact's name. */
export type MerchantFactName = keyof typeof MERCHANT_FACTS;

/** The merchant attribute names. */
export const MERCHANT_FACT_NAMES = Object.keys(MERCHANT_FACTS) as readonly MerchantFactName[];

/** Merchant attribute facts of a validated case file. */
export function merchantFactsOf(caseFile: CaseFile): Readonly<Record<MerchantFactName, string>> {
  const m = caseFile.merchant;
  return {
    mcc: m.mcc,
    merchantKind: m.kind ?? UNKNOWN_ATTRIBUTE,
    currency: m.currency,
    timezone: m.timezone,
    contractStatus: m.contract?.status ?? UNKNOWN_ATTRIBUTE,
  };
}

/** Looks a fact up by name; undefined for a name that is no fact. */
export type FactLookup = (name: string) => FactSpec | undefined;

/** The spec of a custom fact from its caller-facing description. */
export function extraFactSpec(spec: ExtraFactSpec): FactSpec {
  const boolean = spec.unit === 'boolean';
  const base = { source: 'custom' as const, kind: boolean ? ('boolean' as const) : ('number' as const), unit: spec.unit };
  const described = { ...base, description: spec.description ?? '' };
  if (boolean || !spec.range) return described;
  return { ...described, min: spec.range[0], max: spec.range[1] };
}

/** A lookup over signals, merchant attributes and the given custom facts. */
export function factLookup(extraFacts: Readonly<Record<string, ExtraFactSpec>> = {}): FactLookup {
  const extra = new Map(Object.entries(extraFacts).map(([name, spec]) => [name, extraFactSpec(spec)]));
  return (name) => {
    if (Object.hasOwn(SIGNAL_CATALOG, name)) {
      const s = SIGNAL_CATALOG[name as SignalName] as {
        kind: 'number' | 'boolean';
        unit: string;
        min?: number;
        max?: number;
        definition: string;
      };
      return {
        source: 'signal',
        kind: s.kind,
        unit: s.unit,
        ...(s.min === undefined ? {} : { min: s.min }),
        ...(s.max === undefined ? {} : { max: s.max }),
        description: s.definition,
      };
    }
    if (Object.hasOwn(MERCHANT_FACTS, name)) return MERCHANT_FACTS[name as MerchantFactName];
    return extra.get(name);
  };
}

/** Every fact name a lookup built from these custom facts knows, sorted (for "did you mean"). */
export function factNames(extraFacts: Readonly<Record<string, ExtraFactSpec>> = {}): string[] {
  return [...Object.keys(SIGNAL_CATALOG), ...MERCHANT_FACT_NAMES, ...Object.keys(extraFacts)].sort();
}
