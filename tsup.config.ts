import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // One ESM build for the library, the CLI and the batch worker. With code splitting they share
    // one chunk of library code: dist/index.js, dist/cli.js and dist/batch-worker.js import it, so
    // the CLI runs the very library code that `import 'pos-suspension-classifier'` gets.
    // The CLI's shebang is the first line of src/cli/main.ts (esbuild keeps it on that entry only).
    entry: { index: 'src/index.ts', cli: 'src/cli/main.ts', 'batch-worker': 'src/cli/batchWorker.ts' },
    format: ['esm'],
    splitting: true,
    dts: { entry: { index: 'src/index.ts' } },
    clean: true,
    sourcemap: false,
    target: 'node20',
    platform: 'node',
  },
  {
    // CommonJS for `require('pos-suspension-classifier')`: the library alone, in one file.
    entry: { index: 'src/index.ts' },
    format: ['cjs'],
    dts: true,
    sourcemap: false,
    target: 'node20',
    platform: 'node',
  },
]);
