/**
 * Injectors: the behaviour behind each cause, as DOMAIN.md describes it, at a strength
 * (1 = a clear case; about 0.35 = a near miss that a careful acquirer would not flag).
 */
import type { CauseId } from '../contract/causes.js';
import { mccProfile } from '../signals/referenceData.js';
import { type Draft, nearHome, type TxInput } from './draft.js';
import { ACQUIRER_INJECTORS } from './injectAcquirer.js';

type Injector = (draft: Draft) => void;

/** Adds the behaviour of `cause` to the draft. */
export function injectCause(draft: Draft, cause: CauseId): void {
  INJECTORS[cause](draft);
}

const recentDays = (draft: Draft, n: number): number[] => {
  const first = Math.max(0, draft.days - n);
  return Array.from({ length: draft.days - first }, (_, i) => first + i);
};

const sale = (draft: Draft, d: number, hour: number, amount: number, extra: Partial<TxInput> = {}): TxInput => {
  const tx: TxInput = {
    id: draft.id(),
    at: draft.at(d, hour),
    amount,
    type: 'sale',
    status: 'approved',
    entryMode: 'chip',
    terminalId: 'T01',
    location: nearHome(draft),
    ...extra,
  };
  draft.transactions.push(tx);
  return tx;
};

const event = (draft: Draft, type: Draft['events'][number]['type'], d: number, detail?: string) => {
  draft.events.push({ type, at: draft.at(d, 10 + draft.rng.next() * 6), ...(detail ? { detail } : {}) });
};

const INJECTORS: Record<CauseId, Injector> = {
  'credit-card-cash-out': (draft) => {
    const { rng, strength } = draft;
    const cards = Array.from({ length: rng.int(3, 6) }, (_, i) => `tok_cc_${draft.merchant.id}_${i}`);
    const near = strength < 0.6;
    for (const d of recentDays(draft, 21)) {
      if (!rng.chance(near ? 0.3 : 0.75 * strength + 0.1)) continue;
      const card = rng.pick(cards);
      const night = !near && rng.chance(0.5);
      let hour = night ? 23 + rng.next() * 2.5 : 14 + rng.next() * 4;
      // A near miss: a good customer's credit card paying a round sum once or twice a day, hours apart.
      const count = near ? rng.int(1, 2) : Math.max(3, Math.round(4 * strength)) + rng.int(0, 2);
      for (let k = 0; k < count; k++) {
        // A near miss pays whole hundreds of an ordinary size for this business.
        const amount = near
          ? Math.max(1, Math.round((draft.business.ticket * (1 + rng.next() * 3)) / 100)) * 10_000
          : rng.chance(0.3)
            ? rng.pick([999_900, 1_999_900, 4_999_900])
            : rng.int(20, 120) * 10_000;
        sale(draft, d, hour, amount, { card: { token: card, kind: 'credit' }, entryMode: rng.pick(['swipe', 'chip']) });
        hour += near ? 3 + rng.next() * 2 : rng.chance(0.5) ? rng.next() * 0.15 : rng.next() * 2;
      }
    }
  },
  'fictitious-transactions': (draft) => {
    const { rng, strength } = draft;
    const near = strength < 0.6;
    const amount = rng.pick([8_800, 16_800, 28_800, 50_000]);
    // Clear case: two to four cards making ~30 scripted sales a day, quarter-hourly, half keyed, many
    // voided. Near miss: six loyal customers paying the same price once or twice a day, by chip.
    const cards = Array.from({ length: near ? 6 : rng.int(2, 4) }, (_, i) => `tok_fx_${draft.merchant.id}_${i}`);
    for (const d of recentDays(draft, 14)) {
      if (near) {
        for (const card of cards) {
          for (let k = rng.int(0, 2); k > 0; k--) {
            sale(draft, d, 9 + rng.next() * 10, amount, { card: { token: card, kind: 'debit' }, entryMode: 'chip' });
          }
        }
        continue;
      }
      let hour = 9 + rng.next();
      for (let k = 0; k < Math.round(30 * strength); k++) {
        const tx = sale(draft, d, hour, amount, {
          card: { token: rng.pick(cards), kind: rng.pick(['debit', 'credit']) },
          entryMode: rng.chance(0.5) ? 'keyed' : 'chip',
        });
        if (rng.chance(0.3)) {
          draft.transactions.push({ ...tx, id: draft.id(), at: draft.at(d, hour + 0.2), type: 'void', refersTo: tx.id });
        }
        hour += 0.25 + (rng.next() - 0.5) * 0.01;
      }
    }
  },
  'settlement-irregularity': (draft) => {
    const n = Math.max(0, Math.round(3 * draft.strength) - (draft.strength < 0.6 ? 1 : 0));
    for (let k = 0; k < n; k++) event(draft, 'settlement-overdue', draft.days - 1 - k * 3, 'batch not settled for 3 days');
  },
  'frequent-large-amounts': (draft) => {
    const { rng, strength } = draft;
    for (const d of recentDays(draft, 7)) {
      const n = strength < 0.6 ? rng.int(0, 1) : rng.int(1, 4);
      for (let k = 0; k < n; k++) {
        // A near miss: big baskets for this business (5–9 times its usual ticket), nothing near 50,000 CNY.
        const amount = strength < 0.6 ? Math.round(draft.business.ticket * 100 * (5 + rng.next() * 4)) : rng.int(5_200_000, 18_000_000);
        sale(draft, d, 11 + rng.next() * 8, amount, {
          card: { token: `tok_big_${draft.merchant.id}_${rng.int(1, 20)}`, kind: rng.pick(['credit', 'debit']) },
        });
      }
    }
  },
  'high-failure-rate': (draft) => {
    const { rng, strength } = draft;
    const bursts = Math.round(3 * strength) - (strength < 0.6 ? 1 : 0);
    for (let b = 0; b < bursts; b++) {
      const d = draft.days - 1 - rng.int(0, 6);
      const start = 1 + rng.next() * 4;
      for (let k = 0; k < rng.int(6, 12); k++) {
        sale(draft, d, start + k * 0.01, rng.int(50, 500) * 100, {
          status: 'declined',
          responseCode: rng.pick(['14', '54', '55', '41', '05']),
          card: { token: `tok_test_${draft.merchant.id}_${b}_${k}`, kind: 'unknown' },
          entryMode: 'keyed',
        });
      }
    }
    // A near miss adds declines worth about 4 % of the usual attempts: elevated but under 10 %.
    const perDay = strength < 0.6 ? Math.max(0, Math.round((0.04 * draft.transactions.length) / draft.days)) : 25;
    for (const d of recentDays(draft, 10)) {
      for (let k = 0; k < perDay; k++) {
        sale(draft, d, 10 + rng.next() * 10, rng.int(50, 3000) * 100, {
          status: 'declined',
          responseCode: rng.pick(['55', '14', '54', '51', '05']),
          card: { token: `tok_dec_${draft.merchant.id}_${rng.int(1, 400)}`, kind: 'debit' },
        });
      }
    }
  },
  'security-compromise': (draft) => {
    const { rng, strength } = draft;
    if (strength >= 0.6) event(draft, 'security-incident', draft.days - 2, 'terminal tamper alert');
    for (const tx of draft.transactions) {
      // Clear case: a quarter of sales fall back to the stripe; near miss: 5 % (a worn reader).
      if (tx.status === 'approved' && rng.chance(strength < 0.6 ? 0.05 : 0.25 * strength)) tx.entryMode = 'fallback';
      if (strength >= 0.6 && rng.chance(0.15)) tx.terminalId = 'T99';
    }
  },
  'terminal-relocation': (draft) => {
    const { rng, strength } = draft;
    const away = { lat: 39.9042, lng: 116.4074 };
    const share = strength < 0.6 ? 0.08 : 0.7;
    const from = draft.days - 12;
    for (const tx of draft.transactions) {
      const day = Date.parse(tx.at) - draft.startMs;
      if (day >= from * 86_400_000 && rng.chance(share)) {
        tx.location = { lat: away.lat + (rng.next() - 0.5) * 0.05, lng: away.lng + (rng.next() - 0.5) * 0.05 };
      }
    }
  },
  'complaints-and-disputes': (draft) => {
    const { rng, strength } = draft;
    const sales = draft.transactions.filter((t) => t.status === 'approved');
    // Clear case: chargebacks on about 2 % of sales; near miss: 0.5 %, under the schemes' 0.9 %.
    const chargebacks = Math.round(sales.length * (strength < 0.6 ? 0.005 : 0.02 * strength));
    for (let k = 0; k < chargebacks; k++) {
      const tx = rng.pick(sales);
      draft.events.push({ type: 'chargeback', at: draft.at(draft.days - 1, 9 + k * 0.1), transactionId: tx.id, amount: tx.amount });
    }
    const complaints = Math.round(6 * strength) - (strength < 0.6 ? 1 : 0);
    for (let k = 0; k < complaints; k++) event(draft, 'complaint', draft.days - 1 - rng.int(0, 20), 'goods not as described');
  },
  'mcc-mismatch': (draft) => {
    const { rng, strength, business } = draft;
    // Clear case: registered as a convenience store (typical ticket 40 CNY) while selling something
    // dearer. Near miss: its own category, tickets 1.5 times the category's usual (an upmarket shop).
    const near = strength < 0.6;
    if (!near) draft.merchant.mcc = '5499';
    const typical = (mccProfile(business.mcc, 'CNY')?.typicalTicket ?? business.ticket * 100) / 100;
    const factor = near ? (1.5 * typical) / business.ticket : Math.max(1, (12 * 40) / business.ticket);
    for (const tx of draft.transactions.slice(0, draft.baselineCount)) {
      if (rng.chance(0.9)) tx.amount = Math.max(100, Math.round((tx.amount * factor * (0.7 + rng.next() * 0.6)) / 100) * 100);
    }
  },
  'contract-ended': (draft) => {
    const end = draft.at(draft.days - 1 - Math.round(10 * draft.strength), 0).slice(0, 10);
    draft.merchant.contract = draft.strength < 0.6 ? { status: 'active', endsAt: '2026-06-30' } : { status: 'expired', endsAt: end };
    if (draft.strength < 0.6) event(draft, 'contract-change', draft.days - 5, 'renewal offer sent');
  },
  'policy-rectification': (draft) => {
    if (draft.strength >= 0.6) event(draft, 'regulatory-notice', draft.days - 3, 'sector rectification notice');
  },
  'kyc-deficiency': (draft) => {
    if (draft.strength < 0.6) {
      draft.merchant.kyc = { verified: true, documentsExpireAt: '2026-05-20' };
      return;
    }
    draft.merchant.kyc = draft.rng.chance(0.5)
      ? { verified: true, documentsExpireAt: draft.at(draft.days - 40, 0).slice(0, 10) }
      : { verified: false };
  },
  'dormant-account': (draft) => {
    const { rng, strength } = draft;
    const quietDays = strength < 0.6 ? 25 : rng.int(100, 200);
    const lastTrading = draft.days - 1 - quietDays;
    for (let i = draft.transactions.length - 1; i >= 0; i--) {
      const at = Date.parse((draft.transactions[i] as TxInput).at);
      if (at >= draft.startMs + (lastTrading + 1) * 86_400_000) draft.transactions.splice(i, 1);
    }
    draft.merchant.suspension = { at: draft.at(draft.days - 1, 12) };
  },
  ...ACQUIRER_INJECTORS,
};
