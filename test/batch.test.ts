import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxWorkers, runBatch, sharedBuffers } from '../src/cli/batch.js';
import { CliError, readFileChunks } from '../src/cli/io.js';
import { type LineChunk, readLineChunks } from '../src/cli/lines.js';
import { createClassifier } from '../src/index.js';
import { containsPan } from '../src/text/cardNumber.js';

// The worker tests run the built worker script, so this file builds the package first.
beforeAll(() => {
  execFileSync('npx', ['tsup', '--silent'], { stdio: 'inherit' });
}, 120_000);

const examples = readFileSync('examples/batch.ndjson', 'utf8').trim().split('\n');
const classifier = createClassifier();

/** Runs a batch over `input` in this process; returns what it wrote. */
async function batch(input: string, options: { workers: number; workerHeapMb?: number; maxLineBytes?: number; chunkBytes?: number }) {
  let stdout = '';
  let stderr = '';
  const sink = (write: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        write(Buffer.from(chunk).toString('utf8'));
        done();
      },
    });
  const summary = await runBatch(
    classifier,
    {
      input: Readable.from([Buffer.from(input)]),
      stdout: sink((s) => (stdout += s)),
      stderr: sink((s) => (stderr += s)),
    },
    {
      lang: 'en',
      maxLineBytes: options.maxLineBytes ?? 64 * 1024 * 1024,
      workers: options.workers,
      workerUrl: pathToFileURL('dist/batch-worker.js') as URL,
      workerInit: { rulePack: classifier.rulePack, lang: 'en' },
      ...(options.workerHeapMb === undefined ? {} : { workerHeapMb: options.workerHeapMb }),
      ...(options.chunkBytes === undefined ? {} : { chunkBytes: options.chunkBytes }),
    },
  );
  return { stdout, stderr, summary };
}

/** A real-looking merchant with `n` card sales: far bigger than a worker with a small heap can hold. */
function bigMerchant(n: number): string {
  const transactions = Array.from({ length: n }, (_, i) => ({
    id: `t${i}`,
    at: new Date(Date.UTC(2026, 2, 1) + i * 20_000).toISOString(),
    amount: 1_000 + (i % 500),
    status: 'approved',
    card: { token: `c${i % 3000}`, kind: 'debit' },
  }));
  return JSON.stringify({ merchant: { id: 'big', mcc: '5411' }, transactions });
}

describe('the NDJSON batch output', () => {
  it('writes one output line per non-blank input line: an error record takes a failed line’s place', async () => {
    const input = [examples[0], '{"merchant": {"id": "x"}}', 'not json', '', examples[1], 'x'.repeat(300)].join('\n');
    const { stdout, stderr, summary } = await batch(`${input}\n`, { workers: 1, maxLineBytes: 200_000 });
    const out = stdout.split('\n');
    expect(out.pop()).toBe('');
    expect(out).toHaveLength(5);
    expect(JSON.parse(out[0] as string).merchantId).toBe(JSON.parse(examples[0] as string).merchant.id);
    expect(JSON.parse(out[1] as string)).toMatchObject({ line: 2, error: { code: 'invalid_case_file' } });
    expect(JSON.parse(out[1] as string).error.problems.map((p: { path: string }) => p.path)).toContain('merchant.mcc');
    expect(JSON.parse(out[2] as string)).toEqual({
      line: 3,
      error: { code: 'invalid_json', problems: [{ path: '', message: 'not valid JSON' }] },
    });
    expect(JSON.parse(out[3] as string).merchantId).toBe(JSON.parse(examples[1] as string).merchant.id);
    expect(JSON.parse(out[4] as string)).toMatchObject({ line: 6, error: { code: 'invalid_json' } });
    expect(summary).toMatchObject({ classified: 2, failed: 3 });
    expect(stderr).toContain('line 3: not valid JSON');
  });

  it('writes a too-long line as an error record in its place', async () => {
    const { stdout } = await batch(`${'x'.repeat(500)}\n${examples[0]}\n`, { workers: 1, maxLineBytes: 100 });
    const out = stdout.trim().split('\n');
    expect(out).toHaveLength(2);
    expect(JSON.parse(out[0] as string)).toMatchObject({ line: 1, error: { code: 'line_too_long' } });
  });

  it('keeps a key with a newline or escape codes from forging stderr lines, and never echoes a card number', async () => {
    const forged = JSON.stringify({
      merchant: { id: 'x', mcc: '5411', 'note\nline 99: forged\u001b[2J': 'y'.repeat(3000) },
      transactions: [{ id: '4111111111111111', at: '2026-03-01T00:00:00Z', amount: 1, status: 'approved' }],
    });
    const { stdout, stderr } = await batch(`${forged}\n`, { workers: 1 });
    expect(stderr.split('\n').filter((l) => l.startsWith('line 99'))).toEqual([]);
    expect(stderr).not.toContain('\u001b');
    expect(stderr).toContain('note\\u000aline 99: forged\\u001b[2J');
    expect(containsPan(stdout) || containsPan(stderr)).toBe(false);
    const record = JSON.parse(stdout);
    expect(record.line).toBe(1);
    expect(record.error.problems.map((p: { path: string }) => p.path)).toEqual([
      'merchant.note\nline 99: forged\u001b[2J',
      'transactions[0].id',
    ]);
  });
});

describe('the NDJSON batch on worker threads', () => {
  it('loses no neighbour when a line exhausts a worker’s heap, and writes the same bytes as one thread', async () => {
    // 40,000 sales (≈ 4.8 MB of JSON): fine on this thread, too much for a worker with a 24 MB heap.
    const lines = [...examples.slice(0, 20), bigMerchant(40_000), ...examples.slice(20, 40)];
    const input = `${lines.join('\n')}\n`;
    const one = await batch(input, { workers: 1 });
    // Chunks of 8 MiB put the big line in one chunk with its neighbours.
    const two = await batch(input, { workers: 2, workerHeapMb: 24, chunkBytes: 8 * 1024 * 1024 });
    expect(one.summary).toMatchObject({ classified: 41, failed: 0 });
    expect(two.summary.workerCrashes).toBeGreaterThan(0);
    expect({ ...two.summary, workerCrashes: 0 }).toEqual(one.summary);
    expect(two.stdout).toBe(one.stdout);
    expect(JSON.parse(two.stdout.split('\n')[20] as string).merchantId).toBe('big');
  }, 120_000);
});

describe('readLineChunks', () => {
  it('numbers lines across reads, ends each with a newline and reports a too-long line in order', async () => {
    const input = ['{"a":1}\r\n{"b"', ':2}\n', 'x'.repeat(50), '\n\n{"c":3}'].map((s) => Buffer.from(s));
    const chunks = [];
    for await (const c of readLineChunks(Readable.from(input), 20, 12)) {
      chunks.push('tooLong' in c ? c : { first: c.first, count: c.count, text: Buffer.from(c.bytes).toString() });
    }
    expect(chunks).toEqual([
      { first: 1, count: 1, text: '{"a":1}\r\n' },
      { first: 2, count: 1, text: '{"b":2}\n' },
      { number: 3, tooLong: true },
      { first: 4, count: 2, text: '\n{"c":3}\n' },
    ]);
  });
});

/** What `readLineChunks` must give, worked out the plain way: the whole input split into lines, then grouped. */
function expectedChunks(input: Uint8Array, maxLineBytes: number, chunkBytes: number) {
  const text = Buffer.from(input).toString('latin1');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const out: ({ first: number; count: number; text: string } | { number: number; tooLong: true })[] = [];
  let held: string[] = [];
  let size = 0;
  let first = 1;
  const flush = () => {
    if (held.length > 0) out.push({ first, count: held.length, text: held.join('') });
    held = [];
    size = 0;
  };
  lines.forEach((line, i) => {
    if (line.length > maxLineBytes) {
      flush();
      out.push({ number: i + 1, tooLong: true });
      return;
    }
    if (held.length > 0 && size + line.length + 1 > chunkBytes) flush();
    if (held.length === 0) first = i + 1;
    held.push(`${line}\n`);
    size += line.length + 1;
    if (size >= chunkBytes) flush();
  });
  flush();
  return out;
}

/** A stream that yields `input` in reads of the given sizes from ONE buffer it overwrites after each read, as `readFileChunks` does. */
async function* reusingReads(input: Uint8Array, sizes: number[]): AsyncGenerator<Buffer> {
  const buffer = Buffer.alloc(Math.max(1, ...sizes));
  let at = 0;
  for (let i = 0; at < input.length; i++) {
    const n = Math.min(sizes[i % sizes.length] as number, input.length - at);
    buffer.set(input.subarray(at, at + n));
    yield buffer.subarray(0, n);
    buffer.fill(0x23);
    at += n;
  }
}

/** The chunks of `stream`, each copied as it comes (its bytes are only lent until the next). */
async function collect(stream: AsyncIterable<Buffer>, maxLineBytes: number, chunkBytes: number) {
  const chunks: (LineChunk | { first: number; count: number; text: string })[] = [];
  for await (const c of readLineChunks(stream, maxLineBytes, chunkBytes)) {
    chunks.push('tooLong' in c ? c : { first: c.first, count: c.count, text: Buffer.from(c.bytes).toString('latin1') });
  }
  return chunks;
}

describe('readLineChunks, one buffer used again', () => {
  it('gives the lines, grouped and numbered as the plain split does, whatever the reads (and their buffer reused)', async () => {
    const line = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'b', '{', '\r'), maxLength: 40 }),
      fc.constant(''),
      fc.integer({ min: 60, max: 300 }).map((n) => 'x'.repeat(n)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 30 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 64 }),
        async (lines, lastNewline, sizes, maxLineBytes, chunkBytes) => {
          const text = lines.join('\n') + (lastNewline && lines.length > 0 ? '\n' : '');
          const input = Buffer.from(text, 'latin1');
          const expected = expectedChunks(input, maxLineBytes, chunkBytes);
          expect(await collect(reusingReads(input, sizes), maxLineBytes, chunkBytes)).toEqual(expected);
        },
      ),
      { numRuns: 300, seed: 20 },
    );
  });

  it('keeps the lines after a very long one (which grew the buffer) whole and in order', async () => {
    const input = Buffer.from(`${'y'.repeat(5_000)}\nab\n${'z'.repeat(30)}\n`);
    const chunks = await collect(reusingReads(input, [700]), 10_000, 16);
    expect(chunks).toEqual(expectedChunks(input, 10_000, 16));
    expect(chunks.map((c) => ('count' in c ? c.count : 0))).toEqual([1, 1, 1]);
  });
});

describe('sharedBuffers, the pool that carries chunks to workers', () => {
  it('makes at most `keep` shared buffers, reuses released ones, and copies a larger chunk (or any when all are out) into ordinary memory', () => {
    const pool = sharedBuffers(8, 2);
    const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);
    const a = pool.copy(bytes(5, 1));
    const b = pool.copy(bytes(8, 2));
    const c = pool.copy(bytes(3, 3)); // both shared buffers are out
    const big = pool.copy(bytes(9, 4));
    expect([a, b, c, big].map((v) => v.buffer instanceof SharedArrayBuffer)).toEqual([true, true, false, false]);
    expect([...a, ...b, ...c, ...big]).toEqual([...bytes(5, 1), ...bytes(8, 2), ...bytes(3, 3), ...bytes(9, 4)]);
    // Releasing ordinary copies keeps nothing; a released shared buffer is the next one handed out.
    pool.release(c);
    pool.release(big);
    pool.release(a);
    const d = pool.copy(bytes(2, 5));
    expect(d.buffer).toBe(a.buffer);
    expect([...d]).toEqual([5, 5]);
    expect(pool.copy(bytes(1, 6)).buffer instanceof SharedArrayBuffer).toBe(false);
  });
});

describe('readFileChunks', () => {
  it('reads a file in order in two buffers used in turn, and an unreadable one (or a folder) is exit code 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pos-read-'));
    try {
      const file = join(dir, 'in.ndjson');
      const bytes = Buffer.from(Array.from({ length: 10_000 }, (_, i) => i % 251));
      writeFileSync(file, bytes);
      const copies: Buffer[] = [];
      const seen = new Set<ArrayBufferLike>();
      for await (const read of readFileChunks(file, 999)) {
        copies.push(Buffer.from(read));
        seen.add(read.buffer);
      }
      expect(Buffer.concat(copies).equals(bytes)).toBe(true);
      expect(seen.size).toBe(2);
      // Stopping early waits for the read under way and closes the file.
      for await (const read of readFileChunks(file, 999)) {
        expect(read.length).toBe(999);
        break;
      }
      chmodSync(file, 0o000);
      const unreadable = process.getuid?.() === 0 ? join(dir, 'missing.ndjson') : file;
      const first = readFileChunks(unreadable).next();
      await expect(first).rejects.toBeInstanceOf(CliError);
      await expect(first).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/^cannot read .*: E[A-Z]+$/) });
      // A folder opens, and its first read fails: the same kind of error, naming it.
      await expect(readFileChunks(dir).next()).rejects.toMatchObject({ exitCode: 2, message: `cannot read ${dir}: EISDIR` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the --workers cap', () => {
  it('is twice the cores, at most 64', () => {
    expect([maxWorkers(1), maxWorkers(2), maxWorkers(16), maxWorkers(64)]).toEqual([2, 4, 32, 64]);
  });
});
