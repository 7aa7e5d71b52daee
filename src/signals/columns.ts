/**
 * Several typed arrays of one length carved from a single zeroed buffer. A typed array of more than
 * 64 bytes gets a buffer of its own outside the JavaScript heap (about 0.6 µs to allocate and later
 * free, whatever its size); a family that needs ten per-card arrays pays that once instead of ten
 * times. The layout of a set of columns is worked out once ({@link columnSpec}, at module load).
 */

/** Element types a column can have. */
export type ColumnType = 'f64' | 'i32' | 'u8';

type ArrayOf<T extends ColumnType> = T extends 'f64' ? Float64Array : T extends 'i32' ? Int32Array : Uint8Array;

/** Typed arrays by name, as {@link columnsOf} returns them. */
export type Columns<S extends Record<string, ColumnType>> = { [N in keyof S]: ArrayOf<S[N]> };

/** A set of named columns, laid out widest type first so that each view starts at a multiple of its element size. */
export interface ColumnSpec<S extends Record<string, ColumnType>> {
  readonly names: readonly (keyof S & string)[];
  readonly types: readonly ColumnType[];
  /** Bytes of one element of every column together. */
  readonly rowBytes: number;
}

const BYTES: Record<ColumnType, number> = { f64: 8, i32: 4, u8: 1 };
const ORDER: readonly ColumnType[] = ['f64', 'i32', 'u8'];

/**
 * The layout of columns named and typed by `spec`.
 *
 * @example
 * ```ts
 * const PER_CARD = columnSpec({ value: 'f64', seen: 'u8' });
 * const { value, seen } = columnsOf(cards, PER_CARD);
 * ```
 */
export function columnSpec<const S extends Record<string, ColumnType>>(spec: S): ColumnSpec<S> {
  const names = ORDER.flatMap((type) => Object.keys(spec).filter((name) => spec[name] === type)) as (keyof S & string)[];
  const types = names.map((name) => spec[name] as ColumnType);
  return { names, types, rowBytes: types.reduce((sum, type) => sum + BYTES[type], 0) };
}

/** Zeroed columns of `length` elements each, laid out by `spec`, sharing one buffer. */
export function columnsOf<S extends Record<string, ColumnType>>(length: number, spec: ColumnSpec<S>): Columns<S> {
  const buffer = new ArrayBuffer(spec.rowBytes * length);
  const out: Record<string, Float64Array | Int32Array | Uint8Array> = {};
  let offset = 0;
  for (let k = 0; k < spec.names.length; k++) {
    const type = spec.types[k] as ColumnType;
    const name = spec.names[k] as string;
    out[name] =
      type === 'f64'
        ? new Float64Array(buffer, offset, length)
        : type === 'i32'
          ? new Int32Array(buffer, offset, length)
          : new Uint8Array(buffer, offset, length);
    offset += BYTES[type] * length;
  }
  return out as Columns<S>;
}
