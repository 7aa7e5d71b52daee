/** One NDJSON line of a batch: classified, or reduced to a one-line error. Shared by the main thread and the workers. */
import { type Classifier, isCaseFileError, type Lang, maskPans } from '../index.js';

/** What became of one line: its result JSON, or the error message to report. */
export type LineOutcome =
  | { readonly number: number; readonly json: string; readonly top: string }
  | { readonly number: number; readonly error: string };

/** Classifies one NDJSON line. */
export function classifyLine(classifier: Classifier, line: { number: number; text: string }, lang: Lang): LineOutcome {
  try {
    const result = classifier.classifySync(JSON.parse(line.text), { lang });
    return { number: line.number, json: JSON.stringify(result), top: result.causes[0]?.id ?? '(none)' };
  } catch (error) {
    return { number: line.number, error: describeError(error) };
  }
}

/** One line for an error: the message and, for a case file, every path. Never a stack. */
export function describeError(error: unknown): string {
  if (error instanceof SyntaxError) return 'not valid JSON';
  if (isCaseFileError(error)) return error.problems.map((p) => `${p.path || '(root)'}: ${p.message}`).join('; ');
  return maskPans(error instanceof Error ? (error.message.split('\n')[0] ?? 'error') : String(error));
}
