/**
 * pos-suspension-classifier: explains why a merchant's POS terminal was suspended.
 * Case file → signals → declarative rules → ranked causes with evidence and advice.
 * @packageDocumentation
 */
export { type Advice, adviceFor, type Labels, labelsFor } from './advice/catalog.js';
export { measureAdvice } from './advice/measures.js';
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
  type CaseEvent,
  type CaseFile,
  type CaseFileInput,
  CaseFileSchema,
  EventSchema,
  MEASURES,
  type Measure,
  type Merchant,
  MerchantSchema,
  type Transaction,
  TransactionSchema,
} from './contract/caseFile.js';
export { CATEGORIES, CAUSE_CATEGORY, CAUSE_IDS, type Category, type CauseId } from './contract/causes.js';
export {
  CaseFileError,
  ClassifierError,
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
  CONFLICT_KINDS,
  type Conflict,
  type ConflictKind,
  ConflictSchema,
  type Evidence,
  type EvidenceCondition,
  LANGS,
  type Lang,
  type MeasureAdvice,
  MeasureAdviceSchema,
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
  classify,
  createClassifier,
  defaultRulePack,
  type SignalsResult,
} from './engine/classifier.js';
export { compileRulePack, type EngineKind } from './engine/firedRules.js';
export { type NoticeMaps, type NoticeMention, type NoticeReading, type NoticeSource, readNotice } from './engine/notice.js';
export { DEFAULT_MIN_SCORE, noisyOr } from './engine/rank.js';
export { type LintCode, type LintFinding, lintRulePack } from './rules/lint.js';
export { loadRulePack, mergeRulePacks } from './rules/loadRulePack.js';
export type { LeafCondition, Rule, RuleCondition, RulePack } from './rules/schema.js';
export { SIGNAL_CATALOG, SIGNAL_NAMES, type SignalName, type SignalSpec, type Signals } from './signals/catalog.js';
export { computeSignals } from './signals/computeSignals.js';
export { DEFAULT_SIGNAL_OPTIONS, type SignalOptions } from './signals/options.js';
