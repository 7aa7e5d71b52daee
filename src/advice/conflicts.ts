/** Words for a disagreement between the acquirer's notice and the transactions (`conflicts.*.json`). */
import Mustache from 'mustache';
import type { CauseId } from '../contract/causes.js';
import type { ConflictKind, Lang } from '../contract/result.js';
import { adviceFor } from './catalog.js';
import en from './conflicts.en.json';
import zhCN from './conflicts.zh-CN.json';

const FILES: Readonly<Record<Lang, Readonly<Record<ConflictKind, string>>>> = { en, 'zh-CN': zhCN };

/**
 * The sentence that explains a conflict, with cause titles in the language asked for.
 *
 * @example
 * ```ts
 * conflictMessage('notice-rules-out', { notice: 'credit-card-cash-out', found: 'credit-card-cash-out', phrase: '套现', score: 0.9 }, 'en');
 * ```
 */
export function conflictMessage(
  kind: ConflictKind,
  view: { readonly notice: CauseId; readonly found: CauseId; readonly phrase: string; readonly score: number },
  lang: Lang,
): string {
  return Mustache.render(
    FILES[lang][kind],
    { notice: adviceFor(view.notice, lang).title, found: adviceFor(view.found, lang).title, phrase: view.phrase, score: view.score },
    {},
    { escape: String },
  );
}
