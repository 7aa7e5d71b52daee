/**
 * The evidence in words a merchant can read: one sentence per fired signal, filled from the
 * transactions and events that signal counted (how many, on how many days, which amounts, the busiest
 * card). Sentences come from the language file; they carry values, never a signal code, a rule
 * threshold or what would have cleared the rule.
 */
import Mustache from 'mustache';
import { formatMoney, formatSignalValue, signalName } from '../advice/evidenceWords.js';
import type { CaseEvent, CaseFile, Transaction } from '../contract/caseFile.js';
import type { EvidenceCondition, Lang } from '../contract/result.js';
import type { SignalName } from '../signals/catalog.js';
import type { EvidenceMembers } from '../signals/members.js';
import { type CaseClock, cardLabel } from './format.js';
import type { AppealText } from './text.js';
import { mccLabel } from './text.js';

/** What the sentences are filled from. */
export interface EvidenceContext {
  readonly lang: Lang;
  readonly text: AppealText;
  readonly caseFile: CaseFile;
  readonly members: EvidenceMembers;
  readonly clock: CaseClock;
  /** How the merchant refers to itself (我单位 / 本店 / 本人). */
  readonly we: string;
}

/** Most dates listed in one sentence. */
const MAX_DATES = 6;

/**
 * One sentence per distinct signal of the conditions, in their order.
 *
 * @example
 * ```ts
 * evidenceSentences(conditions, ctx); // ['同一张信用卡在同一天多次以整百元或接近限额的金额消费，共出现 19 次…']
 * ```
 */
export function evidenceSentences(conditions: readonly EvidenceCondition[], ctx: EvidenceContext): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  let topShown = false;
  for (const condition of conditions) {
    if (seen.has(condition.signal)) continue;
    seen.add(condition.signal);
    const template = ctx.text.evidence[condition.signal];
    // The busiest card is described once, in the first sentence that names it.
    const withTop = !topShown && template?.includes('{{#top}}') === true;
    const line = sentence(condition, template, withTop, ctx);
    if (line.top) topShown = true;
    // A guard condition (e.g. "the category is not wholesale") has an empty sentence: it says nothing
    // the merchant needs to read.
    if (line.sentence.trim() !== '') out.push(line.sentence);
  }
  return out;
}

function sentence(
  condition: EvidenceCondition,
  template: string | undefined,
  withTop: boolean,
  ctx: EvidenceContext,
): { sentence: string; top: boolean } {
  const { text, lang } = ctx;
  const value = formatSignalValue(condition.signal, condition.value, lang, ctx.caseFile.merchant.currency);
  const members = membersView(condition.signal, ctx);
  const top = withTop ? members.top : undefined;
  const view = { ...members, top, ...statusView(ctx), we: ctx.we, value };
  if (template) return { sentence: Mustache.render(template, view, {}, { escape: String }), top: top !== undefined };
  const named = signalName(condition.signal, lang);
  const name = named === condition.signal ? text.otherPattern : named;
  return { sentence: Mustache.render(text.evidenceFallback, { name, value }, {}, { escape: String }), top: false };
}

/** Counts, days, amounts and the busiest card of what a signal counted. */
function membersView(signal: string, ctx: EvidenceContext) {
  const { members, caseFile, clock } = ctx;
  const money = (minor: number) => formatMoney(minor, caseFile.merchant.currency);
  const found = members.bySignal[signal as SignalName];
  const txs = (found?.transactions ?? []).map((i) => members.transactions[i] as Transaction);
  const events = found?.events ?? [];
  const amounts = txs.map((tx) => tx.amount);
  const days = (list: readonly Transaction[]) => new Set(list.map((tx) => clock.localDay(clock.instant(tx.at)))).size;
  const eventTotal = events.reduce((sum, e) => sum + (e.amount ?? 0), 0);
  return {
    amounts: amountWords(amounts, ctx),
    range: txs.length > 0,
    n: txs.length.toLocaleString('en-US'),
    cards: new Set(txs.flatMap((tx) => (tx.card ? [tx.card.token] : []))).size,
    days: days(txs),
    min: txs.length > 0 ? money(Math.min(...amounts)) : '',
    max: txs.length > 0 ? money(Math.max(...amounts)) : '',
    total: money(amounts.reduce((a, b) => a + b, 0)),
    from: txs.length > 0 ? clock.localDay(clock.instant((txs[0] as Transaction).at)) : '',
    to: txs.length > 0 ? clock.localDay(clock.instant((txs[txs.length - 1] as Transaction).at)) : '',
    top: busiestCard(txs, ctx),
    events: events.length > 0,
    dates: eventDates(events, ctx),
    eventTotal: eventTotal > 0 ? money(eventTotal) : '',
    otherNumbers: otherMerchantNumbers(txs, ctx),
    otherMccs: otherMccs(txs, ctx),
  };
}

/** The card with the most of the transactions (two or more), ties to the earliest; undefined otherwise. */
function busiestCard(txs: readonly Transaction[], ctx: EvidenceContext) {
  const byCard = new Map<string, Transaction[]>();
  for (const tx of txs) {
    if (!tx.card) continue;
    const list = byCard.get(tx.card.token) ?? [];
    list.push(tx);
    byCard.set(tx.card.token, list);
  }
  let best: Transaction[] = [];
  for (const list of byCard.values()) if (list.length > best.length) best = list;
  if (best.length < 2) return undefined;
  const amounts = best.map((tx) => tx.amount);
  const money = (minor: number) => formatMoney(minor, ctx.caseFile.merchant.currency);
  return {
    amounts: amountWords(amounts, ctx),
    card: cardLabel((best[0] as Transaction).card),
    n: best.length,
    days: new Set(best.map((tx) => ctx.clock.localDay(ctx.clock.instant(tx.at)))).size,
    min: money(Math.min(...amounts)),
    max: money(Math.max(...amounts)),
  };
}

/** `在 ¥2,200.00 至 ¥49,999.00 之间`, or `均为 ¥88.00` when every amount is the same. */
function amountWords(amounts: readonly number[], ctx: EvidenceContext): string {
  if (amounts.length === 0) return '';
  const money = (minor: number) => formatMoney(minor, ctx.caseFile.merchant.currency);
  const min = Math.min(...amounts);
  const max = Math.max(...amounts);
  const template = min === max ? ctx.text.amountSame : ctx.text.amountRange;
  return Mustache.render(template, { min: money(min), max: money(max) }, {}, { escape: String });
}

function eventDates(events: readonly CaseEvent[], ctx: EvidenceContext): string {
  const dates = [...new Set(events.map((e) => ctx.clock.localDay(ctx.clock.instant(e.at))))];
  return dates.slice(0, MAX_DATES).join(ctx.text.list) + (dates.length > MAX_DATES ? '…' : '');
}

function otherMerchantNumbers(txs: readonly Transaction[], ctx: EvidenceContext): string {
  const { merchant } = ctx.caseFile;
  const own = new Set([merchant.id, ...(merchant.merchantNumbers ?? [])]);
  const others = [...new Set(txs.flatMap((tx) => (tx.merchantNumber && !own.has(tx.merchantNumber) ? [tx.merchantNumber] : [])))];
  return others.slice(0, MAX_DATES).join(ctx.text.list) + (others.length > MAX_DATES ? '…' : '');
}

function otherMccs(txs: readonly Transaction[], ctx: EvidenceContext): string {
  const own = ctx.caseFile.merchant.mcc;
  const others = [...new Set(txs.flatMap((tx) => (tx.mcc && tx.mcc !== own ? [tx.mcc] : [])))].sort();
  return others.map((mcc) => mccLabel(mcc, ctx.lang)).join(ctx.text.list);
}

/** The merchant's status facts: contract, documents, last sale, category, limits. */
function statusView(ctx: EvidenceContext) {
  const { merchant } = ctx.caseFile;
  const money = (minor: number | undefined) => (minor === undefined ? '' : formatMoney(minor, merchant.currency));
  const last = ctx.members.lastApprovedSale;
  return {
    contractEnd: merchant.contract?.endsAt ? ctx.clock.dayOf(merchant.contract.endsAt) : '',
    contractStatus: ctx.text.contractStatus[merchant.contract?.status ?? 'terminated'],
    kycExpiry: merchant.kyc?.documentsExpireAt ? ctx.clock.dayOf(merchant.kyc.documentsExpireAt) : '',
    lastSale: last ? ctx.clock.localDay(ctx.clock.instant(last.at)) : '',
    mcc: mccLabel(merchant.mcc, ctx.lang),
    limitSale: money(merchant.limits?.perSale ?? merchant.singleSaleLimit),
    limitDay: money(merchant.limits?.perDay),
    limitMonth: money(merchant.limits?.perMonth),
  };
}
