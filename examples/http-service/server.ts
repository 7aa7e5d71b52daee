/**
 * Starts the service: PORT=8080 npx tsx examples/http-service/server.ts
 *
 * Run this way, the main thread and the pool's workers (worker.ts, which inherit tsx's loader) import
 * `pos-suspension-classifier` from this repository's sources via tsconfig `paths`. In your own service,
 * depend on the package, compile these files (worker.ts becomes worker.js beside app.js, and is loaded
 * without any loader), and run `node server.js`.
 *
 * Listens on 127.0.0.1 unless HOST says otherwise; put it behind your gateway for TLS, authentication
 * and rate limiting per caller. SIGTERM/SIGINT close it gracefully: no new connections, in-flight
 * classifications finish, then the worker pool stops.
 */
import { buildApp } from './app.js';

const app = buildApp();
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void app.close());
await app.listen({ port: Number(process.env.PORT ?? 8080), host: process.env.HOST ?? '127.0.0.1' });
