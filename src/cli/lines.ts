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
 * Each chunk's bytes are a fresh buffer of its own, safe to send to a worker.
 */
export async function* readLineChunks(
  stream: AsyncIterable<Buffer | string>,
  maxLineBytes: number,
  chunkBytes: number,
): AsyncGenerator<LineChunk> {
  let parts: Uint8Array[] = [];
  let partsSize = 0;
  let count = 0;
  let first = 1;
  // The line being read, when it spans reads.
  let line: Uint8Array[] = [];
  let lineSize = 0;
  let skipping = false;
  let number = 0;
  const flush = (): LineChunk => {
    const bytes = new Uint8Array(partsSize);
    let offset = 0;
    for (const part of parts) {
      bytes.set(part, offset);
      offset += part.length;
    }
    const chunk = { first, count, bytes };
    parts = [];
    partsSize = 0;
    count = 0;
    return chunk;
  };
  // Ends the current line (its pieces in `line`, then `tail`); returns what is due out, in order.
  function* finish(tail: Uint8Array[]): Generator<LineChunk> {
    number++;
    const size = lineSize + tail.reduce((n, t) => n + t.length, 0);
    const pieces = line.length === 0 ? tail : [...line, ...tail];
    line = [];
    lineSize = 0;
    if (skipping || size - 1 > maxLineBytes) {
      skipping = false;
      if (count > 0) yield flush();
      yield { number, tooLong: true };
      return;
    }
    if (count > 0 && partsSize + size > chunkBytes) yield flush();
    if (count === 0) first = number;
    for (const piece of pieces) parts.push(piece);
    partsSize += size;
    count++;
    if (partsSize >= chunkBytes) yield flush();
  }
  for await (const raw of stream) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    let start = 0;
    let newline = chunk.indexOf(10, start);
    while (newline !== -1) {
      yield* finish(skipping ? [] : [chunk.subarray(start, newline + 1)]);
      start = newline + 1;
      newline = chunk.indexOf(10, start);
    }
    if (start < chunk.length && !skipping) {
      if (lineSize + chunk.length - start > maxLineBytes) {
        skipping = true;
        line = [];
        lineSize = 0;
      } else {
        // Copied: a short tail must not keep a whole read buffer alive.
        line.push(Uint8Array.prototype.slice.call(chunk, start));
        lineSize += chunk.length - start;
      }
    }
  }
  if (skipping || lineSize > 0) yield* finish(skipping ? [] : [NEWLINE]);
  if (count > 0) yield flush();
}
