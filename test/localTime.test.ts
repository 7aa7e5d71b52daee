import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaseFileError, computeSignals, parseCaseFile } from '../src/index.js';
import { formatUtc, parseInstant, parseTimestamp } from '../src/time/timestamp.js';
import { createLocalClock } from '../src/time/zone.js';
import { caseFile, fixture, sale } from './support/factories.js';

const HOUR = 3_600_000;

function problemsOf(input: unknown): { path: string; message: string }[] {
  try {
    parseCaseFile(input);
  } catch (error) {
    expect(error).toBeInstanceOf(CaseFileError);
    return [...(error as CaseFileError).problems];
  }
  throw new Error('expected a CaseFileError');
}

/** Wall-clock milliseconds (as if UTC) of `epochMs` in `timeZone`, read from Intl alone. */
function wallOf(epochMs: number, timeZone: string): number {
  const parts: Record<string, number> = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(epochMs)
      .filter((p) => p.type !== 'literal')
      .map((p) => [p.type, Number(p.value)]),
  );
  const { year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second) + (epochMs % 1000);
}

/** `2026-10-01 10:44:27` for wall-clock milliseconds. */
const localText = (wallMs: number) => new Date(wallMs).toISOString().slice(0, 19).replace('T', ' ');

/** Instants at which `timeZone` changes its offset, 2000–2030, found with Intl alone. */
function transitions(timeZone: string): number[] {
  const found: number[] = [];
  const offset = (ms: number) => wallOf(ms, timeZone) - ms;
  for (let t = Date.UTC(2000, 0, 1); t < Date.UTC(2030, 0, 1); t += 7 * 24 * HOUR) {
    let low = t;
    let high = t + 7 * 24 * HOUR;
    if (offset(low) === offset(high)) continue;
    while (high - low > 1000) {
      const mid = Math.floor((low + high) / 2000) * 1000;
      if (offset(mid) === offset(low)) low = mid;
      else high = mid;
    }
    found.push(high);
  }
  return found;
}

describe('timestamps without an offset', () => {
  for (const zone of ['America/New_York', 'Europe/London']) {
    it(`are local time in ${zone}: gaps move forward by the gap, overlaps take the earlier instant (seeded, against Intl)`, () => {
      const clock = createLocalClock(zone);
      const switches = transitions(zone);
      expect(switches.length).toBeGreaterThan(50);
      const nearSwitch = fc
        .tuple(fc.constantFrom(...switches), fc.integer({ min: -3 * 60, max: 3 * 60 }))
        .map(([t, minutes]) => wallOf(t - 1000, zone) + 1000 + minutes * 60_000);
      const anywhere = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => Math.floor(ms / 1000) * 1000);
      fc.assert(
        fc.property(fc.oneof(nearSwitch, anywhere), (wall) => {
          const instant = parseTimestamp(localText(wall), clock) as number;
          const shown = wallOf(instant, zone);
          if (shown === wall) {
            // It exists; no earlier instant shows the same wall-clock time (DST moves one hour here).
            expect(wallOf(instant - HOUR, zone)).not.toBe(wall);
          } else {
            // A gap: shifted forward by the gap's length, and the hour before it shows the clock jump.
            expect(shown).toBe(wall + HOUR);
            expect(wallOf(instant - HOUR, zone)).toBe(wall - HOUR);
          }
        }),
        { seed: 14, numRuns: 2000 },
      );
    });
  }

  it('resolve a spring-forward gap and a fall-back overlap in New York as Temporal compatible does', () => {
    const clock = createLocalClock('America/New_York');
    expect(new Date(parseTimestamp('2026-03-08 02:30:00', clock) as number).toISOString()).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
    expect(new Date(parseTimestamp('2026-11-01 01:30:00', clock) as number).toISOString()).toBe('2026-11-01T05:30:00.000Z'); // first 01:30 (EDT)
  });

  it('accept the forms exports write: space or T, fractional seconds, +0800 offsets', () => {
    const clock = createLocalClock('Asia/Shanghai');
    const expected = parseInstant('2026-10-01T10:44:27+08:00');
    for (const text of ['2026-10-01 10:44:27', '2026-10-01T10:44:27', '2026-10-01T10:44:27+0800', '2026-10-01 10:44:27.000']) {
      expect(parseTimestamp(text, clock)).toBe(expected);
    }
    expect(parseTimestamp('2026-10-01 10:44:27.5', clock)).toBe((expected as number) + 500);
  });

  it('give the same signals as the same merchant written with +08:00', async () => {
    const { label: _label, ...withOffsets } = await fixture('credit-card-cash-out-1-supermarket.json');
    const input = withOffsets as { transactions: { at: string }[]; events?: { at: string }[]; merchant: Record<string, unknown> };
    const strip = (at: string) => {
      expect(at.endsWith('+08:00')).toBe(true);
      return at.slice(0, -6).replace('T', ' ');
    };
    const local = structuredClone(input);
    for (const tx of local.transactions) tx.at = strip(tx.at);
    for (const event of local.events ?? []) event.at = strip(event.at);
    expect(local.transactions[0]?.at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const a = parseCaseFile(input);
    const b = parseCaseFile(local);
    expect(b.window).toEqual(a.window);
    expect(computeSignals(b)).toEqual(computeSignals(a));
    expect(computeSignals(a).saleCount).toBeGreaterThan(100);
  });

  it('are accepted in the window, events, suspension and contract dates', () => {
    const parsed = parseCaseFile(
      caseFile([sale({ at: '2026-03-02 12:00:00' })], {
        window: { from: '2026-03-01 00:00:00', to: '2026-03-31 23:59:59' },
        events: [{ type: 'complaint', at: '2026-03-03 09:00:00' }],
        merchant: { suspension: { at: '2026-03-31 12:00:00' }, contract: { status: 'active', endsAt: '2026-03-15 00:00:00' } },
      }),
    );
    const signals = computeSignals(parsed);
    expect(signals.saleCount).toBe(1);
    expect(signals.complaintCount).toBe(1);
    expect(signals.contractEnded).toBe(true);
    expect(signals.daysSinceContractEnd).toBe(16);
    expect(signals.windowDays).toBe(31);
  });
});

describe('placeholder and impossible dates', () => {
  it('were able to wipe the history: a window end past 9999 UTC formatted as +010000 and read back as 1970', () => {
    // The event's instant is 10000-01-01T07:59:59Z. Before this check (commit 5832095), the default
    // window ended there, `formatUtc` wrote it as "+010000-01-01T07:59:59.000Z", prepare could not
    // parse that and used 0 (1970-01-01), and every transaction fell outside the window: saleCount 0,
    // windowDays -20514.17. The same way a window from 1900 gave windowDays 46110 (daily figures
    // diluted over a century) and registeredAt 1900-01-01 gave dormantDays 46081.
    expect(formatUtc(parseInstant('9999-12-31T23:59:59-08:00') as number)).toBe('+010000-01-01T07:59:59.000Z');
    expect(parseInstant('+010000-01-01T07:59:59.000Z')).toBeUndefined();
    const input = caseFile([sale(), sale({ day: 3 })], { events: [{ type: 'complaint', at: '9999-12-31T23:59:59-08:00' }] });
    expect(problemsOf(input)).toEqual([
      {
        path: 'events[0].at',
        message: 'is outside 1970–9999: a placeholder date such as 1900-01-01 or 0001-01-01? leave the field out instead',
      },
    ]);
  });

  it('are refused with their path: years 0000, 0001, 1900 and 10000', () => {
    const input = caseFile(
      [sale({ at: '0000-01-01T00:00:00Z' }), sale({ at: '0001-01-01 00:00:00' }), sale({ at: '10000-01-01T00:00:00Z' })],
      {
        window: { from: '1900-01-01T00:00:00+08:00', to: '2026-03-31T23:59:59+08:00' },
        merchant: { registeredAt: '1900-01-01', kyc: { documentsExpireAt: '0001-01-01' } },
      },
    );
    expect(problemsOf(input).map((p) => p.path)).toEqual([
      'merchant.registeredAt',
      'merchant.kyc.documentsExpireAt',
      'window.from',
      'transactions[0].at',
      'transactions[1].at',
      'transactions[2].at',
    ]);
  });

  it('judge local values at the ends of the range in the merchant zone', () => {
    const early = problemsOf(caseFile([sale({ at: '1970-01-01 00:00:00' })]));
    expect(early).toEqual([{ path: 'transactions[0].at', message: 'is outside 1970–9999 in Asia/Shanghai' }]);
    const late = problemsOf(caseFile([sale({ at: '9999-12-31 23:00:00' })], { merchant: { timezone: 'America/New_York' } }));
    expect(late).toEqual([{ path: 'transactions[0].at', message: 'is outside 1970–9999 in America/New_York' }]);
    expect(parseCaseFile(caseFile([sale({ at: '9999-12-31 23:00:00' })])).transactions).toHaveLength(1);
    expect(
      parseCaseFile(caseFile([sale()], { merchant: { contract: { status: 'active', endsAt: '9999-12-31' } } })).merchant.contract?.endsAt,
    ).toBe('9999-12-31');
  });

  it('refuses month 13, day 32, 30 February, hour 24 (24:00 too), minute 60 and leap second 60', () => {
    const texts = [
      '2026-13-01 10:00:00',
      '2026-01-32 10:00:00',
      '2026-02-30T10:00:00+08:00',
      '2026-03-01 24:00:00',
      '2026-03-01T24:00',
      '2026-03-01 10:60:00',
      '2026-12-31T23:59:60Z',
    ];
    const problems = problemsOf(caseFile(texts.map((at) => sale({ at }))));
    expect(problems.map((p) => p.path)).toEqual(texts.map((_, i) => `transactions[${i}].at`));
    expect(new Set(problems.map((p) => p.message))).toEqual(
      new Set(['is not a real date and time (month 1–12, day within the month, hour 0–23, minute and second 0–59, offset within ±18:00)']),
    );
  });
});
