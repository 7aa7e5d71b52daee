/**
 * Tests of the independent generator itself (not of the classifier: the integrator scores that).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { moment } from './clock.js';
import { CAUSES, generateIndependent, generateOne, type IndependentCase } from './generate.js';

type Row = Record<string, unknown>;

const SEED = 5; // a development seed; 7001 is the test seed and is not used here
const COUNT = 100;

let cases: IndependentCase[] = [];

beforeAll(() => {
  cases = generateIndependent({ seed: SEED, count: COUNT });
});

const kindOf = (c: IndependentCase): string => (c.label.note ?? '').split(/[:;]/)[0] ?? '';
const transactions = (c: IndependentCase): Row[] => c.caseFile.transactions as Row[];

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) strings(item, out);
  return out;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

/** Card-scheme issuer prefixes with the lengths their cards have. */
function schemeCardLength(d: string): boolean {
  const n = d.length;
  const p = (k: number): number => Number(d.slice(0, k));
  if (d.startsWith('4')) return n === 13 || n === 16 || n === 19; // Visa
  if ((p(2) >= 51 && p(2) <= 55) || (p(4) >= 2221 && p(4) <= 2720)) return n === 16; // Mastercard
  if (p(2) === 34 || p(2) === 37) return n === 15; // Amex
  if (p(4) >= 3528 && p(4) <= 3589) return n >= 16 && n <= 19; // JCB
  if (d.startsWith('62') || d.startsWith('81')) return n >= 16 && n <= 19; // UnionPay
  if (d.startsWith('6011') || d.startsWith('65') || (p(3) >= 644 && p(3) <= 649)) return n >= 16 && n <= 19; // Discover
  if (d.startsWith('36') || d.startsWith('38') || d.startsWith('39') || (p(3) >= 300 && p(3) <= 305)) return n >= 14 && n <= 19; // Diners
  if (['5018', '5020', '5038', '5893', '6304', '6759', '6761', '6762', '6763'].includes(d.slice(0, 4))) return n >= 12 && n <= 19; // Maestro
  return false;
}

/** Digit runs, plain and joined by the separators people write card numbers with. */
function digitRuns(text: string): string[] {
  const plain = text.match(/\d+/g) ?? [];
  const joined = (text.match(/\d(?:[ \u00a0\-./]?\d)*/g) ?? []).map((run) => run.replace(/[^\d]/g, ''));
  return [...plain, ...joined];
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})?$/;

/** The UTC instant of a written timestamp; an offset-less one is local time in the zone. */
function instant(text: string, zone: string): number {
  const m = TIMESTAMP.exec(text);
  if (m === null) throw new Error(`not a timestamp: ${text}`);
  const [, y, mo, d, h, mi, s, frac, offset] = m;
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number((frac ?? '0').padEnd(3, '0')));
  if (offset === undefined) return moment(zone, local).utc;
  if (offset === 'Z') return local;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.replace(/[^\d]/g, '');
  return local - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

describe('independent generator', () => {
  it('gives the same merchants for the same seed, whatever the count', () => {
    const a = generateIndependent({ seed: 42, count: 25 });
    const b = generateIndependent({ seed: 42, count: 25 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(generateOne(42, 17))).toBe(JSON.stringify(a[17]));
    expect(JSON.stringify(generateIndependent({ seed: 43, count: 5 }))).not.toBe(JSON.stringify(a.slice(0, 5)));
  });

  it('keeps the proportions per block of 20: 3 healthy, 3 look-alikes, 2 near misses, 10 single-cause, 2 two-cause', () => {
    const tally: Record<string, number> = {};
    for (const c of cases) tally[kindOf(c)] = (tally[kindOf(c)] ?? 0) + 1;
    expect(tally).toEqual({ healthy: 15, 'look-alike': 15, 'near-miss': 10, cause: 50, 'two causes': 10 });
  });

  it('uses every one of the 18 cause ids as an expected top cause', () => {
    const expected = new Set(cases.map((c) => c.label.expected).filter((e) => e !== null));
    expect([...expected].sort()).toEqual([...CAUSES].sort());
    expect(CAUSES).toHaveLength(18);
  });

  it('labels healthy merchants, look-alikes and near misses null with nothing acceptable', () => {
    for (const c of cases) {
      const kind = kindOf(c);
      if (kind === 'healthy' || kind === 'look-alike' || kind === 'near-miss')
        expect(c.label).toMatchObject({ expected: null, acceptable: [] });
      if (kind === 'cause') expect(c.label.expected).not.toBeNull();
      if (kind === 'two causes') {
        expect(c.label.acceptable.length).toBeGreaterThanOrEqual(1);
        expect(c.label.acceptable).not.toContain(c.label.expected);
      }
    }
  });

  it('never writes anything that could be a card number', () => {
    for (const c of cases) {
      for (const text of strings(c)) {
        for (const run of digitRuns(text)) {
          if (run.length >= 13 && run.length <= 19) expect(luhn(run) && schemeCardLength(run), `${c.label.note}: ${text}`).toBe(false);
        }
      }
      for (const tx of transactions(c)) {
        const card = tx.card as { token: string; masked?: string } | undefined;
        if (card === undefined) continue;
        expect(card.token).not.toMatch(/\d{13}/);
        if (card.masked !== undefined) expect(card.masked).toMatch(/^\d{6}\*{3,9}\d{4}$/);
      }
    }
  });

  it('writes timestamps in mixed styles, many without an offset', () => {
    const styles = new Set<string>();
    for (const c of cases) {
      for (const tx of transactions(c)) {
        const at = tx.at as string;
        const m = TIMESTAMP.exec(at);
        expect(m, at).not.toBeNull();
        const offset = m?.[8];
        styles.add(
          offset === undefined
            ? at.includes('.')
              ? 'local-fraction'
              : 'local'
            : offset === 'Z'
              ? 'Z'
              : offset.includes(':')
                ? 'colon'
                : 'basic',
        );
      }
    }
    expect([...styles].sort()).toEqual(['Z', 'basic', 'colon', 'local', 'local-fraction']);
  });

  it('puts rows out of order in some exports and keeps them in order in others', () => {
    let outOfOrder = 0;
    let inOrder = 0;
    for (const c of cases) {
      const zone = ((c.caseFile.merchant as Row).timezone as string | undefined) ?? 'Asia/Shanghai';
      const times = transactions(c).map((tx) => instant(tx.at as string, zone));
      const sorted = times.every((t, i) => i === 0 || t >= (times[i - 1] as number));
      if (sorted) inOrder++;
      else outOfOrder++;
    }
    expect(outOfOrder).toBeGreaterThan(10);
    expect(inOrder).toBeGreaterThan(10);
  });

  it('keeps transactions inside the window it writes', () => {
    for (const c of cases) {
      const window = c.caseFile.window as { from: string; to: string } | undefined;
      if (window === undefined) continue;
      const zone = ((c.caseFile.merchant as Row).timezone as string | undefined) ?? 'Asia/Shanghai';
      const from = instant(window.from, zone);
      const to = instant(window.to, zone);
      for (const tx of transactions(c)) {
        const at = instant(tx.at as string, zone);
        expect(at).toBeGreaterThanOrEqual(from);
        expect(at).toBeLessThanOrEqual(to);
      }
    }
  });

  it('writes money as non-negative integer minor units, with zero-amount verifications', () => {
    let zero = 0;
    for (const c of cases) {
      for (const tx of transactions(c)) {
        expect(Number.isInteger(tx.amount) && (tx.amount as number) >= 0).toBe(true);
        if (tx.amount === 0) zero++;
      }
    }
    expect(zero).toBeGreaterThan(0);
  });

  it('links pre-authorisation completions, cancellations, voids and refunds to a transaction', () => {
    const types = new Set<string>();
    let dangling = 0;
    let linked = 0;
    for (const c of cases) {
      const ids = new Set(transactions(c).map((tx) => tx.id as string));
      expect(ids.size).toBe(transactions(c).length);
      for (const tx of transactions(c)) {
        types.add((tx.type as string | undefined) ?? 'sale');
        if (tx.refersTo === undefined) continue;
        if (ids.has(tx.refersTo as string)) linked++;
        else dangling++;
      }
    }
    expect([...types].sort()).toEqual(['preauth', 'preauth-cancel', 'preauth-completion', 'refund', 'sale', 'void']);
    expect(dangling).toBeLessThan(linked / 20);
  });

  it('writes acquirer identifiers the way acquirers do', () => {
    const all = cases.flatMap((c) => transactions(c));
    const numbers = cases.map((c) => (c.caseFile.merchant as Row).id as string).filter((id) => /^\d+$/.test(id));
    expect(numbers.length).toBeGreaterThan(10);
    for (const id of numbers) expect(id).toMatch(/^898\d{12}$/);
    expect(all.some((tx) => typeof tx.merchantNumber === 'string')).toBe(true);
    for (const tx of all) {
      if (tx.terminalId !== undefined) expect(tx.terminalId).toMatch(/^\d{8}$/);
      if (tx.referenceNumber !== undefined) expect(tx.referenceNumber).toMatch(/^\d{12}$/);
      if (tx.voucherNumber !== undefined) expect(tx.voucherNumber).toMatch(/^\d{6}$/);
    }
    const codes = new Set(all.filter((tx) => tx.status === 'declined').map((tx) => String(tx.responseCode)));
    for (const code of ['05', '51', '55', '14', '54', '61', '91', '96']) expect(codes, code).toContain(code);
  });

  it('leaves optional fields out at random', () => {
    const all = cases.flatMap((c) => transactions(c));
    for (const field of ['type', 'entryMode', 'responseCode', 'terminalId', 'location']) {
      const present = all.filter((tx) => tx[field] !== undefined).length;
      expect(present, field).toBeGreaterThan(0);
      expect(present, field).toBeLessThan(all.length);
    }
    const cards = all.map((tx) => tx.card as Row | undefined).filter((card) => card !== undefined);
    expect(cards.some((card) => card.kind === undefined)).toBe(true);
    expect(cards.some((card) => card.masked !== undefined)).toBe(true);
  });

  it('uses several time zones and many MCCs', () => {
    const zones = new Set(cases.map((c) => ((c.caseFile.merchant as Row).timezone as string | undefined) ?? 'Asia/Shanghai'));
    expect(zones.size).toBeGreaterThanOrEqual(4);
    const mccs = new Set(cases.map((c) => (c.caseFile.merchant as Row).mcc));
    expect(mccs.size).toBeGreaterThanOrEqual(25);
  });

  it('carries the new contract fields: kind, limits, suspension notices and measures, the new event types', () => {
    const merchants = cases.map((c) => c.caseFile.merchant as Row);
    expect(merchants.some((m) => m.kind === 'individual' && m.limits !== undefined)).toBe(true);
    const suspensions = merchants.map((m) => m.suspension as Row | undefined).filter((s) => s !== undefined);
    expect(suspensions.some((s) => typeof s.noticeId === 'string')).toBe(true);
    expect(suspensions.some((s) => Array.isArray(s.measures))).toBe(true);
    expect(suspensions.some((s) => /公安|协查|电信网络诈骗/.test(String(s.note)))).toBe(true);
    const events = new Set(cases.flatMap((c) => ((c.caseFile.events as Row[] | undefined) ?? []).map((e) => e.type)));
    for (const type of ['fund-freeze', 'law-enforcement-request', 'settlement-failed', 'contract-change'])
      expect(events, type).toContain(type);
  });
});
