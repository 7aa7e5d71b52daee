/**
 * Splits a byte stream into lines without holding more than one line in memory, and refuses lines
 * over a length limit (skipping to the next newline) so one hostile line cannot exhaust memory.
 */

/** One line of input, or a note that line `number` was too long. */
export type Line =
  | { readonly number: number; readonly text: string }
  | { readonly number: number; readonly tooLong: true }
  | { readonly number: number; readonly notUtf8: true };

import { decodeUtf8, stripBom } from './bom.js';

/** Yields the lines of `stream` (UTF-8, `\n` or `\r\n`, a byte order mark at the start of a line dropped), numbered from 1. */
export async function* readLines(stream: AsyncIterable<Buffer | string>, maxLineBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false;
  let number = 0;
  const finish = (): Line => {
    number++;
    if (skipping) {
      skipping = false;
      parts = [];
      size = 0;
      return { number, tooLong: true };
    }
    const decoded = decodeUtf8(Buffer.concat(parts, size));
    parts = [];
    size = 0;
    return decoded === undefined ? { number, notUtf8: true } : { number, text: stripBom(decoded.replace(/\r$/, '')) };
  };
  for await (const raw of stream) {
    let chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    let newline = chunk.indexOf(10);
    while (newline !== -1) {
      const head = chunk.subarray(0, newline);
      if (!skipping) {
        if (size + head.length > maxLineBytes) skipping = true;
        else {
          parts.push(head);
          size += head.length;
        }
      }
      yield finish();
      chunk = chunk.subarray(newline + 1);
      newline = chunk.indexOf(10);
    }
    if (!skipping) {
      if (size + chunk.length > maxLineBytes) {
        skipping = true;
        parts = [];
        size = 0;
      } else if (chunk.length > 0) {
        parts.push(Buffer.from(chunk));
        size += chunk.length;
      }
    }
  }
  if (skipping || size > 0) yield finish();
}

/**
 * A run of whole lines as UTF-8 bytes, each ending in `\n` (the last line of a file without one gets
 * one), the first numbered `first`; or a note that line `number` was too long.
 */
export type LineChunk =
  | { readonly first: number; readonly count: number; readonly bytes: Uint8Array }
  | { readonly number: number; readonly tooLong: true };

const NEWLINE = Uint8Array.of(10);

/**
 * Groups the lines of `stream` into chunks of about `chunkBytes` without decoding them: the caller
 * (a worker thread) decodes and splits. A line longer than `chunkBytes` is a chunk of its own; a line
 * longer than `maxLineBytes` (its `\n` not counted) is reported, not kept, so memory stays bounded.
 *
 * Lines are copied as they are read into one buffer that is used again for every chunk, so a chunk's
 * `bytes` are valid only until the next chunk is asked for: copy them to keep them. (A fresh buffer
 * per chunk kept the reading thread collecting garbage: memory outside the heap that comes and goes
 * fast makes V8 collect.) Each read of `stream` is copied out before the next is asked for, so the
 * stream may reuse its buffers too (see `readFileChunks`).
 */
export async function* readLineChunks(
  stream: AsyncIterable<Buffer | string>,
  maxLineBytes: number,
  chunkBytes: number,
): AsyncGenerator<LineChunk> {
  // Whole lines of the chunk being gathered (`held` bytes, `count` lines, the first numbered `first`),
  // then the line being read (`lineSize` bytes so far).
  let buffer = new Uint8Array(2 * chunkBytes);
  let held = 0;
  let count = 0;
  let first = 1;
  let lineSize = 0;
  let skipping = false;
  let number = 0;
  const append = (bytes: Uint8Array) => {
    const need = held + lineSize + bytes.length;
    if (need > buffer.length) {
      const grown = new Uint8Array(Math.max(need, 2 * buffer.length));
      grown.set(buffer.subarray(0, held + lineSize));
      buffer = grown;
    }
    buffer.set(bytes, held + lineSize);
    lineSize += bytes.length;
  };
  const chunk = (): LineChunk => ({ first, count, bytes: buffer.subarray(0, held) });
  // Once the caller is done with a chunk: the line being read moves to the front, and a buffer a very
  // long line made large is given back.
  const restart = () => {
    if (buffer.length > 4 * chunkBytes && lineSize <= chunkBytes) {
      const small = new Uint8Array(2 * chunkBytes);
      small.set(buffer.subarray(held, held + lineSize));
      buffer = small;
    } else buffer.copyWithin(0, held, held + lineSize);
    held = 0;
    count = 0;
  };
  // Ends the line being read (its `\n` appended); yields what is due out, in order.
  function* endLine(): Generator<LineChunk> {
    number++;
    if (skipping || lineSize - 1 > maxLineBytes) {
      skipping = false;
      lineSize = 0;
      if (count > 0) {
        yield chunk();
        restart();
      }
      yield { number, tooLong: true };
      return;
    }
    if (count > 0 && held + lineSize > chunkBytes) {
      yield chunk();
      restart();
    }
    if (count === 0) first = number;
    held += lineSize;
    lineSize = 0;
    count++;
    if (held >= chunkBytes) {
      yield chunk();
      restart();
    }
  }
  for await (const raw of stream) {
    const read = typeof raw === 'string' ? Buffer.from(raw) : raw;
    let start = 0;
    let newline = read.indexOf(10, start);
    while (newline !== -1) {
      if (!skipping) append(read.subarray(start, newline + 1));
      yield* endLine();
      start = newline + 1;
      newline = read.indexOf(10, start);
    }
    if (start < read.length && !skipping) {
      if (lineSize + read.length - start > maxLineBytes) {
        skipping = true;
        lineSize = 0;
      } else append(read.subarray(start));
    }
  }
  if (skipping || lineSize > 0) {
    if (!skipping) append(NEWLINE);
    yield* endLine();
  }
  if (count > 0) yield chunk();
}
