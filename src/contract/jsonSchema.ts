/** The case file as JSON Schema, for callers not written in TypeScript. */
import { z } from 'zod';
import { CaseFileSchema } from './caseFile.js';

/**
 * The JSON Schema (draft 2020-12) of a case file as callers write it. The same document ships as
 * `pos-suspension-classifier/case-file.schema.json`.
 *
 * @example
 * ```ts
 * writeFileSync('case-file.schema.json', JSON.stringify(caseFileJsonSchema(), null, 2));
 * ```
 */
export function caseFileJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(CaseFileSchema, { io: 'input', unrepresentable: 'any' });
  return { $id: 'https://pos-suspension-classifier/case-file.schema.json', ...schema };
}
