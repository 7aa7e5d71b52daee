/** The classifier: case file → signals → fired rules → ranked causes with advice. */
import defaultPackJson from '../../rules/default.json';
import { measureAdvice } from '../advice/measures.js';
import type { CaseFile } from '../contract/caseFile.js';
import { OptionsError } from '../contract/errors.js';
import type { Limits } from '../contract/limits.js';
import { parseCaseFile } from '../contract/parseCaseFile.js';
import { type EvidenceCondition, LANGS, type Lang, RESULT_SCHEMA_VERSION, type Result } from '../contract/result.js';
import { leavesOf } from '../rules/language.js';
import { loadRulePack } from '../rules/loadRulePack.js';
import type { Rule, RulePack, ValidatedRulePack } from '../rules/schema.js';
import type { Signals } from '../signals/catalog.js';
import { signalsOf } from '../signals/computeSignals.js';
import { type CustomSignal, checkCustomSignals, computeCustomSignals, customFactSpecs } from '../signals/custom.js';
import { type Facts, factLookup, MERCHANT_FACT_NAMES, merchantFactsOf } from '../signals/facts.js';
import { type EvidenceMembers, membersOf } from '../signals/members.js';
import type { SignalOptions } from '../signals/options.js';
import { type Prepared, prepare } from '../signals/prepare.js';
import { createWarningSearch, resolveWarningSettings, type WarningSearch, type WarningSettings } from '../warning/earlyWarning.js';
import { checkClassifierConfig } from './config.js';
import { noticeConflicts } from './conflicts.js';
import { compileExplain } from './evaluate.js';
import { compileRulePack, createRuleEvaluator, type EngineKind } from './firedRules.js';
import { createNoticeDictionary, type NoticeMaps, readNotice } from './notice.js';
import { DEFAULT_MIN_SCORE, type ExplainLevel, rankCauses } from './rank.js';
import { createSignalsParser, type MerchantAttributes, merchantFactsFrom } from './signalsInput.js';

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
  /**
   * Your own signals, computed per merchant after the built-in ones, usable as facts by the rule pack
   * and reported in `result.signals`. Names must not clash with built-in signals or merchant attributes.
   */
  readonly customSignals?: readonly CustomSignal[];
  /**
   * Early warning in every result (`result.warnings`): trend settings (docs/early-warning.md), or
   * `false` to skip the weekly series (a batch scan that only wants causes). Default: on, defaults.
   */
  readonly warnings?: WarningSettings | false;
  /**
   * How much each cause is explained: `'full'` (default) evidence and `toClear`; `'evidence'` no
   * `toClear` (skips the counterfactual search); `'none'` no `toClear` and evidence without conditions.
   * See {@link ExplainLevel}.
   */
  readonly explain?: ExplainLevel;
}

/** Per-call options. */
export interface ClassifyOptions {
  /** Overrides the classifier's language for this call. */
  readonly lang?: Lang;
}

/** Per-call options of {@link Classifier.classifySignals}. */
export interface ClassifySignalsOptions extends ClassifyOptions {
  /** Merchant attributes the pack may compare (`mcc`, …): there is no case file to read them from. */
  readonly merchant?: MerchantAttributes;
}

/** The result of {@link Classifier.classifySignals}: no merchant or window, only signals in. */
export type SignalsResult = Pick<Result, 'schemaVersion' | 'lang' | 'rulePack' | 'causes' | 'signals'>;

/**
 * A classification with what stands behind it: the result, the validated case file, and per signal
 * of the reported evidence the transactions and events it counted, selected with the classifier's
 * own thresholds. What `draftAppeal` builds a letter from.
 */
export interface Classification {
  /** The result, as {@link Classifier.classify} returns it. */
  readonly result: Result;
  /** The case file as validated (defaults applied, timestamps checked). */
  readonly caseFile: CaseFile;
  /** Per signal named in any reported cause's evidence: the transactions and events it counted. */
  readonly members: EvidenceMembers;
  /** The rule pack and signal thresholds the classification used (a report draws its lines from them). */
  readonly settings: { readonly rulePack: ValidatedRulePack; readonly signalOptions: Partial<SignalOptions> };
}

/** A configured classifier. Immutable after creation; safe for concurrent calls. */
export interface Classifier {
  /** The validated rule pack in use. */
  readonly rulePack: ValidatedRulePack;
  /**
   * Classifies one untrusted case file.
   * @throws `CaseFileError` when the case file is invalid.
   */
  classify(caseFile: unknown, options?: ClassifyOptions): Promise<Result>;
  /** Like `classify`, synchronously; only with the default `compiled` engine. */
  classifySync(caseFile: unknown, options?: ClassifyOptions): Result;
  /**
   * Like `classify`, also returning the validated case file and the members behind each signal of
   * the reported evidence (for an appeal letter, or to show an analyst which sales counted).
   * @throws `CaseFileError` when the case file is invalid.
   */
  classifyDetailed(caseFile: unknown, options?: ClassifyOptions): Promise<Classification>;
  /**
   * Classifies precomputed signals (e.g. from your own pipeline): every built-in signal and every
   * custom signal of this classifier; merchant attributes come from `options.merchant`.
   */
  classifySignals(signals: unknown, options?: ClassifySignalsOptions): Promise<SignalsResult>;
}

/** The bundled default rule pack, validated. */
export const defaultRulePack: ValidatedRulePack = loadRulePack(defaultPackJson);

/**
 * Creates a classifier: validates the rule pack and builds its evaluator once.
 *
 * @param config - rule pack, language, engine, thresholds, limits; all optional.
 * @returns an immutable {@link Classifier}.
 * @throws `RulePackError` for a bad pack, `OptionsError` listing every bad option (ranges: src/engine/config.ts;
 *   unknown keys are refused).
 * @example
 * ```ts
 * const classifier = createClassifier({ lang: 'zh-CN' });
 * const result = await classifier.classify(JSON.parse(text));
 * console.log(result.causes.map((c) => `${c.rank}. ${c.id} ${c.score}`));
 * ```
 */
export function createClassifier(config: ClassifierConfig = {}): Classifier {
  checkClassifierConfig(config);
  const lang = config.lang ?? 'en';
  const engine = config.engine ?? 'compiled';
  const { minScore = DEFAULT_MIN_SCORE, ...signalOptions } = config.options ?? {};
  const explain = config.explain ?? 'full';
  const customSignals = checkCustomSignals(config.customSignals);
  const extraFacts = customFactSpecs(customSignals);
  const lookup = factLookup(extraFacts);
  const rulePack = config.rulePack === undefined ? defaultRulePack : loadRulePack(config.rulePack, { ...config.limits, extraFacts });
  // Merchant attributes are only added to a case's facts when the pack reads them.
  const usedFacts = factsReadBy(rulePack);
  const usesMerchantFacts = MERCHANT_FACT_NAMES.some((n) => usedFacts.has(n));
  const parseSignals = createSignalsParser(customSignals);
  const evaluator = createRuleEvaluator(rulePack, engine);
  const firedSync = engine === 'compiled' ? compileRulePack(rulePack) : undefined;
  const packInfo = Object.freeze({ name: rulePack.name, version: rulePack.version });
  const limits = config.limits ?? {};
  const dictionary = createNoticeDictionary(config.notice);
  const explainRule = createRuleExplainer();
  const warningSearch = config.warnings === false ? undefined : createWarningSearch(rulePack, resolveWarningSettings(config.warnings));
  const prepareCase = (input: unknown): PreparedCase => {
    const caseFile = parseCaseFile(input, limits);
    const p = prepare(caseFile, signalOptions);
    const builtIn = signalsOf(p);
    const signals = customSignals.length === 0 ? builtIn : { ...builtIn, ...computeCustomSignals(customSignals, caseFile, builtIn) };
    const facts = usesMerchantFacts ? { ...signals, ...merchantFactsOf(caseFile) } : signals;
    return { caseFile, p, signals, facts };
  };
  const assemble = (prepared: PreparedCase, fired: Fired, callLang: Lang) =>
    assembleResult(prepared, fired, {
      lang: callLang,
      minScore,
      packInfo,
      dictionary,
      lookup,
      signalOptions,
      warningSearch,
      explain,
      explainRule,
    });

  return Object.freeze({
    rulePack,
    async classify(input: unknown, options: ClassifyOptions = {}) {
      const callLang = checkLang(options.lang ?? lang);
      const prepared = prepareCase(input);
      return assemble(prepared, await evaluator.fired(prepared.facts), callLang);
    },
    classifySync(input: unknown, options: ClassifyOptions = {}) {
      if (!firedSync) {
        throw new OptionsError([{ path: 'engine', message: 'classifySync needs the compiled engine; use classify' }]);
      }
      const callLang = checkLang(options.lang ?? lang);
      const prepared = prepareCase(input);
      return assemble(prepared, firedSync(prepared.facts), callLang);
    },
    async classifyDetailed(input: unknown, options: ClassifyOptions = {}) {
      const callLang = checkLang(options.lang ?? lang);
      const prepared = prepareCase(input);
      const result = assemble(prepared, await evaluator.fired(prepared.facts), callLang);
      return {
        result,
        caseFile: prepared.caseFile,
        members: membersOf(prepared.p, evidenceSignals(result)),
        settings: { rulePack, signalOptions },
      };
    },
    async classifySignals(input: unknown, options: ClassifySignalsOptions = {}) {
      const callLang = checkLang(options.lang ?? lang);
      const signals = parseSignals(input);
      const facts = { ...signals, ...merchantFactsFrom(options.merchant, usedFacts) };
      const fired = await evaluator.fired(facts);
      return {
        schemaVersion: RESULT_SCHEMA_VERSION,
        lang: callLang,
        rulePack: { ...packInfo },
        causes: rankCauses({ fired, signals: facts, lookup, lang: callLang, minScore, explain, explainRule }),
        signals: { ...signals },
      };
    },
  });
}

/** Every fact a pack reads: leaf facts and the facts compared against (`value: { fact }`), shared conditions included. */
function factsReadBy(pack: ValidatedRulePack): ReadonlySet<string> {
  return new Set(
    [...pack.rules.map((r) => r.conditions), ...Object.values(pack.conditions ?? {})]
      .flatMap(leavesOf)
      .flatMap((l) =>
        typeof l.value === 'object' && l.value !== null && !Array.isArray(l.value)
          ? [l.fact, (l.value as { fact: string }).fact]
          : [l.fact],
      ),
  );
}

/** Explains a fired rule, compiling its explanation on first use (a memo private to one classifier). */
function createRuleExplainer(): (rule: Rule, facts: Facts) => EvidenceCondition[] {
  const explainers = new Map<Rule, (facts: Facts) => EvidenceCondition[]>();
  return (rule, facts) => {
    let explainer = explainers.get(rule);
    if (explainer === undefined) {
      explainer = compileExplain(rule.conditions);
      explainers.set(rule, explainer);
    }
    return explainer(facts);
  };
}

/** One validated case file, prepared once, with its signals. */
interface PreparedCase {
  readonly caseFile: CaseFile;
  readonly p: Prepared;
  /** Built-in signals, then the custom ones: what the result reports. */
  readonly signals: Signals;
  /** The signals plus the merchant attributes the pack reads: what the rules see. */
  readonly facts: Facts;
}

type Fired = Parameters<typeof rankCauses>[0]['fired'];

/** The result of one case file from its prepared data and the rules that fired. */
function assembleResult(
  prepared: PreparedCase,
  fired: Fired,
  context: {
    lang: Lang;
    minScore: number;
    packInfo: Result['rulePack'];
    dictionary: ReturnType<typeof createNoticeDictionary>;
    lookup: ReturnType<typeof factLookup>;
    signalOptions: Partial<SignalOptions>;
    warningSearch: WarningSearch | undefined;
    explain: ExplainLevel;
    explainRule: (rule: Rule, facts: Facts) => EvidenceCondition[];
  },
): Result {
  const { caseFile, p, signals, facts } = prepared;
  const suspension = caseFile.merchant.suspension;
  const reading = readNotice(suspension, context.dictionary);
  // A freeze an authority ordered is lifted by that authority, not the acquirer: the measure advice says so.
  const authority = reading.stated.some((m) => m.cause === 'fraud-related-freeze') || signals.lawEnforcementRequestCount > 0;
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    merchantId: caseFile.merchant.id,
    lang: context.lang,
    rulePack: { ...context.packInfo },
    window: {
      from: caseFile.window.from,
      to: caseFile.window.to,
      transactionsOutside: p.transactionsOutside,
      eventsOutside: p.eventsOutside,
    },
    causes: rankCauses({
      fired,
      signals: facts,
      lookup: context.lookup,
      lang: context.lang,
      minScore: context.minScore,
      stated: reading.stated,
      explain: context.explain,
      explainRule: context.explainRule,
    }),
    conflicts: noticeConflicts(reading, fired, context.lang),
    measures: measureAdvice(suspension?.measures ?? [], context.lang, authority),
    warnings: context.warningSearch ? context.warningSearch(caseFile, facts, context.signalOptions, p) : [],
    signals: { ...signals },
  };
}

/** Every signal named in a condition of a reported cause's evidence, in order of first mention. */
function evidenceSignals(result: Result): string[] {
  const names = result.causes.flatMap((cause) => cause.evidence.flatMap((e) => e.conditions.map((c) => c.signal)));
  return [...new Set(names)];
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
