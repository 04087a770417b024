import type { CandidateQuery } from '../store.js';
import type { Connection } from './connection.js';

/** Rows of story_keys beyond which the table is not mirrored (about 200,000 articles; some 100 MB). */
export const MAX_MIRRORED_KEYS = 5_000_000;

/**
 * An in-memory mirror of the story_keys table for candidate lookup inside the writer's transactions.
 * Counting shared keys over a few hundred postings is a lookup in a Map here and a scan, sort and group in
 * SQL (about 10 times the cost, the largest statement of an import). The SqliteStore keeps the mirror
 * exact: it is loaded from the table, follows every write of its own connection, and is dropped when
 * another connection has written (PRAGMA data_version) or a transaction rolls back.
 */
export class CandidateKeyMirror {
  /** Postings per key: [time, articleId] pairs, flattened, in ascending (time, articleId) order. */
  private readonly postings = new Map<number, number[]>();
  /** Each article's keys and time (to replace them). */
  private readonly articles = new Map<number, { time: number; keys: number[] }>();

  /** Loads the table (in its primary-key order: each key's postings come sorted); null when it is too large to mirror. */
  static load(c: Connection, maxRows = MAX_MIRRORED_KEYS): CandidateKeyMirror | null {
    const rows = c.prepare('SELECT count(*) FROM story_keys').pluck().get() as number;
    if (rows > maxRows) return null;
    const mirror = new CandidateKeyMirror();
    const byArticle = new Map<number, { time: number; keys: number[] }>();
    for (const [key, time, articleId] of c.prepare('SELECT key, time, article_id FROM story_keys ORDER BY key, time, article_id').raw().iterate() as Iterable<[number, number, number]>) {
      let entry = byArticle.get(articleId);
      if (!entry) byArticle.set(articleId, (entry = { time, keys: [] }));
      if (entry.time !== time) {
        // An article filed at two times (not written by Sada): keep the table's answer by not mirroring it.
        return null;
      }
      entry.keys.push(key);
      mirror.append(key, time, articleId);
    }
    for (const [id, entry] of byArticle) mirror.articles.set(id, entry);
    return mirror;
  }

  /** What putArticleProfile does to the table: the article's keys are replaced. */
  put(articleId: number, keys: readonly number[], time: number): void {
    this.remove(articleId);
    const unique = [...new Set(keys)];
    if (unique.length === 0) return;
    for (const key of unique) this.insert(key, time, articleId);
    this.articles.set(articleId, { time, keys: unique });
  }

  /**
   * The articles filed under at least `minShared` of the keys inside the window (the excluded one left out),
   * most keys first, then newest id; at most `limit`. The caller reads their references.
   */
  find(q: CandidateQuery): { id: number; shared: number }[] {
    if (q.keys.length === 0 || q.limit <= 0) return [];
    const exclude = q.excludeId ?? -1;
    const counts = new Map<number, number>();
    for (const key of new Set(q.keys)) {
      const list = this.postings.get(key);
      if (!list) continue;
      for (let i = lowerBound(list, q.from); i < list.length && list[i]! <= q.to; i += 2) {
        const id = list[i + 1]!;
        if (id !== exclude) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
    const min = Math.max(1, q.minShared);
    const found: { id: number; shared: number }[] = [];
    for (const [id, shared] of counts) if (shared >= min) found.push({ id, shared });
    found.sort((a, b) => b.shared - a.shared || b.id - a.id);
    return found.length > q.limit ? found.slice(0, q.limit) : found;
  }

  private remove(articleId: number): void {
    const old = this.articles.get(articleId);
    if (!old) return;
    this.articles.delete(articleId);
    for (const key of old.keys) {
      const list = this.postings.get(key);
      if (!list) continue;
      for (let i = lowerBound(list, old.time); i < list.length && list[i] === old.time; i += 2) {
        if (list[i + 1] !== articleId) continue;
        list.splice(i, 2);
        break;
      }
      if (list.length === 0) this.postings.delete(key);
    }
  }

  private append(key: number, time: number, articleId: number): void {
    const list = this.postings.get(key);
    if (list) list.push(time, articleId);
    else this.postings.set(key, [time, articleId]);
  }

  private insert(key: number, time: number, articleId: number): void {
    const list = this.postings.get(key);
    if (!list) {
      this.postings.set(key, [time, articleId]);
      return;
    }
    // Usually the newest: append; else insert in (time, id) order.
    const n = list.length;
    if (list[n - 2]! < time || (list[n - 2] === time && list[n - 1]! < articleId)) {
      list.push(time, articleId);
      return;
    }
    let at = lowerBound(list, time);
    while (at < n && list[at] === time && list[at + 1]! < articleId) at += 2;
    list.splice(at, 0, time, articleId);
  }
}

/** Index of the first pair whose time is at least `time`. */
function lowerBound(list: readonly number[], time: number): number {
  let lo = 0;
  let hi = list.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[2 * mid]! < time) lo = mid + 1;
    else hi = mid;
  }
  return 2 * lo;
}
