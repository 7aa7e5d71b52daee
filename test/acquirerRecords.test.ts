import { describe, expect, it } from 'vitest';
import { computeSignals, parseCaseFile } from '../src/index.js';
import { caseFile, sale } from './support/factories.js';

const signalsOf = (...args: Parameters<typeof caseFile>) => computeSignals(parseCaseFile(caseFile(...args)));

describe('acquirer-record signals', () => {
  it('does not count sales without a merchant number or MCC as evidence either way', () => {
    const s = signalsOf([sale(), sale({ merchantNumber: 'OTHER1' }), sale({ mcc: '5411' })]);
    expect([s.merchantNumberedSaleCount, s.otherMerchantNumberSaleCount, s.otherMerchantNumberShare]).toEqual([1, 1, 1]);
    expect([s.mccTaggedSaleCount, s.otherMccSaleCount, s.otherMccShare]).toEqual([1, 1, 1]);
    expect(signalsOf([sale(), sale()]).otherMerchantNumberShare).toBe(0);
  });

  it('counts a chain’s registered second merchant number as its own', () => {
    const txs = [
      sale({ merchantNumber: 'm-test' }),
      sale({ merchantNumber: 'm-test-B' }),
      sale({ merchantNumber: 'X9' }),
      sale({ merchantNumber: 'X8' }),
    ];
    const chain = signalsOf(txs, { merchant: { merchantNumbers: ['m-test-B'] } });
    expect([chain.otherMerchantNumberSaleCount, chain.otherMerchantNumberShare, chain.otherMerchantNumberCount]).toEqual([2, 0.5, 2]);
  });

  it('counts local days and months over the limits, and sales over the per-sale limit', () => {
    const txs = [
      sale({ day: 2, amount: 300_000 }),
      sale({ day: 2, hour: 23.5, amount: 300_000 }), // still 2 March locally
      sale({ day: 3, amount: 100_000 }),
      sale({ day: 4, amount: 700_000 }),
    ];
    const s = signalsOf(txs, { merchant: { kind: 'individual', limits: { perSale: 500_000, perDay: 500_000, perMonth: 1_000_000 } } });
    expect(s.dailyLimitExceededDays).toBe(2);
    expect(s.maxDayVsDailyLimit).toBe(1.4);
    expect(s.monthlyLimitExceededMonths).toBe(1);
    expect(s.maxMonthVsMonthlyLimit).toBe(1.4);
    expect(s.saleLimitExceededCount).toBe(1);
    expect(s.microMerchant).toBe(true);
    const none = signalsOf(txs);
    expect([none.dailyLimitExceededDays, none.maxDayVsDailyLimit, none.saleLimitExceededCount, none.microMerchant]).toEqual([
      0,
      0,
      0,
      false,
    ]);
  });

  it('reads settlement failures: days, and account defects unless negated', () => {
    const at = (d: number) => `2026-03-0${d}T10:00:00+08:00`;
    const s = signalsOf([sale({ day: 1 }), sale({ day: 8 })], {
      events: [
        { type: 'settlement-failed', at: at(3), detail: '结算账户已销户' },
        { type: 'settlement-failed', at: at(3), detail: 'account closed' },
        { type: 'settlement-failed', at: at(4), detail: '银行系统维护' },
        { type: 'settlement-failed', at: at(5), detail: '经核查账户未挂失，系统超时' },
      ],
    });
    expect([s.settlementFailedCount, s.settlementFailedDays, s.settlementAccountDefectCount]).toEqual([4, 3, 2]);
  });

  it('counts freezes, law-enforcement requests and acquirer exit notices', () => {
    const at = '2026-03-03T10:00:00+08:00';
    const s = signalsOf([sale({ day: 1 }), sale({ day: 8 })], {
      events: [
        { type: 'fund-freeze', at },
        { type: 'law-enforcement-request', at },
        { type: 'contract-change', at, detail: '因我司收单业务调整，终端将停止服务' },
        { type: 'contract-change', at, detail: '费率调整通知' },
      ],
    });
    expect([s.fundFreezeCount, s.lawEnforcementRequestCount, s.acquirerExitNoticeCount]).toEqual([1, 1, 1]);
  });
});
