import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createClassifier, OptionsError, ResultSchema } from '../src/index.js';

const files = readdirSync('examples').filter((f) => f.endsWith('.json'));
const read = (f: string) => JSON.parse(readFileSync(`examples/${f}`, 'utf8'));

describe('createClassifier({ explain })', () => {
  const full = createClassifier();
  const evidence = createClassifier({ explain: 'evidence' });
  const none = createClassifier({ explain: 'none' });

  it("'evidence' gives the same result as 'full' without toClear, and it validates", () => {
    let causes = 0;
    for (const f of files) {
      const a = full.classifySync(read(f));
      const b = evidence.classifySync(read(f));
      expect(ResultSchema.safeParse(b).success).toBe(true);
      for (const cause of b.causes) expect(cause).not.toHaveProperty('toClear');
      expect(b).toEqual({ ...a, causes: a.causes.map(({ toClear: _, ...rest }) => rest) });
      expect(a.causes.every((c) => c.toClear !== undefined)).toBe(true);
      causes += a.causes.length;
    }
    expect(causes).toBeGreaterThan(3);
  });

  it("'none' keeps causes, scores and the rules behind them, without conditions or toClear", () => {
    for (const f of files) {
      const a = full.classifySync(read(f));
      const b = none.classifySync(read(f));
      expect(ResultSchema.safeParse(b).success).toBe(true);
      expect(b.causes.map((c) => [c.id, c.rank, c.score, c.evidence.map((e) => [e.rule, e.weight])])).toEqual(
        a.causes.map((c) => [c.id, c.rank, c.score, c.evidence.map((e) => [e.rule, e.weight])]),
      );
      for (const cause of b.causes) {
        expect(cause).not.toHaveProperty('toClear');
        for (const e of cause.evidence) expect(e.conditions).toEqual([]);
      }
      expect({ ...b, causes: [] }).toEqual({ ...a, causes: [] });
    }
  });

  it('applies to classifySignals too', async () => {
    const signals = full.classifySync(read('cash-out-supermarket.json')).signals;
    const a = await full.classifySignals(signals);
    const b = await evidence.classifySignals(signals);
    expect(a.causes.length).toBeGreaterThan(0);
    expect(b.causes).toEqual(a.causes.map(({ toClear: _, ...rest }) => rest));
  });

  it('refuses an unknown level with an OptionsError', () => {
    expect(() => createClassifier({ explain: 'some' as never })).toThrow(OptionsError);
    try {
      createClassifier({ explain: 'some' as never });
    } catch (error) {
      expect((error as OptionsError).problems).toEqual([{ path: 'explain', message: "expected 'full', 'evidence' or 'none'" }]);
    }
  });
});
