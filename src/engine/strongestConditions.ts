/** Reading evidence: the most telling condition per signal, for people. */
import type { Evidence, EvidenceCondition } from '../contract/result.js';

/**
 * The conditions to show for a cause: one line per signal and operator, with the most demanding
 * threshold that held (`x ≥ 7` says more than `x ≥ 3`), in the order they first appear; `'stated'`
 * stands for evidence that is the acquirer's own stated reason code.
 *
 * @param evidence - a cause's evidence, from `Result.causes[i].evidence`.
 * @example
 * ```ts
 * for (const c of strongestConditions(cause.evidence)) {
 *   if (c !== 'stated') console.log(`${c.signal} ${OPERATOR_SYMBOL[c.operator]} ${c.threshold}`);
 * }
 * ```
 */
export function strongestConditions(evidence: readonly Evidence[]): (EvidenceCondition | 'stated')[] {
  const shown = new Map<string, EvidenceCondition | 'stated'>();
  for (const e of evidence) {
    if (e.conditions.length === 0) shown.set('stated', 'stated');
    for (const c of e.conditions) {
      const key = `${c.signal} ${c.operator} ${c.thresholdFact ?? ''}`;
      const current = shown.get(key);
      if (current === undefined || current === 'stated' || moreDemanding(c, current)) shown.set(key, c);
    }
  }
  return [...shown.values()];
}

function moreDemanding(a: EvidenceCondition, b: EvidenceCondition): boolean {
  if (typeof a.threshold !== 'number' || typeof b.threshold !== 'number' || a.thresholdFact !== undefined) return false;
  const upward = a.operator === 'greaterThan' || a.operator === 'greaterThanInclusive';
  const downward = a.operator === 'lessThan' || a.operator === 'lessThanInclusive';
  return (upward && a.threshold > b.threshold) || (downward && a.threshold < b.threshold);
}
