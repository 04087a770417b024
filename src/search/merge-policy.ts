/**
 * When to merge segments. Each indexed article starts as a one-document segment; segments of similar size
 * (the same power of MERGE_FACTOR) are merged once MERGE_FACTOR of them exist. Each posting is therefore
 * rewritten about log_MERGE_FACTOR(N) times and a query visits at most (MERGE_FACTOR - 1) segments per size
 * level, which keeps both writing and searching cheap as the index grows.
 */
export const MERGE_FACTOR = 8;

export interface SegmentSummary {
  id: number;
  docs: number;
}

export function segmentLevel(docs: number, factor = MERGE_FACTOR): number {
  let level = 0;
  let size = factor;
  while (docs >= size) {
    level++;
    size *= factor;
  }
  return level;
}

/** The segments to merge next (oldest first), or null when the index is in shape. */
export function pickMerge(segments: readonly SegmentSummary[], factor = MERGE_FACTOR): number[] | null {
  const levels = new Map<number, SegmentSummary[]>();
  for (const s of segments) {
    const level = segmentLevel(s.docs, factor);
    const list = levels.get(level) ?? [];
    list.push(s);
    levels.set(level, list);
  }
  for (const level of [...levels.keys()].sort((a, b) => a - b)) {
    const list = levels.get(level)!;
    if (list.length >= factor) {
      return list
        .sort((a, b) => a.id - b.id)
        .slice(0, factor)
        .map((s) => s.id);
    }
  }
  return null;
}
