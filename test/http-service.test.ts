import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../examples/http-service/app.js';
import { createClassifier } from '../src/index.js';

const app = buildApp({ logger: false, bodyLimit: 1024 * 1024 });
afterAll(() => app.close());
const example = readFileSync('examples/contract-ended-hotel.json', 'utf8');

describe('the HTTP example service', () => {
  it('classifies a case file: POST /classify returns the library result', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/classify?lang=zh-CN',
      payload: example,
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(createClassifier({ lang: 'zh-CN' }).classifySync(JSON.parse(example)));
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
    const notObject = await app.inject({
      method: 'POST',
      url: '/classify',
      payload: '[1,2]',
      headers: { 'content-type': 'application/json' },
    });
    expect(notObject.statusCode).toBe(400);
    expect(notObject.json().error).toBe('bad_request');
    const broken = await app.inject({
      method: 'POST',
      url: '/classify',
      payload: '{ nope',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
    const lang = await app.inject({
      method: 'POST',
      url: '/classify?lang=fr',
      payload: example,
      headers: { 'content-type': 'application/json' },
    });
    expect(lang.statusCode).toBe(400);
    expect(lang.json().problems[0].path).toBe('lang');
  });

  it('answers 413 over the size limit', async () => {
    const huge = JSON.stringify({ merchant: { id: 'm', mcc: '5812' }, transactions: [], padding: 'x'.repeat(2 * 1024 * 1024) });
    const response = await app.inject({ method: 'POST', url: '/classify', payload: huge, headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toBe('too_large');
  });

  it('serves the schema and a health check', async () => {
    const schema = await app.inject({ method: 'GET', url: '/schema' });
    expect(schema.json().required).toEqual(['merchant', 'transactions']);
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.json()).toEqual({ status: 'ok', rulePack: { name: 'default', version: '1.1.0' } });
  });

  it('logs requests without bodies or card data', async () => {
    const lines: string[] = [];
    const logged = buildApp({
      logger: {
        level: 'info',
        stream: { write: (line: string) => lines.push(line) },
        serializers: { req: (req) => ({ method: req.method, url: req.url }) },
      },
    });
    const payload = { merchant: { id: 'm', mcc: '5812', name: 'card 4111 1111 1111 1111' }, transactions: [] };
    await logged.inject({ method: 'POST', url: '/classify', payload });
    await logged.close();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toMatch(/4111/);
  });
});
