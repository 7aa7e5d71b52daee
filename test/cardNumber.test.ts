import { describe, expect, it } from 'vitest';
import { CaseFileError, parseCaseFile } from '../src/index.js';
import { containsPan, isCardNumberDigits, isPan, maskPans, passesLuhn } from '../src/text/cardNumber.js';
import { caseFile, sale } from './support/factories.js';

/** `body` followed by the digit that makes it pass Luhn. */
function withCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (passesLuhn(body + d)) return body + d;
  throw new Error('unreachable');
}

const UNIONPAY = withCheckDigit('622202123456789012'); // 19 digits, UnionPay 62
const VISA = '4111111111111111';

const digitsIn = (zero: number) => (s: string) => s.replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));
const groups = (s: string, size = 4) => s.match(new RegExp(`.{1,${size}}`, 'g')) as string[];

/** A card number written in the ways real exports and free text write them. */
const WRITINGS: Record<string, string> = {
  'full-width digits': digitsIn(0xff10)(UNIONPAY),
  'Arabic-Indic digits': digitsIn(0x660)(VISA),
  'Devanagari digits': digitsIn(0x966)(groups(VISA).join(' ')),
  'no-break spaces': groups(UNIONPAY).join('\u00a0'),
  'thin and narrow spaces': groups(VISA).join('\u2009\u202f'),
  dots: groups(VISA).join('.'),
  'dashes and en dashes': groups(UNIONPAY).join('-').replace('-', '\u2013'),
  underscores: groups(VISA).join('_'),
  slashes: groups(UNIONPAY).join('/'),
  'zero-width characters between every digit': [...VISA].join('\u200b'),
  'word joiner, BOM and soft hyphen': groups(UNIONPAY).join('\u2060\ufeff\u00ad'),
  'line breaks and tabs': groups(VISA).join('\r\n').replace('\r\n', '\t'),
  'spaced dash': groups(VISA).join(' - '),
  'middle dots': groups(VISA).join('\u00b7'),
  'commas, ASCII and full-width': groups(UNIONPAY).join(',').replace(',', '\uff0c'),
  'a bidi override and combining marks between digits': [...VISA].join('\u202e').replace('\u202e', '\ufe0f\u0301'),
  mixed: `${digitsIn(0xff10)(UNIONPAY.slice(0, 4))}\u00a0${digitsIn(0x660)(UNIONPAY.slice(4, 8))}\u200b${UNIONPAY.slice(8, 12)}.${digitsIn(0x966)(UNIONPAY.slice(12))}`,
};

function refusal(input: unknown): CaseFileError {
  try {
    parseCaseFile(input);
  } catch (error) {
    expect(error).toBeInstanceOf(CaseFileError);
    return error as CaseFileError;
  }
  throw new Error('expected a CaseFileError');
}

describe('the card-number screen', () => {
  it('does not join the parts of a valid timestamp, however many fraction digits it has', () => {
    for (const at of ['2026-10-01T10:44:27.1234567+08:00', '2026-10-01 14:41:41.123456+08:00', '2026-10-01T04:11:41,5Z']) {
      expect(containsPan(at)).toBe(false);
    }
  });

  it('knows card numbers by Luhn, issuer prefix and length', () => {
    expect(isCardNumberDigits(VISA)).toBe(true);
    expect(isCardNumberDigits(UNIONPAY)).toBe(true);
    expect(isCardNumberDigits(withCheckDigit('37828224631000'))).toBe(true); // Amex, 15
    expect(isCardNumberDigits(withCheckDigit('555555555555444'))).toBe(true); // Mastercard, 16
    expect(isCardNumberDigits(withCheckDigit('22210000000000'))).toBe(false); // Mastercard 2221 but 15 digits
    expect(isCardNumberDigits(withCheckDigit('37828224631000') + '0')).toBe(false); // Amex prefix, 16 digits
    expect(isCardNumberDigits('4111111111111112')).toBe(false); // fails Luhn
  });

  it('accepts 15-digit merchant numbers, 8-digit terminal ids and 12-digit reference numbers that pass Luhn', () => {
    const merchantNumbers = ['89831004816001', '89844015399123', '89812345678901', '10210000000001', '82231005812000'].map(withCheckDigit);
    for (const number of merchantNumbers) {
      expect(number).toHaveLength(15);
      expect(passesLuhn(number)).toBe(true);
      expect(containsPan(number)).toBe(false);
    }
    const terminal = withCheckDigit('1234567');
    const reference = withCheckDigit('62260312345');
    const input = caseFile(
      merchantNumbers.map((merchantNumber, i) =>
        sale({ merchantNumber, terminalId: terminal, referenceNumber: reference, id: `商户${merchantNumber}-${i}` }),
      ),
      {
        merchant: {
          id: merchantNumbers[0] as string,
          terminals: [terminal],
          suspension: { note: `商户编号 ${merchantNumbers[1]} 终端号 ${terminal} 参考号 ${reference}` },
        },
      },
    );
    expect(parseCaseFile(input).transactions.map((tx) => tx.merchantNumber)).toEqual(merchantNumbers);
  });

  it('accepts masked card numbers', () => {
    const parsed = parseCaseFile(caseFile([sale({ card: { token: '622588******1234', masked: '622588******1234' } })]));
    expect(parsed.transactions[0]?.card).toEqual({ token: '622588******1234', kind: 'unknown', masked: '622588******1234' });
  });

  for (const [writing, text] of Object.entries(WRITINGS)) {
    it(`refuses a card number written with ${writing}, as a token or in free text, without echoing it`, () => {
      expect(containsPan(text)).toBe(true);
      expect(isPan(text)).toBe(true);
      const error = refusal(
        caseFile([sale({ card: { token: text } })], {
          events: [{ type: 'complaint', at: '2026-03-02T10:00:00+08:00', detail: `客户卡号 ${text} 投诉` }],
        }),
      );
      expect(error.problems.map((p) => p.path)).toEqual(['transactions[0].card.token', 'events[0].detail']);
      const shown = `${error.message}\n${JSON.stringify(error.problems)}`;
      expect(shown).not.toContain(text);
      expect(containsPan(shown)).toBe(false);
      expect(shown.replace(/\D/g, '')).not.toContain(UNIONPAY.slice(4, 12));
      expect(shown.replace(/\D/g, '')).not.toContain(VISA.slice(0, 8));
    });
  }

  it('masks the whole written number, separators and all, and nothing around it', () => {
    for (const text of Object.values(WRITINGS)) {
      expect(maskPans(`卡号：${text}，已拒绝`)).toBe('卡号：[card number removed]，已拒绝');
    }
    expect(maskPans(`${VISA} 2026`)).toBe('[card number removed] 2026');
    expect(maskPans(`a ${VISA} b ${UNIONPAY} c`)).toBe('a [card number removed] b [card number removed] c');
  });

  it('finds card numbers written inside brackets and masks their digits', () => {
    const inBrackets = [
      `(${VISA.slice(0, 4)})${VISA.slice(4, 8)}-${VISA.slice(8, 12)}-${VISA.slice(12)}`,
      groups(VISA)
        .map((g) => `\u3010${g}\u3011`)
        .join(''),
    ];
    for (const text of inBrackets) {
      expect(containsPan(text)).toBe(true);
      expect(maskPans(`卡号 ${text} 已拒绝`).replace(/\D/g, '')).toBe('');
      expect(() =>
        parseCaseFile(caseFile([sale()], { events: [{ type: 'complaint', at: '2026-03-02T10:00:00+08:00', detail: text }] })),
      ).toThrow(CaseFileError);
    }
  });

  it('still finds a card number followed by other digit groups, and leaves dates, phones and amounts alone', () => {
    expect(containsPan(`4111 1111 1111 1111 2026`)).toBe(true);
    for (const text of [
      '2026-10-01 10:44:27',
      '13812345678',
      '金额 1,234,567.89',
      '订单 2026100110442712345678901234',
      '622588******1234',
    ]) {
      expect(containsPan(text)).toBe(false);
    }
  });
});
