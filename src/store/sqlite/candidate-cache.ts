import type { CandidateQuery } from '../store.js';
import type { Connection } from './connection.js';
import { keyedArticles } from './engine-sql.js';

/** Keyed articles beyond which the keys are not mirrored (some 100 MB): lookups then scan the window in SQL. */
export const MAX_MIRRORED_ARTICLES = 250_000;

/** Article ids counted in a dense array by candidate lookup (16 MB at most). */
const DENSE_IDS = 1 << 22;

/**
 * An in-memory inverted index of the articles' story keys (article_profiles.keys) for candidate lookup
 * inside the writer's transactions. Counting shared keys over a few hundred postings is a lookup in a Map
 * here, and a scan of the window's keyed articles in SQL. The SqliteStore keeps the mirror exact: it is
 * loaded from the table, follows every write of its own connection, and is dropped when another connection
 * has written (PRAGMA data_version) or a transaction rolls back.
 */
export class CandidateKeyMirror {
  /** Postings per key: [time, articleId] pairs, flattened, in ascending (time, articleId) order. */
  private readonly postings = new Map<number, number[]>();
  /** Each article's keys and time (to replace them). */
  private readonly articles = new Map<number, { time: number; keys: number[] }>();
  /** Scratch of `find`: shared keys per article id, all zero between calls. */
  private counts = new Int32Array(1024);
  /** Scratch of `find`: the ids counted, then the kept ones packed with their counts. */
  private touched = new Int32Array(1024);
  private packed = new Float64Array(1024);

  /** Loads the keyed articles (in time order: each key's postings come sorted); null when there are too many to mirror. */
  static load(c: Connection, maxArticles = MAX_MIRRORED_ARTICLES): CandidateKeyMirror | null {
    const rows = c.prepare('SELECT count(*) FROM article_profiles WHERE key_time IS NOT NULL').pluck().get() as number;
    if (rows > maxArticles) return null;
    const mirror = new CandidateKeyMirror();
    for (const [articleId, time, json] of keyedArticles(c, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)) {
      const keys = JSON.parse(json) as number[];
      for (const key of keys) mirror.append(key, time, articleId);
      if (keys.length > 0) mirror.articles.set(articleId, { time, keys });
    }
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
    // Shared keys counted per article id in a dense array (rowids are small positive integers; any other
    // id in a Map), reset after.
    let touched = this.touched;
    let t = 0;
    const large = new Map<number, number>();
    for (const key of new Set(q.keys)) {
      const list = this.postings.get(key);
      if (!list) continue;
      for (let i = lowerBound(list, q.from); i < list.length && list[i]! <= q.to; i += 2) {
        const id = list[i + 1]!;
        if (id === exclude) continue;
        if (!((id >>> 0) === id && id < DENSE_IDS)) large.set(id, (large.get(id) ?? 0) + 1);
        else {
          if (id >= this.counts.length) this.growCounts(id);
          if (this.counts[id]!++ === 0) {
            if (t === touched.length) touched = this.touched = growInt32(touched);
            touched[t++] = id;
          }
        }
      }
    }
    const min = Math.max(1, q.minShared);
    // Each dense article as one number, shared keys above its id, so that a numeric sort puts the most
    // shared keys, then the newest id, last: an object per article that shares two keys (hundreds, of
    // which a hundred are kept) made most of the lookup's garbage.
    if (this.packed.length < t) this.packed = new Float64Array(touched.length);
    let n = 0;
    for (let i = 0; i < t; i++) {
      const id = touched[i]!;
      const shared = this.counts[id]!;
      this.counts[id] = 0;
      if (shared >= min) this.packed[n++] = shared * DENSE_IDS + id;
    }
    const packed = this.packed.subarray(0, n).sort();
    const found: { id: number; shared: number }[] = [];
    for (let i = n - 1; i >= 0 && (large.size > 0 || found.length < q.limit); i--) {
      const shared = Math.floor(packed[i]! / DENSE_IDS);
      found.push({ id: packed[i]! - shared * DENSE_IDS, shared });
    }
    if (large.size === 0) return found;
    for (const [id, shared] of large) if (shared >= min) found.push({ id, shared });
    found.sort((a, b) => b.shared - a.shared || b.id - a.id);
    return found.length > q.limit ? found.slice(0, q.limit) : found;
  }

  private growCounts(id: number): void {
    const counts = new Int32Array(Math.max(2 * this.counts.length, id + 1024));
    counts.set(this.counts);
    this.counts = counts;
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

function growInt32(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
