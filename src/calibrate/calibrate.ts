/**
 * Calibration: moves the numeric thresholds of a rule pack to fit labelled merchants, keeping the
 * pack's structure, names and weights. Coordinate descent: rule by rule, threshold by threshold, try
 * candidate values drawn from the labelled merchants' own values of that signal and keep the one that
 * most raises the mean per-cause F1 while the clean rate of merchants labelled healthy stays at or
 * above a floor; repeat until a round moves nothing. k-fold cross-validation reports the figures on
 * merchants the search never saw, so over-fitting shows.
 */
import { CAUSE_IDS, type CauseId } from '../contract/causes.js';
import { OptionsError, type Problem } from '../contract/errors.js';
import type { Limits } from '../contract/limits.js';
import type { Operator } from '../contract/result.js';
import { type CompiledCondition, compileCondition } from '../engine/evaluate.js';
import { DEFAULT_MIN_SCORE } from '../engine/rank.js';
import { isLeaf, isRef, ORDER_OPERATORS } from '../rules/language.js';
import { lintRulePack } from '../rules/lint.js';
import { loadRulePack, rulePackToJson } from '../rules/loadRulePack.js';
import type { LeafCondition, Rule, RuleCondition, RulePack, TopCondition, ValidatedRulePack } from '../rules/schema.js';
import { type CustomSignal, checkCustomSignals, customFactSpecs } from '../signals/custom.js';
import { type FactLookup, factLookup } from '../signals/facts.js';
import type { SignalOptions } from '../signals/options.js';
import { type PreparedCase, prepareCases } from './cases.js';
import { createScoreboard, type Figures } from './scoreboard.js';

/** Options of {@link calibrateRulePack}. */
export interface CalibrationOptions {
  /** Least share of merchants labelled clean that must get no cause. Default 0.98. */
  readonly cleanFloor?: number;
  /** Least labelled merchants per cause (expected on top) for its rules' thresholds to move. Default 5. */
  readonly minPerCause?: number;
  /** Leave the rules of causes with too few labelled merchants as they are, instead of refusing. */
  readonly skipThinCauses?: boolean;
  /** Folds of the cross-validation; 0 or 1 skips it. Default 5. */
  readonly folds?: number;
  /** Most rounds of coordinate descent. Default 3. */
  readonly maxRounds?: number;
  /** Most candidate values tried per threshold (quantiles of the observed values). Default 40. */
  readonly maxCandidates?: number;
  /** Least score of a reported cause, as in the classifier. Default 0.4. */
  readonly minScore?: number;
  /** Custom signals the pack uses. */
  readonly customSignals?: readonly CustomSignal[];
  /** Signal thresholds (large amount, night hours, …), as in the classifier. */
  readonly signalOptions?: Partial<SignalOptions>;
  readonly limits?: Partial<Limits>;
}

/** One threshold that moved. */
export interface ThresholdChange {
  readonly rule: string;
  /** Where in the rule's conditions, e.g. `all[1]`. */
  readonly at: string;
  readonly fact: string;
  readonly operator: Operator;
  readonly from: number;
  readonly to: number;
  /** The figures that made it move (on all labelled merchants, at the time of the move). */
  readonly why: string;
}

/** The outcome of a calibration. */
export interface CalibrationReport {
  /** The calibrated pack (minor version bumped when a threshold moved), validated; write it with `rulePackToJson`. */
  readonly pack: ValidatedRulePack;
  readonly changes: readonly ThresholdChange[];
  /** Labelled merchants used, and per cause how many expect it on top. */
  readonly cases: number;
  readonly support: Readonly<Partial<Record<CauseId | 'clean', number>>>;
  /** Figures on all labelled merchants before and after (what the search optimised: optimistic). */
  readonly before: Figures;
  readonly after: Figures;
  /** Mean figures on held-out folds: the original pack vs the pack calibrated without that fold. */
  readonly crossValidation?: { readonly folds: number; readonly before: Figures; readonly after: Figures };
  /** Causes whose rules were left alone (too few labelled merchants), with their support. */
  readonly skipped: readonly { readonly cause: CauseId; readonly support: number }[];
  /** Inputs that could not be used (invalid case file or label), by index. */
  readonly failed: readonly { readonly index: number; readonly message: string }[];
}

/**
 * Calibrates the numeric thresholds of a rule pack on labelled merchants.
 *
 * @param pack - a validated pack (its shared conditions are left as they are).
 * @param labelled - labelled cases as in the backtest NDJSON: `{ label: { expected, acceptable }, ...caseFile }`.
 * @returns the calibrated pack, what moved and why, and training and cross-validated figures.
 * @throws {@link OptionsError} when a cause with tunable rules has too few labelled merchants (unless
 * `skipThinCauses`), when there are too few clean merchants to hold the floor, or for bad options.
 * @example
 * ```ts
 * const report = calibrateRulePack(defaultRulePack, [...generateSet({ seed: 1, count: 400 })].map((c) => ({ label: c.label, ...c.caseFile })));
 * console.log(report.changes, report.crossValidation);
 * ```
 */
export function calibrateRulePack(pack: RulePack, labelled: Iterable<unknown>, options: CalibrationOptions = {}): CalibrationReport {
  const settings = checkOptions(options);
  const customSignals = checkCustomSignals(options.customSignals);
  const extraFacts = customFactSpecs(customSignals);
  const lookup = factLookup(extraFacts);
  const { cases, failed } = prepareCases(labelled, {
    customSignals,
    ...(options.signalOptions ? { signalOptions: options.signalOptions } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });

  const support: Partial<Record<CauseId | 'clean', number>> = {};
  for (const c of cases) support[c.expected ?? 'clean'] = (support[c.expected ?? 'clean'] ?? 0) + 1;
  const tunable = pack.rules.map((rule) => tunableLeaves(rule.conditions, lookup));
  const problems: Problem[] = [];
  const skipped: { cause: CauseId; support: number }[] = [];
  for (const cause of CAUSE_IDS) {
    if (!pack.rules.some((r, i) => r.event.type === cause && (tunable[i]?.length ?? 0) > 0)) continue;
    const count = support[cause] ?? 0;
    if (count >= settings.minPerCause) continue;
    if (settings.skipThinCauses) skipped.push({ cause, support: count });
    else {
      problems.push({
        path: `labelled.${cause}`,
        message: `only ${count} labelled merchant(s) expect ${cause}; at least ${settings.minPerCause} are needed to move its thresholds (add labelled merchants, or skip thin causes to leave its rules as they are)`,
      });
    }
  }
  if ((support.clean ?? 0) < settings.minPerCause) {
    problems.push({
      path: 'labelled.clean',
      message: `only ${support.clean ?? 0} merchant(s) are labelled clean (expected null); at least ${settings.minPerCause} are needed to hold the clean-rate floor`,
    });
  }
  if (problems.length > 0) throw new OptionsError(problems);
  const frozen = new Set(skipped.map((s) => s.cause));
  const movable = pack.rules.map((r, i) => (frozen.has(r.event.type) ? [] : (tunable[i] ?? [])));

  const fit = search(pack, cases, movable, settings, lookup);
  const calibrated = finish(pack, fit.conditions, extraFacts);

  let crossValidation: CalibrationReport['crossValidation'];
  if (settings.folds >= 2 && cases.length >= settings.folds * 2) {
    const folds = assignFolds(cases, settings.folds);
    const held = { before: [] as Figures[], after: [] as Figures[] };
    for (let k = 0; k < settings.folds; k++) {
      const train = cases.filter((_, i) => folds[i] !== k);
      const test = cases.filter((_, i) => folds[i] === k);
      const foldFit = search(pack, train, movable, settings, lookup);
      held.before.push(figuresOf(pack.rules, test, settings.minScore));
      held.after.push(figuresOf(withConditions(pack.rules, foldFit.conditions), test, settings.minScore));
    }
    crossValidation = { folds: settings.folds, before: meanFigures(held.before), after: meanFigures(held.after) };
  }

  return {
    pack: calibrated.pack,
    changes: fit.changes.filter((c) => calibrated.kept.has(c.rule)),
    cases: cases.length,
    support,
    before: figuresOf(pack.rules, cases, settings.minScore),
    after: figuresOf(calibrated.pack.rules, cases, settings.minScore),
    ...(crossValidation ? { crossValidation } : {}),
    skipped,
    failed,
  };
}

interface Settings {
  cleanFloor: number;
  minPerCause: number;
  skipThinCauses: boolean;
  folds: number;
  maxRounds: number;
  maxCandidates: number;
  minScore: number;
}

function checkOptions(o: CalibrationOptions): Settings {
  const problems: Problem[] = [];
  const num = (name: keyof CalibrationOptions, value: unknown, fallback: number, ok: (x: number) => boolean, what: string) => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !ok(value)) problems.push({ path: String(name), message: `expected ${what}` });
    return value as number;
  };
  const settings = {
    cleanFloor: num('cleanFloor', o.cleanFloor, 0.98, (x) => x >= 0 && x <= 1, 'a share from 0 to 1'),
    minPerCause: num('minPerCause', o.minPerCause, 5, (x) => Number.isInteger(x) && x >= 1, 'a whole number ≥ 1'),
    skipThinCauses: o.skipThinCauses === true,
    folds: num('folds', o.folds, 5, (x) => Number.isInteger(x) && x >= 0 && x <= 20, 'a whole number from 0 to 20'),
    maxRounds: num('maxRounds', o.maxRounds, 3, (x) => Number.isInteger(x) && x >= 1 && x <= 20, 'a whole number from 1 to 20'),
    maxCandidates: num(
      'maxCandidates',
      o.maxCandidates,
      40,
      (x) => Number.isInteger(x) && x >= 2 && x <= 1000,
      'a whole number from 2 to 1000',
    ),
    minScore: num('minScore', o.minScore, DEFAULT_MIN_SCORE, (x) => x >= 0 && x <= 1, 'a number from 0 to 1'),
  };
  if (problems.length > 0) throw new OptionsError(problems);
  return settings;
}

/** A threshold the search may move: a literal number compared by order with a numeric fact. */
interface Tunable {
  readonly path: readonly (string | number)[];
  readonly leaf: LeafCondition;
}

/** The tunable leaves of a rule's own tree (shared conditions belong to several rules and stay put). */
function tunableLeaves(condition: RuleCondition, lookup: FactLookup, path: (string | number)[] = []): Tunable[] {
  if (isLeaf(condition)) {
    const ok =
      typeof condition.value === 'number' && ORDER_OPERATORS.includes(condition.operator) && lookup(condition.fact)?.kind === 'number';
    return ok ? [{ path, leaf: condition }] : [];
  }
  if (isRef(condition)) return [];
  if ('all' in condition) return condition.all.flatMap((c, i) => tunableLeaves(c, lookup, [...path, 'all', i]));
  if ('any' in condition) return condition.any.flatMap((c, i) => tunableLeaves(c, lookup, [...path, 'any', i]));
  return tunableLeaves(condition.not, lookup, [...path, 'not']);
}

/** A copy of the tree with the leaf at `path` given a new value; untouched branches (and references) are shared. */
function replaceAt(condition: RuleCondition, path: readonly (string | number)[], value: number): RuleCondition {
  if (path.length === 0) return { ...(condition as LeafCondition), value };
  const [key, ...rest] = path;
  if (key === 'not' && 'not' in condition) return { ...condition, not: replaceAt(condition.not, rest, value) };
  const index = rest[0] as number;
  const after = rest.slice(1);
  if (key === 'all' && 'all' in condition)
    return { ...condition, all: condition.all.map((c, i) => (i === index ? replaceAt(c, after, value) : c)) };
  if (key === 'any' && 'any' in condition)
    return { ...condition, any: condition.any.map((c, i) => (i === index ? replaceAt(c, after, value) : c)) };
  throw new Error('calibration: path does not match the condition');
}

function leafAt(condition: RuleCondition, path: readonly (string | number)[]): LeafCondition {
  let node: RuleCondition = condition;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (key === 'not' && 'not' in node) node = node.not;
    else if (key === 'all' && 'all' in node) node = node.all[path[++i] as number] as RuleCondition;
    else if (key === 'any' && 'any' in node) node = node.any[path[++i] as number] as RuleCondition;
  }
  return node as LeafCondition;
}

const pathText = (path: readonly (string | number)[]) =>
  path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key), '') || '(top)';

/** Candidate values: the observed values of the fact (quantiles when many), plus the current one. */
function candidates(cases: readonly PreparedCase[], fact: string, current: number, max: number): number[] {
  const values = [...new Set(cases.map((c) => c.facts[fact]).filter((v): v is number => typeof v === 'number'))].sort((a, b) => a - b);
  const picked =
    values.length <= max
      ? values
      : Array.from({ length: max }, (_, k) => values[Math.round((k * (values.length - 1)) / (max - 1))] as number);
  return [...new Set([...picked, current])].sort((a, b) => a - b);
}

/** Feasible (clean rate at the floor) first, then mean F1, then top-1. */
function better(a: Figures, b: Figures, floor: number): boolean {
  const fa = a.cleanRate >= floor - 1e-12;
  const fb = b.cleanRate >= floor - 1e-12;
  if (fa !== fb) return fa;
  if (!fa) return a.cleanRate > b.cleanRate + 1e-12 || (Math.abs(a.cleanRate - b.cleanRate) <= 1e-12 && a.macroF1 > b.macroF1 + 1e-12);
  return a.macroF1 > b.macroF1 + 1e-12 || (Math.abs(a.macroF1 - b.macroF1) <= 1e-12 && a.top1 > b.top1 + 1e-12);
}

function columnOf(test: CompiledCondition, cases: readonly PreparedCase[]): Uint8Array {
  const col = new Uint8Array(cases.length);
  cases.forEach((c, i) => {
    col[i] = test(c.facts) ? 1 : 0;
  });
  return col;
}

function search(
  pack: RulePack,
  cases: readonly PreparedCase[],
  movable: readonly Tunable[][],
  settings: Settings,
  lookup: FactLookup,
): { conditions: TopCondition[]; changes: ThresholdChange[] } {
  const shared = new Map<TopCondition, CompiledCondition>();
  const conditions = pack.rules.map((r) => r.conditions);
  const columns = conditions.map((c) => columnOf(compileCondition(c, shared), cases));
  const board = createScoreboard(cases, pack.rules, columns, settings.minScore);
  const changes: ThresholdChange[] = [];
  for (let round = 0; round < settings.maxRounds; round++) {
    let moved = false;
    pack.rules.forEach((rule, r) => {
      for (const { path } of movable[r] ?? []) {
        const tree = conditions[r] as TopCondition;
        const leaf = leafAt(tree, path);
        const current = leaf.value as number;
        const spec = lookup(leaf.fact);
        const inRange = (v: number) => v >= (spec?.min ?? Number.NEGATIVE_INFINITY) && v <= (spec?.max ?? Number.POSITIVE_INFINITY);
        // A threshold outside the fact's range (the rule can never fire, or always does) moves into it
        // whenever that costs nothing: the output must lint clean.
        const repair = !inRange(current);
        let best = board.figures();
        let bestValue = current;
        let bestColumn: Uint8Array | undefined;
        for (const value of candidates(cases, leaf.fact, current, settings.maxCandidates)) {
          if (value === current) continue;
          const column = columnOf(compileCondition(replaceAt(tree, path, value), shared), cases);
          const figures = board.figuresWith(r, column);
          const tie = !better(figures, best, settings.cleanFloor) && !better(best, figures, settings.cleanFloor);
          // On a tie keep the value nearest the current one (in range first): move only as far as the data asks.
          const nearer =
            !bestColumn ||
            (inRange(value) && !inRange(bestValue)) ||
            (inRange(value) === inRange(bestValue) && Math.abs(value - current) < Math.abs(bestValue - current));
          if (better(figures, best, settings.cleanFloor) || (tie && (bestColumn !== undefined || repair) && nearer)) {
            best = figures;
            bestValue = value;
            bestColumn = column;
          }
        }
        if (!bestColumn || bestValue === current) continue;
        const before = board.figures();
        const repaired = repair && inRange(bestValue) && !better(before, best, settings.cleanFloor);
        if (!better(best, before, settings.cleanFloor) && !repaired) continue;
        board.commit(r, bestColumn);
        conditions[r] = replaceAt(tree, path, bestValue) as TopCondition;
        moved = true;
        changes.push({
          rule: rule.name,
          at: pathText(path),
          fact: leaf.fact,
          operator: leaf.operator,
          from: current,
          to: bestValue,
          why: better(best, before, settings.cleanFloor)
            ? why(rule.event.type, before, best)
            : `${current} is outside the possible values of ${leaf.fact} (${spec?.min ?? '−∞'}–${spec?.max ?? '∞'}), so the condition could never change; moved to the nearest value seen, at no cost (${why(rule.event.type, before, best)})`,
        });
      }
    });
    if (!moved) break;
  }
  return { conditions, changes: mergeChanges(changes) };
}

/** One line per threshold: first value to last, with the reasons of each move. */
function mergeChanges(changes: readonly ThresholdChange[]): ThresholdChange[] {
  const byKey = new Map<string, ThresholdChange>();
  for (const c of changes) {
    const key = `${c.rule} ${c.at}`;
    const earlier = byKey.get(key);
    byKey.set(key, earlier ? { ...earlier, to: c.to, why: `${earlier.why}; then ${c.why}` } : c);
  }
  return [...byKey.values()].filter((c) => c.from !== c.to);
}

function why(cause: CauseId, before: Figures, after: Figures): string {
  const f = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(3));
  return `${cause} F1 ${f(before.f1[cause])} → ${f(after.f1[cause])}, mean F1 ${f(before.macroF1)} → ${f(after.macroF1)}, clean rate ${f(before.cleanRate)} → ${f(after.cleanRate)}`;
}

function withConditions(rules: readonly Rule[], conditions: readonly TopCondition[]): Rule[] {
  return rules.map((r, i) => ({ ...r, conditions: conditions[i] as TopCondition }));
}

/** The figures of some rules on some cases. */
function figuresOf(rules: readonly Rule[], cases: readonly PreparedCase[], minScore: number): Figures {
  const shared = new Map<TopCondition, CompiledCondition>();
  const columns = rules.map((r) => columnOf(compileCondition(r.conditions, shared), cases));
  return createScoreboard(cases, rules, columns, minScore).figures();
}

function meanFigures(list: readonly Figures[]): Figures {
  const mean = (pick: (f: Figures) => number | undefined) => {
    const values = list.map(pick).filter((v): v is number => v !== undefined);
    return values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
  };
  const f1: Partial<Record<CauseId, number>> = {};
  for (const cause of CAUSE_IDS) if (list.some((f) => f.f1[cause] !== undefined)) f1[cause] = mean((f) => f.f1[cause]);
  return { top1: mean((f) => f.top1), macroF1: mean((f) => f.macroF1), cleanRate: mean((f) => f.cleanRate), f1 };
}

/** Folds stratified by label, deterministic: each label's merchants dealt in turn by a hash of their position. */
function assignFolds(cases: readonly PreparedCase[], k: number): number[] {
  const order = cases
    .map((c, i) => ({ i, key: c.expected ?? '', hash: mix(c.index) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.hash - b.hash || a.i - b.i));
  const folds = new Array<number>(cases.length).fill(0);
  order.forEach((o, n) => {
    folds[o.i] = n % k;
  });
  return folds;
}

function mix(x: number): number {
  let h = (x + 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The calibrated pack: validated, minor version bumped; a rule whose new thresholds add a lint
 * error keeps its old conditions (the output has no lint error the input did not have).
 */
function finish(
  pack: RulePack,
  conditions: readonly TopCondition[],
  extraFacts: ReturnType<typeof customFactSpecs>,
): { pack: ValidatedRulePack; kept: Set<string> } {
  const build = (use: (i: number) => boolean) => {
    const json = rulePackToJson(pack) as { version: string; rules: Record<string, unknown>[] };
    json.version = changed.size > 0 ? bumpMinor(pack.version) : pack.version;
    json.rules = pack.rules.map((r, i) => ({
      ...(structuredClone(r) as object),
      conditions: structuredClone(use(i) ? conditions[i] : r.conditions),
    }));
    return loadRulePack(json, { extraFacts });
  };
  const key = (f: { code: string; rule?: string; message: string }) => `${f.code} ${f.rule ?? ''} ${f.message}`;
  const baseline = new Set(lintRulePack(pack, { extraFacts }).map(key));
  const changed = new Set(pack.rules.flatMap((r, i) => (conditions[i] === r.conditions ? [] : [r.name])));
  let candidate = build((i) => changed.has((pack.rules[i] as Rule).name));
  const fresh = lintRulePack(candidate, { extraFacts }).filter(
    (f) => f.severity === 'error' && !baseline.has(key(f)) && f.rule !== undefined,
  );
  for (const f of fresh) changed.delete(f.rule as string);
  if (fresh.length > 0) candidate = build((i) => changed.has((pack.rules[i] as Rule).name));
  return { pack: candidate, kept: changed };
}

function bumpMinor(version: string): string {
  const [major, minor] = version.split(/[.+-]/);
  return `${major}.${Number(minor) + 1}.0`;
}

/** Re-exported: the figures type. */
export type { Figures };
