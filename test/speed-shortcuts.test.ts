/**
 * Inputs on which the shortcuts taken for speed once decided differently from the plain code they
 * replaced (found by a review that diffed the two builds over fuzzed input): each must decide as the
 * plain code does.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyChunk } from '../src/cli/batchLine.js';
import { CaseFileError } from '../src/contract/errors.js';
import { parseCaseFile } from '../src/contract/parseCaseFile.js';
import { earlyWarning } from '../src/engine/earlyWarning.js';
import { createClassifier } from '../src/index.js';
import { computeSignals } from '../src/signals/computeSignals.js';
import { isMultipleOf } from '../src/signals/prepare.js';

const PAN = '4111111111111111';

function problemsOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof CaseFileError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('shortcuts decide as the plain code', () => {
  it('checks a short timestamp against a tight string limit', () => {
    const input = {
      merchant: { id: 'M1', mcc: '5812', timezone: 'Asia/Shanghai' },
      transactions: [{ id: 'T1', at: '2026-01-01T10:00:00.000+08:00', amount: 100, status: 'approved' }],
    };
    expect(problemsOf(() => parseCaseFile(input, { maxStringLength: 20 }))).toEqual([
      { path: 'transactions[0].at', message: 'string is longer than 20 characters' },
    ]);
    expect(problemsOf(() => parseCaseFile(input, { maxStringLength: 29 }))).toEqual([]);
  });

  it('screens a key the fast path does not read even when a field comes from the prototype', () => {
    const input = () => ({
      merchant: { id: 'M1', mcc: '5812' },
      transactions: [{ id: 'T1', at: '2026-01-01T10:00:00+08:00', amount: 100, status: 'approved', note: PAN }],
    });
    const polluted = Object.prototype as Record<string, unknown>;
    polluted.authCode = 'A1';
    try {
      expect(problemsOf(() => parseCaseFile(input())).map((p) => p.path)).toContain('transactions[0].note');
    } finally {
      delete polluted.authCode;
    }
    // A hidden (non-enumerable) field beside an extra key.
    const hidden = input();
    Object.defineProperty(hidden.transactions[0], 'mcc', { value: '5812', enumerable: false });
    expect(problemsOf(() => parseCaseFile(hidden)).map((p) => p.path)).toContain('transactions[0].note');
    const card = input();
    (card.transactions[0] as Record<string, unknown>).card = Object.assign(Object.create({ token: 'c1' }), { pan: PAN });
    delete (card.transactions[0] as Record<string, unknown>).note;
    expect(problemsOf(() => parseCaseFile(card)).map((p) => p.path)).toContain('transactions[0].card.pan');
  });

  it('sums a local day that comes round again after clocks go back across midnight', () => {
    // America/Goose_Bay fell back from 00:01 to 23:01 on 2009-11-01: sales A and C are on the same local day.
    const input = {
      merchant: { id: 'M1', mcc: '5812', timezone: 'America/Goose_Bay', currency: 'CAD', limits: { perDay: 1000, perMonth: 1000 } },
      transactions: [
        { id: 'A', at: '2009-10-31T22:00:00-03:00', amount: 600, status: 'approved' },
        { id: 'B', at: '2009-11-01T03:00:30Z', amount: 100, status: 'approved' },
        { id: 'C', at: '2009-11-01T03:30:00Z', amount: 600, status: 'approved' },
      ],
    };
    const signals = computeSignals(parseCaseFile(input));
    expect([signals.dailyLimitExceededDays, signals.maxDayVsDailyLimit]).toEqual([1, 1.2]);
    expect([signals.monthlyLimitExceededMonths, signals.maxMonthVsMonthlyLimit]).toEqual([1, 1.2]);
  });

  it('keeps a trend whose score equals the threshold exactly', () => {
    // Card decline rates 0, 0.1, 0.2, 0.3 over four weeks: z = 1.6984155512168937, the largest four values reach.
    const transactions = ['2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19'].flatMap((monday, week) =>
      Array.from({ length: 10 }, (_, k) => ({
        id: `T${week * 10 + k}`,
        at: `${monday}T1${k}:00:00+08:00`,
        amount: 5000 + k,
        status: k < week ? 'declined' : 'approved',
        responseCode: k < week ? '51' : '00',
        card: { token: `c${week * 10 + k}` },
      })),
    );
    const input = { merchant: { id: 'M1', mcc: '5812', timezone: 'Asia/Shanghai' }, transactions };
    const settings = { weeks: 4, minWeeks: 4, minAttemptsPerWeek: 1 };
    const at = (minTrendZ: number) => earlyWarning(input, { ...settings, minTrendZ }).warnings.map((w) => w.signal);
    expect(at(1.6984155512168937)).toContain('cardDeclineRate');
    expect(at(1.6984155512169)).not.toContain('cardDeclineRate');
  });

  it('tests round amounts as % does, also outside what validation lets through', () => {
    for (const [amount, unit] of [
      [2 ** 67, 100],
      [3, 0.1],
      [30, 0.1],
      [12_345, 0.1],
      [-200, 100],
      [0, 0],
      [Number.NaN, 100],
      [Number.POSITIVE_INFINITY, 100],
      [10_000_000_000_000, 10_000],
      [9_007_199_254_740_991, 3],
    ] as const) {
      expect({ amount, unit, multiple: isMultipleOf(amount, unit) }).toEqual({ amount, unit, multiple: amount % unit === 0 });
    }
  });

  it('reads a timestamp edited after validation, not the instant validation kept for it', () => {
    const caseFile = parseCaseFile(JSON.parse(readFileSync('examples/cash-out-supermarket.json', 'utf8')));
    // Every sale moved to 03:xx local time: all of them are night sales now.
    for (const tx of caseFile.transactions) tx.at = tx.at.replace(/T\d\d:/, 'T03:');
    const signals = computeSignals(caseFile);
    expect(signals.nightSaleShare).toBe(1);
    expect(signals).toEqual(computeSignals(structuredClone(caseFile)));
  });

  it('treats a line in a batch the same wherever its chunk starts (byte order marks included)', () => {
    // The whole-chunk decoder used to drop one extra mark, but only on a chunk's first line.
    const classifier = createClassifier();
    const line = JSON.stringify({
      merchant: { id: 'M1', mcc: '5812' },
      transactions: [{ id: 'T1', at: '2026-01-01T10:00:00+08:00', amount: 100, status: 'approved' }],
    });
    const encode = (text: string) => new TextEncoder().encode(text);
    for (const lead of ['\uFEFF', '\uFEFF\uFEFF']) {
      const first = classifyChunk(classifier, 1, encode(`${lead}${line}\n${line}\n`), 'en').out.split('\n')[0];
      const second = classifyChunk(classifier, 1, encode(`${line}\n${lead}${line}\n`), 'en').out.split('\n')[1];
      expect(JSON.parse(first ?? '').error?.code).toBe(JSON.parse(second ?? '').error?.code);
    }
  });

  it('treats a line the same whether or not another line of its chunk is not UTF-8 (one byte order mark is skipped, not two)', () => {
    // The strict decoder, used only for a chunk that is not all UTF-8, dropped a leading mark itself.
    const classifier = createClassifier();
    const line = JSON.stringify({
      merchant: { id: 'M1', mcc: '5812' },
      transactions: [{ id: 'T1', at: '2026-01-01T10:00:00+08:00', amount: 100, status: 'approved' }],
    });
    const gbk = Uint8Array.from([0xcc, 0xd7, 0x0a]); // 套 in GBK, then a newline
    const encode = (text: string) => new TextEncoder().encode(text);
    for (const lead of ['', '\uFEFF', '\uFEFF\uFEFF']) {
      const clean = classifyChunk(classifier, 1, encode(`${lead}${line}\n`), 'en').out.split('\n')[0] ?? '';
      const mixed = classifyChunk(classifier, 1, Buffer.concat([encode(`${lead}${line}\n`), gbk]), 'en').out.split('\n');
      expect(mixed[0]).toBe(clean);
      expect(JSON.parse(mixed[1] ?? '').error.code).toBe('invalid_encoding');
    }
  });
});
