/**
 * The classification result, defined once as zod schemas (types via `z.infer`). It is plain JSON:
 * the same input and rule pack give byte-identical `JSON.stringify` output.
 */
import { z } from 'zod';
import { MEASURES } from './caseFile.js';
import { CATEGORIES, CAUSE_IDS } from './causes.js';

/** Operators a rule condition may use (json-rules-engine's built-in names). */
export const OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
] as const;

/** A comparison operator of a rule condition. */
export type Operator = (typeof OPERATORS)[number];

/** How people read each operator in tables and letters. */
export const OPERATOR_SYMBOL: Readonly<Record<Operator, string>> = {
  equal: '=',
  notEqual: '≠',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
  in: '∈',
  notIn: '∉',
};

const FactValueSchema = z.union([z.number(), z.boolean(), z.string()]);
/** A threshold: a literal, a list (for `in` / `notIn`), or the value of another fact at the time. */
const ThresholdSchema = z.union([z.number(), z.boolean(), z.string(), z.array(z.union([z.number(), z.string()]))]);

/** One condition that held when a rule fired: the signal, its actual value, the operator and threshold. */
export const EvidenceConditionSchema = z.object({
  /** The fact compared: a signal, a merchant attribute (`mcc`) or a custom signal. */
  signal: z.string(),
  value: FactValueSchema,
  operator: z.enum(OPERATORS),
  /** The literal threshold or list; for a fact-to-fact comparison, the other fact's value. */
  threshold: ThresholdSchema,
  /** For a fact-to-fact comparison (`value: { fact }`), the other fact's name. */
  thresholdFact: z.string().optional(),
  /** The name of the condition (its own `name`, else the nearest named condition or shared condition holding it). */
  name: z.string().optional(),
});

/** One fired rule behind a cause. */
export const EvidenceSchema = z.object({
  /** Rule name in the pack, or `stated-reason` for a cause the acquirer's notice names. */
  rule: z.string(),
  /** The rule's weight (0, 1] added to the cause. */
  weight: z.number(),
  /** The conditions that made it fire (for `any`, the ones that held); empty for `stated-reason`. */
  conditions: z.array(EvidenceConditionSchema),
  /** For `stated-reason`: the reason code or the dictionary phrase that named the cause (e.g. `套现`). */
  phrase: z.string().optional(),
  /** For `stated-reason`: where it was read, `merchant.suspension.reasonCode` or `note`. */
  source: z.enum(['reasonCode', 'note']).optional(),
});

/** One signal change that would stop a rule firing. */
export const SignalChangeSchema = z.object({
  signal: z.string(),
  value: FactValueSchema,
  operator: z.enum(OPERATORS),
  threshold: ThresholdSchema,
  /** For a fact-to-fact comparison, the other fact (held at its current value). */
  thresholdFact: z.string().optional(),
  example: z.union([z.number(), z.boolean()]),
});

/** What would clear a cause: per fired rule the smallest change, and the rules that must all stop. */
export const ToClearSchema = z.object({
  rules: z.array(
    z.object({
      rule: z.string(),
      changes: z.array(SignalChangeSchema),
      /** Set when no change of signals can stop the rule (e.g. only merchant attributes decide it); `changes` is then empty. */
      cannot: z.string().optional(),
    }),
  ),
  mustClear: z.array(z.string()),
});

/** A reported cause with its advice. */
export const CauseResultSchema = z.object({
  id: z.enum(CAUSE_IDS),
  category: z.enum(CATEGORIES),
  rank: z.number().int().positive(),
  score: z.number().min(0).max(1),
  confidence: z.enum(['high', 'medium', 'low']),
  title: z.string(),
  summary: z.string(),
  evidence: z.array(EvidenceSchema),
  /** Absent when the classifier was created with `explain: 'evidence'` or `'none'` (no counterfactual search). */
  toClear: ToClearSchema.optional(),
  remediation: z.array(z.string()),
  appealMaterials: z.array(z.string()),
  prevention: z.array(z.string()),
  alternatives: z.array(z.string()),
});

/** Kinds of disagreement between the acquirer's notice and the transactions. */
export const CONFLICT_KINDS = ['notice-names-other', 'notice-rules-out'] as const;
/** A kind of notice conflict. */
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/**
 * The notice and the transactions disagree: the notice names a cause the transactions hardly
 * support while they point to another (`notice-names-other`), or the notice rules out a cause the
 * transactions show (`notice-rules-out`).
 */
export const ConflictSchema = z.object({
  kind: z.enum(CONFLICT_KINDS),
  /** The cause the notice names or rules out. */
  notice: z.enum(CAUSE_IDS),
  /** The cause the transactions support (the same as `notice` for `notice-rules-out`). */
  found: z.enum(CAUSE_IDS),
  /** The notice's words, as listed in the phrase dictionary or the reason code. */
  phrase: z.string(),
  /** Score of `found` from the rules alone, without the notice. */
  score: z.number().min(0).max(1),
  /** One sentence in the result's language. */
  message: z.string(),
});

/** Advice for one graded measure the acquirer took (`merchant.suspension.measures`). */
export const MeasureAdviceSchema = z.object({
  id: z.enum(MEASURES),
  title: z.string(),
  /** What the measure means for the merchant. */
  meaning: z.string(),
  /** Who can lift it: the acquirer, or only the authority that ordered it (a police freeze). */
  liftedBy: z.enum(['acquirer', 'authority']),
  whoCanLift: z.string(),
  /** What to ask the acquirer (or the authority). */
  ask: z.array(z.string()),
  /** What to bring. */
  bring: z.array(z.string()),
  /** A typical timeline, only where a public source gives one, with that source. */
  timeline: z.object({ text: z.string(), source: z.string() }).optional(),
});

/**
 * Version of the result format. Follows semver: a new optional field is a minor change; removing or
 * renaming a field, a cause id or a signal name is a major one.
 */
export const RESULT_SCHEMA_VERSION = '1.2.0' as const;

/** A merchant drifting toward a rule's threshold (see docs/early-warning.md). Since 1.2.0. */
export const WarningSchema = z.object({
  cause: z.enum(CAUSE_IDS),
  rule: z.string(),
  signal: z.string(),
  operator: z.enum(OPERATORS),
  threshold: z.number(),
  /** Weekly values (merchant-local weeks, Monday first), oldest first; weeks under the volume floor left out. */
  series: z.array(z.object({ from: z.string(), to: z.string(), value: z.number() })),
  /** Theil–Sen slope, signal units per week. */
  slopePerWeek: z.number(),
  /** Local date the trend line crosses the threshold; null when it never does. */
  projectedCrossing: z.string().nullable(),
  /** Days from the window's last local day to the crossing (0: the trend line is past it already). */
  daysToCrossing: z.number().int().nullable(),
  /** high: z ≥ 2.58 over ≥ 6 weeks; medium: ≥ 6 weeks; low: fewer weeks. */
  confidence: z.enum(['high', 'medium', 'low']),
});

/** One early warning. */
export type Warning = z.infer<typeof WarningSchema>;

/** The result of classifying one case file. */
export const ResultSchema = z.object({
  schemaVersion: z.literal(RESULT_SCHEMA_VERSION),
  merchantId: z.string(),
  lang: z.enum(['zh-CN', 'en']),
  rulePack: z.object({ name: z.string(), version: z.string() }),
  window: z.object({
    from: z.string(),
    to: z.string(),
    /** Transactions in the file but outside the window, ignored. */
    transactionsOutside: z.number().int().nonnegative(),
    /** Events in the file but outside the window, ignored. */
    eventsOutside: z.number().int().nonnegative(),
  }),
  causes: z.array(CauseResultSchema),
  /** Where the acquirer's notice and the transactions disagree (since 1.1.0). */
  conflicts: z.array(ConflictSchema),
  /** Advice per graded measure in `merchant.suspension.measures`, in catalog order (since 1.1.0). */
  measures: z.array(MeasureAdviceSchema),
  /** Rules that have not fired whose signals trend toward their thresholds, soonest first (since 1.2.0). */
  warnings: z.array(WarningSchema),
  /** Every built-in signal, then the classifier's custom signals in the order they were given. */
  signals: z.record(z.string(), z.union([z.number(), z.boolean()])),
});

/** One condition in a cause's evidence. */
export type EvidenceCondition = z.infer<typeof EvidenceConditionSchema>;
/** What would clear a cause. */
export type ToClear = z.infer<typeof ToClearSchema>;
/** One fired rule in a cause's evidence. */
export type Evidence = z.infer<typeof EvidenceSchema>;
/** A disagreement between the notice and the transactions. */
export type Conflict = z.infer<typeof ConflictSchema>;
/** Advice for one graded measure. */
export type MeasureAdvice = z.infer<typeof MeasureAdviceSchema>;
/** A reported cause. */
export type CauseResult = z.infer<typeof CauseResultSchema>;
/** The result of a classification. */
export type Result = z.infer<typeof ResultSchema>;
/** Languages advice text ships in. */
export type Lang = Result['lang'];
/** Supported advice languages. */
export const LANGS = ['zh-CN', 'en'] as const satisfies readonly Lang[];
