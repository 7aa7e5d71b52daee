/**
 * Several typed arrays of one length carved from a single zeroed buffer. A typed array of more than
 * 64 bytes gets a buffer of its own outside the JavaScript heap (about 0.6 µs to allocate and later
 * free, whatever its size); a family that needs ten per-card arrays pays that once instead of ten
 * times.
 */

/** Element types a column can have. */
export type ColumnType = 'f64' | 'i32' | 'u8';

type ArrayOf<T extends ColumnType> = T extends 'f64' ? Float64Array : T extends 'i32' ? Int32Array : Uint8Array;

/** Typed arrays by name, as {@link columnsOf} returns them. */
export type Columns<S extends Record<string, ColumnType>> = { [N in keyof S]: ArrayOf<S[N]> };

const BYTES: Record<ColumnType, number> = { f64: 8, i32: 4, u8: 1 };
/** Widest first, so each view starts at a multiple of its element size. */
const ORDER: readonly ColumnType[] = ['f64', 'i32', 'u8'];

/**
 * Zeroed columns of `length` elements each, named and typed by `spec`, sharing one buffer.
 *
 * @example
 * ```ts
 * const { value, seen } = columnsOf(cards, { value: 'f64', seen: 'u8' });
 * ```
 */
export function columnsOf<const S extends Record<string, ColumnType>>(length: number, spec: S): Columns<S> {
  const names = Object.keys(spec);
  let bytes = 0;
  for (const name of names) bytes += BYTES[spec[name] as ColumnType] * length;
  const buffer = new ArrayBuffer(bytes);
  const out: Record<string, Float64Array | Int32Array | Uint8Array> = {};
  let offset = 0;
  for (const type of ORDER) {
    for (const name of names) {
      if (spec[name] !== type) continue;
      out[name] =
        type === 'f64'
          ? new Float64Array(buffer, offset, length)
          : type === 'i32'
            ? new Int32Array(buffer, offset, length)
            : new Uint8Array(buffer, offset, length);
      offset += BYTES[type] * length;
    }
  }
  return out as Columns<S>;
}
