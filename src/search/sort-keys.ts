import { compareKeys } from './bytes.js';

/**
 * Keys in UTF-8 byte order. Sorted by UTF-16 code units, which is the same order unless a character above
 * U+FFFF meets one in U+E000..U+FFFF; a check catches that rare case and sorts again exactly.
 *
 * The sort is a multikey quicksort (partition on one code unit at a time, then the next one inside the
 * equal part): a batch's keys share long prefixes (the family letter, then the stem's first letters), and
 * it compares each unit about once where a comparison sort compares each prefix again at every step. On
 * the 54,000 keys of 1,000 news articles it takes a fifth of the time of `Array.prototype.sort`, and the
 * import waits for it at the end of every batch.
 */
export function sortKeys(keys: string[]): string[] {
  multikeySort(keys);
  for (let i = 1; i < keys.length; i++) if (compareKeys(keys[i - 1]!, keys[i]!) >= 0) return keys.sort(compareKeys);
  return keys;
}

/** Below this many keys, a range is finished by insertion sort. */
const SMALL = 12;

/** The code unit at `depth`, or -1 past the end (a shorter key sorts first). */
function unitAt(key: string, depth: number): number {
  return depth < key.length ? key.charCodeAt(depth) : -1;
}

/** Sorts `keys` in place by UTF-16 code units (the order of `Array.prototype.sort` on strings). */
export function multikeySort(keys: string[]): void {
  // Ranges to sort as (start, end, depth) triples, iteratively: recursion on deep shared prefixes could
  // exhaust the stack.
  const stack: number[] = [0, keys.length, 0];
  while (stack.length > 0) {
    const depth = stack.pop()!;
    const end = stack.pop()!;
    const start = stack.pop()!;
    if (end - start < SMALL) {
      insertionSort(keys, start, end, depth);
      continue;
    }
    const pivot = unitAt(keys[(start + end) >>> 1]!, depth);
    // Three parts: units below the pivot [start, lt), equal [lt, gt], above (gt, end).
    let lt = start;
    let gt = end - 1;
    let i = start;
    while (i <= gt) {
      const unit = unitAt(keys[i]!, depth);
      if (unit < pivot) swap(keys, lt++, i++);
      else if (unit > pivot) swap(keys, i, gt--);
      else i++;
    }
    stack.push(start, lt, depth, gt + 1, end, depth);
    // Keys equal up to their end are equal keys: nothing more to sort among them.
    if (pivot >= 0) stack.push(lt, gt + 1, depth + 1);
  }
}

function swap(keys: string[], a: number, b: number): void {
  const t = keys[a]!;
  keys[a] = keys[b]!;
  keys[b] = t;
}

/** Insertion sort of keys[start, end), which agree on their first `depth` units. */
function insertionSort(keys: string[], start: number, end: number, depth: number): void {
  for (let i = start + 1; i < end; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= start && compareFrom(keys[j]!, key, depth) > 0) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
}

function compareFrom(a: string, b: string, depth: number): number {
  const n = Math.min(a.length, b.length);
  for (let i = depth; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
