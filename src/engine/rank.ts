/**
 * From fired rules to ranked causes: group by cause, combine weights by noisy-OR, add the causes the
 * acquirer's notice states, drop causes under the minimum score, rank with a deterministic tie-break.
 */
import { adviceFor } from '../advice/catalog.js';
import { CATEGORIES, CAUSE_CATEGORY, type CauseId } from '../contract/causes.js';
import type { CauseResult, Evidence, EvidenceCondition, Lang } from '../contract/result.js';
import type { Rule } from '../rules/schema.js';
import type { FactLookup, Facts } from '../signals/facts.js';
import { type CauseCounterfactual, counterfactualFor } from './counterfactual.js';
import { explain } from './evaluate.js';
import { type NoticeMention, STATED_REASON_RULE, STATED_REASON_WEIGHT } from './notice.js';

/** Score at or above which a cause is `high` confidence. */
export const HIGH_CONFIDENCE = 0.75;
/** Score at or above which a cause is `medium` confidence. */
export const MEDIUM_CONFIDENCE = 0.5;
/** Default least score of a reported cause: one weak rule alone (weight < 0.4) is not reported. */
export const DEFAULT_MIN_SCORE = 0.4;

/** What ranking needs besides the fired rules. */
export interface RankInput {
  readonly fired: readonly Rule[];
  /** Signals, plus merchant attributes and custom signals. */
  readonly signals: Facts;
  /** Kinds and units of the facts (for counterfactual examples); default: built-ins only. */
  readonly lookup?: FactLookup;
  readonly lang: Lang;
  readonly minScore: number;
  /** Causes the acquirer's notice states (see `readNotice`). */
  readonly stated?: readonly NoticeMention[];
  /** The conditions that made a fired rule fire; default {@link explain} (a classifier passes its compiled form). */
  readonly explainRule?: (rule: Rule, facts: Facts) => EvidenceCondition[];
  /** How much to explain; default `'full'`. See {@link ExplainLevel}. */
  readonly explain?: ExplainLevel;
}

/**
 * How much a result explains each cause:
 * - `'full'` (default): evidence with the conditions that held, and `toClear` (the counterfactuals:
 *   the smallest signal changes that stop each fired rule, and the rules that must stop);
 * - `'evidence'`: evidence with its conditions, no `toClear` (skips the counterfactual search, the
 *   costly part with large or deeply nested packs);
 * - `'none'`: evidence names only the rules (and stated reasons) with their weights, `conditions` is
 *   empty, and there is no `toClear`: causes, scores and ranks only, for batch scans.
 * Causes, scores, ranks and advice are the same at every level.
 */
export type ExplainLevel = 'full' | 'evidence' | 'none';

/** The accepted {@link ExplainLevel} values. */
export const EXPLAIN_LEVELS: readonly ExplainLevel[] = ['full', 'evidence', 'none'];

/**
 * Noisy-OR: 1 − Π(1 − wᵢ). Independent pieces of evidence each explain the cause with probability
 * wᵢ; more agreeing rules raise the score, never past 1, and the order of rules does not matter.
 *
 * @example
 * ```ts
 * noisyOr([0.5, 0.5]); // 0.75
 * ```
 */
export function noisyOr(weights: readonly number[]): number {
  let miss = 1;
  for (const w of weights) miss *= 1 - w;
  return 1 - miss;
}

/** Ranks the causes the fired rules support. */
export function rankCauses(input: RankInput): CauseResult[] {
  const level = input.explain ?? 'full';
  const explainRule = input.explainRule ?? ((rule: Rule, facts: Facts) => explain(rule.conditions, facts));
  const evidenceByCause = new Map<CauseId, Evidence[]>();
  for (const rule of input.fired) {
    const list = evidenceByCause.get(rule.event.type) ?? [];
    const conditions = level === 'none' ? [] : explainRule(rule, input.signals);
    list.push({ rule: rule.name, weight: rule.event.params.weight, conditions });
    evidenceByCause.set(rule.event.type, list);
  }
  // The acquirer's word weighs as much as the high-confidence score: a stated cause ranks first
  // unless the transactions give another cause a stronger score.
  for (const mention of input.stated ?? []) {
    const list = evidenceByCause.get(mention.cause) ?? [];
    list.push({ rule: STATED_REASON_RULE, weight: STATED_REASON_WEIGHT, conditions: [], phrase: mention.phrase, source: mention.source });
    evidenceByCause.set(mention.cause, list);
  }

  const scored = [...evidenceByCause.entries()]
    .map(([id, evidence]) => ({ id, evidence, score: round4(noisyOr(evidence.map((e) => e.weight))) }))
    .filter((c) => c.score >= input.minScore)
    .sort(compareCauses);

  const rulesByName = new Map(input.fired.map((rule) => [rule.name, rule]));
  return scored.map(({ id, evidence, score }, index) => {
    const advice = adviceFor(id, input.lang);
    return {
      id,
      category: CAUSE_CATEGORY[id],
      rank: index + 1,
      score,
      confidence: score >= HIGH_CONFIDENCE ? 'high' : score >= MEDIUM_CONFIDENCE ? 'medium' : 'low',
      title: advice.title,
      summary: advice.summary,
      evidence,
      ...(level === 'full'
        ? { toClear: toClearOf(counterfactualFor(evidence, rulesByName, input.signals, input.minScore, input.lookup)) }
        : {}),
      remediation: [...advice.remediation],
      appealMaterials: [...advice.appealMaterials],
      prevention: [...advice.prevention],
      alternatives: [...advice.alternatives],
    };
  });
}

/** The counterfactuals of a cause as the result reports them (fresh arrays, no shared references). */
function toClearOf(toClear: CauseCounterfactual): NonNullable<CauseResult['toClear']> {
  return {
    rules: toClear.rules.map((r) => ({
      rule: r.rule,
      changes: r.changes.map((c) => ({ ...c, threshold: Array.isArray(c.threshold) ? [...c.threshold] : (c.threshold as number) })),
      ...(r.cannot === undefined ? {} : { cannot: r.cannot }),
    })),
    mustClear: [...toClear.mustClear],
  };
}

/** Score descending, then category severity, then id: a total order, so ranking is deterministic. */
export function compareCauses(a: { id: CauseId; score: number }, b: { id: CauseId; score: number }): number {
  if (a.score !== b.score) return b.score - a.score;
  const severity = CATEGORIES.indexOf(CAUSE_CATEGORY[a.id]) - CATEGORIES.indexOf(CAUSE_CATEGORY[b.id]);
  if (severity !== 0) return severity;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
