import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatSignalValue } from '../src/advice/evidenceWords.js';
import { maskToken } from '../src/appeal/draftAppeal.js';
import {
  adviceFor,
  CAUSE_IDS,
  type CauseId,
  checklistFor,
  createClassifier,
  draftAppeal,
  LANGS,
  type Lang,
  OptionsError,
} from '../src/index.js';
import { SIGNAL_NAMES } from '../src/signals/catalog.js';
import { containsPan } from '../src/text/cardNumber.js';
import { findChromium, renderInChromium } from './support/chromium.js';

const dir = new URL('./fixtures/', import.meta.url);
const fixtureFor = (cause: string) => {
  const file = readdirSync(dir).find((f) => f.startsWith(`${cause}-1-`)) as string;
  return JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
};

/** The document each cause's default letter is, and the words its title must carry per language. */
const KIND_OF: Record<CauseId, string> = {
  'credit-card-cash-out': 'appeal',
  'fictitious-transactions': 'appeal',
  'settlement-irregularity': 'explanation',
  'frequent-large-amounts': 'appeal',
  'high-failure-rate': 'explanation',
  'security-compromise': 'explanation',
  'terminal-relocation': 'explanation',
  'complaints-and-disputes': 'explanation',
  'mcc-mismatch': 'explanation',
  'code-jumping': 'explanation',
  'contract-ended': 'renewal',
  'policy-rectification': 'compliance-confirmation',
  'kyc-deficiency': 'documents-update',
  'dormant-account': 'reactivation',
  'fraud-related-freeze': 'release-request',
  'micro-merchant-limit': 'limit-adjustment',
  'acquirer-exit': 'exit-confirmation',
  'settlement-account-problem': 'settlement-account-change',
};
const TITLE_WORDS: Record<string, Record<Lang, RegExp>> = {
  appeal: { 'zh-CN': /申诉书$/, en: /^Appeal/ },
  'rectification-report': { 'zh-CN': /情况说明及整改报告$/, en: /rectification report/ },
  explanation: { 'zh-CN': /情况说明$/, en: /^Statement of circumstances/ },
  renewal: { 'zh-CN': /续约申请$/, en: /renew/ },
  'compliance-confirmation': { 'zh-CN': /合规经营情况说明/, en: /compliant business/ },
  'documents-update': { 'zh-CN': /资料更新申请$/, en: /update merchant documents/ },
  reactivation: { 'zh-CN': /重新激活申请$/, en: /reactivate/ },
  'release-request': { 'zh-CN': /解冻申请$/, en: /release frozen funds/ },
  'limit-adjustment': { 'zh-CN': /限额调整申请$/, en: /merchant type and limits/ },
  'exit-confirmation': { 'zh-CN': /服务终止确认及迁移申请$/, en: /termination and migration/ },
  'settlement-account-change': { 'zh-CN': /结算账户变更申请$/, en: /change the settlement account/ },
};
/** Causes about the merchant's status or the acquirer's own decisions: their letters never speak of a violation. */
const STATUS_CAUSES: readonly CauseId[] = [
  'contract-ended',
  'policy-rectification',
  'kyc-deficiency',
  'dormant-account',
  'fraud-related-freeze',
  'micro-merchant-limit',
  'acquirer-exit',
  'settlement-account-problem',
];
const VIOLATION_WORDS: Record<Lang, RegExp> = {
  'zh-CN': /违规|违反|违法|套现|整改|停止上述行为|虚假交易|有异议/,
  en: /violat|breach|cash-out|rectif|stopped the|fictitious|dispute this/i,
};
const THRESHOLD_WORDS: Record<Lang, RegExp> = { 'zh-CN': /阈值|规则|门槛|不低于|不高于|标准值/, en: /threshold|rule:|to clear/i };

describe('draftAppeal, for every cause in both languages', () => {
  for (const cause of CAUSE_IDS) {
    for (const lang of LANGS) {
      it(`${cause} (${lang}): the right document, evidence in words with its values, the enclosures, no codes or thresholds`, async () => {
        const caseFile = fixtureFor(cause);
        const classification = await createClassifier({ lang }).classifyDetailed(caseFile);
        const draft = draftAppeal(classification, { lang, cause });
        expect(draft.cause).toBe(cause);
        expect(draft.kind).toBe(KIND_OF[cause]);
        expect(draft.title).toMatch(TITLE_WORDS[draft.kind]?.[lang] as RegExp);
        expect(draft.markdown.startsWith(`# ${draft.title}\n`)).toBe(true);
        expect(draft.html).toContain(`<h1>${draft.title}</h1>`);

        const reported = classification.result.causes.find((c) => c.id === cause);
        for (const evidence of reported?.evidence ?? []) {
          for (const condition of evidence.conditions) {
            if (typeof condition.value !== 'number') continue;
            expect(draft.markdown, condition.signal).toContain(formatSignalValue(condition.signal, condition.value, lang, 'CNY'));
          }
        }
        draft.enclosures.forEach((item, i) => {
          expect(draft.markdown).toContain(`${i + 1}. ${item}`);
        });
        expect(new Set(draft.enclosures).size).toBe(draft.enclosures.length);
        for (const name of SIGNAL_NAMES) expect(draft.markdown + draft.html, name).not.toMatch(new RegExp(`\\b${name}\\b`));
        expect(draft.markdown).not.toMatch(THRESHOLD_WORDS[lang]);
        expect(draft.markdown).not.toMatch(/\b0\.\d{3,}\b/);
        // The acquirer's own notes in the case file are quoted as they are; the letter's words are checked.
        const notes = (caseFile.events as { detail?: string }[]).flatMap((e) => (e.detail ? [e.detail] : []));
        const ours = notes.reduce((text: string, note) => text.split(note).join(''), draft.markdown);
        if (STATUS_CAUSES.includes(cause)) expect(ours).not.toMatch(VIOLATION_WORDS[lang]);
        if (lang === 'zh-CN') {
          // No English in a Chinese letter besides the case file's own names and ids.
          const own = [caseFile.merchant.name, caseFile.merchant.id, ...(caseFile.merchant.terminals ?? [])].join(' ');
          const words = (ours.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !own.includes(w) && !['POS', 'SN'].includes(w));
          expect(words, 'English words').toEqual([]);
        }
      });
    }
  }

  it('has a document, wording and a template for every cause and every rule signal in both languages', () => {
    const pack = JSON.parse(readFileSync(new URL('../rules/default.json', import.meta.url), 'utf8'));
    const facts = new Set<string>(
      JSON.stringify(pack)
        .match(/"fact":\s*"(\w+)"/g)
        ?.map((m) => m.split('"')[3] as string) ?? [],
    );
    for (const lang of LANGS) {
      const text = JSON.parse(readFileSync(new URL(`../src/appeal/data/${lang}.json`, import.meta.url), 'utf8'));
      for (const cause of CAUSE_IDS) expect(text.causes[cause]?.subject, `${lang} ${cause}`).toBeTruthy();
      // A guard condition (mccWholesale = false) has deliberately empty wording; every other fact has a sentence.
      for (const fact of facts) expect(text.evidence[fact] === '' ? fact : text.evidence[fact], `${lang} ${fact}`).toBeTruthy();
      expect(Object.keys(text.evidence).filter((f) => text.evidence[f] === '')).toEqual(['mccWholesale']);
    }
  });
});

const caseFile = fixtureFor('credit-card-cash-out');
const classification = await createClassifier().classifyDetailed(caseFile);

describe('the appeal letter', () => {
  it('shows placeholders only where the caller gave no text', () => {
    const blank = draftAppeal(classification, { stance: 'rectified' });
    expect(blank.markdown).toContain('\\[TO FILL IN: a rectification measure taken, with its date.\\]');
    expect(blank.markdown).toContain('\\[TO FILL IN: your explanation');
    const filled = draftAppeal(classification, {
      stance: 'rectified',
      rectifications: ['Stopped all credit-card sales above 5,000 CNY on 2026-04-02'],
      merchantStatement: 'The repeated sales were wholesale orders from one customer.',
      signatory: 'Li Wei',
      contact: '021-5555-0100',
    });
    expect(filled.markdown).not.toContain('[TO FILL IN');
    expect(filled.markdown).toContain('1. Stopped all credit-card sales above 5,000 CNY on 2026-04-02');
    expect(filled.markdown).toContain('The repeated sales were wholesale orders from one customer.');
  });

  it('lists the flagged transactions behind the evidence, at most the configured number, with masked tokens', () => {
    const draft = draftAppeal(classification, { maxTransactions: 4 });
    const rows = draft.markdown.split('\n').filter((line) => /^\| 20\d\d-\d\d-\d\d \d\d:\d\d \|/.test(line));
    expect(rows).toHaveLength(4);
    const tokens = new Set((caseFile.transactions as { card?: { token: string } }[]).flatMap((t) => (t.card ? [t.card.token] : [])));
    for (const token of tokens) expect(draft.markdown).not.toContain(token);
    expect(rows[0]).toMatch(/\\\*\\\*\\\*\\\*/);
    expect(draft.markdown).toMatch(/\(\d+ in all; the first 4 listed/);
    expect(containsPan(draft.markdown + draft.html)).toBe(false);
  });

  it('escapes text from the case file, so no HTML from data reaches the page', async () => {
    const hostile = { ...caseFile, merchant: { ...caseFile.merchant, name: '<script>alert(1)</script> | Shop' } };
    const draft = draftAppeal(await createClassifier().classifyDetailed(hostile));
    expect(draft.html).not.toContain('<script>');
    expect(draft.markdown).toContain('&lt;script&gt;');
    expect(draft.html).toContain('&lt;script&gt;');
  });

  it('builds the checklist as the union of the reported causes in rank order, each with why', () => {
    const mixed = JSON.parse(readFileSync(new URL('mixed-cash-out-and-kyc.json', dir), 'utf8'));
    const mixedResult = createClassifier().classifySync(mixed);
    const checklist = checklistFor(mixedResult, 'en');
    const materials = mixedResult.causes.flatMap((c) => adviceFor(c.id, 'en').appealMaterials);
    expect(checklist.map((i) => i.material)).toEqual([...new Set(materials)]);
    expect(checklist.every((i) => i.why.length > 10)).toBe(true);
    const licence = checklist.find((i) => i.material.startsWith('Business licence and'));
    expect(licence?.causes.length).toBeGreaterThanOrEqual(1);
  });

  it('has a reason for every material of every cause in both languages', () => {
    for (const lang of LANGS) {
      for (const cause of CAUSE_IDS) {
        const fake = { causes: [{ id: cause, rank: 1 }] } as never;
        expect(
          checklistFor(fake, lang).every((i) => i.why.length > 5),
          `${lang} ${cause}`,
        ).toBe(true);
      }
    }
  });

  it('refuses a cause that was not reported, and a result with no cause', async () => {
    expect(() => draftAppeal(classification, { cause: 'dormant-account' })).toThrow(OptionsError);
    const healthy = JSON.parse(readFileSync(new URL('healthy-hotel.json', dir), 'utf8'));
    const healthyClassification = await createClassifier().classifyDetailed(healthy);
    expect(() => draftAppeal(healthyClassification)).toThrow(/no cause to appeal/);
  });

  it('masks tokens to their last four characters', () => {
    expect([maskToken('tok_8f2a91'), maskToken('abc')]).toEqual(['****2a91', '****']);
  });
});

describe('an appeal from a classifier with its own thresholds', () => {
  const mixed = JSON.parse(readFileSync(new URL('mixed-large-and-relocation.json', dir), 'utf8'));
  /** The evidence sentence about large sales. */
  const largeLine = (markdown: string) => markdown.split('\n').find((line) => line.includes('sales had a large amount')) as string;

  it('lists the large sales its own threshold counted, in agreement with its evidence', async () => {
    const lowThreshold = 500_000;
    const classification = await createClassifier({ options: { largeAmountThreshold: lowThreshold } }).classifyDetailed(mixed);
    const defaults = await createClassifier().classifyDetailed(mixed);
    const counted = classification.result.signals.largeSaleCount as number;
    // The lower threshold counts more sales than the default one: the case the letter used to get wrong.
    expect(counted).toBeGreaterThan(defaults.result.signals.largeSaleCount as number);

    const members = classification.members.bySignal.largeSaleCount;
    expect(members?.transactions).toHaveLength(counted);
    const amounts: number[] = [];
    for (const index of members?.transactions ?? []) {
      const tx = classification.members.transactions[index];
      expect(tx?.type === 'sale' && tx.status === 'approved' && tx.amount >= lowThreshold).toBe(true);
      amounts.push(tx?.amount as number);
    }

    const draft = draftAppeal(classification, { cause: 'frequent-large-amounts', maxTransactions: 1_000 });
    const line = largeLine(draft.markdown);
    expect(line).toContain(`${counted.toLocaleString('en-US')} sales had a large amount`);
    const yuan = (minor: number) => `¥${(minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
    expect(line).toContain(`between ${yuan(Math.min(...amounts))} and ${yuan(Math.max(...amounts))}`);
    const rows = draft.markdown.split('\n').filter((row) => /^\| 20\d\d-\d\d-\d\d \d\d:\d\d \|/.test(row));
    expect(rows.length).toBeGreaterThanOrEqual(counted);
    expect(line).not.toContain(String(lowThreshold / 100));
  });

  it('gives the default classifier a letter with the default count', async () => {
    const classification = await createClassifier().classifyDetailed(mixed);
    const counted = classification.result.signals.largeSaleCount as number;
    const draft = draftAppeal(classification, { cause: 'frequent-large-amounts' });
    expect(largeLine(draft.markdown)).toContain(`${counted} sales had a large amount`);
  });
});

const chromium = findChromium('appeal HTML browser test');

describe.skipIf(!chromium)('the appeal HTML in a real browser', () => {
  it('renders as a self-contained page: the letter is in the DOM and a screenshot is drawn', async () => {
    const caseFile = fixtureFor('complaints-and-disputes');
    const draft = draftAppeal(await createClassifier({ lang: 'zh-CN' }).classifyDetailed(caseFile), { lang: 'zh-CN' });
    expect(draft.html).not.toMatch(/<(script|link|img)\b|https?:\/\//);
    const { dom, pngBytes } = renderInChromium(chromium as string, draft.html, { width: 900, height: 1270 });
    expect(dom).toContain(`<h1>${draft.title}</h1>`);
    expect(dom).toContain('附件清单');
    expect(dom).toContain('<table>');
    expect(pngBytes).toBeGreaterThan(20_000);
  });
});

describe('the letter header, request and signature', () => {
  const base = fixtureFor('credit-card-cash-out');
  const withMerchant = (merchant: object, extra: object = {}) => ({ ...base, ...extra, merchant: { ...base.merchant, ...merchant } });

  it('carries the numbers an acquirer files by, the merchant type, the date line and the seal block', async () => {
    const caseFile = withMerchant({
      kind: 'individual-business',
      terminals: ['T01', 'T02'],
      merchantNumbers: ['898310048160019'],
      suspension: { at: '2026-03-28', noticeId: 'FX-2026-0331', measures: ['transactions-suspended'] },
    });
    const c = await createClassifier({ lang: 'zh-CN' }).classifyDetailed(caseFile);
    const draft = draftAppeal(c, {
      addressee: '某银行商户风险管理部',
      contact: '李先生 138-0000-0000',
      signatory: '李伟',
      date: '2026-04-03',
    });
    for (const line of [
      '**致：** 某银行商户风险管理部',
      '**商户编号：** M001000',
      '**其他商户编号：** 898310048160019',
      '**终端号 / SN：** T01、T02',
      '**商户类型：** 个体工商户',
      '**商户类别：** 5411 超市、食杂店',
      '**通知编号：** FX-2026-0331',
      '**暂停日期：** 2026-03-28',
      '**联系人及电话：** 李先生 138-0000-0000',
      '经营者（签字）：李伟',
      '日期：2026年4月3日',
      '个体工商户印章',
      '经营者身份证复印件',
    ])
      expect(draft.markdown).toContain(line);
    expect(draft.markdown).not.toContain('法定代表人');
    expect(draft.markdown).not.toContain('Grocery');
  });

  it('names the signer by merchant kind and dates the letter from the window, never the clock', async () => {
    for (const [kind, signer] of [
      ['company', '法定代表人（签字）'],
      ['individual', '商户本人（签字）'],
    ] as const) {
      const caseFile = withMerchant({ kind });
      const c = await createClassifier({ lang: 'zh-CN' }).classifyDetailed(caseFile);
      const draft = draftAppeal(c);
      expect(draft.markdown).toContain(signer);
      const to = c.caseFile.window.to as string;
      const local = /[zZ]|[+-]\d\d:?\d\d$/.test(to)
        ? new Date(to).toLocaleDateString('sv-SE', { timeZone: c.caseFile.merchant.timezone })
        : to.slice(0, 10);
      const [y, m, d] = local.split('-').map(Number);
      expect(draft.markdown).toContain(`日期：${y}年${m}月${d}日`);
      expect(draftAppeal(c).markdown).toBe(draft.markdown);
    }
  });

  it('asks to release frozen funds, with the amount of the freeze events, and says so in the title', async () => {
    const caseFile = withMerchant(
      { suspension: { measures: ['transactions-suspended', 'funds-frozen'] } },
      {
        events: [
          { type: 'fund-freeze', at: '2026-03-30T10:00:00+08:00', amount: 1_250_000 },
          { type: 'fund-freeze', at: '2026-03-31T10:00:00+08:00', amount: 50_000 },
        ],
      },
    );
    const c = await createClassifier({ lang: 'zh-CN' }).classifyDetailed(caseFile);
    const draft = draftAppeal(c, { cause: 'credit-card-cash-out' });
    expect(draft.title).toBe('关于恢复POS收单服务及解冻资金的申诉书');
    expect(draft.markdown).toContain('涉及金额 ¥13,000.00');
    expect(draft.markdown).toContain('结算账户证明');
  });

  it('reports a rectified case as 情况说明及整改报告 with the measures and an undertaking; a disputed one admits nothing', async () => {
    const c = await createClassifier({ lang: 'zh-CN' }).classifyDetailed(base);
    const rectified = draftAppeal(c, { stance: 'rectified', rectifications: ['2026-04-02 起停止接受同一信用卡单日多笔整额消费'] });
    expect(rectified.kind).toBe('rectification-report');
    expect(rectified.markdown).toContain('## 四、整改措施');
    expect(rectified.markdown).toContain('承诺');
    expect(rectified.enclosures).toContain('合规经营承诺书');
    const disputed = draftAppeal(c, { stance: 'dispute' });
    expect(disputed.markdown).not.toMatch(/整改|已停止|承诺/);
  });

  it('lists the reference, voucher and authorisation numbers and the masked card where the case file has them', async () => {
    const caseFile = structuredClone(base);
    for (const tx of caseFile.transactions) {
      tx.referenceNumber = `RRN${tx.id}`;
      tx.voucherNumber = `V${tx.id.slice(-6)}`;
      tx.authCode = 'A12345';
      if (tx.card) tx.card.masked = '622588******1234';
    }
    const c = await createClassifier({ lang: 'zh-CN' }).classifyDetailed(caseFile);
    const draft = draftAppeal(c, { maxTransactions: 3 });
    expect(draft.markdown).toContain('| 交易时间 | 金额 | 卡号 | 终端号 | 参考号 | 凭证号 | 授权码 |');
    const rows = draft.markdown.split('\n').filter((line) => /^\| 20\d\d-/.test(line));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/\| 622588\\\*\\\*\\\*\\\*\\\*\\\*1234 \| T0\d \| RRNTX\d+ \| V\d{6} \| A12345 \|$/);
  });

  it('shows ratios as percentages and money in yuan with separators', async () => {
    const c = await createClassifier({ lang: 'zh-CN' }).classifyDetailed(fixtureFor('complaints-and-disputes'));
    const draft = draftAppeal(c);
    const ratio = c.result.signals.chargebackRatio as number;
    expect(draft.markdown).toContain(`${(ratio * 100).toFixed(1)}%`);
    expect(draft.markdown).not.toContain(String(ratio));
    expect(draft.markdown).toMatch(/¥\d{1,3}(,\d{3})*\.\d\d/);
  });
});

describe('the date line', () => {
  it('writes an ISO date in English (2026-03-31) and 年月日 in Chinese', async () => {
    const caseFile = fixtureFor('contract-ended');
    const classification = await createClassifier().classifyDetailed(caseFile);
    expect(draftAppeal(classification, { lang: 'en', date: '2026-03-05' }).markdown).toContain('2026-03-05');
    expect(draftAppeal(classification, { lang: 'zh-CN', date: '2026-03-05' }).markdown).toContain('2026年3月5日');
  });
});
