/** Validation of caller-supplied signals for `classifySignals`, built from the signal catalog. */
import { z } from 'zod';
import { formatPath, OptionsError } from '../contract/errors.js';
import { SIGNAL_CATALOG, type Signals } from '../signals/catalog.js';

const SignalsSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(SIGNAL_CATALOG).map(([name, spec]) => [
      name,
      spec.kind === 'boolean' ? z.boolean() : z.number().refine(Number.isFinite, { error: 'expected a finite number' }),
    ]),
  ),
);

/** Parses a full signal record; every signal must be present with the right type. */
export function parseSignals(input: unknown): Signals {
  const parsed = SignalsSchema.safeParse(input);
  if (!parsed.success) {
    throw new OptionsError(parsed.error.issues.slice(0, 50).map((i) => ({ path: `signals.${formatPath(i.path)}`, message: i.message })));
  }
  return parsed.data as Signals;
}
