import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../examples/http-service/app.js';
import { createClassifier } from '../src/index.js';

// Every app starts a worker pool (the worker runs the library sources through tsx's loader, see
// examples/http-service/app.ts), so apps are few and always closed.
const app = buildApp({ logger: false, bodyLimit: 1024 * 1024, threads: 1 });
afterAll(() => app.close());
const example = readFileSync('examples/contract-ended-hotel.json', 'utf8');
const json = { 'content-type': 'application/json' };

/** Log lines of an app built with the service's own logger settings, parsed. */
function logCapture(): { lines: Record<string, unknown>[]; stream: { write: (line: string) => void } } {
  const lines: Record<string, unknown>[] = [];
  return { lines, stream: { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) } };
}

/** A valid case file of about `bytes` bytes: an example's transactions repeated under fresh ids. */
function bigCaseFile(bytes: number): string {
  const base = JSON.parse(readFileSync('examples/cash-out-supermarket.json', 'utf8')) as {
    transactions: { id: string }[];
  };
  const perCopy = JSON.stringify(base.transactions).length;
  const copies = Math.floor(bytes / perCopy);
  const transactions = Array.from({ length: copies }, (_, k) => base.transactions.map((tx) => ({ ...tx, id: `${tx.id}-${k}` }))).flat();
  return JSON.stringify({ ...base, transactions });
}

const listening = async (server: ReturnType<typeof buildApp>) => {
  await server.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
};

describe('the HTTP example service', () => {
  it('classifies a case file: POST /classify returns the library result', async () => {
    const response = await app.inject({ method: 'POST', url: '/classify?lang=zh-CN', payload: example, headers: json });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(createClassifier({ lang: 'zh-CN' }).classifySync(JSON.parse(example)));
  });

  it('gives, from the worker pool, the same results as classifySync for every example case file', async () => {
    const classifier = createClassifier();
    const files = readdirSync('examples').filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const text = readFileSync(`examples/${file}`, 'utf8');
      const response = await app.inject({ method: 'POST', url: '/classify', payload: text, headers: json });
      expect(response.statusCode, file).toBe(200);
      expect(response.json(), file).toEqual(classifier.classifySync(JSON.parse(text)));
    }
  });

  it('answers 400 with the CaseFileError paths for a bad case file, without echoing card numbers', async () => {
    const bad = {
      merchant: { id: 'm', mcc: '12' },
      transactions: [{ id: 't', at: 'now', amount: 1, status: 'approved', card: { token: '4111111111111111' } }],
    };
    const response = await app.inject({ method: 'POST', url: '/classify', payload: bad });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: 'invalid_case_file',
      problems: [
        { path: 'transactions[0].card.token', message: 'looks like a full card number (PAN); send a token, never the card number' },
      ],
    });
    expect(response.body).not.toContain('4111');
  });

  it('answers 400 for a body that is not a JSON object and for a bad language', async () => {
    const notObject = await app.inject({ method: 'POST', url: '/classify', payload: '[1,2]', headers: json });
    expect(notObject.statusCode).toBe(400);
    expect(notObject.json().error).toBe('bad_request');
    const broken = await app.inject({ method: 'POST', url: '/classify', payload: '{ nope', headers: json });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toEqual({ error: 'bad_request', problems: [{ path: '', message: 'request body is not valid JSON' }] });
    const lang = await app.inject({ method: 'POST', url: '/classify?lang=fr', payload: example, headers: json });
    expect(lang.statusCode).toBe(400);
    expect(lang.json().problems[0].path).toBe('lang');
  });

  it('answers 413 over the size limit', async () => {
    const huge = JSON.stringify({ merchant: { id: 'm', mcc: '5812' }, transactions: [], padding: 'x'.repeat(2 * 1024 * 1024) });
    const response = await app.inject({ method: 'POST', url: '/classify', payload: huge, headers: json });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ error: 'too_large', problems: [{ path: '', message: 'request body is larger than the limit' }] });
  });

  it('answers 415 with the problems shape for a content type other than JSON, and logs nothing at error level', async () => {
    const log = logCapture();
    const logged = buildApp({ logger: { level: 'info', stream: log.stream }, threads: 1 });
    for (const contentType of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
      const response = await logged.inject({
        method: 'POST',
        url: '/classify',
        payload: example,
        headers: { 'content-type': contentType },
      });
      expect(response.statusCode, contentType).toBe(415);
      expect(response.json()).toEqual({
        error: 'unsupported_media_type',
        problems: [{ path: 'content-type', message: 'send the case file as application/json' }],
      });
    }
    await logged.close();
    expect(log.lines.length).toBeGreaterThan(0);
    expect(log.lines.filter((line) => (line.level as number) >= 50)).toEqual([]);
  });

  it('answers 404 in the same {error, problems} shape, for unknown paths and unknown methods', async () => {
    for (const [method, url] of [
      ['GET', '/nope'],
      ['DELETE', '/classify'],
    ] as const) {
      const response = await app.inject({ method, url });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ error: 'not_found', problems: [{ path: '', message: 'no route for this method and path' }] });
    }
  });

  it('serves the schema and a health check', async () => {
    const schema = await app.inject({ method: 'GET', url: '/schema' });
    expect(schema.json().required).toEqual(['merchant', 'transactions']);
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.json()).toEqual({ status: 'ok', rulePack: { name: 'default', version: '1.1.0' } });
  });

  it('logs the path without the query string, and never bodies or card data', async () => {
    const log = logCapture();
    const logged = buildApp({ logger: { level: 'info', stream: log.stream }, threads: 1 });
    const payload = { merchant: { id: 'm', mcc: '5812', name: 'card 4111 1111 1111 1111' }, transactions: [] };
    await logged.inject({ method: 'POST', url: '/classify?lang=en&card=4111111111111111', payload });
    await logged.inject({ method: 'GET', url: '/healthz?pan=4111111111111111' });
    await logged.inject({ method: 'GET', url: '/missing?pan=4111111111111111' });
    await logged.close();
    const text = log.lines.map((line) => JSON.stringify(line)).join('\n');
    expect(text).not.toMatch(/4111/);
    expect(text).not.toContain('?');
    const paths = log.lines.flatMap((line) => {
      const req = line.req as { path?: string } | undefined;
      return req?.path ? [req.path] : [];
    });
    expect(paths).toEqual(['/classify', '/healthz', '/missing']);
  });

  it('answers /healthz while a 16 MB case file is being classified', async () => {
    const big = bigCaseFile(15.5 * 1024 * 1024);
    expect(big.length).toBeGreaterThan(15 * 1024 * 1024);
    const server = buildApp({ logger: false, threads: 1 });
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    server.addHook('preHandler', async (request) => {
      if (request.url.startsWith('/classify')) entered();
    });
    const base = await listening(server);
    try {
      let classified = false;
      const classification = fetch(`${base}/classify`, { method: 'POST', body: big, headers: json }).then(async (r) => {
        classified = true;
        return { status: r.status, body: (await r.json()) as { causes?: unknown[] } };
      });
      await inHandler;
      const health = await fetch(`${base}/healthz`);
      const answeredFirst = !classified;
      expect(health.status).toBe(200);
      const done = await classification;
      expect(done.status).toBe(200);
      expect(done.body.causes?.length).toBeGreaterThan(0);
      expect(answeredFirst).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('answers 503 with Retry-After beyond the cap of classifications in flight, and frees the slot when a client leaves', async () => {
    const server = buildApp({ logger: false, threads: 1, maxInFlight: 1, retryAfterSeconds: 2 });
    let started!: () => void;
    const firstStarted = new Promise<void>((resolve) => (started = resolve));
    server.addHook('onRequest', async (request) => {
      if (request.headers['x-test'] === 'slow') started();
    });
    const base = await listening(server);
    let slow: ReturnType<typeof httpRequest> | undefined;
    try {
      // A client that sends headers and half a body, then stalls: it holds the only slot.
      const { port } = server.server.address() as AddressInfo;
      slow = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/classify',
        headers: { ...json, 'content-length': String(example.length), 'x-test': 'slow' },
      });
      slow.on('error', () => {});
      slow.write(example.slice(0, 100));
      await firstStarted;

      const refused = await fetch(`${base}/classify`, { method: 'POST', body: example, headers: json });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('2');
      expect(await refused.json()).toEqual({
        error: 'busy',
        problems: [{ path: '', message: 'too many classifications in progress; retry later' }],
      });
      // /healthz is not capped.
      expect((await fetch(`${base}/healthz`)).status).toBe(200);

      slow.destroy();
      let after = await fetch(`${base}/classify`, { method: 'POST', body: example, headers: json });
      for (let i = 0; i < 50 && after.status === 503; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        after = await fetch(`${base}/classify`, { method: 'POST', body: example, headers: json });
      }
      expect(after.status).toBe(200);
    } finally {
      slow?.destroy();
      await server.close();
    }
  });
});
