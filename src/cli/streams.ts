/**
 * The CLI's output boundary: messages on stderr are masked and escaped, and a failing stdout (a
 * closed pipe, a full disk) ends the run with one line instead of a stack trace.
 */
import { maskPans } from '../index.js';
import { printable } from './text.js';

/**
 * A message made safe for a terminal or a log: card numbers masked, control characters escaped
 * (newlines kept, so a message may span lines; a carriage return that starts it — the batch progress
 * line — kept too).
 */
export function safeMessage(text: string): string {
  const lead = text.startsWith('\r') ? '\r' : '';
  return lead + printable(maskPans(text.slice(lead.length)), '\n');
}

/** `stream` with every string written through {@link safeMessage}; everything else as the stream's own. */
export function messageStream<T extends NodeJS.WritableStream>(stream: T): T {
  return new Proxy(stream, {
    get(target, key) {
      if (key === 'write') {
        return (chunk: unknown, ...rest: unknown[]) =>
          (target.write as (...args: unknown[]) => boolean)(typeof chunk === 'string' ? safeMessage(chunk) : chunk, ...rest);
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** How a run ends when standard output fails. */
export interface OutputFailure {
  /** 0 for a closed pipe (the reader has what it wanted), 2 for any other write error. */
  readonly exitCode: 0 | 2;
  /** The one line to print, or none for a closed pipe. */
  readonly message?: string;
}

/** Watches `stdout` for write errors; `failed` settles with the first one. */
export interface OutputWatch {
  readonly failed: Promise<OutputFailure>;
  /** The failure once seen (synchronously, from the stream's `error` event). */
  failure(): OutputFailure | undefined;
  /** Waits until errors of the writes so far have had their turn to arrive. */
  settled(): Promise<void>;
}

/**
 * Starts watching `stdout`. A closed pipe (`EPIPE`, or a write after the stream was destroyed by it)
 * ends quietly with exit code 0, like `head` closing its input; any other error (`ENOSPC`, `EIO`) is
 * one line `cannot write standard output: CODE` and exit code 2.
 */
export function watchOutput(stdout: NodeJS.WritableStream): OutputWatch {
  let seen: OutputFailure | undefined;
  let settle: (failure: OutputFailure) => void = () => {};
  const failed = new Promise<OutputFailure>((resolve) => (settle = resolve));
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (seen) return;
    seen = error.code === 'EPIPE' ? { exitCode: 0 } : { exitCode: 2, message: `cannot write standard output: ${error.code ?? error.name}` };
    settle(seen);
  });
  return {
    failed,
    failure: () => seen,
    // Node reports a failed write on a later tick; one turn of the event loop lets it arrive. (Waiting
    // for a write callback instead would hang on a stream nobody reads.)
    settled: () => Promise.race([failed.then(() => undefined), new Promise<void>((resolve) => setImmediate(resolve))]),
  };
}
