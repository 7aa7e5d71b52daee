/**
 * The appeal pack: a pre-filled appeal letter (申诉书) from a classification, rendered from the
 * per-language Mustache template in `./data`, and the checklist of materials to enclose.
 */
import Mustache from 'mustache';
import { adviceFor } from '../advice/catalog.js';
import type { CaseEvent, CaseFile } from '../contract/caseFile.js';
import type { CauseId } from '../contract/causes.js';
import { OptionsError } from '../contract/errors.js';
import { type CauseResult, type EvidenceCondition, type Lang, OPERATOR_SYMBOL, type Result } from '../contract/result.js';
import type { Classification } from '../engine/classifier.js';
import { strongestConditions } from '../engine/strongestConditions.js';
import type { SignalName } from '../signals/catalog.js';
import type { EvidenceMembers } from '../signals/members.js';
import { mccProfile } from '../signals/referenceData.js';
import { parseDate, parseTimestamp } from '../time/timestamp.js';
import { createLocalClock } from '../time/zone.js';
import en from './data/en.json';
import zhCN from './data/zh-CN.json';
import { appealHtml } from './html.js';

/** The wording of one language: the letter template and the phrases it is filled with. */
interface AppealText {
  readonly letter: readonly string[];
  readonly signals: Readonly<Record<string, string>>;
  readonly defaults: {
    readonly addressee: string;
    readonly statement: string;
    readonly rectification: string;
    readonly signatory: string;
    readonly contact: string;
  };
  readonly events: Readonly<Record<string, string>>;
  readonly entryModes: Readonly<Record<string, string>>;
  readonly statusNames: Readonly<Record<string, string>>;
  readonly materialReasons: Readonly<Record<string, string>>;
  readonly htmlTitle: string;
  readonly facts: Readonly<
    Record<
      | 'transactions'
      | 'oneTransaction'
      | 'events'
      | 'contract'
      | 'kycExpired'
      | 'kycUnverified'
      | 'dormant'
      | 'dormantNever'
      | 'mcc'
      | 'none',
      string
    >
  >;
}
const TEXT: Readonly<Record<Lang, AppealText>> = { en, 'zh-CN': zhCN };

/** Options of {@link draftAppeal}. */
export interface AppealOptions {
  /** Language of the letter and checklist. Default: the result's language. */
  readonly lang?: Lang;
  /** The cause to appeal. Default: the top-ranked cause of the result. */
  readonly cause?: CauseId;
  /** The merchant's own explanation; a clearly marked placeholder when absent. */
  readonly merchantStatement?: string;
  /** Rectification measures taken; clearly marked placeholders when absent. */
  readonly rectifications?: readonly string[];
  /** Most flagged transactions listed in the letter. Default 10. */
  readonly maxTransactions?: number;
  /** Addressee line. Default: the acquirer's merchant risk department. */
  readonly addressee?: string;
  /** Name of the legal representative signing; a placeholder when absent. */
  readonly signatory?: string;
  /** Contact line; a placeholder when absent. */
  readonly contact?: string;
}

/** One material to enclose, why, and for which causes. */
export interface ChecklistItem {
  readonly material: string;
  readonly why: string;
  readonly causes: readonly CauseId[];
}

/** The appeal pack. */
export interface AppealDraft {
  /** The cause appealed. */
  readonly cause: CauseId;
  /** The letter in Markdown. */
  readonly markdown: string;
  /** The letter as one self-contained, printable HTML page (A4, no external assets). */
  readonly html: string;
  /** Materials to enclose: the union over the reported causes, in rank order, without duplicates. */
  readonly checklist: readonly ChecklistItem[];
}

/**
 * Drafts the appeal letter and the materials checklist for a classified case. Everything in the
 * letter comes from the classification: the evidence of its result, and the transactions and events
 * its signals counted with the classifier's own thresholds (nothing is parsed or computed again).
 *
 * @param classification - from `classifier.classifyDetailed(caseFile)`.
 * @param options - language, cause, the merchant's own text; all optional.
 * @returns the letter (Markdown and HTML) and the checklist.
 * @throws `OptionsError` when there is no cause to appeal or the language is unknown.
 * @example
 * ```ts
 * const classification = await classifier.classifyDetailed(caseFile);
 * const { markdown, checklist } = draftAppeal(classification, { lang: 'zh-CN', rectifications: ['停止整百金额拆单交易'] });
 * ```
 */
export function draftAppeal(classification: Classification, options: AppealOptions = {}): AppealDraft {
  const { result, caseFile, members } = classification;
  const lang = options.lang ?? result.lang;
  const text = TEXT[lang];
  if (!text) throw new OptionsError([{ path: 'lang', message: 'expected en or zh-CN' }]);
  const cause = causeToAppeal(result, options.cause);
  const advice = adviceFor(cause.id, lang);
  const maxTransactions = options.maxTransactions ?? 10;
  const ctx: LetterContext = {
    caseFile,
    members,
    transactionById: new Map(caseFile.transactions.map((tx) => [tx.id, tx])),
    text,
    localTime: localTimeIn(caseFile),
    instant: instantIn(caseFile),
  };

  const conditions = strongestConditions(cause.evidence).filter((c): c is EvidenceCondition => c !== 'stated');
  const flagged = flaggedBy(members, [...new Set(conditions.map((c) => c.signal))], ctx.instant);
  const rows = flagged.transactions.slice(0, maxTransactions).map((row) => transactionRow(row, ctx));
  const events = flagged.events.slice(0, maxTransactions).map((event) => eventRow(event, ctx));
  const view = {
    addressee: options.addressee ?? text.defaults.addressee,
    date: ctx.localTime(ctx.instant(caseFile.window.to)).slice(0, 10),
    merchant: merchantView(caseFile),
    suspensionDate: suspensionDate(caseFile),
    cause: { title: advice.title, summary: advice.summary },
    evidence: conditions.map((c) => evidenceRow(c, ctx)),
    hasFlagged: rows.length > 0,
    flagged: rows,
    maxFlagged: maxTransactions,
    moreFlagged: flagged.transactions.length > rows.length ? flagged.transactions.length - rows.length : 0,
    hasEvents: events.length > 0,
    events,
    statement: options.merchantStatement ?? text.defaults.statement,
    rectifications:
      options.rectifications && options.rectifications.length > 0
        ? [...options.rectifications]
        : [text.defaults.rectification, text.defaults.rectification],
    materials: advice.appealMaterials,
    signatory: options.signatory ?? text.defaults.signatory,
    contact: options.contact ?? text.defaults.contact,
  };
  const markdown = Mustache.render(text.letter.join('\n'), view, {}, { escape: escapeMarkdown });
  return {
    cause: cause.id,
    markdown,
    html: appealHtml(markdown, lang, `${text.htmlTitle} — ${view.merchant.name}`),
    checklist: checklistFor(result, lang),
  };
}

/**
 * The union of the reported causes' materials, in rank order, each with why it is needed.
 *
 * @example
 * ```ts
 * for (const item of checklistFor(result, 'en')) console.log(`- ${item.material}: ${item.why}`);
 * ```
 */
export function checklistFor(result: Result, lang: Lang): ChecklistItem[] {
  const reasons = TEXT[lang].materialReasons;
  const items = new Map<string, { why: string; causes: CauseId[] }>();
  for (const cause of [...result.causes].sort((a, b) => a.rank - b.rank)) {
    for (const material of adviceFor(cause.id, lang).appealMaterials) {
      const item = items.get(material) ?? { why: reasons[material] ?? '', causes: [] };
      item.causes.push(cause.id);
      items.set(material, item);
    }
  }
  return [...items.entries()].map(([material, { why, causes }]) => ({ material, why, causes }));
}

/**
 * Card tokens are shown by their last four characters only.
 *
 * @example
 * ```ts
 * maskToken('tok_8f2a91'); // '****2a91'
 * ```
 */
export function maskToken(token: string): string {
  return token.length <= 4 ? '****' : `****${token.slice(-4)}`;
}

/** What the letter's parts are built from. */
interface LetterContext {
  readonly caseFile: CaseFile;
  readonly members: EvidenceMembers;
  readonly transactionById: ReadonlyMap<string, CaseFile['transactions'][number]>;
  readonly text: AppealText;
  /** `YYYY-MM-DD HH:MM` of an instant in the merchant's zone. */
  readonly localTime: (ms: number) => string;
  /** Epoch ms of a timestamp of the case file (without an offset it is local time in the merchant's zone). */
  readonly instant: (at: string) => number;
}

/** The transactions and events behind a cause's signals, merged. */
interface Flagged {
  /** Indexes into `members.transactions` in time order, each with the first signal that counted it. */
  readonly transactions: readonly { readonly index: number; readonly signal: string }[];
  /** Events behind the signals, in time order, without duplicates. */
  readonly events: readonly CaseEvent[];
}

/** The cause asked for, or the top-ranked one; it must be among the reported causes. */
function causeToAppeal(result: Result, asked: CauseId | undefined): CauseResult {
  const causeId = asked ?? result.causes[0]?.id;
  const cause = result.causes.find((c) => c.id === causeId);
  if (!causeId || !cause) {
    throw new OptionsError([
      { path: 'cause', message: causeId ? `cause ${causeId} is not among the reported causes` : 'the result reports no cause to appeal' },
    ]);
  }
  return cause;
}

/** Merges the members of the given signals: each transaction once, with the first signal that counted it. */
function flaggedBy(members: EvidenceMembers, signals: readonly string[], instant: (at: string) => number): Flagged {
  const reasons = new Map<number, string>();
  const events = new Set<CaseEvent>();
  for (const signal of signals) {
    const found = members.bySignal[signal as SignalName];
    for (const i of found?.transactions ?? []) if (!reasons.has(i)) reasons.set(i, signal);
    for (const event of found?.events ?? []) events.add(event);
  }
  const timeOf = (event: CaseEvent) => instant(event.at);
  return {
    transactions: [...reasons.entries()].sort((a, b) => a[0] - b[0]).map(([index, signal]) => ({ index, signal })),
    events: [...events].sort((a, b) => timeOf(a) - timeOf(b)),
  };
}

/** One row of the evidence table: the signal, its value against the threshold, and the facts behind it. */
function evidenceRow(c: EvidenceCondition, ctx: LetterContext) {
  return {
    signal: c.signal,
    label: ctx.text.signals[c.signal] ?? c.signal,
    value: formatValue(c.value),
    operator: OPERATOR_SYMBOL[c.operator],
    threshold: formatValue(c.threshold),
    explanation: factsOf(c.signal, ctx),
  };
}

/** One row of the flagged-transactions table. */
function transactionRow({ index, signal }: Flagged['transactions'][number], ctx: LetterContext) {
  const { text } = ctx;
  const tx = ctx.members.transactions[index] as CaseFile['transactions'][number];
  const status = tx.status === 'approved' ? '' : ` (${text.statusNames[tx.status] ?? tx.status})`;
  return {
    time: ctx.localTime(ctx.instant(tx.at)),
    amount: formatMoney(tx.amount, ctx.caseFile.merchant.currency) + status,
    card: tx.card ? maskToken(tx.card.token) : '—',
    terminal: tx.terminalId ?? '—',
    entry: tx.entryMode ? (text.entryModes[tx.entryMode] ?? tx.entryMode) : '—',
    reason: text.signals[signal] ?? signal,
  };
}

/** One row of the events table; a disputed sale is shown with its amount and time, which is what the acquirer will check. */
function eventRow(event: CaseEvent, ctx: LetterContext) {
  const { caseFile } = ctx;
  const disputed = event.transactionId === undefined ? undefined : ctx.transactionById.get(event.transactionId);
  const sale = disputed
    ? `#${disputed.id} · ${formatMoney(disputed.amount, caseFile.merchant.currency)} · ${ctx.localTime(ctx.instant(disputed.at))}`
    : undefined;
  return {
    time: ctx.localTime(ctx.instant(event.at)),
    type: ctx.text.events[event.type] ?? event.type,
    detail: [sale ?? (event.transactionId ? `#${event.transactionId}` : undefined), event.detail].filter(Boolean).join(' · ') || '—',
  };
}

function merchantView(caseFile: CaseFile) {
  const { merchant } = caseFile;
  return { name: merchant.name ?? merchant.id, id: merchant.id, mcc: merchant.mcc, mccName: mccProfile(merchant.mcc, 'CNY')?.name ?? '' };
}

/** A short factual line behind one signal: how many transactions or events and when, or the status fact. */
function factsOf(signal: string, ctx: LetterContext): string {
  const { text, members } = ctx;
  const render = (template: string, view: object) => Mustache.render(template, view, {}, { escape: String });
  const found = members.bySignal[signal as SignalName];
  const day = (ms: number) => ctx.localTime(ms).slice(0, 10);
  if (found && found.transactions.length > 0) {
    const at = (k: number) => ctx.instant((members.transactions[k] as CaseFile['transactions'][number]).at);
    const first = at(found.transactions[0] as number);
    const last = at(found.transactions[found.transactions.length - 1] as number);
    const template = found.transactions.length === 1 ? text.facts.oneTransaction : text.facts.transactions;
    return render(template, { n: found.transactions.length, from: day(first), to: day(last) });
  }
  if (found && found.events.length > 0) {
    const dates = [...new Set(found.events.map((e) => day(ctx.instant(e.at))))];
    return render(text.facts.events, { n: found.events.length, dates: dates.slice(0, 6).join(', ') + (dates.length > 6 ? ', …' : '') });
  }
  return statusFact(signal, ctx);
}

/** The fact behind a status signal (contract, KYC, dormancy, MCC), which counts no transaction. */
function statusFact(signal: string, ctx: LetterContext): string {
  const { text } = ctx;
  const render = (template: string, view: object) => Mustache.render(template, view, {}, { escape: String });
  const { merchant } = ctx.caseFile;
  switch (signal) {
    case 'contractEnded':
    case 'daysSinceContractEnd':
      return render(text.facts.contract, {
        status: merchant.contract?.status ?? '—',
        endsAt: merchant.contract?.endsAt?.slice(0, 10) ?? '',
      });
    case 'kycExpired':
    case 'daysSinceKycExpiry':
      return render(text.facts.kycExpired, { date: merchant.kyc?.documentsExpireAt?.slice(0, 10) ?? '—' });
    case 'kycUnverified':
      return text.facts.kycUnverified;
    case 'dormantDays': {
      const last = ctx.members.lastApprovedSale;
      return last ? render(text.facts.dormant, { date: ctx.localTime(ctx.instant(last.at)).slice(0, 10) }) : text.facts.dormantNever;
    }
    case 'mccUnderRectification':
    case 'mccKnown':
      return render(text.facts.mcc, { mcc: merchant.mcc });
    default:
      return text.facts.none;
  }
}

function formatValue(value: number | boolean | string | readonly (number | string)[]): string {
  if (Array.isArray(value)) return `[${value.map((v) => formatValue(v)).join(', ')}]`;
  if (typeof value !== 'number') return String(value);
  return Number.isInteger(value) ? value.toLocaleString('en-US') : String(Math.round(value * 10_000) / 10_000);
}

function formatMoney(minor: number, currency: string): string {
  return `${(minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;
}

/** `YYYY-MM-DD HH:MM` of an instant in the merchant's zone. */
function instantIn(caseFile: CaseFile): (at: string) => number {
  const clock = createLocalClock(caseFile.merchant.timezone);
  return (at) => parseTimestamp(at, clock) ?? 0;
}

function localTimeIn(caseFile: CaseFile): (ms: number) => string {
  const clock = createLocalClock(caseFile.merchant.timezone);
  return (ms) => new Date(ms + clock.offsetAt(ms)).toISOString().slice(0, 16).replace('T', ' ');
}

function suspensionDate(caseFile: CaseFile): string {
  const at = caseFile.merchant.suspension?.at;
  if (at === undefined) return '';
  return parseDate(at) !== undefined ? at : at.slice(0, 10);
}

/** Escapes text for a Markdown table cell that also becomes HTML: no raw HTML, no broken cells. */
function escapeMarkdown(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}
