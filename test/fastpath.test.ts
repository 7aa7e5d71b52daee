import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TransactionSchema } from '../src/contract/caseFile.js';
import { CaseFileError } from '../src/contract/errors.js';
import { fastTransaction } from '../src/contract/fastTransaction.js';
import { parseCaseFile } from '../src/contract/parseCaseFile.js';
import { parseInstant, parseTimestamp, TIMESTAMP } from '../src/time/timestamp.js';
import { createLocalClock } from '../src/time/zone.js';

const timestampLike = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 1900, max: 2100 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 24 }),
      fc.integer({ min: 0, max: 60 }),
      fc.option(fc.integer({ min: 0, max: 60 })),
      fc.option(fc.stringMatching(/^\d{1,10}$/)),
      fc.constantFrom('Z', 'z', '+08:00', '-05:00', '+0530', '+19:00', '+08:60', '', '+8:00', 'GMT'),
      fc.constantFrom('T', 't', ' ', '_'),
    )
    .map(([y, mo, d, h, mi, s, frac, zone, sep]) => {
      const p = (n: number) => String(n).padStart(2, '0');
      const seconds = s === null ? '' : `:${p(s)}${frac === null ? '' : `.${frac}`}`;
      return `${String(y).padStart(4, '0')}-${p(mo)}-${p(d)}${sep}${p(h)}:${p(mi)}${seconds}${zone}`;
    }),
  fc.string({ maxLength: 30 }),
);

describe('the fast timestamp parser', () => {
  it('reads a run of timestamps with a shared date memo exactly as one by one (seeded)', () => {
    const clock = createLocalClock('America/New_York');
    // Few dates, so that consecutive timestamps often share (or almost share) a date part.
    const date = fc.constantFrom('2026-03-08', '2026-03-09', '2026-02-29', '2026-13-01', '2024-02-29', '2026-11-01', '1970-01-01');
    const rest = fc.oneof(
      fc.constantFrom('T02:30:00', 'T23:59:59.999Z', ' 10:44:27', 'T10:44:27+08:00', 'T24:00:00', 'T1:00:00', '', 'T10:44:27-0530'),
      timestampLike.map((t) => t.slice(10)),
    );
    const stamp = fc.oneof(
      fc.tuple(date, rest).map(([d, r]) => d + r),
      timestampLike,
    );
    fc.assert(
      fc.property(fc.array(stamp, { maxLength: 40 }), (texts) => {
        const memo = { datePrefix: '', dateDays: 0 };
        expect(texts.map((t) => parseTimestamp(t, clock, memo))).toEqual(texts.map((t) => parseTimestamp(t, clock)));
      }),
      { numRuns: 3_000, seed: 24 },
    );
  });

  it('accepts only what the schema pattern accepts, and agrees with Date.parse on the instant (seeded)', () => {
    // Local date-times (no offset) are read here as UTC, to compare with Date.parse of `…Z`.
    const asUtc = { instantOfLocal: (localMs: number) => localMs };
    fc.assert(
      fc.property(timestampLike, (text) => {
        const ms = parseTimestamp(text, asUtc);
        expect(ms !== undefined).toBe(parseTimestamp(text, createLocalClock('Asia/Shanghai')) !== undefined);
        if (ms !== undefined) {
          expect(TIMESTAMP.test(text)).toBe(true);
          const local = parseInstant(text) === undefined;
          const iso = `${text
            .replace(/^(.{10})[t ]/, '$1T')
            .replace(/z$/, 'Z')
            .replace(/,/, '.')
            .replace(/([+-]\d{2})(\d{2})$/, '$1:$2')}${local ? 'Z' : ''}`;
          const fraction = /\.(\d+)/.exec(iso)?.[1];
          if (!fraction || fraction.length <= 3) expect(ms).toBe(Date.parse(iso));
        }
      }),
      { seed: 5, numRuns: 3000 },
    );
  });
});

const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 1 }),
  fc.constant(undefined),
  fc.constantFrom(
    0,
    -1,
    1.5,
    1e13,
    1e13 + 1,
    'credit',
    'sale',
    'void',
    'approved',
    'keyed',
    '2026-03-01T10:00:00+08:00',
    '',
    'x'.repeat(129),
  ),
);
/** Usually a valid value, sometimes anything at all. */
const mostly = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: anyValue, weight: 1 });
const validAt = fc.oneof(
  fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms).toISOString()),
  // Local date-times as Chinese exports write them, and the ends of the accepted range.
  fc
    .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
    .map((ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ')),
  fc.constantFrom(
    '1970-01-01T00:00:00Z',
    '1969-12-31T23:59:59Z',
    '9999-12-31T23:59:59Z',
    '9999-12-31T23:59:59-01:00',
    '0000-01-01T00:00:00Z',
    '1900-01-01 00:00:00',
  ),
);
const transactionLike = fc.record(
  {
    id: mostly(fc.constantFrom('t1', 'abc')),
    at: fc.oneof({ arbitrary: validAt, weight: 10 }, { arbitrary: timestampLike, weight: 2 }, { arbitrary: anyValue, weight: 1 }),
    amount: mostly(fc.oneof(fc.constantFrom(0, -0, 1), fc.integer({ min: -5, max: 2_000_000 }))),
    currency: mostly(fc.constantFrom('CNY', 'usd', 'USDT')),
    type: mostly(
      fc.constantFrom('sale', 'refund', 'void', 'preauth', 'preauth-completion', 'preauth-cancel', 'SALE', 'preauth_completion'),
    ),
    status: mostly(fc.constantFrom('approved', 'declined', 'reversed', 'ok')),
    responseCode: mostly(fc.constantFrom('00', '55', 55, 0, -1, 1.5, 2 ** 53)),
    card: mostly(
      fc.record(
        {
          token: mostly(fc.constant('tok')),
          kind: mostly(fc.constantFrom('credit', 'debit', 'gold')),
          masked: mostly(fc.constantFrom('622588******1234', '622588xxxxxx1234', '6225881234', '622588**1234')),
          extra: anyValue,
        },
        { requiredKeys: ['token'] },
      ),
    ),
    entryMode: mostly(fc.constantFrom('chip', 'keyed', 'nfc')),
    terminalId: mostly(fc.constant('T1')),
    location: mostly(fc.record({ lat: mostly(fc.double({ min: -100, max: 100 })), lng: mostly(fc.double({ min: -200, max: 200 })) })),
    refersTo: mostly(fc.constant('t0')),
    referenceNumber: mostly(fc.constantFrom('202610011044', '')),
    authCode: mostly(fc.constant('A1B2C3')),
    voucherNumber: mostly(fc.constant('000123')),
    merchantNumber: mostly(fc.constant('898310048160018')),
    mcc: mostly(fc.constantFrom('5411', '541', 5411)),
    unknownField: anyValue,
  },
  { requiredKeys: ['id', 'at', 'amount', 'status'] },
);

describe('the fast transaction validator', () => {
  it('accepts only what TransactionSchema accepts, with the same output (seeded)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(transactionLike, (raw) => {
        const fast = fastTransaction(raw);
        const zod = TransactionSchema.safeParse(raw);
        if (fast !== undefined) {
          accepted++;
          expect(zod.success).toBe(true);
          expect(fast).toEqual(zod.data);
        }
      }),
      { seed: 6, numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(20);
  });

  it('accepts an ordinary transaction like zod does', () => {
    const raw = { id: 't', at: '2026-03-01T10:00:00+08:00', amount: 100, status: 'approved', responseCode: 0, card: { token: 'k' } };
    expect(fastTransaction(raw)).toEqual(TransactionSchema.parse(raw));
  });
});

describe('local time in DST zones', () => {
  it('matches Intl for instants around offset changes in many zones (seeded)', () => {
    const zones = [
      'America/New_York',
      'Europe/London',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'Africa/Casablanca',
      'America/Santiago',
      'Asia/Shanghai',
      'Pacific/Chatham',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.array(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) }), { minLength: 1, maxLength: 40 }),
        (zone, instants) => {
          const clock = createLocalClock(zone);
          const format = new Intl.DateTimeFormat('en-CA', {
            timeZone: zone,
            hourCycle: 'h23',
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
          });
          for (const ms of [...instants].sort((a, b) => a - b)) {
            const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
            const day = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / 86_400_000;
            expect([clock.dayOf(ms), clock.hourOf(ms)]).toEqual([day, Number(parts.hour)]);
          }
        },
      ),
      { seed: 9, numRuns: 300 },
    );
  });
});

describe('the card-number screen inside the fast path', () => {
  const PAN = '4111 1111 1111 1111';
  const good = { id: 't1', at: '2026-10-01T10:00:00+08:00', amount: 100, status: 'approved', card: { token: 'c1' } };
  const filler = Array.from({ length: 5 }, (_, i) => ({ ...good, id: `f${i}` }));
  const writings: [string, (tx: Record<string, unknown>) => Record<string, unknown>][] = [
    ['id', (tx) => ({ ...tx, id: `order ${PAN}` })],
    ['responseCode', (tx) => ({ ...tx, responseCode: PAN })],
    ['terminalId', (tx) => ({ ...tx, terminalId: PAN })],
    ['refersTo', (tx) => ({ ...tx, refersTo: PAN })],
    ['referenceNumber', (tx) => ({ ...tx, referenceNumber: PAN })],
    ['authCode', (tx) => ({ ...tx, authCode: PAN })],
    ['voucherNumber', (tx) => ({ ...tx, voucherNumber: PAN })],
    ['merchantNumber', (tx) => ({ ...tx, merchantNumber: PAN })],
    ['card.token', (tx) => ({ ...tx, card: { token: PAN } })],
    ['note', (tx) => ({ ...tx, note: `paid with ${PAN}` })],
    ['[key removed]', (tx) => ({ ...tx, [PAN]: 1 })],
    ['card.holder', (tx) => ({ ...tx, card: { token: 'c1', holder: PAN } })],
    ['location.label', (tx) => ({ ...tx, location: { lat: 31, lng: 121, label: PAN } })],
    ['extra.deep', (tx) => ({ ...tx, extra: { deep: PAN } })],
  ];

  it('refuses a card number in every string a transaction can carry, with its path, never echoing it', () => {
    for (const [field, write] of writings) {
      const input = { merchant: { id: 'm', mcc: '5411' }, transactions: [...filler, write(good)] };
      let error: unknown;
      try {
        parseCaseFile(input);
      } catch (e) {
        error = e;
      }
      expect(error, field).toBeInstanceOf(CaseFileError);
      const problems = (error as CaseFileError).problems;
      expect(problems.map((p) => p.path)).toContain(`transactions[5].${field}`);
      expect(JSON.stringify(problems)).not.toMatch(/4111/);
    }
  });

  it('refuses a card number written as a numeric response code, in the fast path and in the schema alike', () => {
    const tx = { ...good, responseCode: 4111111111111111 };
    const input = { merchant: { id: 'm', mcc: '5411' }, transactions: [tx] };
    let error: unknown;
    try {
      parseCaseFile(input);
    } catch (e) {
      error = e;
    }
    expect((error as CaseFileError).problems).toEqual([
      { path: 'transactions[0].responseCode', message: expect.stringMatching(/card number/) },
    ]);
    expect(JSON.stringify((error as CaseFileError).problems)).not.toMatch(/4111/);
    expect(fastTransaction(tx)).toBeUndefined();
    expect(TransactionSchema.safeParse(tx).success).toBe(false);
    // An ordinary numeric code still becomes its string.
    expect(parseCaseFile({ ...input, transactions: [{ ...good, responseCode: 55 }] }).transactions[0]?.responseCode).toBe('55');
  });

  it('accepts the same transactions with harmless extra fields, and applies tight limits as the full screen does', () => {
    const extra = { ...good, note: 'table 4', card: { token: 'c1', holder: 'Li' }, location: { lat: 31, lng: 121, label: 'shop' } };
    expect(parseCaseFile({ merchant: { id: 'm', mcc: '5411' }, transactions: [extra] }).transactions[0]).toEqual(
      TransactionSchema.parse(extra),
    );
    // A string limit shorter than 'approved' refuses it (the fast path leaves such limits to the full screen).
    expect(() => parseCaseFile({ merchant: { id: 'm', mcc: '5411' }, transactions: [good] }, { maxStringLength: 5 })).toThrowError(
      /longer than 5/,
    );
    // Depth 2 leaves no room for the card object of a transaction.
    expect(() => parseCaseFile({ merchant: { id: 'm', mcc: '5411' }, transactions: [good] }, { maxDepth: 2 })).toThrowError(
      /deeper than 2/,
    );
  });
});
