/**
 * Domain behaviour found by scoring the independent generator's development seeds (docs/accuracy.md):
 * routine notices, the acquirer's wording, deposits, wholesalers' trade buyers, a category out of
 * size and hours. Each case is hand-built here, not taken from the generator.
 */
import { describe, expect, it } from 'vitest';
import { computeSignals, createClassifier, parseCaseFile } from '../src/index.js';
import { caseFile, sale } from './support/factories.js';

const classifier = createClassifier();
const signalsOf = (...args: Parameters<typeof caseFile>) => computeSignals(parseCaseFile(caseFile(...args)));
const topOf = (input: ReturnType<typeof caseFile>) => classifier.classifySync(input).causes[0]?.id ?? null;
const ordinary = () => Array.from({ length: 30 }, (_, i) => sale({ day: 1 + (i % 20), hour: 10 + (i % 8), amount: 8_000 + i * 37 }));
const at = '2026-03-05T10:00:00+08:00';

describe('routine events are not conduct', () => {
  it('does not count a notice to every merchant, a reminder, a delay made good or a renewal', () => {
    const s = signalsOf(ordinary(), {
      events: [
        { type: 'regulatory-notice', at, detail: '防范电信网络诈骗风险提示（致全体商户）' },
        { type: 'kyc-notice', at, detail: '您的营业执照即将到期，请在到期前更新' },
        { type: 'settlement-overdue', at, detail: 'Batch closed one day late (holiday), settled the next day' },
        { type: 'contract-change', at, detail: '合同已续签，新协议有效期三年' },
      ],
    });
    expect([s.regulatoryNoticeCount, s.kycNoticeCount, s.settlementOverdueCount, s.contractChangeCount]).toEqual([0, 0, 0, 0]);
  });

  it('still counts notices about this merchant', () => {
    const events = [
      { type: 'regulatory-notice' as const, at, detail: '关于开展预付式消费领域风险专项整治的通知（健身行业）' },
      { type: 'kyc-notice' as const, at, detail: '营业执照有效期已届满，请于15日内提交更新后的证照' },
      { type: 'settlement-overdue' as const, at, detail: '终端批次未结算，已超过6日' },
    ];
    const s = signalsOf(ordinary(), { events });
    expect([s.regulatoryNoticeCount, s.kycNoticeCount, s.settlementOverdueCount]).toEqual([1, 1, 1]);
    expect(topOf(caseFile(ordinary(), { events: [events[2] as (typeof events)[number]] }))).toBe('settlement-irregularity');
  });
});

describe("the acquirer's wording", () => {
  it('ends a negation at the full-width comma: 未发现套现，因我司业务调整 states acquirer-exit', () => {
    const input = caseFile(ordinary(), {
      merchant: { suspension: { at, note: '尊敬的商户，经核查未发现套现行为，您的POS终端因我司业务调整，终止收单服务。' } },
    });
    const result = classifier.classifySync(input);
    expect(result.causes[0]?.id).toBe('acquirer-exit');
    expect(result.causes.some((c) => c.id === 'credit-card-cash-out')).toBe(false);
  });

  it('reads 未发生移机 as ruling relocation out', () => {
    const input = caseFile(ordinary(), {
      merchant: { suspension: { at, note: '终端未发生移机，因我司业务调整，终止收单服务。' } },
    });
    const ids = classifier.classifySync(input).causes.map((c) => c.id);
    expect(ids[0]).toBe('acquirer-exit');
    expect(ids).not.toContain('terminal-relocation');
  });

  it('counts a licence-scope change that ends acquiring as an exit notice, and a name mismatch with the merchant as an account defect', () => {
    const s = signalsOf(ordinary(), {
      events: [
        { type: 'contract-change', at, detail: '因支付业务许可范围调整，终止收单服务' },
        { type: 'settlement-failed', at, detail: '入账失败（户名与商户名称不符），资金退回' },
      ],
    });
    expect([s.acquirerExitNoticeCount, s.settlementAccountDefectCount]).toEqual([1, 1]);
  });
});

describe('deposits and trade buyers', () => {
  it('does not count a hospital’s round admission deposits as large sales, but does count other large sums', () => {
    const deposits = [1, 3, 5, 7, 9, 11].map((day) => sale({ day, amount: 5_000_000 }));
    const hospital = signalsOf([...ordinary(), ...deposits], { merchant: { mcc: '8062' } });
    expect([hospital.largeSaleCount, hospital.mccOutlierSaleCount]).toEqual([0, 0]);
    const odd = signalsOf([...ordinary(), ...deposits.map((t) => ({ ...t, amount: 5_123_400 }))], { merchant: { mcc: '8062' } });
    expect(odd.largeSaleCount).toBe(6);
    const shop = signalsOf([...ordinary(), ...deposits], { merchant: { mcc: '5732' } });
    expect(shop.largeSaleCount).toBe(6);
  });

  it('leaves a wholesaler’s trade buyers paying round orders on credit cards every week clean, but not the same at a shop', () => {
    const buyers = ['a', 'b', 'c', 'd'];
    const orders = buyers.flatMap((token, b) =>
      [1, 5, 9, 13, 17, 21].map((day, k) =>
        sale({ day, hour: 10 + b, amount: [2_500_000, 4_500_000, 1_800_000, 3_000_000][(b + k) % 4], card: { token, kind: 'credit' } }),
      ),
    );
    const trade = Array.from({ length: 60 }, (_, i) => sale({ day: 1 + (i % 25), hour: 9 + (i % 8), amount: 1_500_000 + i * 1_000 }));
    expect(topOf(caseFile([...trade, ...orders], { merchant: { mcc: '5137' } }))).toBe(null);
    expect(topOf(caseFile([...trade, ...orders], { merchant: { mcc: '5732' } }))).toBe('credit-card-cash-out');
    expect(signalsOf([], { merchant: { mcc: '5137' } }).mccWholesale).toBe(true);
    expect(signalsOf([], { merchant: { mcc: '5411' } }).mccWholesale).toBe(false);
  });
});

describe('a category out of size and hours', () => {
  it('flags a "school" selling small tickets every day into the evening as mcc-mismatch', () => {
    const txs = Array.from({ length: 120 }, (_, i) => sale({ day: 1 + (i % 28), hour: i % 3 === 0 ? 20 : 11, amount: 150_000 + i * 100 }));
    const result = classifier.classifySync(caseFile(txs, { merchant: { mcc: '8211' } }));
    expect(result.causes[0]?.id).toBe('mcc-mismatch');
    expect(result.causes[0]?.evidence.map((e) => e.rule)).toContain('ticket-mismatch-in-size-and-hours');
  });
});
