/**
 * A Fastify service around the classifier: the way services not written in TypeScript call it.
 *   POST /classify?lang=en|zh-CN   case file in, result out; 400 with the problem paths; 413 over the size limit
 *   GET  /schema                   the case-file JSON Schema
 *   GET  /healthz                  liveness, with the rule pack in use
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { caseFileJsonSchema, createClassifier, isCaseFileError, type Lang } from 'pos-suspension-classifier';

/** Options of {@link buildApp}. */
export interface AppOptions {
  /** Largest request body in bytes; larger requests get 413. Default 16 MiB. */
  readonly bodyLimit?: number;
  /** Fastify's logger option; the default logs method, URL and status, never bodies or card data. */
  readonly logger?: FastifyServerOptions['logger'];
}

const ProblemsSchema = {
  type: 'object',
  required: ['error', 'problems'],
  properties: {
    error: { type: 'string' },
    problems: {
      type: 'array',
      items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
} as const;

/** Builds the service (not listening yet: call `listen`, or `inject` in tests). */
export function buildApp(options: AppOptions = {}): FastifyInstance {
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? 16 * 1024 * 1024,
    logger: options.logger ?? {
      level: 'info',
      // Requests are logged by method and URL only: bodies (which hold case files) never reach the log.
      serializers: { req: (req) => ({ method: req.method, url: req.url }) },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
  });
  const classifier = createClassifier();

  app.setErrorHandler((error, _request, reply) => {
    if (isCaseFileError(error)) return reply.code(400).send({ error: error.code, problems: error.problems });
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status === 413)
      return reply.code(413).send({ error: 'too_large', problems: [{ path: '', message: 'request body is larger than the limit' }] });
    if (status === 400) {
      const problems = (error as { validation?: { instancePath: string; message?: string }[] }).validation?.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
        message: v.message ?? 'invalid',
      }));
      return reply
        .code(400)
        .send({ error: 'bad_request', problems: problems ?? [{ path: '', message: 'request body is not valid JSON' }] });
    }
    app.log.error({ err: { name: error instanceof Error ? error.name : 'Error' } }, 'unexpected error');
    return reply.code(500).send({ error: 'internal_error', problems: [] });
  });

  app.post<{ Querystring: { lang?: Lang }; Body: unknown }>(
    '/classify',
    {
      schema: {
        querystring: { type: 'object', properties: { lang: { type: 'string', enum: ['en', 'zh-CN'] } }, additionalProperties: false },
        // The body is validated by the library, which reports every problem with its path.
        body: { type: 'object' },
        response: { 400: ProblemsSchema, 413: ProblemsSchema },
      },
    },
    async (request) => classifier.classifySync(request.body, request.query.lang ? { lang: request.query.lang } : {}),
  );

  const schema = caseFileJsonSchema();
  app.get('/schema', async () => schema);
  app.get('/healthz', async () => ({ status: 'ok', rulePack: { name: classifier.rulePack.name, version: classifier.rulePack.version } }));
  return app;
}
