/** Where the acquirer's notice and the transactions disagree, said out loud. */
import { conflictMessage } from '../advice/conflicts.js';
import { CAUSE_IDS, type CauseId } from '../contract/causes.js';
import type { Conflict, Lang } from '../contract/result.js';
import type { Rule } from '../rules/schema.js';
import { CONFLICT_MIN_SCORE, type NoticeReading } from './notice.js';
import { noisyOr } from './rank.js';

/**
 * The conflicts between a notice and the fired rules. `notice-names-other`: every cause the notice
 * names has a rule score under `CONFLICT_MIN_SCORE` while another cause reaches it.
 * `notice-rules-out`: the notice rules out a cause whose rule score reaches it.
 *
 * @example
 * ```ts
 * noticeConflicts(readNotice({ note: '未发现套现' }), fired, 'zh-CN');
 * ```
 */
export function noticeConflicts(reading: NoticeReading, fired: readonly Rule[], lang: Lang): Conflict[] {
  if (reading.stated.length === 0 && reading.ruledOut.length === 0) return [];
  const weights = new Map<CauseId, number[]>();
  for (const rule of fired) weights.set(rule.event.type, [...(weights.get(rule.event.type) ?? []), rule.event.params.weight]);
  const score = (cause: CauseId) => Math.round(noisyOr(weights.get(cause) ?? []) * 10_000) / 10_000;
  const supported = CAUSE_IDS.filter((cause) => score(cause) >= CONFLICT_MIN_SCORE).sort((a, b) => score(b) - score(a));

  const out: Conflict[] = [];
  const make = (kind: Conflict['kind'], notice: CauseId, found: CauseId, phrase: string): Conflict => ({
    kind,
    notice,
    found,
    phrase,
    score: score(found),
    message: conflictMessage(kind, { notice, found, phrase, score: score(found) }, lang),
  });
  const statedCauses = new Set(reading.stated.map((m) => m.cause));
  const noticeBacked = reading.stated.some((m) => score(m.cause) >= CONFLICT_MIN_SCORE);
  if (!noticeBacked) {
    for (const mention of reading.stated) {
      for (const found of supported)
        if (!statedCauses.has(found)) out.push(make('notice-names-other', mention.cause, found, mention.phrase));
    }
  }
  for (const mention of reading.ruledOut) {
    if (score(mention.cause) >= CONFLICT_MIN_SCORE) out.push(make('notice-rules-out', mention.cause, mention.cause, mention.phrase));
  }
  return out;
}
