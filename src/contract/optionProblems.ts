/** Problems from a zod error over options: one per bad field, unknown keys one each, card numbers masked. */
import type { z } from 'zod';
import { maskPans } from '../text/cardNumber.js';
import { formatPath, type Problem } from './errors.js';

/**
 * Turns zod issues into problems under `prefix`: an unknown key becomes `prefix.key: unknown option`
 * (the key masked and cut to 80 characters, as it is caller input), and repeats are dropped.
 *
 * @example
 * ```ts
 * problemsOf(schema.safeParse(options).error!, 'options'); // [{ path: 'options.nightStartHour', message: '…' }]
 * ```
 */
export function problemsOf(error: z.ZodError, prefix: string): Problem[] {
  const join = (rest: readonly PropertyKey[]) => {
    const field = formatPath(rest);
    if (!prefix) return field;
    if (!field) return prefix;
    return field.startsWith('[') ? `${prefix}${field}` : `${prefix}.${field}`;
  };
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push({ path: join([...issue.path, maskPans(key).slice(0, 80)]), message: 'unknown option' });
    } else {
      problems.push({ path: join(issue.path), message: issue.message });
    }
  }
  const seen = new Set<string>();
  return problems.filter((p) => {
    const id = `${p.path}\u0000${p.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
