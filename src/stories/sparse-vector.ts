/**
 * A sparse term vector: 32-bit term hashes in ascending order with their weights. Compact to store,
 * and dot products are a linear merge, which keeps pair judgement cheap at ingest time.
 */
export interface SparseVector {
  readonly keys: Uint32Array;
  readonly values: Float32Array;
}

export const EMPTY_VECTOR: SparseVector = { keys: new Uint32Array(0), values: new Float32Array(0) };

/** Builds a vector from (hash → weight); zero and non-finite weights are dropped. */
export function vectorFromMap(weights: ReadonlyMap<number, number>): SparseVector {
  const entries = [...weights].filter(([, w]) => w !== 0 && Number.isFinite(w)).sort((a, b) => a[0] - b[0]);
  const keys = new Uint32Array(entries.length);
  const values = new Float32Array(entries.length);
  entries.forEach(([k, w], i) => {
    keys[i] = k;
    values[i] = w;
  });
  return { keys, values };
}

export function norm(v: SparseVector): number {
  let s = 0;
  for (let i = 0; i < v.values.length; i++) s += (v.values[i] ?? 0) ** 2;
  return Math.sqrt(s);
}

/** The vector scaled to unit length (the empty vector stays empty). */
export function normalized(v: SparseVector): SparseVector {
  const n = norm(v);
  if (n === 0) return v;
  const values = new Float32Array(v.values.length);
  for (let i = 0; i < values.length; i++) values[i] = (v.values[i] ?? 0) / n;
  return { keys: v.keys, values };
}

export function dot(a: SparseVector, b: SparseVector): number {
  const ak = a.keys;
  const bk = b.keys;
  const av = a.values;
  const bv = b.values;
  let i = 0;
  let j = 0;
  let s = 0;
  // Indexes stay inside both arrays, so the reads need no undefined checks (the hot loop of judging).
  while (i < ak.length && j < bk.length) {
    const x = ak[i]!;
    const y = bk[j]!;
    if (x === y) s += av[i++]! * bv[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/** Cosine similarity in [0, 1] for non-negative vectors. */
export function cosine(a: SparseVector, b: SparseVector): number {
  const na = norm(a);
  const nb = norm(b);
  return na && nb ? Math.min(1, dot(a, b) / (na * nb)) : 0;
}

/** Whether a sorted key array holds `key` (binary search). */
export function hasKey(keys: Uint32Array, key: number): boolean {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid] ?? 0;
    if (k === key) return true;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Number of keys two sorted key arrays share. */
export function sharedKeys(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}
