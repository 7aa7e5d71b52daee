/**
 * The appeal pack: the letter a merchant sends its acquirer about a suspension, as the document the
 * cause calls for (申诉书, 情况说明及整改报告, 续约申请, 解冻申请…), from a classification, with its
 * enclosures (附件清单), and the materials checklist.
 */
import Mustache from 'mustache';
import { adviceFor } from '../advice/catalog.js';
import { formatMoney } from '../advice/evidenceWords.js';
import type { CaseEvent, CaseFile, Measure, Transaction } from '../contract/caseFile.js';
import type { CauseId } from '../contract/causes.js';
import { OptionsError } from '../contract/errors.js';
import type { CauseResult, EvidenceCondition, Lang, Result } from '../contract/result.js';
import type { Classification } from '../engine/classifier.js';
import { strongestConditions } from '../engine/strongestConditions.js';
import type { SignalName } from '../signals/catalog.js';
import type { EvidenceMembers } from '../signals/members.js';
import { evidenceSentences } from './evidence.js';
import { type CaseClock, cardLabel, caseClock } from './format.js';
import { letterHtml } from './html.js';
import type { Block, Field, Letter } from './letter.js';
import { letterMarkdown } from './markdown.js';
import { type AppealOptions, checkAppealOptions, type Stance } from './options.js';
import { screenLine, screenParagraphs } from './safeText.js';
import { type AppealText, causeDocument, DOCUMENTS, type DocumentKind, mccLabel, TEXT } from './text.js';

export { maskToken } from './format.js';
export type { AppealOptions, Stance } from './options.js';
export type { DocumentKind } from './text.js';

/** One material to enclose, why, and for which causes. */
export interface ChecklistItem {
  readonly material: string;
  readonly why: string;
  readonly causes: readonly CauseId[];
}

/** The appeal pack. */
export interface AppealDraft {
  /** The cause the letter is about. */
  readonly cause: CauseId;
  /** The kind of document (`appeal` 申诉书, `renewal` 续约申请, `release-request` 解冻申请…). */
  readonly kind: DocumentKind;
  /** The stance taken on the cause. */
  readonly stance: Stance;
  /** The letter's title, which names the kind of document. */
  readonly title: string;
  /** The letter in Markdown (every value escaped). */
  readonly markdown: string;
  /** The letter as one self-contained, printable HTML page (A4, no external assets). */
  readonly html: string;
  /** The letter's enclosures (附件清单), in the order listed. */
  readonly enclosures: readonly string[];
  /** Materials to enclose: the union over the reported causes, in rank order, without duplicates. */
  readonly checklist: readonly ChecklistItem[];
}

/**
 * Drafts the letter for a classified case: the document its cause and stance call for, with the
 * merchant's header (商户编号, 终端号, notice reference), the evidence in words built from the
 * transactions and events its signals counted with the classifier's own thresholds, the flagged
 * transactions (参考号 / 凭证号 / 授权码 where the case file has them), the request (restore the service,
 * release frozen or delayed funds), the enclosures and a signature and seal block. Output depends only
 * on the inputs (the date defaults to the window's last local day).
 *
 * @param classification - from `classifier.classifyDetailed(caseFile)`.
 * @param options - language, cause, stance, the merchant's own text; all optional.
 * @returns the letter (Markdown and HTML), its kind and enclosures, and the checklist.
 * @throws `OptionsError` listing every bad option, or when there is no cause to appeal, or when the
 *   stance does not fit the cause.
 * @example
 * ```ts
 * const classification = await classifier.classifyDetailed(caseFile);
 * const { title, markdown } = draftAppeal(classification, { lang: 'zh-CN', stance: 'rectified', rectifications: ['停止整百金额拆单交易'] });
 * ```
 */
export function draftAppeal(classification: Classification, options?: AppealOptions): AppealDraft {
  const checked = checkAppealOptions(options);
  const { result, caseFile, members } = classification;
  const lang = checked.lang ?? result.lang;
  const text = TEXT[lang];
  const cause = causeToAppeal(result, checked.cause);
  const document = causeDocument(cause.id);
  const stance = checked.stance ?? document.defaultStance;
  const kind = document.kinds[stance];
  if (!kind) {
    const allowed = Object.keys(document.kinds).join(', ');
    throw new OptionsError([{ path: 'stance', message: `cause ${cause.id} takes only: ${allowed}` }]);
  }
  const letter = buildLetter({
    lang,
    text,
    caseFile,
    members,
    clock: caseClock(caseFile),
    cause,
    kind,
    stance,
    status: document.status,
    options: checked,
  });
  const markdown = letterMarkdown(letter);
  const name = screenLine(caseFile.merchant.name ?? caseFile.merchant.id);
  return {
    cause: cause.id,
    kind,
    stance,
    title: letter.title,
    markdown,
    html: letterHtml(letter, `${text.htmlTitle} — ${name}`),
    enclosures: enclosureList(cause.id, stance, measuresOf(caseFile), caseFile, text),
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

/** Everything a letter is built from. */
interface LetterInput {
  readonly lang: Lang;
  readonly text: AppealText;
  readonly caseFile: CaseFile;
  readonly members: EvidenceMembers;
  readonly clock: CaseClock;
  readonly cause: CauseResult;
  readonly kind: DocumentKind;
  readonly stance: Stance;
  readonly status: boolean;
  readonly options: AppealOptions;
}

const render = (template: string, view: object) => Mustache.render(template, view, {}, { escape: String });

function buildLetter(input: LetterInput): Letter {
  const { text, caseFile, options, kind } = input;
  const merchantKind = text.merchantKinds[caseFile.merchant.kind ?? 'unknown'];
  const we = merchantKind.we;
  const measures = measuresOf(caseFile);
  const funds = measures.some((m) => DOCUMENTS.fundMeasures.includes(m)) && kind !== 'release-request';
  const kindText = text.kinds[kind];
  const title = funds && kindText.titleFunds ? kindText.titleFunds : kindText.title;
  const addressee = options.addressee === undefined ? text.placeholders.addressee : screenLine(options.addressee);

  const blocks: Block[] = [{ type: 'fields', rows: headerFields(input, addressee) }];
  blocks.push({ type: 'paragraph', text: render(text.salutation, { addressee }) });
  blocks.push({
    type: 'paragraph',
    text: [suspensionSentence(input, we, measures), render(text.causes[input.cause.id].subject, { we })].join(text.sentenceJoin),
  });
  blocks.push({ type: 'paragraph', text: render(kindText.opening, { we }) });

  const sections: { heading: string; blocks: Block[] }[] = [];
  const conditions = strongestConditions(input.cause.evidence).filter((c): c is EvidenceCondition => c !== 'stated');
  const sentences = evidenceSentences(conditions, { lang: input.lang, text, caseFile, members: input.members, clock: input.clock, we });
  if (sentences.length > 0) {
    const intro: Block[] = input.status ? [] : [{ type: 'paragraph', text: render(text.factsIntro, { we }) }];
    sections.push({
      heading: input.status ? text.sections.factsStatus : text.sections.factsViolation,
      blocks: [...intro, { type: 'list', ordered: false, items: sentences }],
    });
  }
  const flagged = flaggedBy(input.members, [...new Set(conditions.map((c) => c.signal))], input.clock);
  const listed = transactionBlocks(flagged.transactions, input);
  if (listed.length > 0) sections.push({ heading: text.sections.transactions, blocks: listed });
  if (flagged.events.length > 0) sections.push({ heading: text.sections.events, blocks: [eventTable(flagged.events, input)] });

  const statement = options.merchantStatement === undefined ? [] : screenParagraphs(options.merchantStatement);
  sections.push({
    heading: input.stance === 'dispute' ? text.sections.statementDispute : text.sections.statement,
    blocks: (statement.length > 0 ? statement : [render(text.causes[input.cause.id].statement, { we })]).map((p) => ({
      type: 'paragraph',
      text: p,
    })),
  });
  const steps = measuresSection(input, we);
  if (steps) sections.push(steps);

  const request = [render(kindText.request, { we })];
  if (funds) request.push(render(text.fundsRequest, { we, amount: frozenAmount(caseFile) }));
  request.push(render(text.cooperate, { we }));
  sections.push({ heading: text.sections.request, blocks: [{ type: 'paragraph', text: request.join(text.sentenceJoin) }] });
  const enclosures = enclosureList(input.cause.id, input.stance, measures, caseFile, text);
  sections.push({ heading: text.sections.enclosures, blocks: [{ type: 'list', ordered: true, items: enclosures }] });

  sections.forEach((section, i) => {
    const n = render(text.sectionNumber, { n: text.numerals[i] ?? String(i + 1) });
    blocks.push({ type: 'heading', text: `${n}${section.heading}` }, ...section.blocks);
  });
  blocks.push({ type: 'closing', lines: text.closing });
  blocks.push({ type: 'signature', rows: signatureRows(input, merchantKind), note: merchantKind.seal });
  return { lang: input.lang, title, colon: text.colon, blocks };
}

function headerFields(input: LetterInput, addressee: string): Field[] {
  const { text, caseFile, options, clock } = input;
  const { merchant } = caseFile;
  const f = text.fields;
  const rows: Field[] = [
    [f.to, addressee],
    [f.merchantName, screenLine(merchant.name ?? merchant.id)],
    [f.merchantNumber, screenLine(merchant.id)],
  ];
  const others = (merchant.merchantNumbers ?? []).filter((n) => n !== merchant.id);
  if (others.length > 0) rows.push([f.otherNumbers, screenLine(others.join(text.list))]);
  if (merchant.terminals && merchant.terminals.length > 0) rows.push([f.terminals, screenLine(merchant.terminals.join(text.list))]);
  if (merchant.kind) rows.push([f.merchantKind, text.merchantKinds[merchant.kind].name]);
  rows.push([f.mcc, mccLabel(merchant.mcc, input.lang)]);
  if (merchant.suspension?.noticeId) rows.push([f.notice, screenLine(merchant.suspension.noticeId)]);
  if (merchant.suspension?.at) rows.push([f.suspendedOn, clock.dayOf(merchant.suspension.at)]);
  rows.push([f.contact, options.contact === undefined ? text.placeholders.contact : screenLine(options.contact)]);
  return rows;
}

function suspensionSentence(input: LetterInput, we: string, measures: readonly Measure[]): string {
  const { text, caseFile } = input;
  const suspension = caseFile.merchant.suspension;
  const words = measures.length > 0 ? measures.map((m) => text.measures[m]).join(text.list) : text.defaultMeasure;
  return render(text.suspension, {
    we,
    merchant: screenLine(caseFile.merchant.name ?? caseFile.merchant.id),
    at: suspension?.at ? input.clock.dayOf(suspension.at) : '',
    notice: suspension?.noticeId ? screenLine(suspension.noticeId) : '',
    measures: words,
  });
}

/** Rectification measures (rectified), steps completed (status causes), or measures the caller listed. */
function measuresSection(input: LetterInput, we: string): { heading: string; blocks: Block[] } | undefined {
  const { text, options } = input;
  const given = (options.rectifications ?? []).map(screenLine).filter((s) => s.length > 0);
  if (input.stance === 'rectified') {
    const commitment = text.kinds[input.kind].commitment;
    return {
      heading: text.sections.rectified,
      blocks: [
        {
          type: 'list',
          ordered: true,
          items: given.length > 0 ? given : [text.placeholders.rectification, text.placeholders.rectification],
        },
        ...(commitment ? [{ type: 'paragraph', text: render(commitment, { we }) } as const] : []),
      ],
    };
  }
  if (input.status)
    return {
      heading: text.sections.done,
      blocks: [{ type: 'list', ordered: true, items: given.length > 0 ? given : [text.placeholders.done] }],
    };
  return given.length > 0 ? { heading: text.sections.measures, blocks: [{ type: 'list', ordered: true, items: given }] } : undefined;
}

function signatureRows(input: LetterInput, merchantKind: AppealText['merchantKinds']['unknown']): Field[] {
  const { text, caseFile, options } = input;
  return [
    [merchantKind.applicant, screenLine(caseFile.merchant.name ?? caseFile.merchant.id)],
    [
      render(text.signature.sign, { signer: merchantKind.signer }),
      options.signatory === undefined ? text.placeholders.signatory : screenLine(options.signatory),
    ],
    [text.signature.date, letterDate(input)],
  ];
}

/** The caller's date, else the window's last local day, in the language's date format. */
function letterDate(input: LetterInput): string {
  const day = input.options.date ?? input.clock.localDay(input.clock.instant(input.caseFile.window.to));
  const [y, m, d] = day.split('-') as [string, string, string];
  return render(input.text.dateFormat, { y, m: String(Number(m)), d: String(Number(d)), mm: m, dd: d });
}

function measuresOf(caseFile: CaseFile): readonly Measure[] {
  return caseFile.merchant.suspension?.measures ?? [];
}

/** The sum of the fund-freeze events' amounts, formatted; empty when none carries an amount. */
function frozenAmount(caseFile: CaseFile): string {
  const total = caseFile.events.filter((e) => e.type === 'fund-freeze').reduce((sum, e) => sum + (e.amount ?? 0), 0);
  return total > 0 ? formatMoney(total, caseFile.merchant.currency) : '';
}

/** Enclosures: always, the cause's, the stance's, each measure's; named in the language, without duplicates. */
function enclosureList(cause: CauseId, stance: Stance, measures: readonly Measure[], caseFile: CaseFile, text: AppealText): string[] {
  const ids = [
    ...DOCUMENTS.always,
    ...causeDocument(cause).enclosures,
    ...DOCUMENTS.stanceEnclosures[stance],
    ...measures.flatMap((m) => DOCUMENTS.measureEnclosures[m]),
  ];
  const kind = text.merchantKinds[caseFile.merchant.kind ?? 'unknown'];
  return [...new Set(ids)].map((id) => {
    const key = id === 'business-licence' && caseFile.merchant.kind === 'individual' ? 'business-licence-individual' : id;
    return render(text.enclosures[key] ?? id, { signer: kind.signer, signerLower: kind.signer.toLowerCase() });
  });
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

/** The transactions and events behind a cause's signals, merged. */
interface Flagged {
  /** The transactions, in time order, each once. */
  readonly transactions: readonly Transaction[];
  /** The events, in time order, each once. */
  readonly events: readonly CaseEvent[];
}

function flaggedBy(members: EvidenceMembers, signals: readonly string[], clock: CaseClock): Flagged {
  const indexes = new Set<number>();
  const events = new Set<CaseEvent>();
  for (const signal of signals) {
    const found = members.bySignal[signal as SignalName];
    for (const i of found?.transactions ?? []) indexes.add(i);
    for (const event of found?.events ?? []) events.add(event);
  }
  return {
    transactions: [...indexes].sort((a, b) => a - b).map((i) => members.transactions[i] as Transaction),
    events: [...events].sort((a, b) => clock.instant(a.at) - clock.instant(b.at)),
  };
}

/** The intro and the table of flagged transactions; reference columns only where some row has one. */
function transactionBlocks(all: readonly Transaction[], input: LetterInput): Block[] {
  const { text, caseFile, clock } = input;
  const shown = all.slice(0, input.options.maxTransactions ?? 10);
  if (shown.length === 0) return [];
  const c = text.columns;
  const optional = [
    { head: c.reference, of: (tx: Transaction) => tx.referenceNumber },
    { head: c.voucher, of: (tx: Transaction) => tx.voucherNumber },
    { head: c.auth, of: (tx: Transaction) => tx.authCode },
  ].filter((col) => shown.some((tx) => col.of(tx) !== undefined));
  const anyNotApproved = shown.some((tx) => tx.status !== 'approved');
  const head = [c.time, c.amount, c.card, c.terminal, ...optional.map((col) => col.head), ...(anyNotApproved ? [c.status] : [])];
  const rows = shown.map((tx) => [
    clock.localTime(clock.instant(tx.at)),
    formatMoney(tx.amount, tx.currency ?? caseFile.merchant.currency),
    cardLabel(tx.card),
    screenLine(tx.terminalId ?? '—'),
    ...optional.map((col) => screenLine(col.of(tx) ?? '—')),
    ...(anyNotApproved ? [tx.status === 'approved' ? text.approved : (text.statusNames[tx.status] ?? tx.status)] : []),
  ]);
  const more = all.length > shown.length;
  return [
    { type: 'paragraph', text: render(text.transactionsIntro, { more, total: all.length.toLocaleString('en-US'), shown: shown.length }) },
    { type: 'table', head, rows },
  ];
}

/** The events table: date, what, the disputed sale (reference number, amount) and the record's note. */
function eventTable(events: readonly CaseEvent[], input: LetterInput): Block {
  const { text, caseFile, clock } = input;
  const byId = new Map(caseFile.transactions.map((tx) => [tx.id, tx]));
  const c = text.eventColumns;
  const rows = events.slice(0, Math.max(input.options.maxTransactions ?? 10, 1)).map((event) => {
    const sale = event.transactionId === undefined ? undefined : byId.get(event.transactionId);
    const amount = event.amount ?? sale?.amount;
    return [
      clock.localDay(clock.instant(event.at)),
      text.events[event.type] ?? event.type,
      screenLine(sale ? (sale.referenceNumber ?? sale.id) : (event.transactionId ?? '—')),
      amount === undefined ? '—' : formatMoney(amount, caseFile.merchant.currency),
      screenLine(event.detail ?? '—') || '—',
    ];
  });
  return { type: 'table', head: [c.time, c.type, c.transaction, c.amount, c.detail], rows };
}
