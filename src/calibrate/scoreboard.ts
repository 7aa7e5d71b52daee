/**
 * The calibration scoreboard: which rules fire on which prepared case, each case's top cause, and
 * the backtest's figures (per-cause F1, top-1, clean rate) — updated incrementally when one rule's
 * firing changes, so thousands of candidate thresholds can be judged in seconds.
 */
import { CAUSE_IDS, type CauseId } from '../contract/causes.js';
import { STATED_REASON_WEIGHT } from '../engine/notice.js';
import { compareCauses } from '../engine/rank.js';
import type { Rule } from '../rules/schema.js';
import type { PreparedCase } from './cases.js';

/** Figures of a pack on labelled cases (as `backtest` computes them). */
export interface Figures {
  /** Share whose top cause is a labelled one (or none, for clean merchants). */
  readonly top1: number;
  /** Mean F1 over the causes with labelled merchants. */
  readonly macroF1: number;
  /** Share of merchants labelled clean that get no cause. */
  readonly cleanRate: number;
  /** F1 per cause with labelled merchants. */
  readonly f1: Readonly<Partial<Record<CauseId, number>>>;
}

const C = CAUSE_IDS.length;
const CAUSE_INDEX = new Map(CAUSE_IDS.map((id, i) => [id, i]));

/** Mutable per-run state of one scoreboard (kept inside calibration, never shared). */
export interface Scoreboard {
  /** The figures now. */
  figures(): Figures;
  /** The figures if `rule` fired exactly on the cases where `fires[i]` is 1 (nothing changes). */
  figuresWith(ruleIndex: number, fires: Uint8Array): Figures;
  /** Makes the change of {@link figuresWith} real. */
  commit(ruleIndex: number, fires: Uint8Array): void;
}

/** Builds a scoreboard for `rules` (their current firing given as one column per rule). */
export function createScoreboard(
  cases: readonly PreparedCase[],
  rules: readonly Rule[],
  columns: readonly Uint8Array[],
  minScore: number,
): Scoreboard {
  const n = cases.length;
  const miss = new Float64Array(n * C).fill(1);
  const causeOf = rules.map((r) => CAUSE_INDEX.get(r.event.type) as number);
  const factor = rules.map((r) => 1 - r.event.params.weight);
  const fired = columns.map((col) => Uint8Array.from(col));
  // Miss products are recomputed from the fired columns of the cause (no division, so exact).
  const rulesOfCause: number[][] = Array.from({ length: C }, () => []);
  causeOf.forEach((c, r) => {
    rulesOfCause[c]?.push(r);
  });
  const recompute = (i: number, cause: number, override?: { rule: number; fires: number }): number => {
    const stated = cases[i]?.stated ?? [];
    let m = stated.some((id) => CAUSE_INDEX.get(id) === cause) ? 1 - STATED_REASON_WEIGHT : 1;
    for (const r of rulesOfCause[cause] ?? []) {
      const f = override && override.rule === r ? override.fires : (fired[r] as Uint8Array)[i];
      if (f) m *= factor[r] as number;
    }
    return m;
  };
  for (let i = 0; i < n; i++) for (let c = 0; c < C; c++) miss[i * C + c] = recompute(i, c);
  const top = new Int16Array(n);
  const topOf = (i: number, cause?: number, causeMiss?: number): number => {
    let best = -1;
    let bestScore = 0;
    for (let c = 0; c < C; c++) {
      const m = c === cause ? (causeMiss as number) : (miss[i * C + c] as number);
      const score = Math.round((1 - m) * 10_000) / 10_000;
      if (score < minScore) continue;
      if (best < 0 || compareCauses({ id: CAUSE_IDS[c] as CauseId, score }, { id: CAUSE_IDS[best] as CauseId, score: bestScore }) < 0) {
        best = c;
        bestScore = score;
      }
    }
    return best;
  };
  for (let i = 0; i < n; i++) top[i] = topOf(i);

  const figuresOf = (topAt: (i: number) => number): Figures => {
    const topCount = new Float64Array(C);
    const topRight = new Float64Array(C);
    const support = new Float64Array(C);
    const hits = new Float64Array(C);
    let correct = 0;
    let clean = 0;
    let cleanOk = 0;
    for (let i = 0; i < n; i++) {
      const c = cases[i] as PreparedCase;
      const t = topAt(i);
      const id = t < 0 ? null : (CAUSE_IDS[t] as CauseId);
      const ok = c.expected === null ? id === null : id !== null && c.wanted.includes(id);
      if (ok) correct++;
      if (c.expected === null) {
        clean++;
        if (id === null) cleanOk++;
      } else {
        const e = CAUSE_INDEX.get(c.expected) as number;
        support[e] = (support[e] as number) + 1;
        if (ok) hits[e] = (hits[e] as number) + 1;
      }
      if (t >= 0) {
        topCount[t] = (topCount[t] as number) + 1;
        if (id !== null && c.wanted.includes(id)) topRight[t] = (topRight[t] as number) + 1;
      }
    }
    const f1: Partial<Record<CauseId, number>> = {};
    let sum = 0;
    let counted = 0;
    for (let k = 0; k < C; k++) {
      if (!support[k]) continue;
      const precision = topCount[k] ? (topRight[k] as number) / (topCount[k] as number) : 0;
      const recall = (hits[k] as number) / (support[k] as number);
      const value = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
      f1[CAUSE_IDS[k] as CauseId] = value;
      sum += value;
      counted++;
    }
    return { top1: n ? correct / n : 0, macroF1: counted ? sum / counted : 0, cleanRate: clean ? cleanOk / clean : 1, f1 };
  };

  const changed = (ruleIndex: number, fires: Uint8Array): Map<number, number> => {
    const cause = causeOf[ruleIndex] as number;
    const col = fired[ruleIndex] as Uint8Array;
    const out = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      if (col[i] === fires[i]) continue;
      out.set(i, topOf(i, cause, recompute(i, cause, { rule: ruleIndex, fires: fires[i] as number })));
    }
    return out;
  };

  return {
    figures: () => figuresOf((i) => top[i] as number),
    figuresWith(ruleIndex, fires) {
      const tops = changed(ruleIndex, fires);
      return figuresOf((i) => tops.get(i) ?? (top[i] as number));
    },
    commit(ruleIndex, fires) {
      const cause = causeOf[ruleIndex] as number;
      (fired[ruleIndex] as Uint8Array).set(fires);
      for (let i = 0; i < n; i++) {
        miss[i * C + cause] = recompute(i, cause);
        top[i] = topOf(i);
      }
    },
  };
}
