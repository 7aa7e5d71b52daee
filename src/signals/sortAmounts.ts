/**
 * Sorting sale amounts, ascending, in place: the same order as `Float64Array.prototype.sort`, faster.
 * The built-in typed-array sort costs more than all the rest of `prepare` on a 1,000-sale case. Sale
 * amounts are whole positive minor units, so a large list is sorted by radix (8 bits a pass) and a
 * short one by quicksort; anything else (fractions, zero, NaN from a hand-built case file) goes to
 * the built-in sort.
 */

/** Lists at least this long are radix-sorted (measured: the radix passes win from a few thousand values). */
const RADIX_FROM = 4096;
/** Ranges shorter than this are finished by insertion sort. */
const INSERTION_BELOW = 16;

/** Sorts `amounts` ascending in place and returns it. */
export function sortAmounts(amounts: Float64Array): Float64Array {
  let max = 0;
  for (let i = 0; i < amounts.length; i++) {
    const v = amounts[i] as number;
    // Whole numbers from 1 up to 2^53 only (NaN fails the comparison too).
    if (!(v >= 1 && v <= Number.MAX_SAFE_INTEGER && Math.floor(v) === v)) return amounts.sort();
    if (v > max) max = v;
  }
  if (amounts.length >= RADIX_FROM) radixSort(amounts, max);
  else quickSort(amounts, 0, amounts.length - 1);
  return amounts;
}

/** Least-significant-digit radix sort of whole numbers up to `max`, one byte a pass. */
function radixSort(values: Float64Array, max: number): void {
  const n = values.length;
  let from: Float64Array = values;
  let to: Float64Array = new Float64Array(n);
  const count = new Int32Array(256);
  for (let unit = 1; max / unit >= 1; unit *= 256) {
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const digit = Math.floor((from[i] as number) / unit) & 255;
      count[digit] = (count[digit] as number) + 1;
    }
    let sum = 0;
    for (let d = 0; d < 256; d++) {
      const c = count[d] as number;
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const v = from[i] as number;
      const digit = Math.floor(v / unit) & 255;
      to[count[digit] as number] = v;
      count[digit] = (count[digit] as number) + 1;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  if (from !== values) values.set(from);
}

/** Quicksort (median of three, Hoare partition, smaller side first) of `values[lo..hi]`. */
function quickSort(values: Float64Array, lo: number, hi: number): void {
  while (hi - lo >= INSERTION_BELOW) {
    const a = values[lo] as number;
    const b = values[(lo + hi) >> 1] as number;
    const c = values[hi] as number;
    // The median of the three.
    const pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const t = values[i] as number;
        values[i] = values[j] as number;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (j - lo < hi - i) {
      quickSort(values, lo, j);
      lo = i;
    } else {
      quickSort(values, i, hi);
      hi = j;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    const v = values[i] as number;
    let j = i - 1;
    while (j >= lo && (values[j] as number) > v) {
      values[j + 1] = values[j] as number;
      j--;
    }
    values[j + 1] = v;
  }
}
