/**
 * Splits a byte stream into lines without holding more than one line in memory, and refuses lines
 * over a length limit (skipping to the next newline) so one hostile line cannot exhaust memory.
 */

/** One line of input, or a note that line `number` was too long. */
export type Line = { readonly number: number; readonly text: string } | { readonly number: number; readonly tooLong: true };

import { stripBom } from './bom.js';

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
    const text = stripBom(Buffer.concat(parts, size).toString('utf8').replace(/\r$/, ''));
    parts = [];
    size = 0;
    return { number, text };
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
