/**
 * What the acquirer says when it suspends a terminal: SMS, letters, English e-mails, vague risk
 * wording, sometimes a negation of another cause, a reason code of its own, graded measures.
 */

import type { CauseSpec } from './causes.js';
import { dateOf, MS_DAY } from './clock.js';
import { type Draft, dayStart, digits, type Measure, noticeId, timeBetween } from './draft.js';

const ACQUIRERS = ['银联商务', '拉卡拉', '通联支付', '汇付天下', '随行付', '乐刷', '中国工商银行', '招商银行', '建设银行', '快钱'];

const MEASURE_WORDS: Readonly<Record<Measure, string>> = {
  'transactions-suspended': '暂停交易',
  'credit-cards-blocked': '关闭贷记卡交易',
  'limit-lowered': '下调交易限额',
  'settlement-delayed': '延迟结算',
  'funds-frozen': '冻结资金',
  'terminal-recalled': '收回终端',
  'service-terminated': '终止服务',
};

const VAGUE = [
  '因风险原因，您的终端已暂停交易',
  '经系统监测存在异常交易，暂停交易',
  '因交易异常，根据协议暂停服务',
  '风控限制，详询客户经理',
  'Suspended for risk reasons.',
  '您的商户存在风险，已被限制交易',
];

const NEGATIONS: readonly { cause: string; text: string }[] = [
  { cause: 'credit-card-cash-out', text: '经核查未发现套现行为，' },
  { cause: 'fictitious-transactions', text: '经核查未发现虚假交易，' },
  { cause: 'terminal-relocation', text: '终端未发生移机，' },
];

/** Writes a suspension for the causes (leading first). `needsWords`: the note must name the leading cause. */
export function suspend(d: Draft, lead: CauseSpec, second: CauseSpec | undefined, needsWords: boolean): void {
  const rng = d.rng;
  const local = timeBetween(d, dayStart(d, d.days - 1), 9, 18);
  const measures = rng.pick(lead.measures);
  const measureText = measures.map((m) => MEASURE_WORDS[m]).join('、');
  const acquirer = rng.pick(ACQUIRERS);
  const tail = d.terminals[0]?.slice(-4) ?? '0001';
  const exitDate = dateOf(dayStart(d, d.days - 1) + rng.int(10, 60) * MS_DAY);
  const letter =
    lead.id === 'acquirer-exit'
      ? `因我司业务调整，将于${exitDate.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}终止收单服务，请您及时更换收单机构`
      : lead.words.letter;
  const style = needsWords
    ? rng.pick(['letter', 'sms', 'en'] as const)
    : rng.weighted<'letter' | 'sms' | 'en' | 'vague' | 'none'>([
        ['letter', 35],
        ['sms', 20],
        ['en', 10],
        ['vague', 20],
        ['none', 15],
      ]);
  const negation = rng.chance(0.12) ? NEGATIONS.find((n) => n.cause !== lead.id && n.cause !== second?.id && rng.chance(0.5)) : undefined;
  const also = second !== undefined && rng.chance(0.5) ? second : undefined;
  let note: string | undefined;
  switch (style) {
    case 'letter':
      note = `尊敬的商户：${negation?.text ?? ''}${letter}${also !== undefined ? `；同时${also.words.sms}` : ''}。我司已对贵商户采取${measureText}措施，请于7个工作日内提交整改报告及相关证明材料。`;
      break;
    case 'sms':
      note = `【${acquirer}】尊敬的商户，${negation?.text ?? ''}您尾号${tail}的POS终端因${lead.words.sms}已${measureText}，详询400${digits(rng, 7, '8')}。`;
      break;
    case 'en':
      note = `Dear merchant, your POS terminal has been suspended: ${lead.words.en}${also !== undefined ? `; also ${also.words.en}` : ''}. Please contact your account manager.`;
      break;
    case 'vague':
      note = `${negation?.text ?? ''}${rng.pick(VAGUE)}`;
      break;
    case 'none':
      note = undefined;
  }
  d.suspension = { local };
  if (note !== undefined) d.suspension.note = note;
  if (rng.chance(0.5))
    d.suspension.reasonCode = rng.pick([
      `RK${digits(rng, 3, '0')}`,
      `A${digits(rng, 4, '1')}`,
      `FX-${rng.int(1, 40)}`,
      `S${rng.int(100, 999)}`,
    ]);
  if (rng.chance(0.5)) d.suspension.noticeId = noticeId(d, local);
  if (rng.chance(0.6) || style === 'none') d.suspension.measures = [...measures];
  d.story.push(`notice ${style}${negation !== undefined && note !== undefined ? ' with a negation' : ''}`);
}
