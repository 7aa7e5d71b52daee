import { describe, expect, it } from 'vitest';
import { columnSpec, columnsOf } from '../src/signals/columns.js';

const SPEC = columnSpec({ a: 'u8', b: 'f64', c: 'i32', d: 'u8', e: 'f64' });

describe('columnsOf', () => {
  it('gives zeroed columns of the asked types and length that do not overlap', () => {
    for (const length of [0, 1, 3, 7, 1000]) {
      const cols = columnsOf(length, SPEC);
      expect(cols.a).toBeInstanceOf(Uint8Array);
      expect(cols.b).toBeInstanceOf(Float64Array);
      expect(cols.c).toBeInstanceOf(Int32Array);
      for (const column of Object.values(cols)) {
        expect(column.length).toBe(length);
        expect([...column].every((v) => v === 0)).toBe(true);
      }
      // Writing every element of one column leaves the others untouched.
      cols.b.fill(-1.5);
      cols.c.fill(-7);
      cols.a.fill(255);
      expect([...cols.e].every((v) => v === 0)).toBe(true);
      expect([...cols.d].every((v) => v === 0)).toBe(true);
      expect([...cols.b].every((v) => v === -1.5)).toBe(true);
      expect([...cols.c].every((v) => v === -7)).toBe(true);
      expect([...cols.a].every((v) => v === 255)).toBe(true);
    }
  });
});
