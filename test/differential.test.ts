import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRuleEvaluator } from '../src/engine/firedRules.js';
import { loadRulePack } from '../src/index.js';
import { pack, signals } from './support/arbitraries.js';

describe('the compiled evaluator agrees with json-rules-engine', () => {
  it('fires exactly the same rules on random valid packs and random signals (seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(pack, fc.array(signals, { minLength: 1, maxLength: 4 }), async (rawPack, records) => {
        const validated = loadRulePack(rawPack, { maxConditionDepth: 64 });
        const compiled = createRuleEvaluator(validated, 'compiled');
        const referenceEngine = createRuleEvaluator(validated, 'json-rules-engine');
        for (const record of records) {
          const a = (await compiled.fired(record)).map((r) => r.name);
          const b = (await referenceEngine.fired(record)).map((r) => r.name);
          expect(a).toEqual(b);
        }
      }),
      { seed: 20261125, numRuns: 300 },
    );
  });
});
