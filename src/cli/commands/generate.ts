/**
 * `pos-suspension generate`: seeded synthetic merchants with labels, as NDJSON.
 *
 * The generator (`src/synth`) is imported directly, not through the public API, on purpose: it is
 * the project's own test-data tool, its labels follow this project's rule pack and its output may
 * change with any release, so it is not a library promise. The command's output (same seed, same
 * bytes) is what users rely on. Kept out of `src/index.ts`, it also stays out of the library bundle.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Command } from 'commander';
import { generateSet } from '../../synth/generateSet.js';
import { type CommandContext, parsePositiveInt } from '../output.js';

/** Registers `generate`. */
export function registerGenerate(program: Command, ctx: CommandContext): void {
  program
    .command('generate')
    .description('write seeded synthetic merchants with labels as NDJSON (healthy, look-alikes, near misses, every cause, pairs)')
    .option('--seed <n>', 'random seed (same seed, same bytes)', parsePositiveInt, 1)
    .option('--count <n>', 'number of merchants', parsePositiveInt, 100)
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (flags: { seed: number; count: number; out?: string }) => {
      const out = flags.out ? createWriteStream(flags.out) : ctx.io.stdout;
      for (const labelled of generateSet({ seed: flags.seed, count: flags.count })) {
        if (!out.write(`${JSON.stringify({ label: labelled.label, ...labelled.caseFile })}\n`)) await once(out, 'drain');
      }
      if (flags.out) await closeFile(out as WriteStream);
    });
}

function closeFile(out: WriteStream): Promise<void> {
  return new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
