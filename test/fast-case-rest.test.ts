import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaseFileSchema } from '../src/contract/caseFile.js';
import { CaseFileError } from '../src/contract/errors.js';
import { fastCaseRest } from '../src/contract/fastCaseRest.js';
import { parseCaseFile } from '../src/contract/parseCaseFile.js';

/** Anything at all, now and then: wrong types, edge numbers, explicit undefined, near-valid strings. */
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 1 }),
  fc.constant(undefined),
  fc.constantFrom(0, -0, -1, 1.5, 1e13, 1e13 + 1, Number.NaN, '', 'x'.repeat(129), 'x'.repeat(201), 'x'.repeat(2001), [], {}),
);
/** Usually a valid value, sometimes anything at all. */
const mostly = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 40 }, { arbitrary: anyValue, weight: 1 });
/** Usually one of `good`, sometimes one of `bad` (near misses the schema refuses, or edge cases it accepts). */
const usually = <T>(good: readonly T[], bad: readonly T[]) =>
  fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 8 }, { arbitrary: fc.constantFrom(...bad), weight: 1 });
const dateOrTimestamp = usually(
  ['2026-03-01', '9999-12-31', '2026-03-01T10:00:00+08:00', '2026-03-01 10:00:00', '2026-03-01T10:00'],
  ['2026-02-30', '1969-12-31', '1900-01-01 00:00:00', '2026-13-01T00:00:00Z', '9999-12-31T23:59:59-01:00', '2026-03-01T10'],
);
const timestamp = fc.oneof(
  fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms).toISOString()),
  dateOrTimestamp,
);
const amount = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 5_000_000 }), weight: 8 },
  { arbitrary: fc.constantFrom(-1, 0, 1e13, 1e13 + 1, 2.5), weight: 1 },
);
/** Degrees up to `limit` either way, with the limits and just past them. */
const degrees = (limit: number) =>
  fc.oneof(fc.double({ min: -limit - 10, max: limit + 10 }), fc.constantFrom(-limit, limit, -limit - 0.5, limit + 0.5));
const optionalFields = { requiredKeys: [] as never[] };

const merchantLike = fc.record(
  {
    id: mostly(usually(['M1', '898310048160018'], [''])),
    name: mostly(usually(['Fresh Mart', '鲜果超市', 'x'.repeat(200)], ['x'.repeat(201)])),
    mcc: mostly(usually(['5411', '7011'], ['541', '54111', 'abcd'])),
    timezone: mostly(fc.constantFrom('Asia/Shanghai', 'Europe/Paris', 'Not/AZone')),
    currency: mostly(usually(['CNY', 'USD'], ['usd', 'USDT'])),
    location: mostly(fc.record({ lat: mostly(degrees(90)), lng: mostly(degrees(180)), alt: anyValue })),
    singleSaleLimit: mostly(amount),
    largeAmountThreshold: mostly(amount),
    terminals: mostly(fc.array(mostly(fc.constantFrom('T01', 'T02')), { maxLength: 4 })),
    merchantNumbers: mostly(fc.array(mostly(fc.constant('898310048160019')), { maxLength: 3 })),
    registeredAt: mostly(dateOrTimestamp),
    kyc: mostly(fc.record({ verified: mostly(fc.boolean()), documentsExpireAt: mostly(dateOrTimestamp) }, optionalFields)),
    contract: mostly(
      fc.record(
        { status: mostly(usually(['active', 'expired', 'terminated'], ['ended'])), endsAt: mostly(dateOrTimestamp) },
        {
          requiredKeys: ['status'],
        },
      ),
    ),
    suspension: mostly(
      fc.record(
        {
          at: mostly(dateOrTimestamp),
          reasonCode: mostly(usually(['R01'], [''])),
          note: mostly(usually(['套现嫌疑', 'x'.repeat(2000)], ['x'.repeat(2001)])),
          noticeId: mostly(fc.constant('N-1')),
          measures: mostly(fc.array(mostly(usually(['transactions-suspended', 'funds-frozen'], ['frozen'])), { maxLength: 8 })),
        },
        optionalFields,
      ),
    ),
    kind: mostly(usually(['individual', 'individual-business', 'company'], ['person'])),
    limits: mostly(fc.record({ perSale: mostly(amount), perDay: mostly(amount), perMonth: mostly(amount) }, optionalFields)),
    extra: anyValue,
  },
  { requiredKeys: ['id', 'mcc'] },
);
const eventLike = fc.record(
  {
    type: mostly(usually(['complaint', 'chargeback', 'fund-freeze'], ['refund'])),
    at: mostly(timestamp),
    transactionId: mostly(fc.constant('TX1')),
    amount: mostly(amount),
    detail: mostly(usually(['持卡人投诉', '', 'x'.repeat(2000)], ['x'.repeat(2001)])),
    extra: anyValue,
  },
  { requiredKeys: ['type', 'at'] },
);
const restLike = fc.record(
  {
    merchant: mostly(merchantLike),
    window: mostly(fc.record({ from: mostly(timestamp), to: mostly(timestamp) })),
    events: mostly(fc.array(mostly(eventLike), { maxLength: 3 })),
    label: anyValue,
  },
  { requiredKeys: ['merchant'] },
);

describe('the fast path for the merchant, window and events', () => {
  it('accepts only what CaseFileSchema accepts, with the same output, key for key and in order (seeded)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(restLike, (input) => {
        const fast = fastCaseRest(input as Record<string, unknown>, []);
        const zod = CaseFileSchema.safeParse({ ...input, transactions: [] });
        if (fast !== undefined) {
          accepted++;
          expect(zod.success).toBe(true);
          expect(fast).toStrictEqual(zod.data);
          expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
        }
      }),
      { seed: 11, numRuns: 10_000 },
    );
    // Enough accepted cases for the comparison to mean something.
    expect(accepted).toBeGreaterThan(200);
  });

  it('leaves a field written as undefined to zod, which keeps the key', () => {
    const input = { merchant: { id: 'M1', mcc: '5411', name: undefined }, transactions: [] };
    expect(fastCaseRest(input, [])).toBeUndefined();
    expect('name' in parseCaseFile(input).merchant).toBe(true);
  });

  it('applies the defaults as the schema does and drops unknown keys', () => {
    const input = { merchant: { id: 'M1', mcc: '5411', extra: 1 }, transactions: [], label: { expected: 'x' } };
    expect(fastCaseRest(input, [])).toStrictEqual({
      merchant: { id: 'M1', mcc: '5411', timezone: 'Asia/Shanghai', currency: 'CNY' },
      transactions: [],
      events: [],
    });
  });

  it('reads only the own, enumerable top-level fields, as before it existed (an inherited window is not the window)', () => {
    const own = {
      merchant: { id: 'M1', mcc: '5411' },
      transactions: [{ id: 'T1', at: '2026-03-10T10:00:00+08:00', amount: 100, status: 'approved' }],
    };
    const input = Object.assign(Object.create({ window: { from: '2025-01-01T00:00:00Z', to: '2025-01-02T00:00:00Z' } }), own);
    expect(parseCaseFile(input).window).toEqual({ from: '2026-03-10T02:00:00.000Z', to: '2026-03-10T02:00:00.000Z' });
    // Each field is read once: the value checked is the value kept (a getter could answer twice differently).
    let reads = 0;
    const events = Object.defineProperty({ ...own }, 'events', { enumerable: true, get: () => (reads++ === 0 ? 'garbage' : []) });
    expect(fastCaseRest(events, [])).toBeUndefined();
  });
});

describe('a card number in a field the first screen cannot see (an object built in code)', () => {
  const pan = '4111111111111111';
  const transaction = { id: 'T1', at: '2026-03-10T10:00:00+08:00', amount: 100, status: 'approved' };
  const hidden = () => Object.defineProperty({ id: 'M1', mcc: '5411' }, 'name', { value: `card ${pan}`, enumerable: false });
  const inherited = () => Object.assign(Object.create({ name: `card ${pan}` }), { id: 'M1', mcc: '5411' });
  const cases = {
    'non-enumerable, fast paths': () => ({ merchant: hidden(), transactions: [transaction] }),
    'inherited, fast paths': () => ({ merchant: inherited(), transactions: [transaction] }),
    // Strings limited to fewer characters than a timestamp can have: the fast paths step aside and the whole file goes to the schema.
    'non-enumerable, schema path': () => ({ merchant: hidden(), transactions: [transaction] }),
    'non-enumerable top-level merchant': () =>
      Object.defineProperty({ transactions: [transaction] }, 'merchant', { value: hidden(), enumerable: false }),
  };
  for (const [name, make] of Object.entries(cases)) {
    it(`is refused with its path, never echoed (${name})`, () => {
      let error: unknown;
      try {
        parseCaseFile(make(), name.includes('schema') ? { maxStringLength: 60 } : {});
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CaseFileError);
      expect(JSON.stringify((error as CaseFileError).problems)).not.toContain(pan);
      expect((error as CaseFileError).problems.map((p) => p.path)).toContain('merchant.name');
    });
  }

  it('does not hold a default the schema fills in to the string limit (the caller never wrote it)', () => {
    const input = { merchant: { id: 'm1', mcc: '5411' }, transactions: [] };
    // 'Asia/Shanghai' has 13 characters; no string of the input has more than 4.
    expect(parseCaseFile(input, { maxStringLength: 12 }).merchant.timezone).toBe('Asia/Shanghai');
    const hiddenNote = Object.defineProperty({ id: 'm1', mcc: '5411' }, 'name', { value: 'Fresh', enumerable: false });
    expect(parseCaseFile({ merchant: hiddenNote, transactions: [] }, { maxStringLength: 12 }).merchant.name).toBe('Fresh');
  });
});
