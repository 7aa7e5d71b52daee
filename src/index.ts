/**
 * pos-suspension-classifier: explains why a merchant's POS terminal was suspended.
 * Case file → signals → declarative rules → ranked causes with evidence and advice.
 * @packageDocumentation
 */
export { type Advice, adviceFor, type Labels, labelsFor } from './advice/catalog.js';
export { type AppealDraft, type AppealOptions, type ChecklistItem, checklistFor, draftAppeal, maskToken } from './appeal/draftAppeal.js';
export {
  type BacktestReport,
  type BacktestRun,
  backtest,
  type CauseMetrics,
  createBacktest,
  type Label,
  LabelSchema,
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
  CaseFileSchema,
  EventSchema,
  type Merchant,
  MerchantSchema,
  type Transaction,
  TransactionSchema,
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
  CauseResultSchema,
  type Evidence,
  type EvidenceCondition,
  LANGS,
  type Lang,
  OPERATORS,
  type Operator,
  type Result,
  ResultSchema,
  type ToClear,
} from './contract/result.js';
export {
  type Classifier,
  type ClassifierConfig,
  type ClassifyOptions,
  type ClassifySignalsOptions,
  classify,
  createClassifier,
  defaultRulePack,
  type SignalsResult,
} from './engine/classifier.js';
export { compileRulePack, type EngineKind } from './engine/firedRules.js';
export { DEFAULT_MIN_SCORE, noisyOr } from './engine/rank.js';
export type { MerchantAttributes } from './engine/signalsInput.js';
export { type ExtraFactSpec, type FactSpec, type Facts, type FactValue, MERCHANT_FACTS, type MerchantFactName } from './rules/facts.js';
export { type LintCode, type LintFinding, type LintOptions, lintRulePack } from './rules/lint.js';
export { type LoadOptions, loadRulePack, mergeRulePacks, rulePackToJson } from './rules/loadRulePack.js';
export type { ConditionRef, FactRef, LeafCondition, Rule, RuleCondition, RulePack, Threshold, TopCondition } from './rules/schema.js';
export { SIGNAL_CATALOG, SIGNAL_NAMES, type SignalName, type SignalSpec, type Signals } from './signals/catalog.js';
export { computeSignals } from './signals/computeSignals.js';
export { type CustomSignal, customFactSpecs } from './signals/custom.js';
export { DEFAULT_SIGNAL_OPTIONS, type SignalOptions } from './signals/options.js';
