import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createNoticeDictionary, readNotice } from '../src/engine/notice.js';
import { type CauseId, createClassifier, OptionsError } from '../src/index.js';
import { caseFile, sale } from './support/factories.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const withNotice = (json: Record<string, unknown>, suspension: Record<string, unknown>) => ({
  ...json,
  merchant: { ...(json.merchant as Record<string, unknown>), suspension },
});

/** Notices written the way acquirers write SMS and letters, with what they state and what they rule out. */
const NOTICES: { text: string; stated: CauseId[]; ruledOut?: CauseId[] }[] = [
  {
    text: '【XX银行】尊敬的商户，您的POS终端（商户编号898310058120937）因涉嫌信用卡套现，已暂停交易。如有疑问请致电95566。',
    stated: ['credit-card-cash-out'],
  },
  { text: '您好，经我司风控监测，贵商户存在虚假交易（刷单）行为，即日起暂停收单服务。', stated: ['fictitious-transactions'] },
  { text: '贵商户终端存在跳码交易，交易信息与登记商户不符，现予以关闭。', stated: ['code-jumping'] },
  { text: '【收单通知】您的终端于异地使用，违反《特约商户受理协议》，已停用。', stated: ['terminal-relocation'] },
  { text: '接XX市公安局协查通知，贵商户结算资金涉及电信网络诈骗案件，已冻结资金，请联系办案单位。', stated: ['fraud-related-freeze'] },
  { text: '因我司收单业务调整，贵商户POS终端将于2026年4月30日终止服务，请及时归还机具。', stated: ['acquirer-exit'] },
  { text: '贵商户结算账户已销户，结算失败，请尽快变更结算账户，否则将暂停交易。', stated: ['settlement-account-problem'] },
  { text: '贵商户为小微商户，近30日收款超过限额，已降低限额并暂停交易。', stated: ['micro-merchant-limit'] },
  { text: '您的营业执照已过期，请于7日内补充资料，逾期将暂停交易。', stated: ['kyc-deficiency'] },
  { text: '贵商户终端已连续180天无交易，按协议予以停用。', stated: ['dormant-account'] },
  { text: '因行业专项整治，暂停受理该类商户交易。', stated: ['policy-rectification'] },
  { text: '经核查，未发现套现行为，但贵商户存在移机，现暂停交易。', stated: ['terminal-relocation'], ruledOut: ['credit-card-cash-out'] },
  { text: '经核查不存在虚假交易，恢复交易。', stated: [], ruledOut: ['fictitious-transactions'] },
  { text: '无法排除套现嫌疑，暂停交易，待核查。', stated: ['credit-card-cash-out'] },
  { text: '【ＸＸ支付】您的商户因ＭＣＣ不符（套码），已暂停交易', stated: ['mcc-mismatch'] },
  { text: '贵商户交易存在投诉及拒付，且交易金额异常，已延迟结算。', stated: ['frequent-large-amounts', 'complaints-and-disputes'] },
  {
    text: 'Dear merchant, your terminal has been suspended due to suspected credit card cash-out. Please contact us.',
    stated: ['credit-card-cash-out'],
  },
  { text: 'Notice: transactions were routed under another merchant number (code jumping). Service terminated.', stated: ['code-jumping'] },
  {
    text: 'Your settlement account was reported lost; settlement failed. Please update your account details.',
    stated: ['settlement-account-problem'],
  },
  {
    text: 'We found no evidence of cash-out or fictitious transactions; the suspension is due to chargebacks above our threshold.',
    stated: ['complaints-and-disputes'],
    ruledOut: ['credit-card-cash-out', 'fictitious-transactions'],
  },
  {
    text: 'Funds frozen at the request of the Public Security Bureau (telecom fraud case No. 2026-118).',
    stated: ['fraud-related-freeze'],
  },
  { text: 'Due to a business adjustment, we are exiting acquiring in Jiangsu; your terminal will be recalled.', stated: ['acquirer-exit'] },
  { text: 'Your business licence has expired and real-name verification is incomplete.', stated: ['kyc-deficiency'] },
  { text: 'Cash-out cannot be ruled out; credit cards blocked pending review.', stated: ['credit-card-cash-out'] },
  {
    text: 'No chargebacks were found. The terminal was moved to another city without approval.',
    stated: ['terminal-relocation'],
    ruledOut: ['complaints-and-disputes'],
  },
  {
    text: 'The review did not find fictitious transactions, but found late settlement of batches.',
    stated: ['settlement-irregularity'],
    ruledOut: ['fictitious-transactions'],
  },
];

describe('readNotice: the acquirer’s words', () => {
  for (const { text, stated, ruledOut = [] } of NOTICES) {
    it(`reads “${text.slice(0, 48)}…” as ${stated.join(' + ') || 'no stated cause'}${ruledOut.length ? `, ruling out ${ruledOut.join(' + ')}` : ''}`, () => {
      const reading = readNotice({ note: text });
      expect(reading.stated.map((m) => m.cause).sort()).toEqual([...stated].sort());
      expect(reading.ruledOut.map((m) => m.cause).sort()).toEqual([...ruledOut].sort());
      for (const m of reading.stated) expect(m.source).toBe('note');
    });
  }

  it('maps an exact reason code, and reads a code that is not in the table for phrases', () => {
    expect(readNotice({ reasonCode: 'CJ-01' }).stated).toEqual([{ cause: 'code-jumping', phrase: 'CJ-01', source: 'reasonCode' }]);
    expect(readNotice({ reasonCode: '涉嫌跳码' }).stated).toEqual([{ cause: 'code-jumping', phrase: '跳码', source: 'reasonCode' }]);
    expect(readNotice({ reasonCode: 'X99' }).stated).toEqual([]);
  });

  it('takes the caller’s reason codes and phrases, and refuses bad ones by position without echoing them', () => {
    const dictionary = createNoticeDictionary({ reasonCodes: { R17: 'code-jumping' }, phrases: { 二清: 'code-jumping' } });
    expect(readNotice({ reasonCode: 'r 17' }, dictionary).stated.map((m) => m.cause)).toEqual(['code-jumping']);
    expect(readNotice({ note: '贵商户涉嫌二清' }, dictionary).stated.map((m) => m.cause)).toEqual(['code-jumping']);
    let error: unknown;
    try {
      createNoticeDictionary({ phrases: { ok: 'code-jumping', '4111111111111111': 'no-such-cause' as CauseId, '': 'code-jumping' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OptionsError);
    const problems = (error as OptionsError).problems;
    expect(problems.map((p) => p.path)).toEqual(['notice.phrases[1]', 'notice.phrases[2]']);
    expect(JSON.stringify(problems)).not.toContain('4111');
    expect(() => createClassifier({ notice: { reasonCodes: [] as never } })).toThrow(OptionsError);
  });
});

describe('the notice in the result', () => {
  const classifier = createClassifier();

  it('puts a stated cause first, with the phrase, when the transactions show nothing stronger', async () => {
    const overdue = caseFile([sale({ amount: 30_000 })], {
      merchant: { suspension: { note: '您好，贵商户涉嫌套现，已暂停交易。' } },
      events: [{ type: 'settlement-overdue', at: '2026-03-02T18:00:00+08:00' }],
    });
    const result = await classifier.classify(overdue);
    expect(result.causes.map((c) => [c.id, c.score])).toEqual([
      ['credit-card-cash-out', 0.75],
      ['settlement-irregularity', 0.6],
    ]);
    expect(result.causes[0]?.evidence).toEqual([{ rule: 'stated-reason', weight: 0.75, conditions: [], phrase: '套现', source: 'note' }]);
    expect(result.conflicts.map((c) => [c.kind, c.notice, c.found, c.phrase, c.score])).toEqual([
      ['notice-names-other', 'credit-card-cash-out', 'settlement-irregularity', '套现', 0.6],
    ]);
  });

  it('lets strong transaction evidence for another cause rank first, and says that the notice disagrees', async () => {
    const cashOut = fixture('credit-card-cash-out-1-supermarket.json');
    const result = await classifier.classify(withNotice(cashOut, { note: '因我司收单业务调整，终端将停止服务。' }));
    expect(result.causes.slice(0, 2).map((c) => c.id)).toEqual(['credit-card-cash-out', 'acquirer-exit']);
    expect(result.causes[0]?.score).toBeGreaterThan(0.75);
    expect(result.conflicts).toHaveLength(1);
    expect(result.conflicts[0]).toMatchObject({
      kind: 'notice-names-other',
      notice: 'acquirer-exit',
      found: 'credit-card-cash-out',
      phrase: '业务调整',
    });
    expect(result.conflicts[0]?.message).toContain('The acquirer ended or changed the service');
    const zh = await classifier.classify(withNotice(cashOut, { note: '因我司收单业务调整，终端将停止服务。' }), { lang: 'zh-CN' });
    expect(zh.conflicts[0]?.message).toContain('收单机构退出 / 业务调整');
    expect(zh.conflicts[0]?.message).toContain('信用卡套现');
  });

  it('reports a notice that rules out what the transactions show, in both languages', async () => {
    const cashOut = fixture('credit-card-cash-out-2-apparel.json');
    const input = withNotice(cashOut, { note: '经核查，未发现套现行为。' });
    const en = await classifier.classify(input);
    expect(en.causes[0]?.id).toBe('credit-card-cash-out');
    expect(en.causes[0]?.evidence.some((e) => e.rule === 'stated-reason')).toBe(false);
    expect(en.conflicts.map((c) => [c.kind, c.notice, c.found])).toEqual([
      ['notice-rules-out', 'credit-card-cash-out', 'credit-card-cash-out'],
    ]);
    expect(en.conflicts[0]?.message).toMatch(/rules out Credit card cash-out/);
    const zh = await classifier.classify(input, { lang: 'zh-CN' });
    expect(zh.conflicts[0]?.message).toContain('通知排除了“信用卡套现”');
  });

  it('agrees quietly: no conflict when the transactions back the stated cause, none for a healthy merchant cleared by the notice', async () => {
    const cashOut = fixture('credit-card-cash-out-3-electronics.json');
    const agreed = await classifier.classify(withNotice(cashOut, { note: 'Suspended: credit card cash-out.' }));
    expect(agreed.causes[0]?.id).toBe('credit-card-cash-out');
    expect(agreed.causes[0]?.evidence.at(-1)).toMatchObject({ rule: 'stated-reason', phrase: 'credit card cash-out' });
    expect(agreed.conflicts).toEqual([]);
    const healthy = await classifier.classify(withNotice(fixture('healthy-supermarket.json'), { note: '经核查，不存在套现，恢复交易。' }));
    expect(healthy.causes).toEqual([]);
    expect(healthy.conflicts).toEqual([]);
  });

  it('uses the caller’s phrase map in classification', async () => {
    const custom = createClassifier({ notice: { phrases: { 二清: 'code-jumping' } } });
    const result = await custom.classify(caseFile([sale()], { merchant: { suspension: { note: '涉嫌二清，暂停交易' } } }));
    expect(result.causes.map((c) => c.id)).toEqual(['code-jumping']);
  });
});

describe('negation reaches only as far as it should', () => {
  it('negates a cue right before the phrase but not a verb between them', () => {
    expect(readNotice({ note: '商户未完成实名认证' }).stated.map((m) => m.cause)).toEqual(['kyc-deficiency']);
    expect(readNotice({ note: '经核实，账户未挂失' }).ruledOut.map((m) => m.cause)).toEqual(['settlement-account-problem']);
    expect(readNotice({ note: '因无法核实实名信息，暂停交易' }).stated.map((m) => m.cause)).toEqual(['kyc-deficiency']);
  });
});

describe('what would clear a cause the notice names', () => {
  it('never asks to clear the acquirer’s own notice: only rules the transactions fire', async () => {
    const { readFileSync } = await import('node:fs');
    const { createClassifier: make } = await import('../src/index.js');
    const jeweller = JSON.parse(readFileSync(new URL('../examples/healthy-jeweller.json', import.meta.url), 'utf8'));
    const noted = { ...jeweller, merchant: { ...jeweller.merchant, suspension: { note: '您的商户因涉嫌信用卡套现已被暂停交易' } } };
    const cause = make()
      .classifySync(noted)
      .causes.find((c) => c.id === 'credit-card-cash-out');
    expect(cause?.evidence.some((e) => e.rule === 'stated-reason')).toBe(true);
    expect(cause?.toClear?.mustClear).not.toContain('stated-reason');
  });
});
