/** `pos-suspension schema`: the JSON Schema of a case file. */
import type { Command } from 'commander';
import { caseFileJsonSchema } from '../../index.js';
import type { CommandContext } from '../output.js';

/** Registers `schema`. */
export function registerSchema(program: Command, ctx: CommandContext): void {
  program
    .command('schema')
    .description('print the JSON Schema of a case file')
    .action(() => {
      ctx.io.stdout.write(`${JSON.stringify(caseFileJsonSchema(), null, 2)}\n`);
    });
}
