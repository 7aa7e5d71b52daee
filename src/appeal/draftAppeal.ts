/**
 * The appeal pack: a pre-filled appeal letter (申诉书) from a classification, rendered from the
 * per-language Mustache template in `./data`, and the checklist of materials to enclose.
 */
import Mustache from 'mustache';
import { adviceFor } from '../advice/catalog.js';
import type { CaseFile } from '../contract/caseFile.js';
import type { CauseId } from '../contract/causes.js';
import { OptionsError } from '../contract/errors.js';
import { parseCaseFile } from '../contract/parseCaseFile.js';
import { type EvidenceCondition, type Lang, OPERATOR_SYMBOL, type Result } from '../contract/result.js';
import { strongestConditions } from '../engine/strongestConditions.js';
import { prepare } from '../signals/prepare.js';
import { mccProfile } from '../signals/referenceData.js';
import { parseDate, parseTimestamp } from '../time/timestamp.js';
import en from './data/en.json';
import zhCN from './data/zh-CN.json';
import { type Flagged, flaggedBy } from './flagged.js';
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
 * Drafts the appeal letter and the materials checklist for a classified case.
 *
 * @param caseFile - the case file that was classified (validated again here).
 * @param result - its classification.
 * @returns the letter (Markdown and HTML) and the checklist.
 * @throws `OptionsError` when there is no cause to appeal; `CaseFileError` for an invalid case file.
 * @example
 * ```ts
 * const result = await classifier.classify(caseFile);
 * const { markdown, checklist } = draftAppeal(caseFile, result, { lang: 'zh-CN', rectifications: ['停止整百金额拆单交易'] });
 * ```
 */
export function draftAppeal(caseFile: unknown, result: Result, options: AppealOptions = {}): AppealDraft {
  const lang = options.lang ?? result.lang;
  const text = TEXT[lang];
  if (!text) throw new OptionsError([{ path: 'lang', message: 'expected en or zh-CN' }]);
  const causeId = options.cause ?? result.causes[0]?.id;
  const cause = result.causes.find((c) => c.id === causeId);
  if (!causeId || !cause) {
    throw new OptionsError([
      { path: 'cause', message: causeId ? `cause ${causeId} is not among the reported causes` : 'the result reports no cause to appeal' },
    ]);
  }
  const parsed = parseCaseFile(caseFile);
  const p = prepare(parsed);
  const advice = adviceFor(cause.id, lang);
  const maxTransactions = options.maxTransactions ?? 10;

  const conditions = strongestConditions(cause.evidence).filter((c): c is EvidenceCondition => c !== 'stated');
  const flagged = flaggedBy(p, [...new Set(conditions.map((c) => c.signal))]);
  const evidence = conditions.map((c) => ({
    signal: c.signal,
    label: text.signals[c.signal] ?? c.signal,
    value: formatValue(c.value),
    operator: OPERATOR_SYMBOL[c.operator],
    threshold: formatValue(c.threshold),
    explanation: factsOf(c.signal, flagged, p, text),
  }));
  const rows = flagged.transactions.slice(0, maxTransactions).map(({ index, signal }) => {
    const tx = p.txs[index] as (typeof p.txs)[number];
    const status = tx.status === 'approved' ? '' : ` (${text.statusNames[tx.status] ?? tx.status})`;
    return {
      time: localTime(p, p.ms[index] as number),
      amount: formatMoney(tx.amount, parsed.merchant.currency) + status,
      card: tx.card ? maskToken(tx.card.token) : '—',
      terminal: tx.terminalId ?? '—',
      entry: tx.entryMode ? (text.entryModes[tx.entryMode] ?? tx.entryMode) : '—',
      reason: text.signals[signal] ?? signal,
    };
  });
  const byId = new Map(parsed.transactions.map((tx) => [tx.id, tx]));
  const events = flagged.events.slice(0, maxTransactions).map((event) => {
    // A disputed sale is shown with its amount and time, which is what the acquirer will check.
    const disputed = event.transactionId === undefined ? undefined : byId.get(event.transactionId);
    const sale = disputed
      ? `#${disputed.id} · ${formatMoney(disputed.amount, parsed.merchant.currency)} · ${localTime(p, parseTimestamp(disputed.at) ?? 0)}`
      : undefined;
    return {
      time: localTime(p, parseTimestamp(event.at) ?? 0),
      type: text.events[event.type] ?? event.type,
      detail: [sale ?? (event.transactionId ? `#${event.transactionId}` : undefined), event.detail].filter(Boolean).join(' · ') || '—',
    };
  });

  const view = {
    addressee: options.addressee ?? text.defaults.addressee,
    date: localTime(p, p.windowTo).slice(0, 10),
    merchant: {
      name: parsed.merchant.name ?? parsed.merchant.id,
      id: parsed.merchant.id,
      mcc: parsed.merchant.mcc,
      mccName: mccProfile(parsed.merchant.mcc, 'CNY')?.name ?? '',
    },
    suspensionDate: suspensionDate(parsed),
    cause: { title: advice.title, summary: advice.summary },
    evidence,
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

type Prepared = ReturnType<typeof prepare>;

/** A short factual line behind one signal: how many transactions or events and when, or the status fact. */
function factsOf(signal: string, flagged: Flagged, p: Prepared, text: AppealText): string {
  const render = (template: string, view: object) => Mustache.render(template, view, {}, { escape: String });
  const found = flagged.bySignal.get(signal);
  const day = (ms: number) => localTime(p, ms).slice(0, 10);
  if (found && found.transactions.length > 0) {
    const first = p.ms[found.transactions[0] as number] as number;
    const last = p.ms[found.transactions[found.transactions.length - 1] as number] as number;
    const template = found.transactions.length === 1 ? text.facts.oneTransaction : text.facts.transactions;
    return render(template, { n: found.transactions.length, from: day(first), to: day(last) });
  }
  if (found && found.events.length > 0) {
    const dates = [...new Set(found.events.map((e) => day(parseTimestamp(e.at) ?? 0)))];
    return render(text.facts.events, { n: found.events.length, dates: dates.slice(0, 6).join(', ') + (dates.length > 6 ? ', …' : '') });
  }
  const { merchant } = p.caseFile;
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
    case 'dormantDays':
      return Number.isNaN(p.lastApprovedSaleMs) ? text.facts.dormantNever : render(text.facts.dormant, { date: day(p.lastApprovedSaleMs) });
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

/** `YYYY-MM-DD HH:MM` in the merchant's zone. */
function localTime(p: ReturnType<typeof prepare>, ms: number): string {
  return new Date(ms + p.clock.offsetAt(ms)).toISOString().slice(0, 16).replace('T', ' ');
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
