/**
 * The 18 causes as they look in real life, each written from the domain description alone: how the
 * merchant is set up, what the behaviour adds to its ordinary trade, and what the acquirer says.
 * `strength` is 1 when the cause leads and about 0.6 when it is the second cause of a merchant.
 */
import { dateOf, MS_DAY, MS_HOUR, MS_MINUTE } from './clock.js';
import {
  addEvent,
  addTx,
  approvedSales,
  type Card,
  type Draft,
  type DraftTx,
  dayStart,
  digits,
  type EntryMode,
  farPlace,
  jitter,
  type Measure,
  newCard,
  ordinaryTicket,
  ordinaryTrade,
  type Point,
  periodEnd,
  price,
  timeBetween,
} from './draft.js';
import { BRANDS, FOREIGN_AWAY, profileOf, TESTING_DECLINES } from './world.js';

/** Cause ids from the catalog in DOMAIN.md (public API of the library). */
export const CAUSES = [
  'credit-card-cash-out',
  'fictitious-transactions',
  'settlement-irregularity',
  'frequent-large-amounts',
  'high-failure-rate',
  'security-compromise',
  'terminal-relocation',
  'complaints-and-disputes',
  'mcc-mismatch',
  'contract-ended',
  'policy-rectification',
  'kyc-deficiency',
  'dormant-account',
  'fraud-related-freeze',
  'code-jumping',
  'micro-merchant-limit',
  'acquirer-exit',
  'settlement-account-problem',
] as const;

export type CauseId = (typeof CAUSES)[number];

/** How the merchant of a leading cause is drawn. */
export interface Plan {
  readonly mccs: readonly string[];
  readonly days: readonly [number, number];
  readonly cnyOnly: boolean;
  readonly volume?: readonly [number, number];
}

/** One cause: its plan, set-up before ordinary trade, behaviour after it, and the acquirer's words. */
export interface CauseSpec {
  readonly id: CauseId;
  readonly plan: Plan;
  /** Registration changes (before trade). */
  setup?(d: Draft, strength: number, lead: boolean): void;
  /** Replaces the ordinary trade when the cause leads. */
  trade?(d: Draft): void;
  /** The behaviour, added to the trade. */
  inject(d: Draft, strength: number): void;
  /** Always suspended with a note or an event that says so. */
  readonly alwaysSuspended?: boolean;
  /** The cause is invisible in transactions: the note or events must carry it. */
  readonly measures: readonly (readonly Measure[])[];
  readonly words: { readonly sms: string; readonly letter: string; readonly en: string };
}

const ANY_MCC = [
  '5411',
  '5812',
  '5651',
  '5732',
  '5999',
  '5499',
  '5912',
  '7230',
  '5311',
  '7538',
  '5814',
  '8011',
  '7011',
  '5541',
  '5045',
  '5072',
];

/** Days between `from` and the end where the behaviour runs, as day indexes. */
function span(d: Draft, fromShare: number): number[] {
  const first = Math.min(d.days - 1, Math.max(0, Math.floor(d.days * fromShare)));
  return Array.from({ length: d.days - first }, (_, i) => first + i);
}

/** Amounts cash-out merchants choose: just under round thresholds or the merchant's limit, or whole thousands. */
function nearLimitCny(d: Draft): number {
  const rng = d.rng;
  const limitCny = d.singleSaleLimit !== undefined ? d.singleSaleLimit / 100 / d.fx : undefined;
  const band = rng.weighted<string>([
    ['9.8k', 30],
    ['49k', 14],
    ['19.8k', 6],
    ['29.8k', 5],
    ['round', 28],
    ['x999', 8],
    ['limit', limitCny !== undefined ? 10 : 0],
  ]);
  const fen = (lo: number, hi: number): number => {
    const cents = rng.int(lo * 100, hi * 100);
    const style = rng.next();
    return style < 0.45 ? cents / 100 : style < 0.8 ? Math.round(cents / 100) : Math.round(cents / 1000) * 10;
  };
  switch (band) {
    case '9.8k':
      return Math.min(9999.99, fen(9800, 9999));
    case '49k':
      return Math.min(49_990, fen(49_000, 49_990));
    case '19.8k':
      return Math.min(19_999, fen(19_800, 19_999));
    case '29.8k':
      return Math.min(29_999, fen(29_800, 29_999));
    case 'x999':
      return rng.pick([4999, 7999, 9999, 19_999, 29_999, 39_999]);
    case 'limit':
      return Math.floor((limitCny ?? 10_000) * rng.real(0.97, 0.999));
    default:
      return rng.pick([2000, 3000, 5000, 5000, 6000, 8000, 10_000, 10_000, 15_000, 20_000, 30_000]);
  }
}

const minor = (d: Draft, cny: number): number => Math.max(1, Math.round(cny * d.fx * 100));

function entryOf(d: Draft, weights: readonly (readonly [EntryMode, number])[]): EntryMode {
  return d.rng.weighted(weights);
}

function eventTime(d: Draft, dayIndex: number): number {
  return timeBetween(d, dayStart(d, Math.min(d.days - 1, Math.max(0, dayIndex))), 9, 18);
}

const OFFICES = ['公安局', '公安分局', '公安局刑侦支队', '公安局反诈中心', '公安局经侦支队'];

const cashOut: CauseSpec = {
  id: 'credit-card-cash-out',
  plan: {
    mccs: ['5411', '5999', '5651', '5732', '5499', '7230', '5712', '5812', '5045', '5072', '7298'],
    days: [25, 60],
    cnyOnly: true,
    volume: [0.4, 0.9],
  },
  inject(d, s) {
    const rng = d.rng;
    const cards: Card[] = Array.from({ length: Math.max(2, Math.round(rng.int(3, 8) * s)) }, () => newCard(d, 'credit'));
    const night = rng.real(0.1, 0.7);
    const dayShare = rng.real(0.35, 0.8) * s;
    for (const i of span(d, rng.real(0, 0.5))) {
      if (!rng.chance(dayShare)) continue;
      const used = rng.shuffle(cards).slice(0, rng.int(1, Math.min(3, cards.length)));
      for (const card of used) {
        let t = rng.chance(night) ? timeBetween(d, dayStart(d, i), 21.5, 26.5) : timeBetween(d, dayStart(d, i), 9.5, 21);
        const count = rng.weighted([
          [1, 3],
          [2, 3],
          [3, 3],
          [4, 1.5],
          [6, 0.5],
        ] as const);
        const split = count >= 3 && rng.chance(0.7);
        const entry = entryOf(d, [
          ['chip', 5],
          ['swipe', 3],
          ['contactless', 1],
          ['keyed', 1],
        ]);
        for (let k = 0; k < count; k++) {
          const amount = minor(d, nearLimitCny(d));
          if (rng.chance(0.1)) {
            addTx(d, {
              local: t,
              amount: Math.round(amount * rng.real(1.2, 2)),
              status: 'declined',
              code: rng.pick(['51', '61', '65']),
              card,
              entry,
              origin: 'cash-out',
            });
            t += rng.int(30, 120) * 1000;
          }
          addTx(d, { local: t, amount, card, entry, origin: 'cash-out' });
          t += split ? rng.int(30, 480) * 1000 : rng.int(25, 300) * MS_MINUTE;
        }
      }
    }
  },
  measures: [['transactions-suspended'], ['credit-cards-blocked'], ['credit-cards-blocked', 'settlement-delayed'], ['limit-lowered']],
  words: {
    sms: '涉嫌信用卡套现',
    letter: '经监测，贵商户终端存在疑似信用卡套现交易（同一信用卡短时间内多笔大额整数或接近限额的交易）',
    en: 'suspected credit card cash-out',
  },
};

const fictitious: CauseSpec = {
  id: 'fictitious-transactions',
  plan: {
    mccs: ['5651', '5999', '5732', '5411', '7230', '5812', '5944', '7997', '8099'],
    days: [20, 50],
    cnyOnly: true,
    volume: [0.2, 0.7],
  },
  inject(d, s) {
    const rng = d.rng;
    const cards: Card[] = Array.from({ length: rng.int(2, 5) }, () =>
      newCard(
        d,
        rng.weighted([
          ['debit', 3],
          ['credit', 3],
          ['prepaid', 1],
        ] as const),
      ),
    );
    const prices = rng.shuffle([99, 128, 168, 199, 288, 299, 399, 588, 688, 888, 1288, 1688, 2999]).slice(0, rng.int(2, 4));
    const intervalMin = rng.int(3, 15);
    const keyed = rng.real(0.35, 0.9);
    const voidShare = rng.real(0.1, 0.35);
    const terminal = rng.pick(d.terminals);
    for (const i of span(d, rng.real(0.15, 0.55))) {
      if (!rng.chance(0.85 * s + 0.1)) continue;
      const bursts = rng.int(1, 3);
      for (let b = 0; b < bursts; b++) {
        let t = timeBetween(d, dayStart(d, i), 9, 23);
        const count = Math.max(3, Math.round(rng.int(4, 14) * s));
        for (let k = 0; k < count; k++) {
          const card = cards[k % cards.length] as Card;
          const amount = price(d, rng.pick(prices), 'yuan');
          const entry: EntryMode = rng.chance(keyed) ? 'keyed' : rng.pick(['swipe', 'chip'] as const);
          const sale = addTx(d, { local: t, amount, card, entry, terminal, origin: 'fictitious' });
          if (rng.chance(voidShare)) {
            addTx(d, {
              local: t + rng.int(40, 480) * 1000,
              amount,
              type: 'void',
              card,
              entry,
              terminal,
              refersTo: sale.id,
              origin: 'fictitious',
            });
          } else if (rng.chance(0.05)) {
            addTx(d, {
              local: t + rng.int(2, 20) * MS_HOUR,
              amount,
              type: 'refund',
              card,
              entry,
              terminal,
              refersTo: sale.id,
              origin: 'fictitious',
            });
          }
          t += intervalMin * MS_MINUTE + rng.int(-20, 20) * 1000;
        }
      }
    }
  },
  measures: [['transactions-suspended'], ['transactions-suspended', 'settlement-delayed']],
  words: {
    sms: '涉嫌虚假交易',
    letter: '经核查，贵商户存在无真实交易背景的虚假交易（刷单）嫌疑',
    en: 'suspected fictitious transactions with no real goods or services behind them',
  },
};

const settlementIrregularity: CauseSpec = {
  id: 'settlement-irregularity',
  plan: { mccs: ANY_MCC, days: [25, 60], cnyOnly: false },
  inject(d, s) {
    const rng = d.rng;
    const count = Math.max(2, Math.round(rng.int(3, 8) * s));
    const days = rng.shuffle(span(d, 0.3)).slice(0, count);
    for (const i of days) {
      const open = rng.int(2, 9);
      const amount = approvedSales(d)
        .filter((tx) => tx.local >= dayStart(d, i - open) && tx.local < dayStart(d, i))
        .reduce((sum, tx) => sum + tx.amount, 0);
      addEvent(d, {
        type: 'settlement-overdue',
        local: eventTime(d, i),
        amount: amount > 0 ? amount : undefined,
        detail: rng.pick([
          `终端批次未结算，已超过${open}日`,
          `批次号${digits(rng, 6, '0')}未按时批结，交易资金挂账${open}天`,
          `POS终端连续${open}天未做结算`,
          `Batch left open for ${open} days`,
          `未按规定日终结算（${open}日未上送结算）`,
        ]),
      });
    }
  },
  measures: [['settlement-delayed'], ['transactions-suspended']],
  words: { sms: '未按规定及时结算', letter: '贵商户终端多次未按时进行批结算，交易资金长期挂账', en: 'settlement not performed on time' },
};

const frequentLarge: CauseSpec = {
  id: 'frequent-large-amounts',
  plan: { mccs: ['5732', '5712', '5999', '5651', '5311', '7538', '5411', '5812', '8099'], days: [30, 60], cnyOnly: true },
  inject(d, s) {
    const rng = d.rng;
    const days = span(d, rng.real(0.5, 0.8));
    const rate = rng.real(1.2, 4.5) * s;
    let added = 0;
    for (const i of days) {
      const n = rng.poisson(rate);
      for (let k = 0; k < n; k++) {
        const cny = Math.min(400_000, Math.max(50_000, rng.logNormal(rng.pick([68_000, 88_000, 120_000]), 0.45)));
        addTx(d, {
          local: timeBetween(d, dayStart(d, i), 9.5, 20.5),
          amount: price(d, cny, rng.chance(0.5) ? 'yuan' : 'hundred'),
          card: newCard(d, rng.chance(0.45) ? 'credit' : 'debit'),
          entry: entryOf(d, [
            ['chip', 6],
            ['swipe', 2],
            ['contactless', 1],
          ]),
          origin: 'large',
        });
        added++;
      }
    }
    const last = days[days.length - 1] ?? d.days - 1;
    for (; added < Math.round(5 * s); added++) {
      addTx(d, {
        local: timeBetween(d, dayStart(d, last - rng.int(0, 3)), 10, 19),
        amount: price(d, rng.real(52_000, 160_000), 'yuan'),
        origin: 'large',
      });
    }
  },
  measures: [['limit-lowered'], ['settlement-delayed'], ['transactions-suspended']],
  words: { sms: '频繁大额交易', letter: '贵商户近期大额交易频繁，交易金额与经营规模明显不符', en: 'frequent large-value transactions' },
};

const highFailure: CauseSpec = {
  id: 'high-failure-rate',
  plan: { mccs: ANY_MCC, days: [20, 50], cnyOnly: false },
  inject(d, s) {
    const rng = d.rng;
    const variant = rng.weighted<string>([
      ['testing', 4],
      ['declines', 3],
      ['both', 2],
    ]);
    if (variant !== 'declines') {
      const bursts = Math.max(1, Math.round(rng.int(3, 10) * s));
      for (let b = 0; b < bursts; b++) {
        const i = rng.pick(span(d, 0.4));
        let t = rng.chance(0.6) ? timeBetween(d, dayStart(d, i), 0, 6) : timeBetween(d, dayStart(d, i), 9, 23);
        const cards = rng.int(6, 25);
        const amount = rng.chance(0.5) ? minor(d, rng.pick([1, 1, 0.01, 5, 10])) : 0;
        const entry: EntryMode = rng.pick(['keyed', 'keyed', 'swipe']);
        for (let k = 0; k < cards; k++) {
          const approved = rng.chance(0.05);
          addTx(d, {
            local: t,
            amount: amount > 0 ? amount : minor(d, rng.real(1, 50)),
            status: approved ? 'approved' : 'declined',
            code: approved ? '00' : rng.weighted(TESTING_DECLINES),
            card: newCard(d, rng.pick(['credit', 'debit', 'unknown'] as const)),
            entry,
            origin: 'card-testing',
          });
          t += rng.int(8, 70) * 1000;
        }
      }
    }
    if (variant !== 'testing') {
      const share = rng.real(0.25, 0.5) * s;
      const from = dayStart(d, Math.floor(d.days * rng.real(0, 0.5)));
      for (const sale of approvedSales(d)) {
        if (sale.local < from || !rng.chance(share)) continue;
        const tries = rng.int(1, 3);
        for (let k = tries; k >= 1; k--) {
          addTx(d, {
            local: sale.local - k * rng.int(20, 90) * 1000,
            amount: sale.amount,
            status: 'declined',
            code: rng.weighted([
              ['55', 4],
              ['14', 2],
              ['54', 2],
              ['05', 2],
              ['75', 1],
              ['61', 1],
              ['51', 2],
            ] as const),
            card: rng.chance(0.6) ? sale.card : newCard(d),
            entry: sale.entry,
            terminal: sale.terminal,
            origin: 'declines',
          });
        }
      }
    }
  },
  measures: [['transactions-suspended']],
  words: {
    sms: '交易失败率过高',
    letter: '贵商户终端交易失败率异常偏高，存在疑似测卡行为',
    en: 'abnormally high transaction failure rate',
  },
};

const security: CauseSpec = {
  id: 'security-compromise',
  plan: { mccs: ANY_MCC, days: [20, 50], cnyOnly: false },
  setup(d) {
    d.keep.add('terminals');
  },
  inject(d, s) {
    const rng = d.rng;
    const startIndex = Math.floor(d.days * rng.real(0.3, 0.75));
    const from = dayStart(d, startIndex);
    const incidents = Math.max(1, Math.round(rng.int(1, 3) * s));
    for (let k = 0; k < incidents; k++) {
      addEvent(d, {
        type: 'security-incident',
        local: eventTime(d, startIndex + rng.int(0, 5)),
        detail: rng.pick([
          '终端检测到非法程序（疑似病毒），已远程锁定',
          '密码键盘防拆触发，终端疑似被拆机',
          '终端固件存在已知漏洞，未按通知升级',
          '收银员泄露主管密码，发生异常退货',
          '疑似加装侧录设备，持卡人反映卡信息泄露',
          'Terminal reported tamper alert; unknown application installed',
          '终端主密钥异常，疑似被非法灌装',
        ]),
      });
    }
    const rogue = Array.from({ length: rng.int(1, 2) }, () => digits(rng, 8, rng.pick(['5', '6', '9'])));
    const keyShare = rng.real(0.2, 0.5) * s;
    const rogueShare = rng.real(0.1, 0.45) * s;
    for (const tx of d.txs) {
      if (tx.local < from) continue;
      if (rng.chance(keyShare)) tx.entry = rng.chance(0.6) ? 'fallback' : 'keyed';
      if (rng.chance(rogueShare)) tx.terminal = rng.pick(rogue);
    }
    for (let k = rng.int(0, 4); k > 0; k--) {
      addTx(d, {
        local: timeBetween(d, dayStart(d, rng.int(startIndex, d.days - 1)), 8, 23),
        amount: price(d, rng.real(800, 6000), 'yuan'),
        type: 'refund',
        card: newCard(d, 'debit'),
        entry: 'keyed',
        origin: 'security',
      });
    }
  },
  measures: [['transactions-suspended'], ['transactions-suspended', 'terminal-recalled']],
  words: {
    sms: '终端存在安全风险',
    letter: '贵商户终端存在安全隐患（疑似被植入恶意程序或存在设备漏洞），为保障持卡人资金安全',
    en: 'terminal security risk detected',
  },
};

function awayPlace(d: Draft): Point {
  const foreign = FOREIGN_AWAY[d.zone];
  return foreign !== undefined ? d.rng.pick(foreign) : farPlace(d);
}

const relocation: CauseSpec = {
  id: 'terminal-relocation',
  plan: { mccs: ANY_MCC, days: [25, 60], cnyOnly: false },
  setup(d) {
    d.keep.add('location');
    d.keep.add('txLocation');
  },
  inject(d, s) {
    const rng = d.rng;
    const place = awayPlace(d);
    const from = dayStart(d, Math.floor(d.days * rng.real(0.3, 0.7)));
    const roaming = s < 1 || rng.chance(0.3);
    const share = roaming ? rng.real(0.3, 0.6) : rng.real(0.85, 1);
    const movedDays = new Set<number>();
    for (let day = from; day < periodEnd(d); day += MS_DAY) if (rng.chance(share)) movedDays.add(day);
    for (const tx of d.txs) {
      const day = Math.floor(tx.local / MS_DAY) * MS_DAY;
      if (tx.local >= from && (roaming ? movedDays.has(day) : rng.chance(share))) tx.location = jitter(d, place, 0.03);
    }
  },
  measures: [['transactions-suspended'], ['terminal-recalled']],
  words: {
    sms: '终端移机使用',
    letter: '经监测，贵商户POS终端在非登记地址使用（异地移机）',
    en: 'terminal used away from its registered address',
  },
};

const complaints: CauseSpec = {
  id: 'complaints-and-disputes',
  plan: { mccs: [...ANY_MCC, '7997', '8299', '7298', '5944'], days: [30, 60], cnyOnly: false },
  inject(d, s) {
    const rng = d.rng;
    const sales = approvedSales(d).filter((tx) => tx.local < periodEnd(d) - 5 * MS_DAY);
    const chargebacks = Math.min(Math.floor(sales.length / 3), Math.max(2, Math.round(rng.int(3, 12) * s)));
    const byAmount = sales.slice().sort((a, b) => b.amount - a.amount);
    const pool = byAmount.slice(0, Math.max(chargebacks * 3, 10));
    for (const sale of rng.shuffle(pool).slice(0, chargebacks)) {
      const at = Math.min(sale.local + rng.int(3, 40) * MS_DAY, periodEnd(d) - MS_HOUR * 6);
      addEvent(d, {
        type: 'chargeback',
        local: at,
        transactionId: sale.id,
        amount: sale.amount,
        detail: rng.pick([
          '退单：持卡人否认交易',
          '退单原因：未收到商品或服务',
          '调单后退单：商户未能提供签购单',
          '持卡人称重复扣款',
          'Chargeback: cardholder disputes the sale',
          '退单：商品与描述不符',
        ]),
      });
    }
    const count = Math.max(2, Math.round(rng.int(4, 14) * s));
    for (let k = 0; k < count; k++) {
      const sale = rng.chance(0.5) ? rng.pick(sales) : undefined;
      addEvent(d, {
        type: 'complaint',
        local: eventTime(d, rng.int(Math.floor(d.days / 4), d.days - 1)),
        transactionId: sale?.id,
        amount: sale?.amount,
        detail: rng.pick([
          '消费者投诉：预付卡无法消费、商家拒绝退款',
          '持卡人投诉未收到货物',
          '投诉商户服务质量，要求退款',
          '12345热线转办：商户收费与宣传不符',
          '持卡人投诉被诱导刷卡',
          '投诉：未经同意多扣款',
          'Customer complaint: goods not delivered',
          '恶意投诉嫌疑：同一持卡人多次投诉',
        ]),
      });
    }
  },
  measures: [['settlement-delayed'], ['transactions-suspended']],
  words: { sms: '投诉及拒付较多', letter: '贵商户近期持卡人投诉及退单较多', en: 'high level of complaints and chargebacks' },
};

/** Registered low-fee or benefit categories that a merchant might borrow. */
const BORROWED_MCCS = ['5411', '5541', '8062', '8211', '5499', '4121', '5814', '8220'];
/** What such merchants really sell. */
const REAL_MCCS = ['5944', '5732', '5813', '5712', '5122', '5039', '7298', '5511', '5045'];

const mccMismatch: CauseSpec = {
  id: 'mcc-mismatch',
  plan: { mccs: REAL_MCCS, days: [25, 60], cnyOnly: true },
  setup(d, _s, lead) {
    if (!lead) return;
    d.mcc = d.rng.pick(BORROWED_MCCS.filter((mcc) => mcc !== d.profile.mcc));
    d.merchantNumber = `${d.merchantNumber.slice(0, 7)}${d.mcc}${d.merchantNumber.slice(11)}`;
    if (d.id.startsWith('898')) d.id = d.merchantNumber;
    if (d.rng.chance(0.5)) d.name = `${d.city.name}${d.rng.pick(BRANDS)}${d.rng.pick(profileOf(d.mcc).suffixes)}`;
  },
  inject(d, s) {
    if (s >= 1) return; // the whole trade already follows the real business
    const real = profileOf(d.rng.pick(REAL_MCCS.filter((mcc) => mcc !== d.mcc)));
    ordinaryTrade(d, { profile: real, factor: () => 0.6, origin: 'mcc-mismatch', from: Math.floor(d.days * 0.3) });
  },
  measures: [['transactions-suspended'], ['limit-lowered']],
  words: {
    sms: '商户类别码与实际经营不符',
    letter: '经核查，贵商户实际经营范围与登记的商户类别（MCC）不符，存在套用优惠费率类别码的情况',
    en: 'registered MCC does not match the actual business',
  },
};

const contractEnded: CauseSpec = {
  id: 'contract-ended',
  plan: { mccs: ANY_MCC, days: [25, 60], cnyOnly: false },
  alwaysSuspended: true,
  setup(d) {
    const rng = d.rng;
    const endIndex = rng.chance(0.25) ? -rng.int(5, 60) : Math.floor(d.days * rng.real(0.45, 0.95));
    d.contract = { status: rng.chance(0.7) ? 'expired' : 'terminated', endsAt: dayStart(d, endIndex) };
    d.keep.add('contract');
  },
  inject(d) {
    const rng = d.rng;
    const endsAt = d.contract?.endsAt ?? d.start;
    if (endsAt > d.start + 30 * MS_DAY) {
      addEvent(d, {
        type: 'contract-change',
        local: endsAt - 30 * MS_DAY + 10 * MS_HOUR,
        detail: `收单服务协议将于${dateOf(endsAt)}到期，请及时续签`,
      });
    }
    if (endsAt >= d.start) {
      addEvent(d, {
        type: 'contract-change',
        local: endsAt + rng.int(9, 17) * MS_HOUR,
        detail: rng.pick([
          '合同到期未续签',
          '收单服务协议已到期终止',
          'Acquiring agreement expired, not renewed',
          d.contract?.status === 'terminated' ? '双方协商一致解除收单服务协议' : '协议期满，商户未办理续约',
        ]),
      });
    }
    if (rng.chance(0.5)) {
      // the host refuses the merchant after the end (invalid merchant / not permitted)
      const cutoff = Math.max(endsAt, d.start) + rng.int(0, 5) * MS_DAY;
      for (const tx of d.txs) {
        if (tx.local >= cutoff && tx.type === 'sale' && rng.chance(0.9)) {
          tx.status = 'declined';
          tx.code = rng.pick(['03', '58', '03']);
          delete tx.authCode;
        }
      }
      d.txs = d.txs.filter((tx) => !(tx.local >= cutoff && tx.type !== 'sale' && tx.type !== 'preauth') || rng.chance(0.2));
    }
  },
  measures: [['service-terminated'], ['transactions-suspended']],
  words: { sms: '合作协议到期', letter: '贵商户与我司签订的银行卡收单服务协议已到期', en: 'the acquiring agreement has ended' },
};

const RECTIFIED: Readonly<Record<string, readonly string[]>> = {
  '8299': ['关于进一步减轻义务教育阶段学生作业负担和校外培训负担的意见：暂停学科类培训机构收单', '校外培训机构预收费资金监管专项整治'],
  '7997': ['关于开展预付式消费领域风险专项整治的通知（健身行业）', '预付卡“跑路”风险排查：暂停大额预付收款'],
  '7298': ['关于开展预付式消费领域风险专项整治的通知（美容养生）', '养生保健行业虚假宣传专项整治'],
  '7230': ['关于开展预付式消费领域风险专项整治的通知（美容美发）'],
  '5933': ['典当行业清理整顿通知', '关于规范典当行业收单业务的通知'],
  '7994': ['关于开展涉赌风险游戏游艺场所专项整治的通知', '游戏游艺场所违规经营排查'],
};

const policy: CauseSpec = {
  id: 'policy-rectification',
  plan: { mccs: Object.keys(RECTIFIED), days: [20, 50], cnyOnly: true },
  inject(d, s) {
    const rng = d.rng;
    const texts = RECTIFIED[d.mcc] ?? [
      '根据《关于加强支付受理终端及相关业务管理的通知》（银发〔2021〕259号）开展存量商户整治',
      '行业专项整治：暂停高风险行业商户收单',
    ];
    const count = Math.max(1, Math.round(rng.int(1, 3) * s));
    for (let k = 0; k < count; k++)
      addEvent(d, { type: 'regulatory-notice', local: eventTime(d, rng.int(Math.floor(d.days / 3), d.days - 1)), detail: rng.pick(texts) });
  },
  measures: [['transactions-suspended'], ['service-terminated'], ['settlement-delayed']],
  words: {
    sms: '根据监管政策要求',
    letter: '根据监管部门关于行业专项整治的要求，暂停相关行业商户的收单服务',
    en: 'regulatory rectification of the sector',
  },
};

const kyc: CauseSpec = {
  id: 'kyc-deficiency',
  plan: { mccs: ANY_MCC, days: [20, 50], cnyOnly: false },
  setup(d) {
    const rng = d.rng;
    const variant = rng.weighted<string>([
      ['expired', 6],
      ['unverified', 2.5],
      ['both', 1.5],
    ]);
    const end = periodEnd(d);
    d.kyc = {
      verified: variant === 'expired' ? (rng.chance(0.6) ? true : undefined) : false,
      documentsExpireAt: variant === 'unverified' ? end + rng.int(200, 2000) * MS_DAY : end - rng.int(3, 400) * MS_DAY,
    };
    if (d.kyc.verified === undefined) delete d.kyc.verified;
    d.keep.add('kyc');
  },
  inject(d, s) {
    const rng = d.rng;
    const count = Math.max(1, Math.round(rng.int(1, 3) * s));
    for (let k = 0; k < count; k++) {
      addEvent(d, {
        type: 'kyc-notice',
        local: eventTime(d, rng.int(0, d.days - 1)),
        detail: rng.pick(
          d.kyc?.verified === false
            ? [
                '商户实名信息核验未通过（法人身份信息与公安系统不一致）',
                '请补充受益所有人信息并完成实名认证',
                'Merchant identity not verified',
              ]
            : [
                '营业执照有效期已届满，请于15日内提交更新后的证照',
                '法定代表人身份证件已过期，请更新',
                'Business licence expired: please upload the renewed licence',
              ],
        ),
      });
    }
  },
  measures: [['transactions-suspended'], ['settlement-delayed']],
  words: {
    sms: '商户资料过期',
    letter: '贵商户营业执照或法人身份证件已过期（或未完成实名核验），请及时更新资料',
    en: 'merchant documents expired or identity not verified',
  },
};

const dormant: CauseSpec = {
  id: 'dormant-account',
  plan: { mccs: ANY_MCC, days: [120, 240], cnyOnly: false, volume: [0.3, 0.8] },
  alwaysSuspended: true,
  setup(d) {
    d.keep.add('window');
  },
  trade(d) {
    const gap = d.rng.int(75, Math.min(d.days - 10, 220));
    ordinaryTrade(d, { to: d.days - gap - 1 });
    d.story.push(`last sale ${gap} days before the end`);
  },
  inject(d) {
    const rng = d.rng;
    if (rng.chance(0.3)) {
      for (let k = rng.int(1, 2); k > 0; k--) {
        addTx(d, {
          local: timeBetween(d, dayStart(d, d.days - rng.int(1, 6)), 10, 18),
          amount: ordinaryTicket(d),
          status: 'declined',
          code: rng.pick(['58', '62', '03']),
          origin: 'dormant',
        });
      }
    }
  },
  measures: [['transactions-suspended'], ['terminal-recalled']],
  words: { sms: '长期未发生交易', letter: '贵商户终端已连续较长时间未发生交易，根据协议予以停用', en: 'no transactions for a long period' },
};

const fraud: CauseSpec = {
  id: 'fraud-related-freeze',
  plan: { mccs: ['5411', '5999', '5499', '5812', '7230', '5651', '5732', '7994', '5814'], days: [20, 45], cnyOnly: true },
  alwaysSuspended: true,
  inject(d, s) {
    const rng = d.rng;
    const city = rng.pick([
      '深圳市',
      '温州市',
      '泉州市',
      '昆明市',
      '南宁市',
      '合肥市',
      '长春市',
      d.city.name + (d.city.currency === 'CNY' ? '市' : ''),
    ]);
    const pattern = rng.chance(0.75);
    let total = 0;
    if (pattern) {
      const odd = rng.real(0.4, 0.8);
      for (const i of span(d, rng.real(0.4, 0.75))) {
        for (let n = rng.int(3, 15) * s; n > 0; n--) {
          const amount = minor(
            d,
            rng.chance(0.65)
              ? rng.pick([100, 200, 300, 500, 500, 800, 1000, 1000, 2000, 3000, 5000])
              : rng.pick([520, 666, 888, 1314, 1288, 4999, 168]),
          );
          const local = rng.chance(odd) ? timeBetween(d, dayStart(d, i), 0, 5.5) : timeBetween(d, dayStart(d, i), 19, 24);
          const declined = rng.chance(0.08);
          addTx(d, {
            local,
            amount,
            status: declined ? 'declined' : 'approved',
            code: declined ? '51' : '00',
            card: newCard(d, rng.chance(0.7) ? 'debit' : 'credit'),
            entry: entryOf(d, [
              ['qr', 4],
              ['contactless', 3],
              ['swipe', 1],
              ['chip', 1],
            ]),
            origin: 'fraud-funds',
          });
          if (!declined) total += amount;
        }
      }
    }
    const last = d.days - 1;
    const events = !pattern || rng.chance(0.85);
    if (events) {
      if (rng.chance(0.8)) {
        addEvent(d, {
          type: 'fund-freeze',
          local: eventTime(d, last - rng.int(0, 3)),
          amount: total > 0 ? Math.round(total * rng.real(0.3, 1)) : minor(d, rng.int(5000, 300_000)),
          detail: rng.pick([
            `${city}${rng.pick(OFFICES)}《协助冻结财产通知书》：冻结商户结算账户资金，期限六个月`,
            `司法冻结：${city}${rng.pick(OFFICES)}依法冻结涉案资金（涉嫌电信网络诈骗）`,
            'Funds frozen by order of the public security bureau (telecom fraud case)',
          ]),
        });
      }
      addEvent(d, {
        type: 'law-enforcement-request',
        local: eventTime(d, last - rng.int(2, 10)),
        detail: rng.pick([
          `${city}${rng.pick(OFFICES)}协查函：调取商户交易流水（涉嫌电信网络诈骗）`,
          `断卡行动：${city}${rng.pick(OFFICES)}要求核查商户收款来源`,
          `${city}反诈中心预警：商户收款账户疑似为诈骗资金提供结算`,
          '协助查询：涉嫌帮助信息网络犯罪活动',
        ]),
      });
    } else {
      d.story.push('only the notice names the freeze');
    }
  },
  measures: [['funds-frozen', 'transactions-suspended'], ['funds-frozen'], ['funds-frozen', 'settlement-delayed']],
  words: {
    sms: '涉嫌电信网络诈骗，应公安机关要求',
    letter: '根据公安机关协查要求，贵商户收款涉嫌电信网络诈骗资金流转，相关资金已予以冻结，解冻需联系办案机关',
    en: 'funds frozen at the request of public security (suspected telecom fraud)',
  },
};

const LOW_FEE_MCCS = ['5411', '8062', '5541', '8211', '5311', '4900', '5499'];

const codeJumping: CauseSpec = {
  id: 'code-jumping',
  plan: { mccs: ['5813', '5944', '5732', '5511', '7011', '7298', '5712', '5812', '5651'], days: [20, 50], cnyOnly: true },
  setup(d) {
    d.id = d.merchantNumber;
    d.keep.add('merchantNumber');
  },
  inject(d, s) {
    const rng = d.rng;
    const byNumber = rng.chance(0.65);
    const others = Array.from({ length: rng.int(1, 3) }, () => {
      const mcc = rng.pick(LOW_FEE_MCCS.filter((m) => m !== d.mcc));
      const area = rng.chance(0.6) ? d.merchantNumber.slice(3, 7) : rng.pick(['2900', '5840', '3310', '6510', '4910']);
      return { mcc, number: `898${area}${mcc}${digits(rng, 4, String(rng.int(0, 9)))}` };
    });
    if (!byNumber) d.keep.add('txMcc');
    const share = rng.real(0.2, 0.7) * s;
    const from = dayStart(d, Math.floor(d.days * rng.real(0, 0.5)));
    for (const tx of d.txs) {
      if (tx.local < from || tx.type === 'void') continue;
      const bias = tx.amount > 100_000 ? 1.5 : 1;
      if (!rng.chance(Math.min(1, share * bias))) continue;
      const other = rng.pick(others);
      if (byNumber) {
        tx.merchantNumber = other.number;
        if (rng.chance(0.5)) tx.mcc = other.mcc;
      } else {
        tx.mcc = other.mcc;
      }
    }
  },
  measures: [['transactions-suspended'], ['service-terminated']],
  words: {
    sms: '涉嫌跳码/串码',
    letter: '经监测，贵商户交易存在跳码（使用非本商户编号或类别码上送交易）的情况',
    en: 'transactions sent under another merchant number or MCC',
  },
};

const microLimit: CauseSpec = {
  id: 'micro-merchant-limit',
  plan: { mccs: ['5499', '5814', '7230', '5999', '5812', '4121', '5651', '5912'], days: [25, 60], cnyOnly: true, volume: [0.4, 1] },
  setup(d) {
    const rng = d.rng;
    d.kind = rng.chance(0.75) ? 'individual' : 'individual-business';
    const perSale = rng.pick([2000, 5000, 10_000]);
    const perDay = Math.max(perSale * 2, rng.pick([10_000, 20_000, 50_000]));
    const perMonth = Math.max(perDay * 5, rng.pick([100_000, 200_000, 300_000]));
    const limits: { perSale?: number; perDay?: number; perMonth?: number } = {};
    if (rng.chance(0.8)) limits.perSale = perSale * 100;
    limits.perDay = perDay * 100;
    if (rng.chance(0.7)) limits.perMonth = perMonth * 100;
    d.limits = limits;
    d.singleSaleLimit = undefined;
    delete d.singleSaleLimit;
    d.keep.add('kind');
    d.keep.add('limits');
  },
  inject(d, s) {
    const rng = d.rng;
    const perSale = d.limits?.perSale;
    const perDay = d.limits?.perDay ?? 2_000_000;
    const days = rng.shuffle(span(d, rng.real(0.1, 0.5))).slice(0, Math.max(2, Math.round(rng.int(3, 12) * s)));
    for (const i of days) {
      const target = perDay * rng.real(1.2, 3);
      let sum = 0;
      let t = timeBetween(d, dayStart(d, i), 9, 13);
      while (sum < target) {
        const amount =
          perSale !== undefined
            ? Math.round((perSale * rng.real(1.05, 2.5)) / 100) * 100
            : Math.round((perDay * rng.real(0.3, 0.7)) / 100) * 100;
        if (rng.chance(0.12)) addTx(d, { local: t - 60_000, amount, status: 'declined', code: '61', origin: 'over-limit' });
        addTx(d, { local: t, amount, card: newCard(d), origin: 'over-limit' });
        sum += amount;
        t += rng.int(10, 120) * MS_MINUTE;
      }
    }
  },
  measures: [['limit-lowered'], ['transactions-suspended']],
  words: {
    sms: '小微商户交易超限',
    letter: '贵商户为小微商户，近期收款金额超出约定限额，存在超范围经营情况',
    en: 'micro-merchant receiving limits exceeded',
  },
};

const acquirerExit: CauseSpec = {
  id: 'acquirer-exit',
  plan: { mccs: ANY_MCC, days: [20, 50], cnyOnly: false },
  alwaysSuspended: true,
  setup(d, _s, lead) {
    if (!lead) return;
    if (d.rng.chance(0.6)) d.contract = { status: 'active', endsAt: periodEnd(d) + d.rng.int(10, 90) * MS_DAY };
  },
  inject(d) {
    const rng = d.rng;
    if (rng.chance(0.7)) {
      addEvent(d, {
        type: 'contract-change',
        local: eventTime(d, d.days - rng.int(5, 20)),
        detail: rng.pick([
          `收单机构业务调整：我司将停止在${d.city.name}地区的银行卡收单业务`,
          `终端型号停止服务，需更换新型号终端（${rng.pick(['VX520', 'S90', 'P2000', 'A8'])}）`,
          '因支付业务许可范围调整，终止收单服务',
          'Acquirer exiting the market: service ends',
          '我司收单业务整体迁移，原终端将统一收回',
        ]),
      });
    }
  },
  measures: [['service-terminated'], ['terminal-recalled'], ['service-terminated', 'terminal-recalled']],
  words: {
    sms: '我司业务调整，终止收单服务',
    letter: '因我司业务调整，将于近期终止收单服务，请您及时更换收单机构，由此带来的不便敬请谅解',
    en: 'the acquirer is ending the service for its own business reasons',
  },
};

const settlementAccount: CauseSpec = {
  id: 'settlement-account-problem',
  plan: { mccs: ANY_MCC, days: [20, 50], cnyOnly: false },
  inject(d, s) {
    const rng = d.rng;
    const reason = rng.pick([
      '账户已销户',
      '收款账户已挂失',
      '账户状态异常（冻结）',
      '户名与商户名称不符',
      '对私结算账户非法定代表人本人',
      '账号不存在',
      'account closed',
    ]);
    const count = Math.max(2, Math.round(rng.int(2, 6) * s));
    const first = Math.floor(d.days * rng.real(0.4, 0.85));
    for (let k = 0; k < count; k++) {
      const i = Math.min(d.days - 1, first + k * rng.int(1, 2));
      const amount = approvedSales(d)
        .filter((tx) => tx.local >= dayStart(d, i - 1) && tx.local < dayStart(d, i))
        .reduce((sum, tx) => sum + tx.amount, 0);
      addEvent(d, {
        type: 'settlement-failed',
        local: eventTime(d, i),
        amount: amount > 0 ? amount : undefined,
        detail: rng.pick([
          `结算失败：${reason}`,
          `T+1结算退票：${reason}`,
          `入账失败（${reason}），资金退回`,
          `Settlement failed: ${reason}`,
        ]),
      });
    }
  },
  measures: [['settlement-delayed'], ['settlement-delayed', 'transactions-suspended']],
  words: {
    sms: '结算账户异常',
    letter: '贵商户结算账户状态异常（已销户、挂失、冻结或户名不符），资金无法入账',
    en: 'problem with the settlement account',
  },
};

/** Every cause, in catalog order. */
export const CAUSE_SPECS: Readonly<Record<CauseId, CauseSpec>> = {
  'credit-card-cash-out': cashOut,
  'fictitious-transactions': fictitious,
  'settlement-irregularity': settlementIrregularity,
  'frequent-large-amounts': frequentLarge,
  'high-failure-rate': highFailure,
  'security-compromise': security,
  'terminal-relocation': relocation,
  'complaints-and-disputes': complaints,
  'mcc-mismatch': mccMismatch,
  'contract-ended': contractEnded,
  'policy-rectification': policy,
  'kyc-deficiency': kyc,
  'dormant-account': dormant,
  'fraud-related-freeze': fraud,
  'code-jumping': codeJumping,
  'micro-merchant-limit': microLimit,
  'acquirer-exit': acquirerExit,
  'settlement-account-problem': settlementAccount,
};

/** Causes whose only trace is what the acquirer says or records (no transaction shape). */
export const STATEMENT_ONLY: ReadonlySet<CauseId> = new Set(['acquirer-exit']);

export type { DraftTx };
