/**
 * Writes a draft the way real exports look: timestamps in several writings (many without an
 * offset), rows out of order, optional columns missing at random, merchant numbers on some rows.
 */
import { dateOf, MS_DAY, moment, TIME_STYLES, type TimeStyle, writeMoment } from './clock.js';
import type { Draft, DraftTx } from './draft.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };

/** How one export file is messy. */
interface ExportStyle {
  readonly main: TimeStyle;
  readonly mix: number;
  readonly fraction: number;
  readonly order: 'ascending' | 'descending' | 'by-terminal' | 'nearly' | 'shuffled';
  readonly keep: Readonly<
    Record<'kind' | 'masked' | 'entry' | 'code' | 'terminal' | 'location' | 'type' | 'refs' | 'merchantNumber' | 'mcc' | 'currency', number>
  >;
  readonly numericCodes: boolean;
}

function chooseStyle(d: Draft): ExportStyle {
  const rng = d.rng;
  const main = rng.weighted<TimeStyle>([
    ['local-space', 4],
    ['local-t', 1.5],
    ['local-fraction', 1],
    ['offset', 3],
    ['offset-basic', 1],
    ['offset-fraction', 1],
    ['zulu', 1],
    ['zulu-millis', 0.7],
  ]);
  const present = (p: number): number => (rng.chance(p) ? rng.real(0.93, 1) : rng.real(0, 0.4));
  return {
    main,
    mix: rng.chance(0.5) ? rng.real(0.02, 0.3) : 0,
    fraction: rng.pick([1, 2, 3]),
    order: rng.weighted([
      ['ascending', 4],
      ['descending', 1.5],
      ['by-terminal', 1.5],
      ['nearly', 2],
      ['shuffled', 1],
    ] as const),
    keep: {
      kind: d.keep.has('cardKind') ? 1 : present(0.85),
      masked: present(0.6),
      entry: present(0.85),
      code: present(0.8),
      terminal: d.keep.has('terminals') ? 1 : present(0.85),
      location: d.keep.has('txLocation') ? rng.real(0.95, 1) : present(0.45),
      type: present(0.6),
      refs: present(0.5),
      merchantNumber: d.keep.has('merchantNumber') ? 1 : present(0.25),
      mcc: d.keep.has('txMcc') ? 1 : present(0.15),
      currency: present(0.15),
    },
    numericCodes: rng.chance(0.15),
  };
}

function writeTime(d: Draft, local: number, style: ExportStyle): string {
  const m = moment(d.zone, local);
  const chosen = style.mix > 0 && d.rng.chance(style.mix) ? d.rng.pick(TIME_STYLES) : style.main;
  return writeMoment(m, chosen, style.fraction);
}

/** Events, windows and the suspension are written with an explicit offset. */
function writeOffsetTime(d: Draft, local: number): string {
  const m = moment(d.zone, local);
  return writeMoment(
    m,
    d.rng.weighted<TimeStyle>([
      ['offset', 6],
      ['zulu', 1],
      ['offset-basic', 1],
    ]),
  );
}

function writeDate(d: Draft, local: number): string {
  return d.rng.chance(0.7) ? dateOf(local) : writeOffsetTime(d, local);
}

function writeTx(d: Draft, tx: DraftTx, style: ExportStyle): Record<string, Json | undefined> {
  const rng = d.rng;
  const k = style.keep;
  const row: Record<string, Json | undefined> = { id: tx.id, at: writeTime(d, tx.local, style), amount: tx.amount };
  if (tx.type !== 'sale' || rng.chance(k.type)) row.type = tx.type;
  row.status = tx.status;
  if (tx.code !== undefined && (tx.status !== 'approved' || rng.chance(k.code))) {
    row.responseCode = style.numericCodes && !tx.code.startsWith('0') && /^\d+$/.test(tx.code) ? Number(tx.code) : tx.code;
  }
  if (style.keep.currency > 0.9 && rng.chance(0.97)) row.currency = d.currency;
  if (tx.card !== undefined) {
    const card: Record<string, Json> = { token: tx.card.token };
    if (rng.chance(k.kind)) card.kind = tx.card.kind;
    if (rng.chance(k.masked)) card.masked = tx.card.masked;
    row.card = card;
  }
  if (tx.entry !== undefined && rng.chance(k.entry)) row.entryMode = tx.entry;
  if (tx.terminal !== undefined && rng.chance(k.terminal)) row.terminalId = tx.terminal;
  if (tx.location !== undefined && rng.chance(k.location)) row.location = { lat: tx.location.lat, lng: tx.location.lng };
  if (tx.refersTo !== undefined) row.refersTo = tx.refersTo;
  if (rng.chance(k.refs)) {
    if (tx.referenceNumber !== undefined) row.referenceNumber = tx.referenceNumber;
    if (tx.authCode !== undefined) row.authCode = tx.authCode;
    if (tx.voucherNumber !== undefined) row.voucherNumber = tx.voucherNumber;
  }
  const foreignNumber = tx.merchantNumber !== undefined && tx.merchantNumber !== d.merchantNumber;
  // the registered number only shows on rows when merchant.id is that number (else nothing to compare with)
  if (tx.merchantNumber !== undefined && (foreignNumber || (d.id === d.merchantNumber && rng.chance(k.merchantNumber)))) {
    row.merchantNumber = tx.merchantNumber;
  }
  const foreignMcc = tx.mcc !== undefined && tx.mcc !== d.mcc;
  if (tx.mcc !== undefined && (foreignMcc || rng.chance(k.mcc))) row.mcc = tx.mcc;
  return row;
}

function order(d: Draft, txs: DraftTx[], style: ExportStyle): DraftTx[] {
  const sorted = txs.slice().sort((a, b) => a.local - b.local || (a.id < b.id ? -1 : 1));
  switch (style.order) {
    case 'ascending':
      return sorted;
    case 'descending':
      return sorted.reverse();
    case 'by-terminal': {
      const terminals = [...new Set(sorted.map((tx) => tx.terminal ?? ''))];
      return d.rng.shuffle(terminals).flatMap((t) => sorted.filter((tx) => (tx.terminal ?? '') === t));
    }
    case 'nearly': {
      // batches uploaded late: a few rows land out of place
      const out = sorted.slice();
      const swaps = Math.max(1, Math.round(out.length * 0.03));
      for (let s = 0; s < swaps && out.length > 1; s++) {
        const i = d.rng.int(0, out.length - 1);
        const j = Math.min(out.length - 1, Math.max(0, i + d.rng.int(-40, 40)));
        const a = out[i] as DraftTx;
        out[i] = out[j] as DraftTx;
        out[j] = a;
      }
      return out;
    }
    case 'shuffled':
      return d.rng.shuffle(sorted);
  }
}

/** The case file of a draft, as a plain JSON object. */
export function exportCaseFile(d: Draft): Record<string, Json | undefined> {
  const rng = d.rng;
  const style = chooseStyle(d);
  const end = d.start + d.days * MS_DAY;
  const merchant: Record<string, Json | undefined> = { id: d.id };
  if (rng.chance(0.9)) merchant.name = d.name;
  merchant.mcc = d.mcc;
  if (d.zone !== 'Asia/Shanghai' || rng.chance(0.6)) merchant.timezone = d.zone;
  if (d.currency !== 'CNY' || rng.chance(0.2)) merchant.currency = d.currency;
  if (d.keep.has('location') || rng.chance(0.8)) merchant.location = { lat: d.home.lat, lng: d.home.lng };
  if (d.singleSaleLimit !== undefined) merchant.singleSaleLimit = d.singleSaleLimit;
  if (d.keep.has('terminals') || rng.chance(0.75)) merchant.terminals = d.terminals.slice();
  if (rng.chance(0.6)) merchant.registeredAt = writeDate(d, d.registeredAt);
  if (d.kyc !== undefined) {
    const kyc: Record<string, Json> = {};
    if (d.kyc.verified !== undefined) kyc.verified = d.kyc.verified;
    if (d.kyc.documentsExpireAt !== undefined) kyc.documentsExpireAt = writeDate(d, d.kyc.documentsExpireAt);
    merchant.kyc = kyc;
  }
  if (d.contract !== undefined) {
    const contract: Record<string, Json> = { status: d.contract.status };
    if (d.contract.endsAt !== undefined) contract.endsAt = writeDate(d, d.contract.endsAt);
    merchant.contract = contract;
  }
  if (d.suspension !== undefined) {
    const s = d.suspension;
    const suspension: Record<string, Json> = {};
    if (s.local !== undefined) suspension.at = writeOffsetTime(d, s.local);
    if (s.reasonCode !== undefined) suspension.reasonCode = s.reasonCode;
    if (s.note !== undefined) suspension.note = s.note;
    if (s.noticeId !== undefined) suspension.noticeId = s.noticeId;
    if (s.measures !== undefined && s.measures.length > 0) suspension.measures = [...new Set(s.measures)];
    merchant.suspension = suspension;
  }
  if (d.kind !== undefined && (d.keep.has('kind') || rng.chance(0.6))) merchant.kind = d.kind;
  if (d.limits !== undefined && (d.keep.has('limits') || rng.chance(0.8))) {
    const limits: Record<string, Json> = {};
    if (d.limits.perSale !== undefined) limits.perSale = d.limits.perSale;
    if (d.limits.perDay !== undefined) limits.perDay = d.limits.perDay;
    if (d.limits.perMonth !== undefined) limits.perMonth = d.limits.perMonth;
    merchant.limits = limits;
  }
  const caseFile: Record<string, Json | undefined> = { merchant };
  const lastLocal = d.txs.reduce((max, tx) => Math.max(max, tx.local), d.start);
  if (d.keep.has('window') || rng.chance(0.5) || lastLocal < end - 3 * MS_DAY) {
    caseFile.window = { from: writeOffsetTime(d, d.start), to: writeOffsetTime(d, end - 1000) };
  }
  caseFile.transactions = order(d, d.txs, style).map((tx) => writeTx(d, tx, style));
  const events = d.events.slice().sort((a, b) => a.local - b.local);
  if (events.length > 0 || rng.chance(0.5)) {
    caseFile.events = events.map((e) => {
      const row: Record<string, Json> = { type: e.type, at: writeOffsetTime(d, e.local) };
      if (e.transactionId !== undefined) row.transactionId = e.transactionId;
      if (e.amount !== undefined) row.amount = e.amount;
      if (e.detail !== undefined) row.detail = e.detail;
      return row;
    });
  }
  return caseFile;
}
