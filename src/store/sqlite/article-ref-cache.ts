import type { ArticleRef, NewArticle, Store } from '../store.js';

/** References kept at most; beyond this the cache starts over (an import touches the recent ones again). */
export const MAX_CACHED_REFS = 300_000;

/** A copy of a reference (its six fields written out: several times faster than a spread in the hot path). */
export function copyRef(r: ArticleRef): ArticleRef {
  return { id: r.id, sourceId: r.sourceId, storyId: r.storyId, duplicateOf: r.duplicateOf, time: r.time, contentHash: r.contentHash };
}

/**
 * Article references (id, outlet, story, duplicate group, time, content hash) read or written by the
 * writer connection inside its transactions. Reading them from the table costs a row lookup each, and the
 * story engine reads about a hundred per article. The SqliteStore keeps the cache exact the way it keeps the story-key mirror: it follows every
 * write of its own connection to the columns it holds, and is dropped when another connection has written
 * or a transaction rolls back.
 */
export class ArticleRefCache {
  private readonly refs = new Map<number, ArticleRef>();

  constructor(private readonly capacity = MAX_CACHED_REFS) {}

  /** The cached reference itself (not a copy: the caller must not change it). */
  get(id: number): ArticleRef | undefined {
    return this.refs.get(id);
  }

  /** References just read from the table (inside the writer's transaction). */
  remember(refs: readonly ArticleRef[]): void {
    for (const r of refs) this.set(copyRef(r));
  }

  /** What insertArticle wrote. */
  inserted(id: number, a: NewArticle): void {
    this.set({ id, sourceId: a.sourceId, storyId: a.storyId ?? null, duplicateOf: a.duplicateOf ?? null, time: a.published ?? a.ingestedAt, contentHash: a.contentHash });
  }

  /** What updateArticle wrote: held columns are patched; a new publication time is forgotten (its sort time needs the ingestion time). */
  updated(id: number, patch: Parameters<Store['updateArticle']>[1]): void {
    const ref = this.refs.get(id);
    if (!ref) return;
    if (patch.published !== undefined) {
      this.refs.delete(id);
      return;
    }
    if (patch.storyId !== undefined) ref.storyId = patch.storyId;
    if (patch.duplicateOf !== undefined) ref.duplicateOf = patch.duplicateOf;
    if (patch.contentHash !== undefined) ref.contentHash = patch.contentHash;
  }

  clear(): void {
    this.refs.clear();
  }

  private set(ref: ArticleRef): void {
    if (this.refs.size >= this.capacity && !this.refs.has(ref.id)) this.refs.clear();
    this.refs.set(ref.id, ref);
  }
}
