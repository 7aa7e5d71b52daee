/**
 * A Fastify service around the classifier: the way services not written in TypeScript call it.
 *
 *   POST /classify?lang=en|zh-CN   case file in (application/json), result out
 *   GET  /schema                   the case-file JSON Schema
 *   GET  /healthz                  liveness, with the rule pack in use (never queued behind classifications)
 *
 * Every answer other than a result is `{ error, problems: [{ path, message }] }`:
 *   400 bad_request / invalid_case_file (problem paths, never a card number) · 404 not_found ·
 *   413 too_large · 415 unsupported_media_type · 503 busy (with Retry-After) or timeout · 500 internal_error.
 *
 * How it stays responsive:
 * - The event loop never parses or classifies. The body is read as bytes (a Buffer content-type
 *   parser) and handed to a piscina worker pool, one thread per core, which decodes, parses,
 *   validates, classifies and serialises (see worker.ts). A 16 MB case file keeps one worker busy;
 *   /healthz and other requests are still answered.
 * - At most `maxInFlight` classifications are admitted at once — counted from the moment the
 *   request's headers arrive, so bodies being received, queued and running all count and memory is
 *   bounded by about maxInFlight × bodyLimit. Beyond that: 503 with Retry-After, sent before the body
 *   is read, closing the connection (reading and discarding the body would cost as much as admitting it).
 * - Timeouts: `requestTimeout` bounds receiving the whole request (headers and body; slow senders
 *   are cut off), `connectionTimeout` bounds an idle socket, `classifyTimeout` bounds a classification
 *   (the worker running it is terminated and replaced; the client gets 503 timeout). A client that
 *   disconnects cancels its classification the same way.
 * - Logs: method, path without the query string, status and timing; never bodies, headers or
 *   queries (a card number could ride in any of them). Only 5xx are logged at error level, by name.
 */
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { Piscina } from 'piscina';
import { caseFileJsonSchema, createClassifier, type Lang } from 'pos-suspension-classifier';
import type { ClassifyOutcome, ClassifyTask } from './worker.js';

/** Options of {@link buildApp}; every one has a default fit for a small production box. */
export interface AppOptions {
  /** Largest request body in bytes; larger requests get 413. Default 16 MiB. */
  readonly bodyLimit?: number;
  /**
   * Logging: `false` for none, or the level and destination. The service's own serializers always
   * apply (path without query, no bodies or headers). Default: level info to stdout.
   */
  readonly logger?: false | { readonly level?: string; readonly stream?: { write(line: string): void } };
  /** Worker threads classifying. Default: the cores (`os.availableParallelism()`). */
  readonly threads?: number;
  /** Classifications admitted at once (receiving, queued or running); beyond it 503. Default 32 per thread. */
  readonly maxInFlight?: number;
  /** Seconds in the Retry-After header of a 503. Default 1. */
  readonly retryAfterSeconds?: number;
  /** Milliseconds a classification may take once its body is read; then 503 timeout. Default 30 s. */
  readonly classifyTimeout?: number;
  /** Milliseconds to receive a whole request, headers and body (Fastify `requestTimeout`). Default 30 s. */
  readonly requestTimeout?: number;
  /** Milliseconds a socket may stay idle (Fastify `connectionTimeout`); above classifyTimeout. Default 60 s. */
  readonly connectionTimeout?: number;
}

interface Problem {
  readonly path: string;
  readonly message: string;
}

/** The error ids of framework statuses; any other 4xx is `http_<status>`. */
const ERROR_IDS: Readonly<Record<number, readonly [error: string, message: string]>> = {
  400: ['bad_request', 'request is not valid'],
  404: ['not_found', 'no route for this method and path'],
  408: ['request_timeout', 'request was not received in time'],
  413: ['too_large', 'request body is larger than the limit'],
  415: ['unsupported_media_type', 'send the case file as application/json'],
  503: ['busy', 'too many classifications in progress; retry later'],
};

const problemsOf = (status: number, override?: readonly Problem[]) => {
  const [error, message] = ERROR_IDS[status] ?? [`http_${status}`, 'request refused'];
  const path = status === 415 ? 'content-type' : '';
  return { error, problems: override ?? [{ path, message }] };
};

/** The path of a URL without its query string: what the logs and messages may show. */
const pathOf = (url: string | undefined): string => (url ?? '').split('?', 1)[0] ?? '';

const isAbortError = (error: unknown): boolean => error instanceof Error && error.name === 'AbortError';

/**
 * Where the pool's worker lives and how a thread loads it: worker.ts beside this file when running
 * as TypeScript (tests, tsx), worker.js when compiled. A .ts worker needs tsx's loader in the thread:
 * inherited when the process was started by tsx, added here otherwise (vitest runs this file through
 * its own transform, which worker threads do not see).
 */
function workerSource(): { filename: string; execArgv: string[] | undefined } {
  const self = fileURLToPath(import.meta.url);
  const filename = new URL(`./worker${extname(self)}`, import.meta.url).href;
  const needsLoader = extname(self) === '.ts' && !process.execArgv.some((arg) => arg.includes('tsx'));
  return { filename, execArgv: needsLoader ? [...process.execArgv, '--import', 'tsx'] : undefined };
}

/** Builds the service (not listening yet: call `listen`, or `inject` in tests). Closing it closes the pool. */
export function buildApp(options: AppOptions = {}): FastifyInstance {
  const bodyLimit = options.bodyLimit ?? 16 * 1024 * 1024;
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const maxInFlight = options.maxInFlight ?? 32 * threads;
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  const classifyTimeout = options.classifyTimeout ?? 30_000;
  const log = options.logger;

  const app = Fastify({
    bodyLimit,
    requestTimeout: options.requestTimeout ?? 30_000,
    connectionTimeout: options.connectionTimeout ?? 60_000,
    logger:
      log === false
        ? false
        : {
            level: log?.level ?? 'info',
            ...(log?.stream ? { stream: log.stream } : {}),
            serializers: {
              req: (req) => ({ method: req.method, path: pathOf(req.url) }),
              res: (res) => ({ statusCode: res.statusCode }),
            },
          },
  });

  // The main thread keeps a classifier only for /healthz's rule pack; classifying happens in the pool.
  const { rulePack } = createClassifier();
  const { filename, execArgv } = workerSource();
  const pool = new Piscina<ClassifyTask, ClassifyOutcome>({
    filename,
    ...(execArgv ? { execArgv } : {}),
    minThreads: threads,
    maxThreads: threads,
    // Never reached (admission below is stricter); a backstop so the queue cannot grow unbounded.
    maxQueue: maxInFlight,
  });
  app.addHook('onClose', () => pool.close());

  // Only the JSON parser, reading bytes: anything else is 415, and JSON.parse runs in the worker.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));

  app.setErrorHandler<FastifyError>((error, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500 && status !== 503) {
      // The name and code only: an error message may quote input.
      request.log.error({ err: { name: error.name, code: error.code } }, 'unexpected error');
      return reply.code(500).send({ error: 'internal_error', problems: [] });
    }
    if (status === 503) reply.header('retry-after', retryAfter);
    const problems = error.validation?.map((v) => ({
      path: (v.instancePath || `/${String(v.params?.missingProperty ?? '')}`).replace(/^\//, '').replace(/\//g, '.'),
      message: v.message ?? 'invalid',
    }));
    return reply.code(status).send(problemsOf(status, problems));
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(problemsOf(404)));

  // Admission: counted from the headers on, released once when the response ends or the client leaves.
  let inFlight = 0;
  const releases = new WeakMap<FastifyRequest, () => void>();
  const admit = async (request: FastifyRequest, reply: FastifyReply) => {
    // Refused before the body is read: close the connection too, rather than read and discard the body.
    if (inFlight >= maxInFlight)
      return reply.code(503).header('retry-after', retryAfter).header('connection', 'close').send(problemsOf(503));
    inFlight++;
    let held = true;
    const release = () => {
      if (held) {
        held = false;
        inFlight--;
      }
    };
    releases.set(request, release);
    reply.raw.once('close', release);
  };
  const release = async (request: FastifyRequest) => releases.get(request)?.();

  app.post<{ Querystring: { lang?: Lang }; Body: Buffer }>(
    '/classify',
    {
      onRequest: admit,
      onResponse: release,
      schema: {
        querystring: { type: 'object', properties: { lang: { type: 'string', enum: ['en', 'zh-CN'] } }, additionalProperties: false },
      },
    },
    async (request, reply) => {
      // Cancelled when the client leaves (the response closes before it finished) or time runs out;
      // piscina then drops the queued task or terminates the thread running it. (Fastify's
      // request.signal is not used: on Node 20 it aborts as soon as the body has been read.)
      const left = new AbortController();
      const onClose = () => {
        if (!reply.raw.writableFinished) left.abort();
      };
      reply.raw.once('close', onClose);
      const timeout = AbortSignal.timeout(classifyTimeout);
      try {
        const task: ClassifyTask = request.query.lang ? { body: request.body, lang: request.query.lang } : { body: request.body };
        const outcome = await pool.run(task, { signal: AbortSignal.any([left.signal, timeout]) });
        return reply.code(outcome.status).type('application/json; charset=utf-8').send(outcome.json);
      } catch (error) {
        if (isAbortError(error) && timeout.aborted)
          return reply
            .code(503)
            .header('retry-after', retryAfter)
            .send({ error: 'timeout', problems: [{ path: '', message: 'classification took longer than the limit' }] });
        if (isAbortError(error)) return reply.code(499).send(); // the client has gone; nothing reaches it
        throw error;
      } finally {
        reply.raw.off('close', onClose);
      }
    },
  );

  const schema = caseFileJsonSchema();
  app.get('/schema', async () => schema);
  app.get('/healthz', async () => ({ status: 'ok', rulePack: { name: rulePack.name, version: rulePack.version } }));
  return app;
}
