import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { CaseFileError, classify, computeSignals, createClassifier, parseCaseFile } from '../src/index.js';
import { containsPan } from '../src/text/cardNumber.js';
import { caseFile, sale } from './support/factories.js';

const PANS = ['4111111111111111', '5500 0000 0000 0004', '3400-0000-0000-009', '6212345678901232', '4012888888881881'];

/** Every way a card number could sneak into a case file. */
function panBearingInputs(pan: string): unknown[] {
  const ok = caseFile([sale({ id: 'x1', card: { token: 'tok_1', kind: 'credit' } })]);
  return [
    caseFile([sale({ card: { token: pan, kind: 'credit' } })]),
    caseFile([sale({ id: pan })]),
    caseFile([sale({ terminalId: pan })]),
    caseFile([sale({ refersTo: pan, type: 'refund' })]),
    caseFile([sale()], { merchant: { id: pan } }),
    caseFile([sale()], { merchant: { name: `Shop ${pan}` } }),
    caseFile([sale()], { merchant: { suspension: { note: `card ${pan} was used`, reasonCode: pan } } }),
    caseFile([sale()], { events: [{ type: 'complaint', at: '2026-03-02T10:00:00+08:00', detail: `refund to ${pan}` }] }),
    caseFile([sale()], { events: [{ type: 'chargeback', at: '2026-03-02T10:00:00+08:00', transactionId: pan }] }),
    { ...ok, [pan]: 'key' },
    { ...ok, merchant: { ...ok.merchant, [pan]: pan } },
    caseFile([sale({ card: { token: Number(pan.replace(/\D/g, '')) as never, kind: 'credit' } })]),
  ];
}

async function cliOutput(args: string[], stdin: string): Promise<string> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let text = '';
  stdout.on('data', (d) => (text += d));
  stderr.on('data', (d) => (text += d));
  await run(args, { stdin: Readable.from([stdin]), stdout, stderr, env: {} });
  return text;
}

describe('card numbers never come back out', () => {
  it('sweeps every library and CLI output of PAN-bearing inputs and finds no Luhn-valid 13–19 digit run', async () => {
    const outputs: string[] = [];
    const classifier = createClassifier();
    for (const pan of PANS) {
      for (const input of panBearingInputs(pan)) {
        for (const attempt of [
          () => classifier.classifySync(input),
          () => parseCaseFile(input),
          () => computeSignals(parseCaseFile(input)),
        ]) {
          try {
            outputs.push(JSON.stringify(attempt()));
          } catch (error) {
            expect(error).toBeInstanceOf(CaseFileError);
            outputs.push((error as Error).message, JSON.stringify((error as CaseFileError).problems));
          }
        }
        const text = JSON.stringify(input);
        outputs.push(await cliOutput(['classify', '-', '--format', 'json'], text));
        outputs.push(await cliOutput(['classify', '-', '--format', 'table'], text));
        outputs.push(await cliOutput(['classify', '-', '--ndjson'], `${text}\n${text}\n`));
        outputs.push(await cliOutput(['signals', '-'], text));
        outputs.push(
          await cliOutput(
            ['backtest', '-', '--format', 'table'],
            `${JSON.stringify({ label: { expected: null }, ...(input as object) })}\n`,
          ),
        );
      }
    }
    expect(outputs.length).toBeGreaterThan(300);
    const leaks = outputs.filter(containsPan);
    expect(leaks).toEqual([]);
  });

  it('refuses every one of those inputs', async () => {
    for (const input of panBearingInputs(PANS[0] as string).slice(0, -1)) {
      await expect(classify(input)).rejects.toThrow(CaseFileError);
    }
  });
});

describe('injection', () => {
  it('does not let __proto__ or constructor keys in a case file pollute prototypes', async () => {
    const hostile = JSON.parse(
      '{"merchant":{"id":"m","mcc":"5812","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}},' +
        '"transactions":[{"id":"t","at":"2026-03-02T10:00:00+08:00","amount":100,"status":"approved","__proto__":{"isAdmin":true}}],"__proto__":{"polluted":true}}',
    );
    const result = await classify(hostile);
    expect(result.merchantId).toBe('m');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.keys(parseCaseFile(hostile).merchant)).not.toContain('__proto__');
  });
});

describe('time edge cases', () => {
  it('classifies a window of one transaction', async () => {
    const result = await classify(caseFile([sale()]));
    expect(result.window.from).toBe(result.window.to);
    expect(result.signals.windowDays).toBe(0);
    expect(result.causes).toEqual([]);
  });

  it('counts transactions and events outside a given window', async () => {
    const result = await classify(
      caseFile([sale({ day: 1 }), sale({ day: 15 }), sale({ day: 28 })], {
        window: { from: '2026-03-10T00:00:00+08:00', to: '2026-03-20T00:00:00+08:00' },
        events: [{ type: 'complaint', at: '2026-02-01T00:00:00Z' }],
      }),
    );
    expect(result.window).toMatchObject({ transactionsOutside: 2, eventsOutside: 1 });
    expect(result.signals.saleCount).toBe(1);
  });
});
