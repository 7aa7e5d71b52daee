/**
 * Injectors for the causes that show in the acquirer's own records: police freezes, sales sent
 * under another merchant number (跳码), a micro merchant over its limits, the acquirer leaving the
 * business, a broken settlement account. Same contract as `inject.ts`: strength 1 is a clear case,
 * about 0.35 a near miss that stays clean.
 */
import type { CauseId } from '../contract/causes.js';
import type { Draft, TxInput } from './draft.js';

type Injector = (draft: Draft) => void;

const event = (draft: Draft, type: Draft['events'][number]['type'], d: number, detail: string, amount?: number) => {
  draft.events.push({ type, at: draft.at(d, 9 + draft.rng.next() * 8), detail, ...(amount === undefined ? {} : { amount }) });
};

const approvedSales = (draft: Draft) => draft.transactions.filter((t) => (t.type ?? 'sale') === 'sale' && t.status === 'approved');

/** Daily approved totals by the day index of the draft, ascending by total. */
function dailyTotals(draft: Draft): number[] {
  const totals = new Map<string, number>();
  for (const tx of approvedSales(draft)) totals.set(tx.at.slice(0, 10), (totals.get(tx.at.slice(0, 10)) ?? 0) + tx.amount);
  return [...totals.values()].sort((a, b) => a - b);
}

const OTHER_NUMBERS = ['898310073990412', '898440153110287', '898110058120935'];
const LOW_FEE_MCCS = ['5411', '5331', '8062'];

/** The behaviour of each acquirer-record cause. */
export const ACQUIRER_INJECTORS: Record<
  'fraud-related-freeze' | 'code-jumping' | 'micro-merchant-limit' | 'acquirer-exit' | 'settlement-account-problem',
  Injector
> &
  Partial<Record<CauseId, Injector>> = {
  'fraud-related-freeze': (draft) => {
    const { rng, strength } = draft;
    const near = strength < 0.6;
    // Collection of fraud proceeds: many small payments from cards seen once, after midnight.
    for (let d = draft.days - 10; d < draft.days; d++) {
      for (let k = rng.int(near ? 2 : 8, near ? 4 : 15); k > 0; k--) {
        const tx: TxInput = {
          id: draft.id(),
          at: draft.at(d, 0.5 + rng.next() * 4),
          amount: rng.int(200, 2_000) * 100,
          type: 'sale',
          status: 'approved',
          card: { token: `tok_fz_${draft.merchant.id}_${d}_${k}`, kind: rng.pick(['debit', 'debit', 'credit']) },
          entryMode: rng.pick(['swipe', 'chip']),
          terminalId: 'T01',
          location: { ...draft.merchant.location },
        };
        draft.transactions.push(tx);
      }
    }
    if (near) return;
    event(
      draft,
      'law-enforcement-request',
      draft.days - 3,
      rng.pick(['公安局协助查询通知（涉嫌电信网络诈骗）', 'police assistance request, telecom fraud case']),
    );
    event(
      draft,
      'fund-freeze',
      draft.days - 2,
      rng.pick(['协助冻结：涉案资金', 'funds frozen at the request of the public security bureau']),
      rng.int(50, 400) * 10_000,
    );
  },
  'code-jumping': (draft) => {
    const { rng, strength } = draft;
    const near = strength < 0.6;
    // The export carries the merchant number and MCC of every sale. Clear case: a third of recent
    // sales go out under other merchants' numbers and a low-fee MCC. Near miss: a chain whose
    // second merchant number is registered.
    const second = `${draft.merchant.id}B`;
    if (near) draft.merchant.merchantNumbers = [second];
    const foreign = OTHER_NUMBERS.slice(0, rng.int(1, 3));
    const from = Date.parse(draft.at(Math.max(0, draft.days - 21), 0));
    for (const tx of draft.transactions) {
      tx.merchantNumber = draft.merchant.id;
      tx.mcc = draft.merchant.mcc;
      if (Date.parse(tx.at) < from || !rng.chance(near ? 0.3 : 0.35 * strength)) continue;
      if (near) tx.merchantNumber = second;
      else {
        tx.merchantNumber = rng.pick(foreign);
        tx.mcc = rng.pick(LOW_FEE_MCCS.filter((m) => m !== draft.merchant.mcc));
      }
    }
  },
  'micro-merchant-limit': (draft) => {
    const { strength } = draft;
    const totals = dailyTotals(draft);
    const median = totals[Math.floor(totals.length / 2)] ?? 100_000;
    const max = totals[totals.length - 1] ?? 100_000;
    draft.merchant.kind = 'individual';
    // Clear case: limits set for a smaller trade than the shop now does. Near miss: limits with headroom.
    const perDay = strength < 0.6 ? Math.round(max * 1.3) : Math.round(median * (0.9 - 0.3 * Math.min(1, strength)));
    const month = totals.reduce((a, b) => a + b, 0);
    draft.merchant.limits = { perDay, perMonth: strength < 0.6 ? Math.round(month * 1.5) : Math.round(month * 0.6) };
  },
  'acquirer-exit': (draft) => {
    const { rng, strength } = draft;
    if (strength < 0.6) {
      event(draft, 'contract-change', draft.days - 6, rng.pick(['费率调整通知', 'fee schedule update']));
      return;
    }
    event(
      draft,
      'contract-change',
      draft.days - rng.int(3, 9),
      rng.pick([
        '因我司收单业务调整，贵商户POS终端将于月底停止服务',
        '该型号终端机型停用，请归还终端',
        'Due to a business adjustment, our acquiring service ends on 2026-04-30',
        'The acquirer exits acquiring in this province; terminals will be recalled',
      ]),
    );
  },
  'settlement-account-problem': (draft) => {
    const { rng, strength } = draft;
    if (strength < 0.6) {
      event(
        draft,
        'settlement-failed',
        draft.days - 4,
        rng.pick(['银行系统维护，次日已重新出款', 'bank system maintenance, paid out the next day']),
      );
      return;
    }
    const detail = rng.pick(['结算账户已销户', '结算卡已挂失', '户名不符', 'account closed', 'settlement account frozen']);
    const days = Math.max(3, Math.round(4 * strength));
    for (let k = 0; k < days; k++) event(draft, 'settlement-failed', draft.days - 1 - k, detail);
  },
};
