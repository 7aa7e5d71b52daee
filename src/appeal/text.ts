/**
 * The letters' data: wording per language (`data/en.json`, `data/zh-CN.json`), the document kind and
 * enclosures per cause and stance (`data/documents.json`), and MCC names (`data/mcc-names.json`).
 */
import type { Measure } from '../contract/caseFile.js';
import type { CauseId } from '../contract/causes.js';
import type { Lang } from '../contract/result.js';
import documents from './data/documents.json';
import en from './data/en.json';
import mccNames from './data/mcc-names.json';
import zhCN from './data/zh-CN.json';
import type { Stance } from './options.js';

/** How a kind of merchant is named and signs. */
interface MerchantKindText {
  readonly name: string;
  readonly signer: string;
  readonly we: string;
  readonly applicant: string;
  readonly seal: string;
}

/** One document kind's wording. */
interface KindText {
  readonly title: string;
  readonly titleFunds?: string;
  readonly opening: string;
  readonly request: string;
  readonly commitment?: string;
}

/** The wording of one language. */
export interface AppealText {
  readonly fields: Readonly<Record<keyof typeof en.fields, string>>;
  readonly colon: string;
  /** What joins two sentences of a paragraph (nothing in Chinese, a space in English). */
  readonly sentenceJoin: string;
  /** Amounts from `{{min}}` to `{{max}}`, and all of one amount `{{min}}`. */
  readonly amountRange: string;
  readonly amountSame: string;
  readonly list: string;
  readonly salutation: string;
  readonly closing: readonly string[];
  readonly signature: { readonly sign: string; readonly date: string };
  readonly dateFormat: string;
  readonly merchantKinds: Readonly<Record<'company' | 'individual-business' | 'individual' | 'unknown', MerchantKindText>>;
  readonly measures: Readonly<Record<Measure, string>>;
  readonly defaultMeasure: string;
  readonly suspension: string;
  readonly kinds: Readonly<Record<DocumentKind, KindText>>;
  readonly fundsRequest: string;
  readonly cooperate: string;
  readonly causes: Readonly<Record<CauseId, { readonly subject: string; readonly statement: string }>>;
  readonly sections: Readonly<Record<keyof typeof en.sections, string>>;
  readonly numerals: readonly string[];
  readonly sectionNumber: string;
  readonly factsIntro: string;
  readonly transactionsIntro: string;
  readonly columns: Readonly<Record<keyof typeof en.columns, string>>;
  readonly eventColumns: Readonly<Record<keyof typeof en.eventColumns, string>>;
  readonly statusNames: Readonly<Record<string, string>>;
  readonly approved: string;
  readonly events: Readonly<Record<string, string>>;
  readonly placeholders: Readonly<Record<keyof typeof en.placeholders, string>>;
  readonly htmlTitle: string;
  readonly materialReasons: Readonly<Record<string, string>>;
  readonly enclosures: Readonly<Record<string, string>>;
  readonly evidence: Readonly<Record<string, string>>;
  readonly evidenceFallback: string;
  readonly otherPattern: string;
  readonly contractStatus: Readonly<Record<'active' | 'expired' | 'terminated', string>>;
}

/** The wording per language. */
export const TEXT: Readonly<Record<Lang, AppealText>> = { en, 'zh-CN': zhCN } as Readonly<Record<Lang, AppealText>>;

/** The kinds of document a letter can be. */
export type DocumentKind =
  | 'appeal'
  | 'rectification-report'
  | 'explanation'
  | 'renewal'
  | 'compliance-confirmation'
  | 'documents-update'
  | 'reactivation'
  | 'release-request'
  | 'limit-adjustment'
  | 'exit-confirmation'
  | 'settlement-account-change';

/** What a cause's letter is. */
export interface CauseDocument {
  /** A status cause (contract, documents, dormancy, the acquirer's decisions): the letter never speaks of violations. */
  readonly status: boolean;
  readonly defaultStance: Stance;
  /** The document kind per allowed stance. */
  readonly kinds: Readonly<Partial<Record<Stance, DocumentKind>>>;
  /** Enclosure ids of the cause. */
  readonly enclosures: readonly string[];
}

interface Documents {
  readonly causes: Readonly<Record<CauseId, CauseDocument>>;
  readonly always: readonly string[];
  readonly stanceEnclosures: Readonly<Record<Stance, readonly string[]>>;
  readonly measureEnclosures: Readonly<Record<Measure, readonly string[]>>;
  readonly fundMeasures: readonly Measure[];
}

/** The documents table. */
export const DOCUMENTS = documents as unknown as Documents;

/**
 * The document a cause's letter is, per stance.
 *
 * @example
 * ```ts
 * causeDocument('contract-ended').kinds.explain; // 'renewal'
 * ```
 */
export function causeDocument(cause: CauseId): CauseDocument {
  return DOCUMENTS.causes[cause];
}

const MCC_NAMES = mccNames.names as Readonly<Record<string, Readonly<Record<Lang, string>>>>;

/**
 * An MCC with its name in the language (`5411 超市、食杂店`); the bare code when the table has no name.
 *
 * @example
 * ```ts
 * mccLabel('5411', 'zh-CN'); // '5411 超市、食杂店'
 * ```
 */
export function mccLabel(mcc: string, lang: Lang): string {
  const name = Object.hasOwn(MCC_NAMES, mcc) ? MCC_NAMES[mcc]?.[lang] : undefined;
  return name ? `${mcc} ${name}` : mcc;
}
