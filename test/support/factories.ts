/** Small factories for hand-built case files in tests (defaults everywhere, override what matters). */
import type { CaseFileInput } from '../../src/contract/caseFile.js';

type TxInput = CaseFileInput['transactions'][number];

let counter = 0;

/** An approved sale on 2026-03-02 (Asia/Shanghai) at `hour` (fractional hours allowed) of `day` (1–31). */
export function sale(overrides: Partial<TxInput> & { day?: number; hour?: number } = {}): TxInput {
  const { day = 2, hour = 12, ...rest } = overrides;
  const h = Math.floor(hour);
  const m = Math.round((hour - h) * 60);
  counter++;
  return {
    id: `t${counter}`,
    at: `2026-03-${String(day).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+08:00`,
    amount: 10_050,
    status: 'approved',
    ...rest,
  };
}

/** A declined sale attempt. */
export function decline(overrides: Partial<TxInput> & { day?: number; hour?: number } = {}): TxInput {
  return sale({ status: 'declined', responseCode: '51', ...overrides });
}

/** A case file around the given transactions. */
export function caseFile(
  transactions: TxInput[],
  overrides: { merchant?: Partial<CaseFileInput['merchant']>; events?: CaseFileInput['events']; window?: CaseFileInput['window'] } = {},
): CaseFileInput {
  return {
    merchant: { id: 'm-test', mcc: '5812', ...overrides.merchant },
    transactions,
    ...(overrides.events ? { events: overrides.events } : {}),
    ...(overrides.window ? { window: overrides.window } : {}),
  };
}

/** Reads a fixture from test/fixtures. */
export async function fixture(name: string): Promise<Record<string, unknown> & { label: Label }> {
  const { readFile } = await import('node:fs/promises');
  return JSON.parse(await readFile(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
}

/** The label a fixture carries. */
export interface Label {
  expected: string | null;
  acceptable: string[];
  note: string;
}
