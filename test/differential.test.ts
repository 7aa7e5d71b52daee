import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRuleEvaluator } from '../src/engine/firedRules.js';
import { loadRulePack } from '../src/index.js';
import { EXTRA_FACTS, facts, pack, richPack, signals } from './support/arbitraries.js';

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

  it('also with every feature: in / notIn, fact-to-fact, merchant attributes, custom facts, shared conditions, names, priorities (seeded)', async () => {
    const seen = { in: 0, factRef: 0, ref: 0, text: 0, fired: 0, total: 0 };
    await fc.assert(
      fc.asyncProperty(richPack, fc.array(facts, { minLength: 1, maxLength: 4 }), async (rawPack, records) => {
        const text = JSON.stringify(rawPack);
        if (text.includes('"in"') || text.includes('"notIn"')) seen.in++;
        if (text.includes('"value":{"fact"')) seen.factRef++;
        if (text.includes('"condition":')) seen.ref++;
        if (/"fact":"(mcc|merchantKind|currency|timezone|contractStatus)"/.test(text)) seen.text++;
        const validated = loadRulePack(rawPack, { maxConditionDepth: 64, extraFacts: EXTRA_FACTS });
        const compiled = createRuleEvaluator(validated, 'compiled');
        const referenceEngine = createRuleEvaluator(validated, 'json-rules-engine');
        for (const record of records) {
          const a = (await compiled.fired(record)).map((r) => r.name);
          const b = (await referenceEngine.fired(record)).map((r) => r.name);
          expect(a).toEqual(b);
          seen.fired += a.length;
          seen.total += validated.rules.length;
        }
      }),
      { seed: 20261126, numRuns: 250 },
    );
    // The random packs really exercise each feature, and rules both fire and stay quiet.
    expect(Math.min(seen.in, seen.factRef, seen.ref, seen.text)).toBeGreaterThan(40);
    expect(seen.fired / seen.total).toBeGreaterThan(0.15);
    expect(seen.fired / seen.total).toBeLessThan(0.85);
  });
});
