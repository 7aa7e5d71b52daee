import { describe, expect, it } from 'vitest';
import { TransactionSchema } from '../src/contract/caseFile.js';
import { fastTransaction } from '../src/contract/fastTransaction.js';
import { type CaseFileInput, computeSignals, parseCaseFile } from '../src/index.js';
import { caseFile, decline, sale } from './support/factories.js';

type TxInput = CaseFileInput['transactions'][number];

const signalsOf = (transactions: TxInput[]) => computeSignals(parseCaseFile(caseFile(transactions)));
/** The signals that say what was sold, attempted and given back. */
const counts = (transactions: TxInput[]) => {
  const s = signalsOf(transactions);
  return {
    saleCount: s.saleCount,
    saleAmount: s.saleAmount,
    attemptCount: s.attemptCount,
    declineCount: s.declineCount,
    refundShare: s.refundShare,
    quickRefundShare: s.quickRefundShare,
  };
};

describe('pre-authorisations (预授权)', () => {
  it('accepts the three types with refersTo, in the fast path and in zod alike', () => {
    const txs = [
      sale({ id: 'P1', type: 'preauth', amount: 80_000, hour: 14 }),
      sale({ id: 'C1', type: 'preauth-completion', amount: 65_000, refersTo: 'P1', day: 4, hour: 11 }),
      sale({ id: 'X1', type: 'preauth-cancel', amount: 80_000, refersTo: 'P1', day: 4, hour: 11.1 }),
    ];
    const fast = parseCaseFile(caseFile(txs)).transactions;
    const slow = txs.map((tx) => TransactionSchema.parse(tx));
    expect(txs.map((tx) => fastTransaction(tx))).toEqual(slow);
    expect(fast.map((tx) => [tx.type, tx.refersTo])).toEqual([
      ['preauth', undefined],
      ['preauth-completion', 'P1'],
      ['preauth-cancel', 'P1'],
    ]);
    expect(slow).toEqual(fast);
  });

  it('counts the completion as the sale, and the preauth as the one attempt', () => {
    expect(
      counts([
        sale({ id: 'P1', type: 'preauth', amount: 80_000, hour: 14 }),
        sale({ id: 'C1', type: 'preauth-completion', amount: 65_000, refersTo: 'P1', day: 4, hour: 11 }),
      ]),
    ).toEqual({ saleCount: 1, saleAmount: 65_000, attemptCount: 1, declineCount: 0, refundShare: 0, quickRefundShare: 0 });
  });

  it('counts no sale for a preauth alone', () => {
    expect(counts([sale({ id: 'P1', type: 'preauth', amount: 80_000 })])).toEqual({
      saleCount: 0,
      saleAmount: 0,
      attemptCount: 1,
      declineCount: 0,
      refundShare: 0,
      quickRefundShare: 0,
    });
  });

  it('does not count a cancel as a refund: a hotel deposit released at check-out is no quick refund', () => {
    const hotel = [
      sale({ id: 'P1', type: 'preauth', amount: 100_000, hour: 15 }),
      sale({ id: 'C1', type: 'preauth-completion', amount: 60_000, refersTo: 'P1', day: 3, hour: 11 }),
      sale({ id: 'P2', type: 'preauth', amount: 100_000, hour: 16 }),
      sale({ id: 'X2', type: 'preauth-cancel', amount: 100_000, refersTo: 'P2', hour: 16.5 }),
    ];
    expect(counts(hotel)).toEqual({
      saleCount: 1,
      saleAmount: 60_000,
      attemptCount: 2,
      declineCount: 0,
      refundShare: 0,
      quickRefundShare: 0,
    });
  });

  it('counts a refund of a completion against it like a refund of a sale', () => {
    const txs = [
      sale({ id: 'P1', type: 'preauth', amount: 80_000, hour: 14 }),
      sale({ id: 'C1', type: 'preauth-completion', amount: 80_000, refersTo: 'P1', hour: 15 }),
      sale({ id: 'R1', type: 'refund', amount: 80_000, refersTo: 'C1', hour: 16 }),
    ];
    expect(counts(txs)).toMatchObject({ saleCount: 1, refundShare: 1, quickRefundShare: 1 });
  });

  it('counts declined preauths and completions as declined attempts', () => {
    const txs = [
      decline({ type: 'preauth', amount: 80_000 }),
      decline({ type: 'preauth', amount: 80_000, hour: 12.2 }),
      sale({ id: 'P1', type: 'preauth', amount: 80_000, hour: 12.4 }),
      decline({ type: 'preauth-completion', amount: 80_000, refersTo: 'P1', hour: 13 }),
    ];
    const s = signalsOf(txs);
    expect([s.attemptCount, s.declineCount, s.declineRate, s.saleCount]).toEqual([4, 3, 0.75, 0]);
  });
});

describe('zero amounts', () => {
  it('are accepted: verifications and zero-amount declines', () => {
    const parsed = parseCaseFile(caseFile([sale({ amount: 0 }), decline({ amount: 0 }), sale({ type: 'preauth', amount: 0 })]));
    expect(parsed.transactions.map((tx) => tx.amount)).toEqual([0, 0, 0]);
  });

  it('are attempts but never sales, so amount signals ignore them', () => {
    const withZeros = signalsOf([
      sale({ amount: 10_000 }),
      sale({ amount: 0, hour: 13 }),
      decline({ amount: 0, hour: 14 }),
      sale({ type: 'refund', amount: 0, hour: 15 }),
    ]);
    expect({
      saleCount: withZeros.saleCount,
      averageTicket: withZeros.averageTicket,
      attemptCount: withZeros.attemptCount,
      declineCount: withZeros.declineCount,
      refundShare: withZeros.refundShare,
    }).toEqual({ saleCount: 1, averageTicket: 10_000, attemptCount: 3, declineCount: 1, refundShare: 0 });
  });

  it('still refuses negative and fractional amounts', () => {
    expect(() => parseCaseFile(caseFile([sale({ amount: -1 })]))).toThrow('expected a non-negative integer (minor units)');
    expect(() => parseCaseFile(caseFile([sale({ amount: 0.5 })]))).toThrow('expected a non-negative integer (minor units)');
  });
});
