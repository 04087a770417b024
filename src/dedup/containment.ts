/**
 * Containment: how much of the smaller text's shingle set appears in the other. A wire story reprinted
 * with an extra paragraph has a low Jaccard similarity but a high containment.
 */

/** Exact containment of two shingle sets: |A ∩ B| / min(|A|, |B|), 0 when either is empty. */
export function containment(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared / small.size;
}

/** Exact Jaccard similarity of two shingle sets. */
export function jaccard(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (large.size === 0) return 0;
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Containment estimated from a Jaccard estimate and the two set sizes (stored beside each signature):
 * |A ∩ B| = J (|A| + |B|) / (1 + J), divided by the smaller size and clamped to [0, 1].
 */
export function containmentFromJaccard(j: number, sizeA: number, sizeB: number): number {
  const smaller = Math.min(sizeA, sizeB);
  if (!(j > 0) || smaller <= 0) return 0;
  const shared = (j * (sizeA + sizeB)) / (1 + j);
  return Math.min(1, shared / smaller);
}
