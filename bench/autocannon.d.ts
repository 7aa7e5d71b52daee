// The part of autocannon 9's API that bench/http.ts uses (the package ships no types); read from its README.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  export interface Histogram {
    readonly min: number;
    readonly max: number;
    readonly average: number;
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
  }
  export interface Options {
    readonly url: string;
    readonly connections?: number;
    readonly duration?: number;
    readonly method?: 'GET' | 'POST';
    readonly body?: string | Buffer;
    readonly headers?: Record<string, string>;
    /** Seconds to wait for a response before counting a timeout. */
    readonly timeout?: number;
  }
  export interface Result {
    readonly latency: Histogram;
    readonly requests: Histogram & { readonly total: number };
    readonly duration: number;
    readonly errors: number;
    readonly timeouts: number;
    readonly non2xx: number;
    readonly statusCodeStats: Record<string, { readonly count: number }>;
  }
  export interface Instance extends EventEmitter, PromiseLike<Result> {
    stop(): void;
  }
  function autocannon(options: Options): Instance;
  export default autocannon;
}
