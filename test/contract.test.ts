import { describe, expect, it } from 'vitest';
import { CaseFileError, parseCaseFile } from '../src/index.js';
import { containsPan, isPan, maskPans } from '../src/text/cardNumber.js';
import { caseFile, sale } from './support/factories.js';

const PAN = '4111111111111111';

function problemsOf(input: unknown): { path: string; message: string }[] {
  try {
    parseCaseFile(input);
  } catch (error) {
    expect(error).toBeInstanceOf(CaseFileError);
    return [...(error as CaseFileError).problems];
  }
  throw new Error('expected a CaseFileError');
}

describe('parseCaseFile', () => {
  it('applies the documented defaults: CNY, Asia/Shanghai, sale, window = span of transactions', () => {
    const parsed = parseCaseFile(caseFile([sale({ day: 2, hour: 9 }), sale({ day: 5, hour: 18 })]));
    expect(parsed.merchant.currency).toBe('CNY');
    expect(parsed.merchant.timezone).toBe('Asia/Shanghai');
    expect(parsed.transactions[0]?.type).toBe('sale');
    expect(parsed.events).toEqual([]);
    expect(parsed.window).toEqual({ from: '2026-03-02T01:00:00.000Z', to: '2026-03-05T10:00:00.000Z' });
  });

  it('extends the default window to the last event and the suspension date', () => {
    const parsed = parseCaseFile(
      caseFile([sale({ day: 2 })], {
        merchant: { suspension: { at: '2026-03-20T09:00:00+08:00' } },
        events: [{ type: 'chargeback', at: '2026-03-10T09:00:00Z' }],
      }),
    );
    expect(parsed.window.to).toBe('2026-03-20T01:00:00.000Z');
  });

  it('keeps a window the caller gave', () => {
    const window = { from: '2026-03-01T00:00:00+08:00', to: '2026-03-31T23:59:59+08:00' };
    expect(parseCaseFile(caseFile([sale()], { window })).window).toEqual(window);
  });

  it('accepts timestamps with any offset or Z', () => {
    const txs = [sale({ at: '2026-03-01T23:30:00+08:00' }), sale({ at: '2026-03-01T15:30:00Z' }), sale({ at: '2026-03-01T10:30:00-0500' })];
    expect(parseCaseFile(caseFile(txs)).transactions).toHaveLength(3);
  });

  it('lists every problem with its JSON path', () => {
    const input = caseFile([
      sale(),
      sale({ amount: -5 }),
      sale({ amount: 12.5 }),
      sale({ at: '2026-03-01 24:00' }),
      sale({ at: '2026-02-30T12:00:00+08:00' }),
      sale({ status: 'pending' as never }),
      sale({ card: { token: 't', kind: 'gold' as never } }),
      sale({ amount: '100' as never }),
    ]);
    (input.merchant as { mcc: string }).mcc = '54';
    const paths = problemsOf(input).map((p) => p.path);
    expect(paths).toEqual([
      'merchant.mcc',
      'transactions[1].amount',
      'transactions[2].amount',
      'transactions[3].at',
      'transactions[4].at',
      'transactions[5].status',
      'transactions[6].card.kind',
      'transactions[7].amount',
    ]);
  });

  it('says what is wrong in words callers can act on', () => {
    const [problem] = problemsOf(caseFile([sale({ amount: -1 })]));
    expect(problem).toEqual({ path: 'transactions[0].amount', message: 'expected a non-negative integer (minor units)' });
    expect(String(new CaseFileError([problem as never]).message)).toContain(
      'transactions[0].amount: expected a non-negative integer (minor units)',
    );
  });

  it('refuses a PAN-like card token without echoing its digits', () => {
    for (const token of [PAN, '4111 1111 1111 1111', '4111-1111-1111-1111', '6212345678901232']) {
      let message = '';
      try {
        parseCaseFile(caseFile([sale({ card: { token, kind: 'credit' } })]));
      } catch (error) {
        expect(error).toBeInstanceOf(CaseFileError);
        message = (error as Error).message;
        expect((error as CaseFileError).problems[0]?.path).toBe('transactions[0].card.token');
      }
      expect(message).toContain('looks like a full card number');
      expect(message).not.toMatch(/\d{4}[ -]?\d{4}[ -]?\d{4}/);
    }
  });

  it('refuses card numbers hidden in ids and free text', () => {
    const problems = problemsOf(
      caseFile([sale({ id: PAN })], {
        events: [{ type: 'complaint', at: '2026-03-02T10:00:00+08:00', detail: `card ${PAN} charged twice` }],
      }),
    );
    expect(problems.map((p) => p.path)).toEqual(['transactions[0].id', 'events[0].detail']);
    expect(JSON.stringify(problems)).not.toContain('1111');
  });

  it('finds card numbers in objects without Object.prototype and in keys, as in plain JSON objects', () => {
    const card: { token: string; kind: 'debit' } = Object.assign(Object.create(null), { token: PAN, kind: 'debit' as const });
    expect(problemsOf(caseFile([sale({ card })])).map((p) => p.path)).toEqual(['transactions[0].card.token']);
    const keyed = { ...caseFile([sale({})]), events: [{ type: 'complaint', at: '2026-03-02T10:00:00+08:00', [PAN]: 'x' }] };
    expect(problemsOf(keyed).map((p) => p.path)).toEqual(['events[0].[key removed]']);
  });

  it('accepts ordinary tokens and numbers that fail the Luhn check', () => {
    expect(() => parseCaseFile(caseFile([sale({ id: '4111111111111112', card: { token: 'tok_8f2a', kind: 'debit' } })]))).not.toThrow();
  });

  it('refuses duplicate transaction ids and names the first', () => {
    const problems = problemsOf(caseFile([sale({ id: 'a' }), sale({ id: 'b' }), sale({ id: 'a' })]));
    expect(problems).toEqual([{ path: 'transactions[2].id', message: 'duplicates the id of transactions[0]' }]);
    // Ids in ascending order are checked by their order until it breaks; every duplicate is still found.
    const ids = (list: string[]) => {
      const input = caseFile(list.map((id) => sale({ id })));
      try {
        parseCaseFile(input);
        return [];
      } catch {
        return problemsOf(input).map((p) => `${p.path} ${p.message}`);
      }
    };
    expect(ids(['a', 'b', 'c', 'c'])).toEqual(['transactions[3].id duplicates the id of transactions[2]']);
    expect(ids(['a', 'b', 'c', 'd', 'b', 'e', 'a'])).toEqual([
      'transactions[4].id duplicates the id of transactions[1]',
      'transactions[6].id duplicates the id of transactions[0]',
    ]);
    expect(ids(['a', 'b', 'c', 'd'])).toEqual([]);
    expect(ids(['d', 'c', 'b', 'a'])).toEqual([]);
  });

  it('refuses an unknown time zone and mixed currencies', () => {
    const problems = problemsOf(caseFile([sale({ currency: 'USD' })], { merchant: { timezone: 'Mars/Olympus' } }));
    expect(problems.map((p) => p.path)).toEqual(['merchant.timezone', 'transactions[0].currency']);
  });

  it('refuses input that is not an object', () => {
    for (const input of [null, 42, 'x', []]) expect(problemsOf(input)[0]?.path).toBe('');
  });

  it('refuses case files over the limits before validating them', () => {
    let error: unknown;
    try {
      parseCaseFile(caseFile([sale(), sale()]), { maxTransactions: 1 });
    } catch (e) {
      error = e;
    }
    expect((error as CaseFileError).code).toBe('limit_exceeded');
    expect((error as CaseFileError).problems[0]?.path).toBe('transactions');
  });
});

describe('card number detection', () => {
  it('finds Luhn-valid 13–19 digit runs with or without separators', () => {
    expect(isPan(PAN)).toBe(true);
    expect(isPan('4111 1111 1111 1112')).toBe(false);
    expect(containsPan(`paid with 4111 1111 1111 1111 yesterday`)).toBe(true);
    expect(containsPan('order 12345')).toBe(false);
    expect(maskPans(`card ${PAN}.`)).toBe('card [card number removed].');
  });
});
