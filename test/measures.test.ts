import { describe, expect, it } from 'vitest';
import { measureAdvice } from '../src/advice/measures.js';
import { MEASURES } from '../src/contract/caseFile.js';
import { createClassifier, LANGS } from '../src/index.js';
import { caseFile, sale } from './support/factories.js';

const classifier = createClassifier();
const suspended = (suspension: Record<string, unknown>, events: NonNullable<Parameters<typeof caseFile>[1]>['events'] = []) =>
  caseFile([sale()], { merchant: { suspension }, events });

describe('graded measures', () => {
  it('gives every measure its meaning, who can lift it, what to ask and what to bring, in both languages', () => {
    for (const lang of LANGS) {
      const advice = measureAdvice(MEASURES, lang, false);
      expect(advice.map((m) => m.id)).toEqual([...MEASURES]);
      for (const m of advice) {
        expect(m.title.length, `${lang} ${m.id}`).toBeGreaterThan(1);
        expect(m.meaning.length, `${lang} ${m.id}`).toBeGreaterThan(10);
        expect(m.whoCanLift.length, `${lang} ${m.id}`).toBeGreaterThan(3);
        expect(m.ask.length, `${lang} ${m.id}`).toBeGreaterThanOrEqual(2);
        expect(m.bring.length, `${lang} ${m.id}`).toBeGreaterThanOrEqual(2);
        expect(m.liftedBy).toBe('acquirer');
      }
    }
  });

  it('adds one advice per measure of the case file, in catalog order, once each', async () => {
    const result = await classifier.classify(suspended({ measures: ['funds-frozen', 'transactions-suspended', 'funds-frozen'] }));
    expect(result.measures.map((m) => [m.id, m.liftedBy])).toEqual([
      ['transactions-suspended', 'acquirer'],
      ['funds-frozen', 'acquirer'],
    ]);
    expect((await classifier.classify(suspended({}))).measures).toEqual([]);
  });

  it('sends a police-ordered freeze to the bureau named in the notice, with the public timeline and its source', async () => {
    const notice = suspended({ note: '接XX市公安局协查通知，已冻结资金，请联系办案单位。', measures: ['funds-frozen'] });
    const [en] = (await classifier.classify(notice)).measures;
    expect(en?.liftedBy).toBe('authority');
    expect(en?.whoCanLift).toMatch(/bureau named in the notice/);
    expect(en?.whoCanLift).toMatch(/acquirer cannot lift it/);
    expect(en?.timeline?.text).toMatch(/six months/);
    expect(en?.timeline?.source).toMatch(/公安机关办理刑事案件程序规定/);
    const [zh] = (await classifier.classify(notice, { lang: 'zh-CN' })).measures;
    expect(zh?.whoCanLift).toContain('收单机构无权解除');
  });

  it('treats a law-enforcement request on file like a police notice, and an acquirer freeze as the acquirer’s', async () => {
    const request = suspended({ measures: ['funds-frozen'] }, [{ type: 'law-enforcement-request', at: '2026-03-02T13:00:00+08:00' }]);
    expect((await classifier.classify(request)).measures[0]?.liftedBy).toBe('authority');
    const own = suspended({ note: '因涉嫌套现，冻结资金', measures: ['funds-frozen'] });
    const [advice] = (await classifier.classify(own)).measures;
    expect(advice?.liftedBy).toBe('acquirer');
    expect(advice?.timeline).toBeUndefined();
  });

  it('gives a timeline only where a public source gives one', () => {
    for (const lang of LANGS) {
      for (const authority of [false, true]) {
        for (const m of measureAdvice(MEASURES, lang, authority)) {
          if (m.timeline) {
            expect([m.id, m.liftedBy]).toEqual(['funds-frozen', 'authority']);
            expect(m.timeline.source.length).toBeGreaterThan(10);
          }
        }
      }
    }
  });
});

describe('the CLI table', () => {
  it('prints the measures, who can lift them, and the conflicts, also for a merchant with no cause', async () => {
    const { renderResult } = await import('../src/cli/render.js');
    const { createPaint } = await import('../src/cli/text.js');
    const healthy = await classifier.classify(suspended({ note: '经核查未发现套现', measures: ['limit-lowered'] }), { lang: 'zh-CN' });
    const table = renderResult(healthy, createPaint(false));
    expect(table).toContain('未发现导致暂停交易的原因');
    expect(table).toContain('收单机构已采取的措施');
    expect(table).toContain('降低限额: 收单机构：可申请重新评估限额。');
  });
});
