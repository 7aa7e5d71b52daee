/** `pos-suspension classify`: one case file (JSON), or many (NDJSON, one per line) on worker threads. */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { type Classifier, createClassifier, customFactSpecs, type Lang } from '../../index.js';
import { DEFAULT_MAX_LINE_BYTES, maxWorkers, runBatch } from '../batch.js';
import { loadCustomSignals } from '../customSignals.js';
import { CliError, parseJson, readFileChunks, readRulePack, readText, unreadable } from '../io.js';
import {
  type CommandContext,
  formatOption,
  inputName,
  langOption,
  parsePositiveInt,
  parseScore,
  type ReportFormat,
  rulesOption,
  writeReport,
} from '../output.js';
import { renderResult } from '../render.js';

interface ClassifyFlags {
  format?: ReportFormat;
  lang: Lang;
  rules?: string;
  minScore?: number;
  ndjson?: boolean;
  maxLineBytes: number;
  workers?: number;
  signals?: string;
}

/** Registers `classify`. */
export function registerClassify(program: Command, ctx: CommandContext): void {
  program
    .command('classify')
    .description('classify one case file (JSON), or many (NDJSON, one per line)')
    .argument('<file>', "case file path, or '-' for standard input")
    .addOption(formatOption())
    .addOption(langOption())
    .addOption(rulesOption())
    .option('--min-score <n>', 'least score of a reported cause, 0 to 1 (default 0.4)', parseScore)
    .option('--ndjson', 'one case file per line in, one result per line out (implied by a .ndjson file)')
    .option('--max-line-bytes <n>', 'longest NDJSON line accepted', parsePositiveInt, DEFAULT_MAX_LINE_BYTES)
    .option('--workers <n>', 'worker threads for NDJSON (default: available cores; at most twice the cores, and 64)', parsePositiveInt)
    .option('--signals <module>', 'ES module exporting custom signals (NDJSON then runs on this thread)')
    .action(async (file: string, flags: ClassifyFlags) => {
      const customSignals = flags.signals ? await loadCustomSignals(flags.signals) : undefined;
      const classifier = createClassifier({
        ...(flags.rules ? { rulePack: readRulePack(flags.rules, { extraFacts: customFactSpecs(customSignals ?? []) }) } : {}),
        ...(customSignals ? { customSignals } : {}),
        lang: flags.lang,
        ...(flags.minScore === undefined ? {} : { options: { minScore: flags.minScore } }),
      });
      if (flags.ndjson || file.endsWith('.ndjson')) return classifyBatch(file, flags, classifier, ctx);
      const json = parseCaseFileJson(await readText(file, ctx.io.stdin), inputName(file));
      writeReport(ctx, flags.format, classifier.classifySync(json), renderResult);
    });
}

/** Parses one case file; text that fails as one JSON value but reads as JSON lines gets the --ndjson hint. */
function parseCaseFileJson(text: string, source: string): unknown {
  try {
    return parseJson(text, source);
  } catch (error) {
    if (error instanceof CliError && looksLikeNdjson(text)) {
      throw new CliError(`${source} is not valid JSON: it looks like NDJSON (one case file per line); add --ndjson`, 2);
    }
    throw error;
  }
}

/** True when the first two non-blank lines each parse as a JSON object. */
function looksLikeNdjson(text: string): boolean {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() !== '') lines.push(line);
    if (lines.length === 2) break;
  }
  return (
    lines.length === 2 &&
    lines.every((line) => {
      try {
        const value: unknown = JSON.parse(line);
        return typeof value === 'object' && value !== null && !Array.isArray(value);
      } catch {
        return false;
      }
    })
  );
}

/** NDJSON in, one result per line out; exit 1 when any line failed. */
async function classifyBatch(file: string, flags: ClassifyFlags, classifier: Classifier, ctx: CommandContext): Promise<void> {
  const { io } = ctx;
  const cores = availableParallelism();
  if (flags.workers !== undefined && flags.workers > maxWorkers(cores)) {
    throw new CliError(
      `--workers ${flags.workers} is too many: at most ${maxWorkers(cores)} here (twice the ${cores} available cores, and never more than 64; each worker holds its own heap)`,
      2,
    );
  }
  const inputBytes = file === '-' ? undefined : sizeOf(file);
  // Large reads (1 MiB), the next under way while the last is cut into lines, into two buffers used in turn.
  const input = file === '-' ? io.stdin : readFileChunks(file);
  const workerUrl = new URL('./batch-worker.js', import.meta.url);
  // Workers need the built worker script; from sources (tests, tsx) the batch runs on this thread.
  // Custom signals are functions: they cannot be sent to worker threads, so the batch runs on this thread.
  const workers = existsSync(fileURLToPath(workerUrl)) && !flags.signals ? (flags.workers ?? cores) : 1;
  const summary = await runBatch(
    classifier,
    {
      input: input as AsyncIterable<Buffer>,
      inputBytes,
      stdout: io.stdout,
      stderr: io.stderr,
    },
    {
      lang: flags.lang,
      maxLineBytes: flags.maxLineBytes,
      workers,
      workerUrl,
      workerInit: {
        rulePack: classifier.rulePack,
        lang: flags.lang,
        ...(flags.minScore === undefined ? {} : { minScore: flags.minScore }),
      },
    },
  );
  ctx.setExitCode(summary.failed > 0 ? 1 : 0);
}

/** The size of an input file; a missing or unreadable file is exit code 2. */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch (error) {
    throw unreadable(file, error);
  }
}
