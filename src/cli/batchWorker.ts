/** Worker thread of the NDJSON batch: classifies chunks of lines (raw UTF-8 bytes) with its own classifier. */
import { parentPort, workerData } from 'node:worker_threads';
import { createClassifier, type Lang } from '../index.js';
import { classifyChunk } from './batchLine.js';

/** What the main thread sends once, at start. */
export interface WorkerInit {
  readonly rulePack: unknown;
  readonly lang: Lang;
  readonly minScore?: number;
}

/** A chunk of whole lines to classify: UTF-8 bytes, each line ending in `\n`, the first numbered `first`. */
export interface Chunk {
  readonly seq: number;
  readonly first: number;
  readonly bytes: Uint8Array;
}

/** The outcome of a chunk: its output lines as UTF-8 bytes, top causes, and stderr messages of failed lines. */
export interface ChunkResult {
  readonly seq: number;
  readonly out: Uint8Array;
  readonly tops: readonly string[];
  readonly failures: readonly string[];
}

const init = workerData as WorkerInit;
const classifier = createClassifier({
  rulePack: init.rulePack,
  lang: init.lang,
  ...(init.minScore === undefined ? {} : { options: { minScore: init.minScore } }),
});
const encoder = new TextEncoder();
parentPort?.on('message', (chunk: Chunk) => {
  const outcome = classifyChunk(classifier, chunk.first, chunk.bytes, init.lang);
  // Encoded here and moved, not copied: the main thread writes the bytes as they are.
  const out = encoder.encode(outcome.out);
  const result: ChunkResult = { seq: chunk.seq, out, tops: outcome.tops, failures: outcome.failures };
  parentPort?.postMessage(result, [out.buffer]);
});
