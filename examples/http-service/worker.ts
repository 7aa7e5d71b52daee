/**
 * The pool's worker (a piscina worker thread): takes the raw request body and does all the
 * CPU-heavy work off the event loop — UTF-8 decoding, JSON.parse, validation, signals, rules — and
 * returns the response already serialised, so the main thread only copies bytes in and out.
 *
 * It imports the library by its package name, like any service would. How that name resolves:
 * - tests and `npx tsx server.ts`: this file is TypeScript run through tsx's loader (app.ts adds
 *   `--import tsx` to the worker's execArgv when the process does not already carry it), and tsx
 *   maps `pos-suspension-classifier` to `src/index.ts` through tsconfig `paths` — the same sources
 *   vitest aliases on the main thread;
 * - production (a compiled service that depends on the package): this file compiled to worker.js,
 *   loaded without any loader, and the name resolves to the installed package's `dist/index.js`.
 */
import { createClassifier, isCaseFileError, type Lang } from 'pos-suspension-classifier';

/** One classification: the request body as received, and the language of the result. */
export interface ClassifyTask {
  readonly body: Uint8Array;
  readonly lang?: Lang;
}

/** The response to send: its status and its JSON text (a result, or `{error, problems}`). */
export interface ClassifyOutcome {
  readonly status: 200 | 400;
  readonly json: string;
}

// Built once per worker thread: validates and compiles the rule pack.
const classifier = createClassifier();
// fatal: a body that is not UTF-8 is refused rather than decoded with replacement characters.
const decoder = new TextDecoder('utf-8', { fatal: true });

const badRequest = (message: string): ClassifyOutcome => ({
  status: 400,
  json: JSON.stringify({ error: 'bad_request', problems: [{ path: '', message }] }),
});

/** Parses and classifies one body. Unexpected errors are thrown (the pool rejects, the service answers 500). */
export default function classifyTask(task: ClassifyTask): ClassifyOutcome {
  let input: unknown;
  try {
    input = JSON.parse(decoder.decode(task.body));
  } catch {
    return badRequest('request body is not valid JSON');
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return badRequest('request body is not a JSON object');
  try {
    return { status: 200, json: JSON.stringify(classifier.classifySync(input, task.lang ? { lang: task.lang } : {})) };
  } catch (error) {
    // CaseFileError problems never quote a card number (the PAN screen runs before the schema).
    if (isCaseFileError(error)) return { status: 400, json: JSON.stringify({ error: error.code, problems: error.problems }) };
    throw error;
  }
}
