// Starts the service: PORT=8080 npx tsx examples/http-service/server.ts (after npm run build).
import { buildApp } from './app.js';

const app = buildApp();
await app.listen({ port: Number(process.env.PORT ?? 8080), host: process.env.HOST ?? '127.0.0.1' });
