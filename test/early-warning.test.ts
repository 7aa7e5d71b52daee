import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCaseFile } from '../src/contract/parseCaseFile.js';
import { earlyWarning } from '../src/engine/earlyWarning.js';
import { prepare } from '../src/signals/prepare.js';
import { daysFromCivil } from '../src/time/timestamp.js';
import { canStillTrend, mannKendallZ, maxMannKendallZ, theilSen } from '../src/warning/trend.js';
import { busyWeekCount, weeklyParts, weeklySeries } from '../src/warning/weeklySeries.js';
import { driftingMerchant as merchant } from './support/drifting.js';

describe('trend statistics', () => {
  it('gives the Theil–Sen slope of a line with one wild point', () => {
    const { slope, intercept } = theilSen([0, 1, 2, 3, 4, 5], [1, 3, 5, 70, 9, 11]);
    expect(slope).toBe(2);
    expect(intercept).toBe(1);
  });

  it('scores a steady rise high and a flat or zigzag series near zero', () => {
    expect(mannKendallZ([1, 2, 3, 4, 5, 6, 7, 8])).toBeGreaterThan(3);
    expect(mannKendallZ([3, 3, 3, 3, 3, 3])).toBe(0);
    expect(Math.abs(mannKendallZ([1, 5, 1, 5, 1, 5, 1, 5]))).toBeLessThan(1);
    expect(mannKendallZ([8, 7, 6, 5, 4, 3])).toBeLessThan(-2.5);
  });

  it('bounds the Mann–Kendall score of n values by the largest any series of n values reaches', () => {
    // Every series of n values drawn from 0…n-1 covers every tie pattern and order.
    for (let n = 1; n <= 6; n++) {
      let best = 0;
      const ys = new Array<number>(n).fill(0);
      const visit = (i: number): void => {
        if (i === n) {
          best = Math.max(best, mannKendallZ(ys));
          return;
        }
        for (let v = 0; v < n; v++) {
          ys[i] = v;
          visit(i + 1);
        }
      };
      visit(0);
      expect(maxMannKendallZ(n)).toBeCloseTo(best, 12);
    }
    // Four weeks can never reach the default 1.96, five can.
    expect(maxMannKendallZ(4)).toBeLessThan(1.96);
    expect(maxMannKendallZ(5)).toBeGreaterThan(1.96);
    expect(maxMannKendallZ(21)).toBe(Number.POSITIVE_INFINITY);
  });

  it('drops a series early only when no later values could give it the score', () => {
    // Every series of n ≤ 6 values from 0…4: whenever some completion of a prefix reaches the score,
    // the prefix must not be dropped; and the bound must drop something (or it would save nothing).
    let dropped = 0;
    for (let n = 3; n <= 6; n++) {
      const best = new Map<string, number>(); // prefix → best upward score over its completions
      const ys = new Array<number>(n).fill(0);
      const visit = (i: number): void => {
        if (i === n) {
          const z = mannKendallZ(ys);
          for (let k = 1; k <= n; k++) {
            const key = ys.slice(0, k).join(',');
            best.set(key, Math.max(best.get(key) ?? Number.NEGATIVE_INFINITY, z));
          }
          return;
        }
        for (let v = 0; v < 5; v++) {
          ys[i] = v;
          visit(i + 1);
        }
      };
      visit(0);
      for (const [key, z] of best) {
        const prefix = key.split(',').map(Number);
        let discordant = 0;
        let tied = 0;
        for (let i = 0; i < prefix.length; i++)
          for (let j = i + 1; j < prefix.length; j++) {
            if (prefix[i] === prefix[j]) tied++;
            else if ((prefix[j] as number) < (prefix[i] as number)) discordant++;
          }
        for (const minZ of [0.5, 1.0, 1.645, 1.96, 2.58]) {
          const keep = canStillTrend(n, discordant, tied, minZ);
          if (z >= minZ) expect({ n, key, minZ, keep }).toEqual({ n, key, minZ, keep: true });
          if (!keep) dropped++;
        }
      }
    }
    expect(dropped).toBeGreaterThan(1000);
  });
});

describe('earlyWarning', () => {
  it('warns of a high failure rate when the decline rate climbs steadily while still under the threshold', () => {
    const rising = merchant(7, 8, (p) => 0.02 + 0.21 * p); // 2 % → 23 % over eight weeks
    const report = earlyWarning(rising);
    const warning = report.warnings.find((w) => w.cause === 'high-failure-rate' && /^(card)?[dD]eclineRate$/.test(w.signal));
    expect(warning).toBeDefined();
    expect(warning?.threshold).toBeGreaterThan(0.23);
    expect(warning?.slopePerWeek).toBeGreaterThan(0.015);
    expect(warning?.series).toHaveLength(8);
    expect(warning?.daysToCrossing).toBeGreaterThanOrEqual(0);
    expect(warning?.daysToCrossing).toBeLessThanOrEqual(42);
    expect(warning?.projectedCrossing).toMatch(/^2026-1[01]-\d\d$/);
    expect(report.asOf).toBe(parseCaseFile(rising).window.to);
  });

  it('stays quiet for the same merchant with a flat decline rate', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      expect(earlyWarning(merchant(seed, 8, () => 0.05)).warnings).toEqual([]);
    }
  });

  it('gives no warning within 30 days to any healthy fixture or look-alike', () => {
    const dir = new URL('./fixtures/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.startsWith('healthy-') || f.startsWith('near-miss-'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const { label: _label, ...caseFile } = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
      const soon = earlyWarning(caseFile).warnings.filter((w) => (w.daysToCrossing ?? Number.POSITIVE_INFINITY) <= 30);
      expect({ file, soon }).toEqual({ file, soon: [] });
    }
  });

  it('cuts weeks at local Mondays, also across a DST change', () => {
    // New York left DST on Sunday 2026-11-01; transactions are written in UTC.
    const parsed = parseCaseFile(merchant(3, 6, () => 0.05, 'America/New_York'));
    const weeks = weeklySeries(parsed, {}, 12);
    for (const week of weeks) {
      const day = daysFromCivil(Number(week.from.slice(0, 4)), Number(week.from.slice(5, 7)), Number(week.from.slice(8, 10)));
      expect((day + 3) % 7).toBe(0); // a Monday
    }
    // Every transaction lands in exactly one week: a sale at 23:30 local on a Sunday belongs to that week.
    const total = weeks.reduce((n, w) => n + w.attempts, 0);
    expect(total).toBe(parsed.transactions.length);
    const sunday = parseCaseFile({
      merchant: { id: 'ny', mcc: '5812', timezone: 'America/New_York' },
      transactions: [
        { id: 'a', at: '2026-11-02T04:30:00Z', amount: 100, status: 'approved' }, // Sun 1 Nov 23:30 EST
        { id: 'b', at: '2026-11-02T05:30:00Z', amount: 100, status: 'approved' }, // Mon 2 Nov 00:30 EST
      ],
    });
    const split = weeklySeries(sunday, {}, 12);
    expect(split.map((w) => [w.from, w.attempts])).toEqual([
      ['2026-10-26', 1],
      ['2026-11-02', 1],
    ]);
  });

  it('counts busy weeks in one pass exactly as the focused series keeps them', () => {
    const dir = new URL('./fixtures/', import.meta.url);
    const cases = [
      ...readdirSync(dir).map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8'))),
      merchant(3, 6, () => 0.05, 'America/New_York'),
      merchant(4, 9, (p) => 0.02 + 0.2 * p),
    ];
    for (const input of cases) {
      const parsed = parseCaseFile(input);
      const p = prepare(parsed);
      for (const minAttempts of [1, 30, 200]) {
        const kept = weeklyParts(parsed, {}, 12, p, { minAttempts, minWeeks: 1 });
        expect(busyWeekCount(p, 12, minAttempts)).toBe(kept.length);
      }
    }
  });

  it('still warns when the busy weeks can just reach the trend score (the short-series skip is exact)', () => {
    // Four busy weeks of a steady climb: the best four-week score is 1.698, so a threshold just under it warns and one just over does not.
    const rising = merchant(7, 4, (p) => 0.02 + 0.2 * p);
    const signalOf = (w: { signal: string }) => /^(card)?[dD]eclineRate$/.test(w.signal);
    expect(earlyWarning(rising, { minWeeks: 4, minTrendZ: 1.69 }).warnings.some(signalOf)).toBe(true);
    expect(earlyWarning(rising, { minWeeks: 4, minTrendZ: 1.7 }).warnings).toEqual([]);
  });

  it('refuses bad settings with every problem named', () => {
    expect(() =>
      earlyWarning(
        merchant(1, 4, () => 0.05),
        { weeks: 0, horizonDays: Number.NaN },
      ),
    ).toThrowError(/config\.weeks[\s\S]*config\.horizonDays/);
  });
});
