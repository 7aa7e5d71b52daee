/**
 * pos-suspension-classifier: explains why a merchant's POS terminal was suspended.
 * Case file → signals → declarative rules → ranked causes with evidence and advice.
 *
 * The public surface is this list and nothing else (ky-style: one explicit export list). Not
 * exported, on purpose:
 * - The zod schemas of the case file (`CaseFileSchema`, `TransactionSchema`, …) and of labels:
 *   validate with `parseCaseFile`, which adds the size limits, the fast path, the card-number
 *   screen and typed `CaseFileError`s; callers in other languages use the JSON Schema
 *   (`caseFileJsonSchema()`, `pos-suspension-classifier/case-file.schema.json`). Exporting zod
 *   objects would make zod's major version part of our API. `ResultSchema` is the one exception:
 *   consumers of stored results validate them with it.
 * - `compileRulePack` and the evaluators: `createClassifier` compiles a pack once; run a pack on
 *   your own signals with `classifier.classifySignals`. The compiler takes only a
 *   `ValidatedRulePack` (see `loadRulePack`), so it cannot meet a pack the two engines read differently.
 * - `noisyOr` and the ranking internals: the scoring is documented in rules/README.md, and the
 *   score is in every result.
 * Two pairs are public on purpose, one-shot beside reusable: `classify` / `createClassifier` (build
 * once, classify many) and `backtest` / `createBacktest` (an array at once, or a stream case by case).
 * - `maskToken` and the letter internals: `draftAppeal` masks tokens itself.
 * - The synthetic-data generator (`src/synth`): the project's own test-data tool, used by the
 *   `generate` command; its labels follow this project's rule pack and may change in any release.
 * - Signal families, `prepare` and the time utilities: internals that change as signals are refined.
 * @packageDocumentation
 */
export { type Advice, adviceFor, type LabelKey, type Labels, labelsFor } from './advice/catalog.js';
export { evidenceInWords, formatSignalValue, signalName } from './advice/evidenceWords.js';
export { measureAdvice } from './advice/measures.js';
export {
  type AppealDraft,
  type AppealOptions,
  type ChecklistItem,
  checklistFor,
  type DocumentKind,
  draftAppeal,
  type Stance,
} from './appeal/draftAppeal.js';
export {
  type BacktestReport,
  type BacktestRun,
  backtest,
  type CauseMetrics,
  createBacktest,
  type Label,
  type Miss,
} from './backtest/backtest.js';
export {
  type CalibrationOptions,
  type CalibrationReport,
  calibrateRulePack,
  type ThresholdChange,
} from './calibrate/calibrate.js';
export type { Figures } from './calibrate/scoreboard.js';
export {
  type CaseEvent,
  type CaseFile,
  type CaseFileInput,
  MEASURES,
  type Measure,
  type Merchant,
  type Transaction,
} from './contract/caseFile.js';
export { CATEGORIES, CAUSE_CATEGORY, CAUSE_IDS, type Category, type CauseId } from './contract/causes.js';
export {
  CaseFileError,
  ClassifierError,
  CustomSignalError,
  type ErrorCode,
  isCaseFileError,
  isRulePackError,
  OptionsError,
  type Problem,
  RulePackError,
} from './contract/errors.js';
export { caseFileJsonSchema } from './contract/jsonSchema.js';
export { DEFAULT_LIMITS, type Limits } from './contract/limits.js';
export { parseCaseFile } from './contract/parseCaseFile.js';
export {
  type CauseResult,
  CONFLICT_KINDS,
  type Conflict,
  type ConflictKind,
  type Evidence,
  type EvidenceCondition,
  LANGS,
  type Lang,
  type MeasureAdvice,
  OPERATOR_SYMBOL,
  OPERATORS,
  type Operator,
  type Result,
  ResultSchema,
  type ToClear,
  type Warning,
} from './contract/result.js';
export {
  type Classification,
  type Classifier,
  type ClassifierConfig,
  type ClassifyOptions,
  type ClassifySignalsOptions,
  classify,
  createClassifier,
  defaultRulePack,
  type SignalsResult,
} from './engine/classifier.js';
export { type EarlyWarningConfig, type EarlyWarningReport, earlyWarning } from './engine/earlyWarning.js';
export type { EngineKind } from './engine/firedRules.js';
export { type NoticeMaps, type NoticeMention, type NoticeReading, type NoticeSource, readNotice } from './engine/notice.js';
export { DEFAULT_MIN_SCORE, EXPLAIN_LEVELS, type ExplainLevel } from './engine/rank.js';
export type { MerchantAttributes } from './engine/signalsInput.js';
export { strongestConditions } from './engine/strongestConditions.js';
export { analystReport, type ReportInput } from './report/renderReport.js';
export { type LintCode, type LintFinding, type LintOptions, lintRulePack } from './rules/lint.js';
export { type LoadOptions, loadRulePack, mergeRulePacks, rulePackToJson } from './rules/loadRulePack.js';
export type {
  ConditionRef,
  FactRef,
  LeafCondition,
  Rule,
  RuleCondition,
  RulePack,
  Threshold,
  TopCondition,
  ValidatedRulePack,
} from './rules/schema.js';
export { SIGNAL_CATALOG, SIGNAL_NAMES, type SignalName, type SignalSpec, type Signals } from './signals/catalog.js';
export { computeSignals } from './signals/computeSignals.js';
export { type CustomSignal, checkCustomSignals, customFactSpecs } from './signals/custom.js';
export { type ExtraFactSpec, type FactSpec, type Facts, type FactValue, MERCHANT_FACTS, type MerchantFactName } from './signals/facts.js';
export type { EvidenceMembers, SignalMembers } from './signals/members.js';
export { DEFAULT_SIGNAL_OPTIONS, type SignalOptions } from './signals/options.js';
export { maskPans } from './text/cardNumber.js';
export { DEFAULT_WARNING_SETTINGS, type WarningSettings } from './warning/earlyWarning.js';
