/**
 * When to merge segments. Segments are kept in the order of the documents they hold (their first live
 * article id), and a merge takes MERGE_FACTOR neighbours in that order, never segments from far apart:
 * articles are indexed as they arrive, so neighbours hold consecutive id ranges and their lists are joined
 * by concatenation, without decoding a posting. (Merging by size alone, as this policy once did, joined
 * the small segments each file's last batch leaves behind into one segment spanning weeks of ids, and every
 * later merge with it decoded and sorted 4 in 10 of its lists.)
 *
 * A segment's level is its size as a power of MERGE_FACTOR. From the oldest segment on, the stretch up to
 * the last segment of the highest level is one tier (smaller segments inside it included); once a tier
 * holds MERGE_FACTOR segments, its oldest MERGE_FACTOR are merged; otherwise the next tier, after it, is
 * looked at the same way. Each tier's top level is lower than the one before it, so the index holds fewer
 * than MERGE_FACTOR segments per level, and each posting is rewritten about log_MERGE_FACTOR(N) times.
 */
export const MERGE_FACTOR = 8;

/**
 * The factor an import merges with while it runs: it ends with a merge of the whole index anyway, so the
 * merges on the way only bound how many segments a search visits meanwhile (at most 31 per tier). On the
 * SaudiNewsNet files this skips the merges that rewrote the index twice before the final one.
 */
export const BULK_MERGE_FACTOR = 32;

export interface SegmentSummary {
  id: number;
  /** Documents written into the segment, stale ones included. */
  docs: number;
  /** The lowest live article id in the segment (null when none is live). */
  firstDoc: number | null;
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

/** The segments to merge next (ids oldest first), or null when the index is in shape. */
export function pickMerge(segments: readonly SegmentSummary[], factor = MERGE_FACTOR): number[] | null {
  // Segments with nothing live sort first: any merge drops them.
  const ordered = [...segments].sort((a, b) => (a.firstDoc ?? -1) - (b.firstDoc ?? -1) || a.id - b.id);
  const levels = ordered.map((s) => segmentLevel(s.docs, factor));
  for (let start = 0; start < ordered.length; ) {
    let top = -1;
    let last = start;
    for (let i = start; i < ordered.length; i++) {
      if (levels[i]! >= top) {
        top = levels[i]!;
        last = i;
      }
    }
    if (last - start + 1 >= factor) return ordered.slice(start, start + factor).map((s) => s.id).sort((a, b) => a - b);
    start = last + 1;
  }
  return null;
}
