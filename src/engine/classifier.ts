/** The classifier: case file → signals → fired rules → ranked causes with advice. */
import defaultPackJson from '../../rules/default.json';
import { measureAdvice } from '../advice/measures.js';
import { OptionsError, type Problem } from '../contract/errors.js';
import type { Limits } from '../contract/limits.js';
import { parseCaseFile } from '../contract/parseCaseFile.js';
import { LANGS, type Lang, RESULT_SCHEMA_VERSION, type Result } from '../contract/result.js';
import { loadRulePack } from '../rules/loadRulePack.js';
import type { RulePack } from '../rules/schema.js';
import type { Signals } from '../signals/catalog.js';
import { computeSignalReport } from '../signals/computeSignals.js';
import type { SignalOptions } from '../signals/options.js';
import { noticeConflicts } from './conflicts.js';
import { compileRulePack, createRuleEvaluator, type EngineKind } from './firedRules.js';
import { createNoticeDictionary, type NoticeMaps, readNotice } from './notice.js';
import { DEFAULT_MIN_SCORE, rankCauses } from './rank.js';
import { parseSignals } from './signalsInput.js';

/** Options of {@link createClassifier}. */
export interface ClassifierConfig {
  /** A rule pack (validated by `loadRulePack`, or raw JSON that will be). Default: the bundled pack. */
  readonly rulePack?: RulePack | unknown;
  /** Language of titles and advice. Default `'en'`. */
  readonly lang?: Lang;
  /** Which evaluator runs the rules. Default `'compiled'`; `'json-rules-engine'` is the reference. */
  readonly engine?: EngineKind;
  /** Signal thresholds and the minimum reported score. */
  readonly options?: Partial<SignalOptions> & {
    /** Least score of a reported cause, 0–1. Default 0.4. */
    readonly minScore?: number;
  };
  /** Size limits for case files and rule packs. */
  readonly limits?: Partial<Limits>;
  /**
   * Your own reason codes and notice phrases, each mapped to a cause id; they win over the built-in
   * tables (`src/engine/data/reason-codes.json`, `notice-phrases.json`). Validated at creation.
   */
  readonly notice?: NoticeMaps;
}

/** Per-call options. */
export interface ClassifyOptions {
  /** Overrides the classifier's language for this call. */
  readonly lang?: Lang;
}

/** The result of {@link Classifier.classifySignals}: no merchant or window, only signals in. */
export type SignalsResult = Pick<Result, 'schemaVersion' | 'lang' | 'rulePack' | 'causes' | 'signals'>;

/** A configured classifier. Immutable after creation; safe for concurrent calls. */
export interface Classifier {
  /** The validated rule pack in use. */
  readonly rulePack: RulePack;
  /**
   * Classifies one untrusted case file.
   * @throws `CaseFileError` when the case file is invalid.
   */
  classify(caseFile: unknown, options?: ClassifyOptions): Promise<Result>;
  /** Like `classify`, synchronously; only with the default `compiled` engine. */
  classifySync(caseFile: unknown, options?: ClassifyOptions): Result;
  /** Classifies precomputed signals (e.g. from your own pipeline). */
  classifySignals(signals: unknown, options?: ClassifyOptions): Promise<SignalsResult>;
}

/** The bundled default rule pack, validated. */
export const defaultRulePack: RulePack = loadRulePack(defaultPackJson);

/**
 * Creates a classifier: validates the rule pack and builds its evaluator once.
 *
 * @param config - rule pack, language, engine, thresholds, limits; all optional.
 * @returns an immutable {@link Classifier}.
 * @throws `RulePackError` for a bad pack, `OptionsError` for bad options.
 * @example
 * ```ts
 * const classifier = createClassifier({ lang: 'zh-CN' });
 * const result = await classifier.classify(JSON.parse(text));
 * console.log(result.causes.map((c) => `${c.rank}. ${c.id} ${c.score}`));
 * ```
 */
export function createClassifier(config: ClassifierConfig = {}): Classifier {
  const lang = config.lang ?? 'en';
  const engine = config.engine ?? 'compiled';
  const { minScore = DEFAULT_MIN_SCORE, ...signalOptions } = config.options ?? {};
  checkOptions(lang, engine, minScore);
  const rulePack = config.rulePack === undefined ? defaultRulePack : loadRulePack(config.rulePack, config.limits);
  const evaluator = createRuleEvaluator(rulePack, engine);
  const firedSync = engine === 'compiled' ? compileRulePack(rulePack) : undefined;
  const packInfo = Object.freeze({ name: rulePack.name, version: rulePack.version });
  const limits = config.limits ?? {};
  const dictionary = createNoticeDictionary(config.notice);

  const prepareCase = (input: unknown) => {
    const caseFile = parseCaseFile(input, limits);
    return { caseFile, ...computeSignalReport(caseFile, signalOptions) };
  };
  const assemble = (prepared: ReturnType<typeof prepareCase>, fired: Parameters<typeof rankCauses>[0]['fired'], callLang: Lang): Result => {
    const suspension = prepared.caseFile.merchant.suspension;
    const reading = readNotice(suspension, dictionary);
    const authority = reading.stated.some((m) => m.cause === 'fraud-related-freeze') || prepared.signals.lawEnforcementRequestCount > 0;
    return {
      schemaVersion: RESULT_SCHEMA_VERSION,
      merchantId: prepared.caseFile.merchant.id,
      lang: callLang,
      rulePack: { ...packInfo },
      window: {
        from: prepared.caseFile.window.from,
        to: prepared.caseFile.window.to,
        transactionsOutside: prepared.transactionsOutside,
        eventsOutside: prepared.eventsOutside,
      },
      causes: rankCauses({ fired, signals: prepared.signals, lang: callLang, minScore, stated: reading.stated }),
      conflicts: noticeConflicts(reading, fired, callLang),
      measures: measureAdvice(suspension?.measures ?? [], callLang, authority),
      signals: { ...prepared.signals },
    };
  };

  return Object.freeze({
    rulePack,
    async classify(input: unknown, options: ClassifyOptions = {}) {
      const callLang = checkLang(options.lang ?? lang);
      const prepared = prepareCase(input);
      return assemble(prepared, await evaluator.fired(prepared.signals), callLang);
    },
    classifySync(input: unknown, options: ClassifyOptions = {}) {
      if (!firedSync) {
        throw new OptionsError([{ path: 'engine', message: 'classifySync needs the compiled engine; use classify' }]);
      }
      const callLang = checkLang(options.lang ?? lang);
      const prepared = prepareCase(input);
      return assemble(prepared, firedSync(prepared.signals), callLang);
    },
    async classifySignals(input: unknown, options: ClassifyOptions = {}) {
      const callLang = checkLang(options.lang ?? lang);
      const signals: Signals = parseSignals(input);
      const fired = await evaluator.fired(signals);
      return {
        schemaVersion: RESULT_SCHEMA_VERSION,
        lang: callLang,
        rulePack: { ...packInfo },
        causes: rankCauses({ fired, signals, lang: callLang, minScore }),
        signals: { ...signals },
      };
    },
  });
}

/**
 * Classifies one case file with a classifier built for the call. For many files, build one
 * classifier with {@link createClassifier} and reuse it.
 *
 * @example
 * ```ts
 * const { causes } = await classify(caseFile, { lang: 'en' });
 * ```
 */
export async function classify(caseFile: unknown, config: ClassifierConfig = {}): Promise<Result> {
  return createClassifier(config).classify(caseFile);
}

function checkLang(lang: unknown): Lang {
  if (!LANGS.includes(lang as Lang)) {
    throw new OptionsError([{ path: 'lang', message: `expected one of ${LANGS.join(', ')}` }]);
  }
  return lang as Lang;
}

function checkOptions(lang: unknown, engine: unknown, minScore: unknown): void {
  const problems: Problem[] = [];
  if (!LANGS.includes(lang as Lang)) problems.push({ path: 'lang', message: `expected one of ${LANGS.join(', ')}` });
  if (engine !== 'compiled' && engine !== 'json-rules-engine') {
    problems.push({ path: 'engine', message: "expected 'compiled' or 'json-rules-engine'" });
  }
  if (typeof minScore !== 'number' || !(minScore >= 0 && minScore <= 1)) {
    problems.push({ path: 'options.minScore', message: 'expected a number from 0 to 1' });
  }
  if (problems.length > 0) throw new OptionsError(problems);
}
