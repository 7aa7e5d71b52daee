import { describe, expect, it } from 'vitest';
import { computeSignals, parseCaseFile, SIGNAL_CATALOG, SIGNAL_NAMES, type Signals } from '../src/index.js';
import { caseFile, decline, sale } from './support/factories.js';

type Input = Parameters<typeof caseFile>;
const signalsOf = (...args: Input): Signals => computeSignals(parseCaseFile(caseFile(...args)));

describe('computeSignals on edge cases', () => {
  it('defines every catalog signal, finite, for a case with no transactions', () => {
    const signals = signalsOf([], { window: { from: '2026-03-01T00:00:00+08:00', to: '2026-03-31T00:00:00+08:00' } });
    expect(Object.keys(signals)).toEqual([...SIGNAL_NAMES]);
    for (const name of SIGNAL_NAMES) {
      const value = signals[name];
      if (SIGNAL_CATALOG[name].kind === 'boolean') expect(typeof value).toBe('boolean');
      else expect(Number.isFinite(value)).toBe(true);
    }
    expect(signals.saleCount).toBe(0);
    expect(signals.declineRate).toBe(0);
    expect(signals.distinctCardRatio).toBe(1);
    expect(signals.volumeSpikeRatio).toBe(1);
    expect(signals.dormantDays).toBe(30);
  });

  it('keeps every signal inside its documented range on a busy random case', () => {
    const txs = Array.from({ length: 400 }, (_, i) =>
      (i % 7 === 0 ? decline : sale)({
        day: 1 + (i % 28),
        hour: (i * 5) % 24,
        amount: 100 + ((i * 7919) % 2_000_000),
        card: { token: `c${i % 37}`, kind: i % 3 === 0 ? 'credit' : 'debit' },
        entryMode: i % 11 === 0 ? 'keyed' : 'chip',
      }),
    );
    const signals = signalsOf(txs);
    for (const name of SIGNAL_NAMES) {
      const spec = SIGNAL_CATALOG[name];
      if (spec.kind === 'boolean') continue;
      const value = signals[name] as number;
      expect(value, name).toBeGreaterThanOrEqual(spec.min ?? 0);
      if ('max' in spec && spec.max !== undefined) expect(value, name).toBeLessThanOrEqual(spec.max);
    }
  });

  it('handles a case of only declines', () => {
    const s = signalsOf([decline({ responseCode: '55', card: { token: 'a', kind: 'debit' } }), decline({ responseCode: '51' })]);
    expect(s.saleCount).toBe(0);
    expect(s.attemptCount).toBe(2);
    expect(s.declineRate).toBe(1);
    expect(s.suspiciousDeclineCount).toBe(1);
    expect(s.suspiciousDeclineShare).toBe(0.5);
    expect(s.averageTicket).toBe(0);
  });

  it('handles optional fields missing everywhere', () => {
    const s = signalsOf([{ id: 'x', at: '2026-03-02T10:00:00+08:00', amount: 500, status: 'approved' }]);
    expect(s.saleCount).toBe(1);
    expect(s.creditShare).toBe(0);
    expect(s.cardCount).toBe(0);
    expect(s.farFromHomeShare).toBe(0);
    expect(s.unknownTerminalShare).toBe(0);
  });
});

describe('local days and hours', () => {
  it('counts 23:30+08:00 as a night sale on that local day in Asia/Shanghai', () => {
    const s = signalsOf([
      sale({ at: '2026-03-01T23:30:00+08:00', card: { token: 'a', kind: 'credit' } }),
      sale({ at: '2026-03-01T15:40:00Z', card: { token: 'a', kind: 'credit' } }),
      sale({ at: '2026-03-01T16:10:00Z', card: { token: 'a', kind: 'credit' } }),
    ]);
    // 15:40Z is 23:40 on 1 March local; 16:10Z is 00:10 on 2 March local.
    expect(s.nightSaleShare).toBe(1);
    expect(s.sameCardMaxSalesPerDay).toBe(2);
    expect(s.activeDays).toBe(2);
  });

  it('uses the merchant zone, not the offset written in the timestamp', () => {
    const s = signalsOf([sale({ at: '2026-03-02T03:00:00Z' })], { merchant: { timezone: 'America/New_York' } });
    // 03:00Z is 22:00 on 1 March in New York (EST): not yet night.
    expect(s.nightSaleShare).toBe(0);
    const late = signalsOf([sale({ at: '2026-03-02T04:30:00Z' })], { merchant: { timezone: 'America/New_York' } });
    expect(late.nightSaleShare).toBe(1);
  });

  it('follows daylight saving time in zones that have it', () => {
    // 8 March 2026 US DST starts: 03:30Z is 22:30 EST (before), on 9 March 03:30Z is 23:30 EDT.
    const before = signalsOf([sale({ at: '2026-03-08T03:30:00Z' })], { merchant: { timezone: 'America/New_York' } });
    const after = signalsOf([sale({ at: '2026-03-10T03:30:00Z' })], { merchant: { timezone: 'America/New_York' } });
    expect(before.nightSaleShare).toBe(0);
    expect(after.nightSaleShare).toBe(1);
  });

  it('ignores and counts transactions outside a given window', () => {
    const parsed = parseCaseFile(
      caseFile([sale({ day: 1 }), sale({ day: 10 }), sale({ day: 20 })], {
        window: { from: '2026-03-05T00:00:00+08:00', to: '2026-03-15T00:00:00+08:00' },
      }),
    );
    expect(computeSignals(parsed).saleCount).toBe(1);
  });
});

describe('amount signals', () => {
  it('counts large sales per day against the threshold, with the merchant override', () => {
    const txs = [sale({ amount: 5_000_000 }), sale({ amount: 6_000_000, hour: 13 }), sale({ amount: 4_999_999, day: 3 })];
    const s = signalsOf(txs);
    expect([s.largeSaleCount, s.largeSalesMaxPerDay, s.largeSaleDays, s.largeSaleShare]).toEqual([2, 2, 1, 0.666667]);
    expect(signalsOf(txs, { merchant: { largeAmountThreshold: 1_000_000 } }).largeSaleCount).toBe(3);
  });

  it('measures a volume spike of the last 7 days against the earlier days', () => {
    const txs = [
      ...Array.from({ length: 14 }, (_, d) => sale({ day: d + 1, amount: 10_000 })),
      ...Array.from({ length: 7 }, (_, d) => sale({ day: d + 15, amount: 40_000 })),
    ];
    expect(signalsOf(txs).volumeSpikeRatio).toBe(4);
    expect(signalsOf(txs.slice(10)).volumeSpikeRatio).toBe(1);
  });

  it('compares tickets with the MCC table and does not judge unknown MCCs', () => {
    const txs = [sale({ amount: 150_000 }), sale({ amount: 150_000 }), sale({ amount: 3_000 })];
    const restaurant = signalsOf(txs, { merchant: { mcc: '5812' } });
    expect(restaurant.mccKnown).toBe(true);
    expect(restaurant.medianTicketVsMcc).toBe(10);
    expect(restaurant.mccOutlierSaleCount).toBe(2);
    const unknown = signalsOf(txs, { merchant: { mcc: '1234' } });
    expect([unknown.mccKnown, unknown.medianTicketVsMcc, unknown.mccOutlierSaleCount]).toEqual([false, 0, 0]);
  });

  it('flags night sales only for categories that trade by day', () => {
    const night = [sale({ hour: 23.5 }), sale({ hour: 2 })];
    expect(signalsOf(night, { merchant: { mcc: '5944' } }).offHoursForMccShare).toBe(1);
    expect(signalsOf(night, { merchant: { mcc: '5813' } }).offHoursForMccShare).toBe(0);
  });
});

describe('cash-out signals', () => {
  const credit = (token: string, amount: number, hour: number, day = 2) => sale({ amount, hour, day, card: { token, kind: 'credit' } });

  it('finds round, near-limit and credit sales', () => {
    const s = signalsOf([credit('a', 500_000, 10), credit('b', 999_900, 11), sale({ amount: 12_345 })]);
    // 9,999 CNY is just under the 10,000 CNY limit, not a whole hundred.
    expect(s.roundAmountShare).toBe(0.333333);
    expect(s.nearLimitShare).toBe(0.333333);
    expect(s.creditShare).toBe(0.666667);
    expect(s.creditRoundShare).toBe(0.333333);
  });

  it('counts a credit card repeating round sums three times a day on two or more days, but not a regular paying twice', () => {
    const day = (d: number) => [credit('a', 500_000, 10, d), credit('a', 800_000, 12, d), credit('a', 999_900, 23.5, d)];
    const s = signalsOf([...day(2), ...day(5)]);
    expect([s.repeatCardDays, s.repeatCreditRoundDays, s.repeatCreditRoundNightDays, s.repeatCardSaleShare]).toEqual([2, 2, 2, 1]);
    // One busy day of one customer (a wholesaler's client restocking) is not the habit.
    const once = signalsOf(day(2));
    expect([once.repeatCardDays, once.repeatCreditRoundDays]).toEqual([1, 0]);
    const regular = signalsOf([credit('r', 500_000, 8), credit('r', 500_000, 13)]);
    expect([regular.repeatCardDays, regular.repeatCreditRoundDays]).toEqual([0, 0]);
    const small = signalsOf([...[8, 9, 10].map((h) => credit('s', 10_000, h)), ...[8, 9, 10].map((h) => credit('s', 20_000, h, 3))]);
    expect(small.repeatCreditRoundDays).toBe(0);
  });

  it('counts heavy use: a card paying five or more times a day', () => {
    const five = [9, 10, 11, 12, 13].map((h) => credit('h', 8_800, h));
    const s = signalsOf([...five, sale({ hour: 14 })]);
    expect(s.heavyCardSaleShare).toBe(0.833333);
    expect(signalsOf(five.slice(0, 4)).heavyCardSaleShare).toBe(0);
  });

  it('finds split sales: three sales of one card within 30 minutes reaching the split threshold', () => {
    const split = [credit('a', 400_000, 10), credit('a', 400_000, 10.2), credit('a', 300_000, 10.4), credit('a', 100_000, 15)];
    expect(signalsOf(split).splitSaleClusters).toBe(1);
    const slow = [credit('a', 400_000, 10), credit('a', 400_000, 10.4), credit('a', 300_000, 10.8)];
    expect(signalsOf(slow).splitSaleClusters).toBe(0);
    expect(signalsOf(split.slice(0, 3), { merchant: { singleSaleLimit: 200_000 } }).nearLimitShare).toBe(0);
  });
});

describe('fabrication signals', () => {
  it('measures card concentration, repeated amounts and regular gaps', () => {
    const txs = Array.from({ length: 30 }, (_, i) =>
      sale({ hour: 9 + i * 0.25, amount: 8_800, card: { token: `c${i % 2}`, kind: 'debit' }, entryMode: 'keyed' }),
    );
    const s = signalsOf(txs);
    expect(s.cardCount).toBe(2);
    expect(s.distinctCardRatio).toBe(0.066667);
    expect(s.topCardShare).toBe(1);
    expect(s.repeatedAmountShare).toBe(1);
    expect(s.intervalRegularity).toBe(1);
    expect(s.keyedShare).toBe(1);
  });

  it('counts refunds that refer to their sale within a day as quick', () => {
    const a = sale({ id: 'sale-a', day: 2, hour: 10, card: { token: 'x', kind: 'debit' } });
    const b = sale({ id: 'sale-b', day: 2, hour: 11, amount: 7_000, card: { token: 'y', kind: 'debit' } });
    const quick = sale({ type: 'refund', refersTo: 'sale-a', day: 2, hour: 18 });
    const late = sale({ type: 'refund', refersTo: 'sale-b', day: 5, hour: 11, amount: 7_000 });
    const unnamed = sale({ type: 'void', day: 2, hour: 12, amount: 7_000, card: { token: 'y', kind: 'debit' } });
    const s = signalsOf([a, b, quick, late, unnamed]);
    expect(s.saleCount).toBe(2);
    expect(s.refundShare).toBe(1);
    expect(s.quickRefundShare).toBe(1);
    expect(signalsOf([a, b, late]).quickRefundShare).toBe(0);
  });
});

describe('failure signals', () => {
  it('finds a card-testing burst of five distinct cards declined within ten minutes', () => {
    const burst = Array.from({ length: 6 }, (_, i) =>
      decline({ hour: 3 + i / 60, responseCode: '14', card: { token: `k${i}`, kind: 'unknown' } }),
    );
    expect(signalsOf(burst).cardTestingBursts).toBe(1);
    const spread = Array.from({ length: 6 }, (_, i) => decline({ hour: 3 + i / 4, card: { token: `k${i}`, kind: 'unknown' } }));
    expect(signalsOf(spread).cardTestingBursts).toBe(0);
    const oneCard = Array.from({ length: 6 }, (_, i) => decline({ hour: 3 + i / 60, card: { token: 'same', kind: 'unknown' } }));
    expect(signalsOf(oneCard).cardTestingBursts).toBe(0);
  });

  it('does not count ordinary declines at a busy till as card testing', () => {
    // Ten minutes at peak: 40 approved sales and 6 declines by different customers.
    const busy = [
      ...Array.from({ length: 40 }, (_, i) => sale({ hour: 12 + i / 240, card: { token: `ok${i}`, kind: 'debit' } })),
      ...Array.from({ length: 6 }, (_, i) => decline({ hour: 12 + i / 60, card: { token: `d${i}`, kind: 'debit' } })),
    ];
    expect(signalsOf(busy).cardTestingBursts).toBe(0);
  });

  it('reads ISO 8583 codes and plain names alike', () => {
    const s = signalsOf([
      decline({ responseCode: 'Wrong PIN' }),
      decline({ responseCode: 'expired-card' }),
      decline({ responseCode: '05' }),
    ]);
    expect(s.suspiciousDeclineCount).toBe(2);
    expect(s.declinedCardCount).toBe(0);
  });
});

describe('location and device signals', () => {
  it('measures distance from the registered location', () => {
    const home = { lat: 31.23, lng: 121.47 };
    const beijing = { lat: 39.9, lng: 116.4 };
    const s = signalsOf([sale({ location: home }), sale({ location: beijing }), sale({ location: beijing }), sale({})], {
      merchant: { location: home },
    });
    expect(s.locatedAttemptCount).toBe(3);
    expect(s.farFromHomeShare).toBe(0.666667);
    expect(s.maxDistanceKm).toBeGreaterThan(1000);
    expect(s.maxDistanceKm).toBeLessThan(1100);
    expect(signalsOf([sale({ location: beijing })]).farFromHomeShare).toBe(0);
  });

  it('counts terminals that are not registered', () => {
    const s = signalsOf([sale({ terminalId: 'T1' }), sale({ terminalId: 'T9' }), sale({})], { merchant: { terminals: ['T1'] } });
    expect([s.unknownTerminalCount, s.unknownTerminalShare]).toEqual([1, 0.5]);
    expect(signalsOf([sale({ terminalId: 'T9' })]).unknownTerminalCount).toBe(0);
  });
});

describe('conduct and status signals', () => {
  const at = '2026-03-03T10:00:00+08:00';

  it('counts events by type and the chargeback ratio', () => {
    const s = signalsOf(
      Array.from({ length: 100 }, () => sale()),
      {
        events: [
          { type: 'chargeback', at },
          { type: 'chargeback', at },
          { type: 'complaint', at },
          { type: 'security-incident', at },
          { type: 'regulatory-notice', at },
          { type: 'settlement-overdue', at },
          { type: 'contract-change', at },
          { type: 'kyc-notice', at },
        ],
      },
    );
    expect([s.chargebackCount, s.chargebackRatio, s.complaintCount, s.securityIncidentCount]).toEqual([2, 0.02, 1, 1]);
    expect([s.regulatoryNoticeCount, s.settlementOverdueCount, s.contractChangeCount, s.kycNoticeCount]).toEqual([1, 1, 1, 1]);
    expect(signalsOf([], { events: [{ type: 'chargeback', at }] }).chargebackRatio).toBe(1);
  });

  it('reads contract, KYC and registration status as of the window end', () => {
    const s = signalsOf([sale({ day: 20 })], {
      merchant: {
        mcc: '7995',
        contract: { status: 'active', endsAt: '2026-03-10' },
        kyc: { verified: false, documentsExpireAt: '2026-03-19T00:00:00+08:00' },
      },
    });
    expect([s.contractEnded, s.daysSinceContractEnd, s.kycExpired, s.daysSinceKycExpiry, s.kycUnverified]).toEqual([
      true,
      10,
      true,
      1,
      true,
    ]);
    expect(s.mccUnderRectification).toBe(true);
    const fine = signalsOf([sale()], { merchant: { contract: { status: 'active', endsAt: '2027-01-01' }, kyc: { verified: true } } });
    expect([fine.contractEnded, fine.kycExpired, fine.kycUnverified, fine.mccUnderRectification]).toEqual([false, false, false, false]);
    expect(signalsOf([sale()], { merchant: { contract: { status: 'terminated' } } }).contractEnded).toBe(true);
  });

  it('counts dormant days from the last approved sale, also before the window', () => {
    const s = signalsOf([sale({ at: '2025-10-01T10:00:00+08:00' }), decline({ day: 20 })], {
      window: { from: '2026-03-01T00:00:00+08:00', to: '2026-03-31T10:00:00+08:00' },
    });
    expect(s.dormantDays).toBe(181);
  });
});

describe('scale', () => {
  it('computes the signals of a 100,000-transaction case file', () => {
    const txs = Array.from({ length: 100_000 }, (_, i) => ({
      id: `t${i}`,
      at: new Date(Date.UTC(2026, 2, 1) + i * 25_000).toISOString(),
      amount: 1_000 + (i % 977) * 13,
      status: i % 31 === 0 ? ('declined' as const) : ('approved' as const),
      card: { token: `c${i % 5000}`, kind: i % 3 === 0 ? ('credit' as const) : ('debit' as const) },
    }));
    const s = signalsOf(txs);
    expect(s.attemptCount).toBe(100_000);
    expect(s.declineCount).toBe(3226);
  });
});
