import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The stages of src/, in data-path order. A module may import from its own folder and from earlier
 * stages only (docs/architecture.md). Folders on one line share a stage but do not import each other.
 * The advice catalog is data keyed by cause and language (it needs contract, and the signal catalog for
 * evidence in words), and the engine words its results from it, so it comes before the engine. The
 * early-warning trend search needs rules and signals only; the engine puts its warnings in results.
 */
const STAGES: readonly (readonly string[])[] = [
  ['time', 'text'],
  ['contract'],
  ['signals'],
  ['advice'],
  ['rules'],
  ['warning'],
  ['engine'],
  ['appeal', 'backtest', 'report', 'synth'],
  ['calibrate'],
  ['index.ts'],
  ['cli'],
];
/** The one import the CLI makes around the public API, on purpose (see src/cli/commands/generate.ts). */
const CLI_EXCEPTIONS = ['synth/generateSet.ts'];

const SRC = 'src';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports of one file (static `import … from`, `export … from`, and `import('…')`), resolved under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)]
    .map((m) => m[1] ?? m[2])
    .filter((s): s is string => s?.startsWith('.') === true);
  return specifiers
    .map((s) => normalize(join(dirname(file), s)).replace(/\.js$/, '.ts'))
    .filter((target) => target.startsWith(`${SRC}/`) && target.endsWith('.ts'))
    .map((target) => relative(SRC, target));
}

/** The folder of a module under src/ (or the file name at the top level). */
const folderOf = (module: string) => module.split('/')[0] as string;
const stageOf = (module: string) => STAGES.findIndex((stage) => stage.includes(folderOf(module)));

const graph = new Map(sourceFiles(SRC).map((file) => [relative(SRC, file), importsOf(file)]));

/** Every cycle found by a depth-first search, as a list of modules. */
function cycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    path.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(node, 'done');
  };
  for (const node of [...edges.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}

/** Arrows to another folder of the same or a later stage. */
function backwardArrows(edges: ReadonlyMap<string, readonly string[]>): string[] {
  return [...edges].flatMap(([from, targets]) =>
    targets.filter((to) => folderOf(to) !== folderOf(from) && !(stageOf(to) < stageOf(from))).map((to) => `${from} -> ${to}`),
  );
}

describe('the import graph of src/', () => {
  it('places every module in a stage', () => {
    expect([...graph.keys()].filter((m) => stageOf(m) < 0)).toEqual([]);
  });

  it('has no cycles', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('only points forward: a module imports its own folder or earlier stages', () => {
    expect(backwardArrows(graph)).toEqual([]);
  });

  it('lets the CLI reach the library only through src/index.ts', () => {
    const around = [...graph]
      .filter(([from]) => folderOf(from) === 'cli')
      .flatMap(([from, targets]) =>
        targets.filter((to) => folderOf(to) !== 'cli' && to !== 'index.ts' && !CLI_EXCEPTIONS.includes(to)).map((to) => `${from} -> ${to}`),
      );
    expect(around).toEqual([]);
  });

  it('finds a cycle and a backward arrow when there is one (the checks can fail)', () => {
    const planted = new Map([
      ['signals/a.ts', ['contract/b.ts']],
      ['contract/b.ts', ['signals/a.ts']],
    ]);
    expect(cycles(planted)).toEqual([['contract/b.ts', 'signals/a.ts', 'contract/b.ts']]);
    expect(backwardArrows(planted)).toEqual(['contract/b.ts -> signals/a.ts']);
    expect(backwardArrows(new Map([['appeal/x.ts', ['synth/y.ts', 'engine/z.ts']]]))).toEqual(['appeal/x.ts -> synth/y.ts']);
  });
});
