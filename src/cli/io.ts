/** Reading case files and rule packs for the CLI, with errors that say which file is wrong. */
import { createReadStream, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { type LoadOptions, loadRulePack, mergeRulePacks, type RulePack, RulePackError } from '../index.js';
import { decodeUtf8, NOT_UTF8, stripBom } from './bom.js';

/** A CLI failure with an exit code and a one-line message (plus optional detail lines). */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

/** The error for a file that cannot be opened or read (exit code 2), naming it and the system's code. */
export function unreadable(path: string, error: unknown): CliError {
  return new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, 2);
}

/** Reads all of standard input as text (a leading byte order mark dropped). */
export async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const text = decodeUtf8(Buffer.concat(chunks));
  if (text === undefined) throw new CliError(`standard input is ${NOT_UTF8}`, 2);
  return stripBom(text);
}

/** Reads a file (or `-` for stdin) as text, a leading byte order mark dropped; unreadable input is exit code 2. */
export async function readText(path: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (path === '-') return readStdin(stdin);
  try {
    const text = decodeUtf8(readFileSync(path));
    if (text !== undefined) return stripBom(text);
  } catch (error) {
    throw unreadable(path, error);
  }
  throw new CliError(`${path} is ${NOT_UTF8}`, 2);
}

/** Writes a file the user named (`--out`); an unwritable path is exit code 2. */
export function writeText(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, 2);
  }
}

/** Opens a file for streaming; a missing or unreadable file is exit code 2. */
export function openStream(file: string): NodeJS.ReadableStream {
  try {
    statSync(file);
  } catch (error) {
    throw unreadable(file, error);
  }
  return createReadStream(file);
}

/**
 * The bytes of a file, `size` at a time, read into two buffers in turn: the next read is under way
 * while the caller works on the last, and no memory is taken per read. So each yielded view is valid
 * only until the next one is asked for (`readLineChunks` copies it out at once). An unreadable file
 * is exit code 2.
 */
export async function* readFileChunks(file: string, size = 1024 * 1024): AsyncGenerator<Buffer> {
  const handle = await open(file, 'r').catch((error: unknown) => {
    throw unreadable(file, error);
  });
  let read = Buffer.allocUnsafeSlow(size);
  let spare = Buffer.allocUnsafeSlow(size);
  let next = handle.read(read, 0, size, null);
  try {
    for (;;) {
      const { bytesRead } = await next.catch((error: unknown) => {
        throw unreadable(file, error);
      });
      if (bytesRead === 0) return;
      next = handle.read(spare, 0, size, null);
      yield read.subarray(0, bytesRead);
      [read, spare] = [spare, read];
    }
  } finally {
    // A read still under way when the caller stops (or after a failed one) is waited for, never left to fail unseen.
    await next.catch(() => undefined);
    await handle.close();
  }
}

/** Parses JSON text; a syntax error is exit code 2 and names the source. */
export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new CliError(`${source} is not valid JSON`, 2);
  }
}

/**
 * Loads a rule pack file, or every `.json` file of a folder (sorted by name; `*.sources.json` files
 * left out) merged into one pack;
 * `options.extraFacts` names the custom signals the pack may use (`--signals`).
 */
export function readRulePack(path: string, options: LoadOptions = {}): RulePack {
  let files: string[];
  try {
    files = statSync(path).isDirectory()
      ? readdirSync(path)
          // A pack's sources sit beside it as `<pack>.sources.json` (rules/default.sources.json): not a pack.
          .filter((f) => f.endsWith('.json') && !f.endsWith('.sources.json'))
          .sort()
          .map((f) => join(path, f))
      : [path];
  } catch (error) {
    throw new CliError(`cannot read rule pack ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, 2);
  }
  if (files.length === 0) throw new CliError(`no .json rule pack in ${path}`, 2);
  const packs = files.map((file) => {
    try {
      return loadRulePack(parseJson(stripBom(readFileSync(file, 'utf8')), file), options);
    } catch (error) {
      if (error instanceof RulePackError) {
        throw new CliError(
          `invalid rule pack ${file}`,
          2,
          error.problems.map((p) => `${p.path}: ${p.message}`),
        );
      }
      throw error;
    }
  });
  try {
    return mergeRulePacks(packs, options);
  } catch (error) {
    if (error instanceof RulePackError) {
      throw new CliError(
        `rule packs in ${path} do not merge`,
        2,
        error.problems.map((p) => `${p.path}: ${p.message}`),
      );
    }
    throw error;
  }
}
