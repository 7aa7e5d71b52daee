/** Advice per graded measure (暂停交易, 冻结资金 …), from `measures.en.json` and `measures.zh-CN.json`. */
import { MEASURES, type Measure } from '../contract/caseFile.js';
import type { Lang, MeasureAdvice } from '../contract/result.js';
import en from './measures.en.json';
import zhCN from './measures.zh-CN.json';

interface MeasureText {
  readonly title: string;
  readonly meaning: string;
  readonly whoCanLift: string;
  readonly ask: readonly string[];
  readonly bring: readonly string[];
  readonly timeline?: { readonly text: string; readonly source: string };
  readonly orderedByAuthority?: Omit<MeasureText, 'title' | 'meaning' | 'orderedByAuthority'>;
}

const FILES: Readonly<Record<Lang, { readonly measures: Readonly<Record<Measure, MeasureText>> }>> = { en, 'zh-CN': zhCN };

/**
 * Advice for each measure the acquirer took, in catalog order (duplicates once). A freeze is
 * explained as ordered by an authority (only that authority can lift it) when `authority` is true.
 *
 * @param measures - `merchant.suspension.measures` of the case file.
 * @param authority - true when the notice names police / a court or the file records a law-enforcement request.
 * @example
 * ```ts
 * measureAdvice(['funds-frozen'], 'en', true)[0]?.liftedBy; // 'authority'
 * ```
 */
export function measureAdvice(measures: readonly Measure[], lang: Lang, authority: boolean): MeasureAdvice[] {
  const taken = new Set(measures);
  return MEASURES.filter((id) => taken.has(id)).map((id) => {
    const text = FILES[lang].measures[id];
    const ordered = authority ? text.orderedByAuthority : undefined;
    const chosen = ordered ?? text;
    return {
      id,
      title: text.title,
      meaning: text.meaning,
      liftedBy: ordered ? 'authority' : 'acquirer',
      whoCanLift: chosen.whoCanLift,
      ask: [...chosen.ask],
      bring: [...chosen.bring],
      ...(chosen.timeline ? { timeline: { text: chosen.timeline.text, source: chosen.timeline.source } } : {}),
    };
  });
}
