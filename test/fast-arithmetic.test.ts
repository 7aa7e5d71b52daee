/**
 * The shortcuts taken for speed give exactly what the plain operations give: the round-amount test,
 * the sort of sale amounts, and the month of a day.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMultipleOf } from '../src/signals/prepare.js';
import { sortAmounts } from '../src/signals/sortAmounts.js';
import { containsPan } from '../src/text/cardNumber.js';
import { MS_PER_DAY, monthOfDay, parseTimestamp } from '../src/time/timestamp.js';
import { createLocalClock } from '../src/time/zone.js';

const MAX_AMOUNT = 10_000_000_000_000;

describe('shortcuts equal the plain operations', () => {
  it('isMultipleOf is amount % unit === 0 for whole amounts and units', () => {
    const whole = fc.integer({ min: 0, max: MAX_AMOUNT });
    const unit = fc.oneof(fc.constantFrom(1, 100, 1_000, 10_000, 100_000, 99_900, 7), fc.integer({ min: 1, max: MAX_AMOUNT }));
    fc.assert(
      fc.property(whole, unit, fc.boolean(), (amount, u, snap) => {
        // Half the cases are multiples, near multiples or one off, where a rounding slip would show.
        const a = snap ? Math.min(MAX_AMOUNT, Math.floor(amount / u) * u + (amount % 3) - 1) : amount;
        const value = Math.max(0, a);
        expect(isMultipleOf(value, u)).toBe(value % u === 0);
      }),
      { numRuns: 20_000, seed: 20 },
    );
  });

  it('sortAmounts sorts as Float64Array.prototype.sort does, short lists and long, and odd values', () => {
    const amount = fc.oneof(fc.integer({ min: 1, max: MAX_AMOUNT }), fc.constantFrom(100, 10_000, 99_900, 1));
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 300 }), (values) => {
        expect([...sortAmounts(Float64Array.from(values))]).toEqual([...Float64Array.from(values).sort()]);
      }),
      { numRuns: 500, seed: 21 },
    );
    // Long enough for the radix sort, with many repeats.
    const long = Float64Array.from({ length: 20_000 }, (_, i) => ((i * 7919) % 5_003) * 100 + (i % 7 === 0 ? 1 : 0) + 1);
    expect([...sortAmounts(long.slice())]).toEqual([...long.slice().sort()]);
    // Not whole positive numbers (a hand-built case file): the built-in sort decides.
    const odd = Float64Array.from([3.5, Number.NaN, 0, -0, 2, 1e300]);
    expect(Object.is(sortAmounts(odd.slice())[0], odd.slice().sort()[0])).toBe(true);
    expect([...sortAmounts(odd.slice())].map(String)).toEqual([...odd.slice().sort()].map(String));
  });

  it('a timestamp the parser accepts holds no card number unless it is 32 characters or longer', () => {
    const clock = createLocalClock('Asia/Shanghai');
    const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
    const stamp = fc
      .tuple(
        fc.integer({ min: 1970, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.constantFrom('T', ' ', 't'),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.option(fc.tuple(fc.integer({ min: 0, max: 59 }), fc.option(fc.stringMatching(/^\d{1,9}$/)))),
        fc.option(
          fc.oneof(
            fc.constant('Z'),
            fc.tuple(fc.constantFrom('+', '-'), two, fc.constantFrom(':', '')).map(([s, h, c]) => `${s}1${h[1]}${c}${h}`),
          ),
        ),
      )
      .map(([y, mo, d, sep, h, mi, sec, zone]) => {
        const p = (n: number) => String(n).padStart(2, '0');
        const seconds = sec === null ? '' : `:${p(sec[0])}${sec[1] === null ? '' : `.${sec[1]}`}`;
        return `${y}-${p(mo)}-${p(d)}${sep}${p(h)}:${p(mi)}${seconds}${zone ?? ''}`;
      });
    let long = 0;
    fc.assert(
      fc.property(stamp, (text) => {
        if (parseTimestamp(text, clock) === undefined) return;
        if (text.length < 32) expect({ text, pan: containsPan(text) }).toEqual({ text, pan: false });
        else long++;
      }),
      { numRuns: 20_000, seed: 23 },
    );
    expect(long).toBeGreaterThan(0);
    // At 32 characters a run of 13 digits can form: seconds, a seven-digit fraction and a negative offset without colon.
    expect(containsPan('2026-10-01T10:44:41.1111101-1111')).toBe(true);
  });

  it('monthOfDay is the month of the UTC date of that day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_932_896 }), (day) => {
        const date = new Date(day * MS_PER_DAY);
        expect(monthOfDay(day)).toBe(date.getUTCFullYear() * 12 + date.getUTCMonth());
      }),
      { numRuns: 5_000, seed: 22 },
    );
  });
});
