import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: false,
    target: 'node20',
    platform: 'node',
  },
  {
    // The CLI is ESM only; it imports the library through the same bundle code.
    entry: { cli: 'src/cli/main.ts', 'batch-worker': 'src/cli/batchWorker.ts' },
    format: ['esm'],
    dts: false,
    target: 'node20',
    platform: 'node',
    // The shebang only matters for the CLI entry; on the worker it is a harmless first-line comment.
    banner: { js: '#!/usr/bin/env node' },
  },
]);
