import type { Connection } from './connection.js';

/** A band key's postings: one article id (most bands), or a sorted list (negative: -(index + 1) into `lists`). */
const EMPTY = 0;

/**
 * The LSH band postings of every fingerprint (fingerprints.bands) as an in-memory inverted index, for the
 * near-duplicate lookup inside the writer's transactions. Stored as one row per band, the 32 bands of each
 * article were 32 random-key B-tree inserts (and the commit wrote most pages of that table every batch);
 * here a band is a slot in an open-addressing table of typed arrays: about 12 bytes per band key when it
 * belongs to one article (most do), a sorted id list when shared. The SqliteStore keeps it exact like the
 * story-key mirror: built from the table, following its own connection's writes, dropped when another
 * connection has written or a transaction rolls back.
 */
export class BandIndex {
  private keys = new Int32Array(1024);
  /** 0: empty slot; > 0: the one article id; < 0: -(index + 1) into `lists`. */
  private heads = new Int32Array(1024);
  private readonly lists: number[][] = [];
  private used = 0;

  /** Builds the index from the stored fingerprints. */
  static load(c: Connection): BandIndex {
    const index = new BandIndex();
    for (const [articleId, bands] of c.prepare('SELECT article_id, bands FROM fingerprints ORDER BY article_id').raw().iterate() as Iterable<[number, string]>) {
      for (const band of JSON.parse(bands) as number[]) index.add(band, articleId);
    }
    return index;
  }

  /** What putFingerprint does: the article's bands `before` are replaced by `after`. */
  replace(articleId: number, before: readonly number[], after: readonly number[]): void {
    for (const band of new Set(before)) this.remove(band, articleId);
    for (const band of new Set(after)) this.add(band, articleId);
  }

  /**
   * The most recent `limit` articles (highest ids) sharing at least one of the bands, `excludeId` left out;
   * newest first.
   */
  find(bands: readonly number[], excludeId: number | null, limit: number): number[] {
    if (limit <= 0) return [];
    const found = new Set<number>();
    for (const band of new Set(bands)) {
      const head = this.heads[this.slotOf(band)]!;
      if (head > 0) found.add(head);
      else if (head < 0) {
        // The newest `limit` of each band (one more, for the excluded id) hold the newest `limit` of the union.
        const list = this.lists[-head - 1]!;
        for (let i = list.length - 1; i >= 0 && i >= list.length - limit - 1; i--) found.add(list[i]!);
      }
    }
    if (excludeId !== null) found.delete(excludeId);
    const ids = [...found].sort((a, b) => b - a);
    return ids.length > limit ? ids.slice(0, limit) : ids;
  }

  private add(band: number, articleId: number): void {
    if ((this.used + 1) * 4 > this.keys.length * 3) this.grow();
    const slot = this.slotOf(band);
    const head = this.heads[slot]!;
    if (head === EMPTY) {
      this.keys[slot] = band;
      this.heads[slot] = articleId;
      this.used++;
    } else if (head > 0) {
      if (head === articleId) return;
      this.lists.push(head < articleId ? [head, articleId] : [articleId, head]);
      this.heads[slot] = -this.lists.length;
    } else insertSorted(this.lists[-head - 1]!, articleId);
  }

  private remove(band: number, articleId: number): void {
    const slot = this.slotOf(band);
    const head = this.heads[slot]!;
    if (head === articleId) {
      // A slot once used stays used (an empty list), so that probing past it still finds later keys.
      this.lists.push([]);
      this.heads[slot] = -this.lists.length;
    } else if (head < 0) {
      const list = this.lists[-head - 1]!;
      const at = lowerBound(list, articleId);
      if (list[at] === articleId) list.splice(at, 1);
    }
  }

  /** The slot holding `band`, or the empty slot where it would go (linear probing). */
  private slotOf(band: number): number {
    const mask = this.keys.length - 1;
    let slot = (Math.imul(band, 0x9e3779b1) >>> 0) & mask;
    while (this.heads[slot] !== EMPTY && this.keys[slot] !== band) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const keys = this.keys;
    const heads = this.heads;
    this.keys = new Int32Array(keys.length * 2);
    this.heads = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (heads[i] === EMPTY) continue;
      const slot = this.slotOf(keys[i]!);
      this.keys[slot] = keys[i]!;
      this.heads[slot] = heads[i]!;
    }
  }
}

function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(list: number[], value: number): void {
  // Usually the newest article: appended.
  if (list.length === 0 || list[list.length - 1]! < value) {
    list.push(value);
    return;
  }
  const at = lowerBound(list, value);
  if (list[at] !== value) list.splice(at, 0, value);
}
