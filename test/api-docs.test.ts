import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Every export of the public entry point, with its TSDoc summary and tags. */
function publicExports() {
  const program = ts.createProgram(['src/index.ts'], {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    resolveJsonModule: true,
    strict: true,
  });
  const checker = program.getTypeChecker();
  const entry = program.getSourceFile('src/index.ts');
  if (!entry) throw new Error('no entry point');
  const module = checker.getSymbolAtLocation(entry);
  if (!module) throw new Error('no module symbol');
  return checker.getExportsOfModule(module).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const isFunction = (symbol.flags & ts.SymbolFlags.Function) !== 0;
    return {
      name: exported.getName(),
      isFunction,
      summary: ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim(),
      tags: symbol.getJsDocTags(checker).map((t) => t.name),
    };
  });
}

describe('the public API documentation', () => {
  const exports = publicExports();

  it('has TSDoc on every public export', () => {
    expect(exports.length).toBeGreaterThan(40);
    expect(exports.filter((e) => e.summary.length < 10).map((e) => e.name)).toEqual([]);
  });

  it('has an @example on every public function', () => {
    expect(exports.filter((e) => e.isFunction && !e.tags.includes('example')).map((e) => e.name)).toEqual([]);
  });
});
