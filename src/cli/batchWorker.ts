/** Worker thread of the NDJSON batch: classifies chunks of lines with its own classifier. */
import { parentPort, workerData } from 'node:worker_threads';
import { createClassifier, type Lang } from '../index.js';
import { classifyLine, type LineOutcome } from './batchLine.js';

/** What the main thread sends once, at start. */
export interface WorkerInit {
  readonly rulePack: unknown;
  readonly lang: Lang;
  readonly minScore?: number;
}

/** A chunk of lines to classify. */
export interface Chunk {
  readonly seq: number;
  readonly lines: readonly { readonly number: number; readonly text: string }[];
}

/** The outcomes of a chunk, in line order. */
export interface ChunkResult {
  readonly seq: number;
  readonly outcomes: readonly LineOutcome[];
}

const init = workerData as WorkerInit;
const classifier = createClassifier({
  rulePack: init.rulePack,
  lang: init.lang,
  ...(init.minScore === undefined ? {} : { options: { minScore: init.minScore } }),
});
parentPort?.on('message', (chunk: Chunk) => {
  const result: ChunkResult = { seq: chunk.seq, outcomes: chunk.lines.map((line) => classifyLine(classifier, line, init.lang)) };
  parentPort?.postMessage(result);
});
