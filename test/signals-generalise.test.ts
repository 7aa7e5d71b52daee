import { describe, expect, it } from 'vitest';
import { computeSignals, parseCaseFile, type Signals } from '../src/index.js';
import mccProfiles from '../src/signals/data/mcc-profiles.json';
import {
  isOutageResponseCode,
  isSuspiciousResponseCode,
  mccHoursOf,
  responseCodeFamily,
  takesDeposits,
} from '../src/signals/referenceData.js';
import { caseFile, decline, sale } from './support/factories.js';

type Input = Parameters<typeof caseFile>;
const signalsOf = (...args: Input): Signals => computeSignals(parseCaseFile(caseFile(...args)));
const credit = (token: string, amount: number, day: number, hour = 12) => sale({ amount, day, hour, card: { token, kind: 'credit' } });
const debit = (token: string, amount: number, day: number, hour = 12) => sale({ amount, day, hour, card: { token, kind: 'debit' } });

describe('new signals on an empty window, one card and zero amounts', () => {
  const names = [
    'outsideMccHoursShare',
    'nearLimitBandCreditShare',
    'nearLimitBandRepeatCards',
    'nearLimitBandRepeatSaleCount',
    'returningLargeCreditCards',
    'returningLargeCreditValueShare',
    'topCreditCardsValueShare',
    'nightLargeSaleCount',
    'nightLargeReturningCards',
    'nightLargeReturningSaleCount',
    'keyedCardCount',
    'keyedCardSaleCount',
    'keyedCardRepeatedAmountShare',
    'keyedCardQuickReversalShare',
    'outageDeclineCount',
    'cardDeclineRate',
    'longestFarDayRun',
  ] as const;

  it('are all 0 for an empty window', () => {
    const s = signalsOf([], { window: { from: '2026-03-01T00:00:00+08:00', to: '2026-03-31T00:00:00+08:00' } });
    expect(Object.fromEntries(names.map((n) => [n, s[n]]))).toEqual(Object.fromEntries(names.map((n) => [n, 0])));
  });

  it('stay finite with only zero-amount sales', () => {
    // The contract may admit zero amounts (card verification); the signals must not divide by them.
    const parsed = parseCaseFile(caseFile([credit('a', 1, 2), credit('a', 1, 3), credit('a', 1, 4, 23.5)], { merchant: { mcc: '5411' } }));
    for (const tx of parsed.transactions) (tx as { amount: number }).amount = 0;
    const s = computeSignals(parsed);
    expect([s.topCreditCardsValueShare, s.returningLargeCreditCards, s.nightLargeSaleCount, s.nearLimitBandCreditShare]).toEqual([
      0, 0, 0, 0,
    ]);
    expect(s.keyedCardRepeatedAmountShare).toBe(0);
  });

  it('treat one card paying everything as full concentration', () => {
    const s = signalsOf([credit('a', 50_000, 2), credit('a', 70_000, 3)]);
    expect(s.topCreditCardsValueShare).toBe(1);
  });
});

describe('cash-out without whole hundreds', () => {
  it('counts varied credit sums in the band under a limit, large for the category, by cards that come back to it', () => {
    const s = signalsOf(
      [credit('a', 913_700, 2), credit('a', 987_150, 5), credit('b', 952_340, 3), debit('c', 951_000, 4), credit('d', 120_000, 4)],
      { merchant: { mcc: '5411' } },
    );
    // a: two band sales; b: one; c is a debit card; d is far below the band.
    expect([s.nearLimitBandRepeatCards, s.nearLimitBandRepeatSaleCount, s.nearLimitBandCreditShare]).toEqual([1, 2, 0.6]);
  });

  it("uses the merchant's own per-sale limit, and does not count a sum ordinary for the category", () => {
    const txs = [credit('a', 1_380_000, 2), credit('a', 1_420_000, 3)];
    expect(signalsOf(txs, { merchant: { mcc: '5411', limits: { perSale: 1_500_000 } } }).nearLimitBandRepeatCards).toBe(1);
    expect(signalsOf(txs, { merchant: { mcc: '5411', singleSaleLimit: 1_500_000 } }).nearLimitBandRepeatCards).toBe(1);
    expect(signalsOf(txs, { merchant: { mcc: '5411' } }).nearLimitBandRepeatCards).toBe(0);
    // At a wholesaler of computers (typical 5,000 CNY) a 9,500 CNY order is not large for the category.
    const orders = [credit('w', 950_000, 2), credit('w', 962_000, 6)];
    expect(signalsOf(orders, { merchant: { mcc: '5045' } }).nearLimitBandRepeatCards).toBe(0);
    expect(signalsOf(orders, { merchant: { mcc: '5411' } }).nearLimitBandRepeatCards).toBe(1);
  });

  it('counts credit cards returning with large tickets on three distinct days, and their share of the value', () => {
    const s = signalsOf(
      [
        credit('a', 300_000, 2),
        credit('a', 300_000, 2, 15),
        credit('a', 310_000, 5),
        credit('a', 320_000, 9),
        credit('b', 300_000, 2),
        credit('b', 300_000, 3),
        debit('c', 20_000, 4),
      ],
      { merchant: { mcc: '5812' } },
    );
    // a: three days; b: two days.
    expect(s.returningLargeCreditCards).toBe(1);
    expect(s.returningLargeCreditValueShare).toBeCloseTo(1_230_000 / 1_850_000, 6);
  });

  it('needs a large ticket for the category, not just a large one in a restaurant sense', () => {
    const txs = [credit('a', 300_000, 2), credit('a', 300_000, 5), credit('a', 300_000, 9)];
    expect(signalsOf(txs, { merchant: { mcc: '5812' } }).returningLargeCreditCards).toBe(1);
    // A furniture store's typical ticket is 5,000 CNY: 3,000 CNY is not large there.
    expect(signalsOf(txs, { merchant: { mcc: '5712' } }).returningLargeCreditCards).toBe(0);
    // An unknown MCC falls back to 5,000 CNY.
    expect(signalsOf(txs, { merchant: { mcc: '1234' } }).returningLargeCreditCards).toBe(0);
  });

  it('counts late-night large tickets and the cards that pay them on two or more nights', () => {
    const s = signalsOf(
      [credit('a', 250_000, 2, 23.5), credit('a', 310_000, 4, 1), credit('b', 280_000, 3, 0.5), credit('c', 280_000, 3, 13)],
      {
        merchant: { mcc: '5812' },
      },
    );
    expect([s.nightLargeSaleCount, s.nightLargeReturningCards, s.nightLargeReturningSaleCount]).toEqual([3, 1, 2]);
  });
});

describe('keyed-card cluster', () => {
  it('measures repeated price points and quick voids within the cluster, not diluted by other customers', () => {
    const keyed = (token: string, amount: number, day: number, id?: string) =>
      sale({ amount, day, card: { token, kind: 'debit' }, entryMode: 'keyed', ...(id ? { id } : {}) });
    const genuine = Array.from({ length: 40 }, (_, i) => debit(`g${i}`, 5_000 + i * 37, 1 + (i % 20)));
    const s = signalsOf([
      ...genuine,
      keyed('k1', 19_900, 2, 'k1a'),
      keyed('k1', 19_900, 3),
      keyed('k1', 29_900, 4),
      keyed('k2', 39_900, 2),
      keyed('k2', 39_900, 5),
      sale({ amount: 39_900, day: 6, card: { token: 'k2', kind: 'debit' }, entryMode: 'chip' }),
      // one keyed sale of a card with only two sales: not in the cluster
      keyed('k3', 19_900, 2),
      keyed('k3', 19_900, 3),
      sale({ type: 'void', amount: 19_900, day: 2, hour: 12.5, refersTo: 'k1a', card: { token: 'k1', kind: 'debit' } }),
    ]);
    expect([s.keyedCardCount, s.keyedCardSaleCount]).toEqual([2, 6]);
    // k1: 19,900 twice; k2: 39,900 three times → 5 of 6.
    expect(s.keyedCardRepeatedAmountShare).toBeCloseTo(5 / 6, 6);
    expect(s.keyedCardQuickReversalShare).toBeCloseTo(1 / 6, 6);
    expect(s.keyedShare).toBeLessThan(0.2);
  });
});

describe('deposits released at check-out', () => {
  const stay = [
    sale({ id: 'dep', amount: 100_000, day: 2, hour: 15, card: { token: 'g', kind: 'credit' } }),
    sale({ type: 'refund', amount: 100_000, day: 3, hour: 11, refersTo: 'dep', card: { token: 'g', kind: 'credit' } }),
  ];
  it('are not quick refunds at a hotel, but are at a shop', () => {
    expect(signalsOf(stay, { merchant: { mcc: '7011' } }).quickRefundShare).toBe(0);
    expect(signalsOf(stay, { merchant: { mcc: '5651' } }).quickRefundShare).toBe(1);
  });
  it('still count a same-day void at a hotel', () => {
    const voided = [
      stay[0] as (typeof stay)[number],
      sale({ type: 'void', amount: 100_000, day: 2, hour: 15.2, refersTo: 'dep', card: { token: 'g', kind: 'credit' } }),
    ];
    expect(signalsOf(voided, { merchant: { mcc: '7011' } }).quickRefundShare).toBe(1);
  });
});

describe('response-code families', () => {
  it('groups codes by what the decline says', () => {
    expect(responseCodeFamily('91')?.family).toBe('issuer-unavailable');
    expect(responseCodeFamily(' 96 ')?.family).toBe('system-error');
    expect(responseCodeFamily('Issuer-Unavailable')?.family).toBe('issuer-unavailable');
    expect(responseCodeFamily('51')?.family).toBe('insufficient-funds');
    expect(responseCodeFamily('zz')).toBeUndefined();
    expect(responseCodeFamily(undefined)).toBeUndefined();
    expect([
      isSuspiciousResponseCode('55'),
      isSuspiciousResponseCode('14'),
      isSuspiciousResponseCode('54'),
      isSuspiciousResponseCode('59'),
    ]).toEqual([true, true, true, true]);
    expect([isSuspiciousResponseCode('51'), isSuspiciousResponseCode('05'), isSuspiciousResponseCode('91')]).toEqual([false, false, false]);
    expect([isOutageResponseCode('68'), isOutageResponseCode('98'), isOutageResponseCode('51')]).toEqual([true, true, false]);
  });

  it('leaves outage declines out of the card decline rate and of card-testing bursts', () => {
    const outage = Array.from({ length: 8 }, (_, i) =>
      decline({ hour: 14 + i / 60, responseCode: i % 2 ? '91' : '96', card: { token: `c${i}`, kind: 'debit' } }),
    );
    const s = signalsOf([...outage, sale({ hour: 10 }), sale({ hour: 11 })]);
    expect([s.declineRate, s.outageDeclineCount, s.cardDeclineRate, s.cardTestingBursts]).toEqual([0.8, 8, 0, 0]);
    const testing = outage.map((tx) => ({ ...tx, responseCode: '14' }));
    const t = signalsOf([...testing, sale({ hour: 10 }), sale({ hour: 11 })]);
    expect([t.cardDeclineRate, t.cardTestingBursts]).toEqual([0.8, 1]);
  });
});

describe('longest far-away run', () => {
  const home = { lat: 34.2658, lng: 108.9541 };
  const away = { lat: 34.7466, lng: 113.6254 };
  const at = (day: number, location: typeof home) => sale({ day, location });

  it('counts consecutive trading days mostly far from home, skipping days without trade', () => {
    const txs = [at(1, home), at(2, away), at(3, away), at(3, home), at(3, away), at(5, away), at(6, away), at(7, home), at(8, away)];
    // days 2, 3, (4 closed), 5, 6 → 4; day 7 breaks it.
    expect(signalsOf(txs, { merchant: { location: home } }).longestFarDayRun).toBe(4);
    expect(signalsOf(txs).longestFarDayRun).toBe(0);
  });

  it('does not count a day split evenly', () => {
    expect(signalsOf([at(2, away), at(2, home)], { merchant: { location: home } }).longestFarDayRun).toBe(0);
  });
});

describe('MCC hours and reference data', () => {
  it('measures sales outside the usual hours of the category, and does not judge unlisted or round-the-clock ones', () => {
    const txs = [sale({ hour: 21.5 }), sale({ hour: 2 }), sale({ hour: 10 }), sale({ hour: 20.5 })];
    expect(signalsOf(txs, { merchant: { mcc: '8011' } }).outsideMccHoursShare).toBe(0.5);
    expect(signalsOf(txs, { merchant: { mcc: '5812' } }).outsideMccHoursShare).toBe(0);
    expect(signalsOf(txs, { merchant: { mcc: '1234' } }).outsideMccHoursShare).toBe(0);
    expect(mccHoursOf('7011')).toBeUndefined();
    expect(takesDeposits('7011')).toBe(true);
    expect(takesDeposits('5411')).toBe(false);
  });

  it('gives a source for the medical, education, car, furniture, jewellery and wholesale tickets', () => {
    const profiles = mccProfiles.profiles as Record<string, { name: string; source?: string }>;
    for (const mcc of ['8011', '8021', '8062', '8099', '8211', '8220', '8299', '5511', '5712', '5944', '5045', '5137']) {
      expect(profiles[mcc]?.source, mcc).toMatch(/estimate|统计公报/);
    }
    for (const [mcc, profile] of Object.entries(profiles))
      if (profile.name.includes('(wholesale)')) expect(profile.source, mcc).toBeTruthy();
  });
});
