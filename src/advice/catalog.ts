/** The advice catalog: people-facing text per cause and language, from `en.json` and `zh-CN.json`. */
import type { CauseId } from '../contract/causes.js';
import type { Lang } from '../contract/result.js';
import en from './en.json';
import zhCN from './zh-CN.json';

/** Advice for one cause in one language. */
export interface Advice {
  readonly title: string;
  readonly summary: string;
  readonly remediation: readonly string[];
  readonly appealMaterials: readonly string[];
  readonly prevention: readonly string[];
  readonly alternatives: readonly string[];
}

/** The keys of {@link Labels} (declared, not inferred from the JSON, so the published types stay plain). */
export type LabelKey =
  | 'rank'
  | 'cause'
  | 'score'
  | 'confidence'
  | 'evidence'
  | 'noCauses'
  | 'remediation'
  | 'appealMaterials'
  | 'prevention'
  | 'alternatives'
  | 'merchant'
  | 'window'
  | 'high'
  | 'medium'
  | 'low'
  | 'rulePack'
  | 'statedReason'
  | 'toClear'
  | 'lessThan'
  | 'lessThanInclusive'
  | 'greaterThan'
  | 'greaterThanInclusive'
  | 'equal'
  | 'notEqual'
  | 'conflicts'
  | 'measures'
  | 'in'
  | 'notIn'
  | 'warnings';

/** Words the CLI and reports print around the results. */
export type Labels = Readonly<Record<LabelKey, string>>;

interface AdviceFile {
  readonly labels: Labels;
  readonly causes: Readonly<Record<CauseId, Advice>>;
}

const FILES: Readonly<Record<Lang, AdviceFile>> = { en, 'zh-CN': zhCN };

/**
 * The advice for a cause in a language.
 *
 * @example
 * ```ts
 * adviceFor('dormant-account', 'en').title; // 'Long time without transactions'
 * ```
 */
export function adviceFor(cause: CauseId, lang: Lang): Advice {
  return FILES[lang].causes[cause];
}

/**
 * The labels of a language: the words the CLI and reports print around results.
 *
 * @example
 * ```ts
 * labelsFor('zh-CN').remediation; // '现在应该做什么'
 * ```
 */
export function labelsFor(lang: Lang): Labels {
  return FILES[lang].labels;
}
