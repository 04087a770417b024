import type pg from 'pg';
import type { Article, RelatedEntry, Source, SourceFetchState, SourceRecord, SourceWithStatus, Story } from '../../core/types.js';
import { AppError } from '../../core/errors.js';
import type { ArticleListQuery, Fingerprint, IndexDocument, NewArticle, NewSource, Store, StoryListQuery } from '../store.js';
import {
  ARTICLE_PATCH_COLUMNS,
  ARTICLE_SELECT,
  ARTICLE_SELECT_WITHOUT_TEXT,
  FETCH_STATE_COLUMNS,
  STORY_COLUMNS,
  STORY_PATCH_COLUMNS,
  toArticle,
  toFetchState,
  toSource,
  toSourceRecord,
  toSourceWithStatus,
  toStory,
  type ArticleRow,
  type SourceRow,
  type StoryRow,
} from '../rows.js';
import { SearchIndexCore, type BuiltSegment } from '../search-index-core.js';
import type { IndexStats, MoreKeys, PostingsPart, SearchDocInfo, SearchFilter, TimeCursor } from '../../search/types.js';
import { PgSearchTables } from './pg-search-tables.js';

import { PgEngineQueries, type Db } from './pg-engine.js';

export type { Db };

const ACTIVE = 'removed_at IS NULL';

/**
 * A key no stored row holds and PostgreSQL refuses even as a query parameter: text with U+0000 (the pipeline
 * stores a space instead: src/core/storable-text.ts), or an id that is no safe integer (beyond bigint). A
 * lookup for one, say a request's `?source=` or an id typed on the command line, finds nothing, as on
 * SQLite, instead of failing.
 */
function unstorableKey(value: unknown): boolean {
  return typeof value === 'string' ? value.includes('\u0000') : typeof value === 'number' && !Number.isSafeInteger(value);
}

/** Builds `SET a = $n, b = $n+1` from a patch and a column map; returns the SQL and the values. */
function setClause(patch: object, columns: Record<string, string>, first: number, encode: (key: string, v: unknown) => unknown = (_k, v) => v) {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const column = columns[key];
    if (!column || value === undefined) continue;
    values.push(encode(key, value));
    sets.push(`${column} = $${first + values.length - 1}`);
  }
  return { sets, values };
}

/** The Store's queries in PostgreSQL's dialect; `db()` gives the transaction's client or the pool. */
export abstract class PgQueries extends PgEngineQueries implements Omit<Store, 'dialect' | 'readOnly' | 'transaction' | 'ping' | 'close' | 'lockKeys'> {
  protected abstract override db(): Db;

  private async rows<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db().query<T>(sql, params)).rows;
  }

  // ---- sources ----

  async addSource(s: NewSource, now: number): Promise<Source> {
    const clash = await this.rows<{ id: number; feed_url: string; removed_at: number | null }>(
      'SELECT id, feed_url, removed_at FROM sources WHERE feed_url = $1 OR slug = $2',
      [s.feedUrl, s.slug],
    );
    const revived = clash.find((r) => r.feed_url === s.feedUrl && r.removed_at !== null);
    const active = clash.find((r) => r.removed_at === null || r.id !== revived?.id);
    if (active) {
      const what = active.feed_url === s.feedUrl ? `feed ${s.feedUrl}` : `slug "${s.slug}"`;
      throw new AppError('CONFLICT', `a source with ${what} already exists (id ${active.id})`, { details: { id: active.id } });
    }
    if (revived) {
      await this.db().query(
        `UPDATE sources SET removed_at = NULL, slug = $1, url = $2, kind = $3, title = $4, homepage = $5, country = $6,
           paused = FALSE, consecutive_errors = 0, last_error = NULL, next_check = $7 WHERE id = $8`,
        [s.slug, s.url, s.kind, s.title, s.homepage ?? null, s.country ?? null, now, revived.id],
      );
      return (await this.getSourceWhere('id', revived.id, true)) as Source;
    }
    try {
      const [row] = await this.rows<SourceRow>(
        `INSERT INTO sources (slug, url, feed_url, kind, title, homepage, country, created_at, next_check)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [s.slug, s.url, s.feedUrl, s.kind, s.title, s.homepage ?? null, s.country ?? null, now, s.kind === 'import' ? null : now],
      );
      return toSource(row!);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new AppError('CONFLICT', `a source with feed ${s.feedUrl} or slug "${s.slug}" already exists`, { cause: error });
      throw error;
    }
  }

  private async getSourceWhere(column: 'id' | 'slug' | 'feed_url', value: unknown, includeRemoved = false): Promise<Source | null> {
    if (unstorableKey(value)) return null;
    const [row] = await this.rows<SourceRow>(`SELECT * FROM sources WHERE ${column} = $1${includeRemoved ? '' : ` AND ${ACTIVE}`}`, [value]);
    return row ? toSource(row) : null;
  }
  getSource(id: number) {
    return this.getSourceWhere('id', id);
  }
  getSourceBySlug(slug: string) {
    return this.getSourceWhere('slug', slug);
  }
  getSourceByFeedUrl(feedUrl: string) {
    return this.getSourceWhere('feed_url', feedUrl);
  }

  async ensureImportSource(slug: string, now: number): Promise<Source> {
    const existing = await this.getSourceWhere('slug', slug, true);
    if (existing) return existing;
    // Two workers may create the same import source at once: the loser reads the winner's row.
    await this.db().query(
      `INSERT INTO sources (slug, url, feed_url, kind, title, created_at) VALUES ($1, $2, $2, 'import', $1, $3) ON CONFLICT DO NOTHING`,
      [slug, `import:${slug}`, now],
    );
    return (await this.getSourceWhere('slug', slug, true)) as Source;
  }

  async listSources(): Promise<SourceWithStatus[]> {
    const rows = await this.rows<SourceRow>(
      `SELECT s.*, (SELECT count(*) FROM articles a WHERE a.source_id = s.id) AS articles FROM sources s WHERE s.${ACTIVE} ORDER BY s.id`,
    );
    return rows.map(toSourceWithStatus);
  }

  async findSource(key: { id: number } | { slug: string }): Promise<SourceRecord | null> {
    const [column, value] = 'id' in key ? ['id', key.id] : ['slug', key.slug];
    if (unstorableKey(value)) return null;
    const [row] = await this.rows<SourceRow>(`SELECT s.*, (SELECT count(*) FROM articles a WHERE a.source_id = s.id) AS articles FROM sources s WHERE s.${column} = $1`, [value]);
    return row ? toSourceRecord(row) : null;
  }

  async removeSource(id: number): Promise<boolean> {
    const r = await this.db().query(`UPDATE sources SET removed_at = $1 WHERE id = $2 AND ${ACTIVE}`, [Date.now(), id]);
    return (r.rowCount ?? 0) > 0;
  }

  async moveSourceFeed(id: number, feedUrl: string): Promise<boolean> {
    if (unstorableKey(feedUrl)) return false;
    try {
      const r = await this.db().query(
        'UPDATE sources SET feed_url = $1 WHERE id = $2 AND NOT EXISTS (SELECT 1 FROM sources WHERE feed_url = $1 AND id <> $2)',
        [feedUrl, id],
      );
      return (r.rowCount ?? 0) > 0;
    } catch (error) {
      // another worker moved a source there at the same moment
      if ((error as { code?: string }).code === '23505') return false;
      throw error;
    }
  }

  async getFetchState(id: number): Promise<SourceFetchState | null> {
    const [row] = await this.rows<SourceRow>('SELECT * FROM sources WHERE id = $1', [id]);
    return row ? toFetchState(row) : null;
  }

  async updateFetchState(id: number, patch: Partial<SourceFetchState>): Promise<void> {
    const { sets, values } = setClause(patch, FETCH_STATE_COLUMNS, 1);
    if (sets.length === 0) return;
    const r = await this.db().query(`UPDATE sources SET ${sets.join(', ')} WHERE id = $${values.length + 1}`, [...values, id]);
    if (r.rowCount === 0) throw new AppError('NOT_FOUND', `no source with id ${id}`);
  }

  async dueSources(now: number, limit: number): Promise<(Source & SourceFetchState)[]> {
    const rows = await this.rows<SourceRow>(
      `SELECT * FROM sources WHERE ${ACTIVE} AND NOT paused AND kind <> 'import' AND (next_check IS NULL OR next_check <= $1)
       ORDER BY coalesce(next_check, 0), id LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => ({ ...toSource(r), ...toFetchState(r) }));
  }

  async claimDueSources(
    now: number,
    limit: number,
    worker: string,
    leaseMs: number,
    options: { force?: boolean; sourceId?: number } = {},
  ): Promise<(Source & SourceFetchState)[]> {
    const params: unknown[] = [worker, now + leaseMs, now, limit];
    const where = [ACTIVE, 'NOT paused', "kind <> 'import'", '(lease_until IS NULL OR lease_until <= $3 OR lease_owner = $1)'];
    if (!options.force) where.push('(next_check IS NULL OR next_check <= $3)');
    if (options.sourceId !== undefined) {
      params.push(options.sourceId);
      where.push(`id = $${params.length}`);
    }
    // SKIP LOCKED: concurrent workers each take different rows instead of waiting on one another.
    const rows = await this.rows<SourceRow>(
      `UPDATE sources SET lease_owner = $1, lease_until = $2 WHERE id IN (
         SELECT id FROM sources WHERE ${where.join(' AND ')} ORDER BY coalesce(next_check, 0), id LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      params,
    );
    rows.sort((a, b) => (a.next_check ?? 0) - (b.next_check ?? 0) || a.id - b.id);
    return rows.map((r) => ({ ...toSource(r), ...toFetchState(r) }));
  }

  async releaseSource(id: number, worker: string): Promise<void> {
    await this.db().query('UPDATE sources SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2', [id, worker]);
  }

  async renewLeases(ids: readonly number[], worker: string, until: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db().query('UPDATE sources SET lease_until = $1 WHERE lease_owner = $2 AND id = ANY($3::bigint[])', [until, worker, ids]);
  }

  async reserveHostSlot(host: string, now: number, spacingMs: number): Promise<number> {
    // The row lock of the upsert orders concurrent reservations: each one starts after the previous.
    const [row] = await this.rows<{ next_at: number }>(
      `INSERT INTO host_slots (host, next_at) VALUES ($1, $2::bigint + $3::bigint)
       ON CONFLICT (host) DO UPDATE SET next_at = GREATEST(host_slots.next_at, $2::bigint) + $3::bigint RETURNING next_at`,
      [host, now, spacingMs],
    );
    return Math.max(0, row!.next_at - spacingMs - now);
  }

  // ---- articles ----

  async insertArticle(a: NewArticle): Promise<{ id: number; inserted: boolean }> {
    const [row] = await this.rows<{ id: number }>(
      `INSERT INTO articles (source_id, url, canonical_url, external_id, title, text, summary, author, category, tags, image, lang,
         published, ingested_at, sort_time, content_hash, duplicate_of, origin, story_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
       ON CONFLICT (canonical_url) DO NOTHING RETURNING id`,
      [
        a.sourceId, a.url, a.canonicalUrl, a.externalId, a.title, a.text, a.summary, a.author, a.category, JSON.stringify(a.tags), a.image, a.lang,
        a.published, a.ingestedAt, a.published ?? a.ingestedAt, a.contentHash, a.duplicateOf ?? null, a.origin ?? null, a.storyId ?? null,
      ],
    );
    if (row) return { id: row.id, inserted: true };
    const [existing] = await this.rows<{ id: number }>('SELECT id FROM articles WHERE canonical_url = $1', [a.canonicalUrl]);
    return { id: existing!.id, inserted: false };
  }

  async updateArticle(id: number, patch: Parameters<Store['updateArticle']>[1]): Promise<void> {
    const { sets, values } = setClause(patch, ARTICLE_PATCH_COLUMNS, 1, (k, v) => (k === 'tags' ? JSON.stringify(v) : v));
    if (sets.length === 0) return;
    if (patch.published !== undefined) {
      values.push(patch.published);
      sets.push(`sort_time = coalesce($${values.length}::bigint, ingested_at)`);
    }
    const r = await this.db().query(`UPDATE articles SET ${sets.join(', ')} WHERE id = $${values.length + 1}`, [...values, id]);
    if (r.rowCount === 0) throw new AppError('NOT_FOUND', `no article with id ${id}`);
  }

  async getArticle(id: number): Promise<Article | null> {
    return (await this.getArticles([id]))[0] ?? null;
  }

  async getArticles(ids: readonly number[]): Promise<Article[]> {
    const storable = ids.filter((id) => !unstorableKey(id));
    if (storable.length === 0) return [];
    const rows = await this.rows<ArticleRow>(`${ARTICLE_SELECT} WHERE a.id = ANY($1::bigint[])`, [storable]);
    const byId = new Map(rows.map((r) => [r.id, toArticle(r)]));
    return ids.map((id) => byId.get(id)).filter((a): a is Article => a !== undefined);
  }

  async getArticleByCanonicalUrl(canonicalUrl: string): Promise<Article | null> {
    if (unstorableKey(canonicalUrl)) return null;
    const [row] = await this.rows<ArticleRow>(`${ARTICLE_SELECT} WHERE a.canonical_url = $1`, [canonicalUrl]);
    return row ? toArticle(row) : null;
  }

  async storedCanonicalUrls(canonicalUrls: readonly string[]): Promise<Set<string>> {
    const storable = canonicalUrls.filter((url) => !unstorableKey(url));
    if (storable.length === 0) return new Set();
    const rows = await this.rows<{ canonical_url: string }>('SELECT canonical_url FROM articles WHERE canonical_url = ANY($1::text[])', [storable]);
    return new Set(rows.map((r) => r.canonical_url));
  }

  async getArticleByExternalId(sourceId: number, externalId: string): Promise<Article | null> {
    if (unstorableKey(externalId)) return null;
    const [row] = await this.rows<ArticleRow>(`${ARTICLE_SELECT} WHERE a.source_id = $1 AND a.external_id = $2`, [sourceId, externalId]);
    return row ? toArticle(row) : null;
  }

  async listArticles(q: ArticleListQuery): Promise<Article[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.sourceId !== undefined) {
      params.push(q.sourceId);
      where.push(`a.source_id = $${params.length}`);
    }
    if (q.before) {
      params.push(q.before.time, q.before.id);
      where.push(`(a.sort_time, a.id) < ($${params.length - 1}, $${params.length})`);
    }
    if (q.reportsOnly) where.push('coalesce(a.duplicate_of, a.id) = a.id');
    params.push(q.limit);
    const sql = `${q.withText === false ? ARTICLE_SELECT_WITHOUT_TEXT : ARTICLE_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY a.sort_time DESC, a.id DESC LIMIT $${params.length}`;
    return (await this.rows<ArticleRow>(sql, params)).map(toArticle);
  }

  async countArticles(): Promise<number> {
    return (await this.rows<{ n: number }>('SELECT count(*)::bigint AS n FROM articles'))[0]!.n;
  }

  async findByContentHash(contentHash: string): Promise<number[]> {
    return (await this.rows<{ id: number }>('SELECT id FROM articles WHERE content_hash = $1 ORDER BY id', [contentHash])).map((r) => r.id);
  }

  // ---- fingerprints ----

  async putFingerprint(f: Fingerprint): Promise<void> {
    await this.db().query(
      `INSERT INTO fingerprints (article_id, minhash, shingles) VALUES ($1, $2, $3)
       ON CONFLICT (article_id) DO UPDATE SET minhash = EXCLUDED.minhash, shingles = EXCLUDED.shingles`,
      [f.articleId, Buffer.from(f.minhash.buffer, f.minhash.byteOffset, f.minhash.byteLength), f.shingles],
    );
    await this.db().query('DELETE FROM lsh_bands WHERE article_id = $1', [f.articleId]);
    if (f.bands.length > 0) {
      await this.db().query('INSERT INTO lsh_bands (band_key, article_id) SELECT DISTINCT unnest($1::bigint[]), $2::bigint ON CONFLICT DO NOTHING', [f.bands, f.articleId]);
    }
  }

  async getFingerprints(ids: readonly number[]): Promise<Map<number, Fingerprint>> {
    const out = new Map<number, Fingerprint>();
    if (ids.length === 0) return out;
    const rows = await this.rows<{ article_id: number; minhash: Buffer; shingles: number; bands: number[] | null }>(
      `SELECT f.article_id, f.minhash, f.shingles, (SELECT array_agg(band_key) FROM lsh_bands b WHERE b.article_id = f.article_id) AS bands
       FROM fingerprints f WHERE f.article_id = ANY($1::bigint[])`,
      [ids],
    );
    for (const r of rows) {
      const minhash = new Uint32Array(r.minhash.byteLength / 4);
      new Uint8Array(minhash.buffer).set(r.minhash);
      out.set(r.article_id, { articleId: r.article_id, minhash, shingles: r.shingles, bands: (r.bands ?? []).map(Number) });
    }
    return out;
  }

  async findBandCandidates(bands: readonly number[], excludeId: number | null, limit: number): Promise<number[]> {
    if (bands.length === 0) return [];
    // The most recent `limit` of each band, then of their union: bounded however many share a band.
    const rows = await this.rows<{ article_id: number }>(
      `SELECT DISTINCT l.article_id FROM unnest($1::bigint[]) AS k(band_key)
       CROSS JOIN LATERAL (SELECT article_id FROM lsh_bands b WHERE b.band_key = k.band_key AND b.article_id <> $2 ORDER BY b.article_id DESC LIMIT $3) l
       ORDER BY l.article_id DESC LIMIT $3`,
      [[...new Set(bands)], excludeId ?? -1, limit],
    );
    return rows.map((r) => r.article_id);
  }

  // ---- stories ----

  async createStory(s: Omit<Story, 'id'>): Promise<Story> {
    const [row] = await this.rows<{ id: number }>(
      `INSERT INTO stories (title, title_article_id, first_seen, last_seen, articles, sources, first_article_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [s.title, s.titleArticleId, s.firstSeen, s.lastSeen, s.articles, s.sources, s.firstArticleId],
    );
    return { id: row!.id, ...s };
  }

  async updateStory(id: number, patch: Partial<Omit<Story, 'id'>>): Promise<void> {
    const { sets, values } = setClause(patch, STORY_PATCH_COLUMNS, 1);
    if (sets.length === 0) return;
    const r = await this.db().query(`UPDATE stories SET ${sets.join(', ')} WHERE id = $${values.length + 1}`, [...values, id]);
    if (r.rowCount === 0) throw new AppError('NOT_FOUND', `no story with id ${id}`);
  }

  async getStory(id: number): Promise<Story | null> {
    if (unstorableKey(id)) return null;
    const [row] = await this.rows<StoryRow>(`SELECT ${STORY_COLUMNS} FROM stories WHERE id = $1`, [id]);
    return row ? toStory(row) : null;
  }

  async listStories(q: StoryListQuery): Promise<Story[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.since !== undefined) {
      params.push(q.since);
      where.push(`last_seen >= $${params.length}`);
    }
    if (q.before) {
      params.push(q.before.time, q.before.id);
      where.push(`(last_seen, id) < ($${params.length - 1}, $${params.length})`);
    }
    params.push(q.limit);
    const sql = `SELECT ${STORY_COLUMNS} FROM stories${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY last_seen DESC, id DESC LIMIT $${params.length}`;
    return (await this.rows<StoryRow>(sql, params)).map(toStory);
  }

  recentStories(since: number, limit: number): Promise<Story[]> {
    return this.listStories({ since, limit });
  }

  async storyArticleIds(storyId: number): Promise<number[]> {
    return (await this.rows<{ id: number }>('SELECT id FROM articles WHERE story_id = $1 ORDER BY sort_time, id', [storyId])).map((r) => r.id);
  }

  async getStoryState(ids: readonly number[]): Promise<Map<number, Uint8Array>> {
    const out = new Map<number, Uint8Array>();
    if (ids.length === 0) return out;
    const rows = await this.rows<{ id: number; state: Buffer }>('SELECT id, state FROM stories WHERE id = ANY($1::bigint[]) AND state IS NOT NULL', [ids]);
    for (const r of rows) out.set(r.id, new Uint8Array(r.state));
    return out;
  }

  async putStoryState(storyId: number, state: Uint8Array): Promise<void> {
    const r = await this.db().query('UPDATE stories SET state = $1 WHERE id = $2', [Buffer.from(state.buffer, state.byteOffset, state.byteLength), storyId]);
    if (r.rowCount === 0) throw new AppError('NOT_FOUND', `no story with id ${storyId}`);
  }

  // ---- related ----

  async replaceRelated(articleId: number, kind: RelatedEntry['kind'], entries: readonly Omit<RelatedEntry, 'articleId' | 'kind'>[]): Promise<void> {
    await this.db().query('DELETE FROM related WHERE article_id = $1 AND kind = $2', [articleId, kind]);
    if (entries.length === 0) return;
    await this.db().query(
      `INSERT INTO related (article_id, kind, rank, related_id, score)
       SELECT $1::bigint, $2::text, unnest($3::int[]), unnest($4::bigint[]), unnest($5::float8[])`,
      [articleId, kind, entries.map((e) => e.rank), entries.map((e) => e.relatedId), entries.map((e) => e.score)],
    );
  }

  async getRelated(articleId: number): Promise<RelatedEntry[]> {
    const rows = await this.rows<{ article_id: number; kind: RelatedEntry['kind']; rank: number; related_id: number; score: number }>(
      'SELECT article_id, kind, rank, related_id, score FROM related WHERE article_id = $1 ORDER BY kind, rank',
      [articleId],
    );
    return rows.map((r) => ({ articleId: r.article_id, kind: r.kind, rank: r.rank, relatedId: r.related_id, score: r.score }));
  }

  // ---- search index ----

  /** Implemented by PgStore: search index writes run in a transaction that holds the index lock. */
  abstract override transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  private readonly searchIndex = new SearchIndexCore();

  private async writeSearchIndex(fn: (t: PgSearchTables) => Promise<void>): Promise<void> {
    await this.transaction(async () => {
      const tables = new PgSearchTables(this.db());
      await tables.lock();
      await fn(tables);
    });
  }

  async indexDocument(doc: IndexDocument): Promise<void> {
    await this.indexDocuments([doc]);
  }
  async indexDocuments(docs: readonly IndexDocument[]): Promise<void> {
    await this.writeSearchIndex((t) => this.searchIndex.indexDocuments(t, docs));
  }
  async indexSegment(segment: BuiltSegment, mergeFactor?: number): Promise<void> {
    await this.writeSearchIndex((t) => this.searchIndex.indexSegment(t, segment, mergeFactor));
  }
  async removeDocument(articleId: number): Promise<void> {
    await this.writeSearchIndex((t) => this.searchIndex.removeDocument(t, articleId));
  }
  async optimizeSearchIndex(): Promise<void> {
    await this.writeSearchIndex((t) => this.searchIndex.optimize(t));
  }
  async resetSearchIndex(): Promise<void> {
    await this.writeSearchIndex((t) => this.searchIndex.reset(t));
  }
  async unindexedArticleIds(afterId: number, limit: number): Promise<number[]> {
    return new PgSearchTables(this.db()).unindexed(afterId, limit);
  }
  async searchStats(): Promise<IndexStats> {
    return new PgSearchTables(this.db()).stats();
  }
  async searchPostings(keys: readonly string[], more?: MoreKeys): Promise<Map<string, PostingsPart[]>> {
    // Inside a transaction the reader may see segments that could still roll back: do not cache them.
    const db = this.db();
    return this.searchIndex.postings(new PgSearchTables(db), keys, !('release' in db), more);
  }
  async searchDocInfo(ids: readonly number[]): Promise<Map<number, SearchDocInfo>> {
    return new PgSearchTables(this.db()).docInfo(ids);
  }
  async searchFilterIds(filter: SearchFilter): Promise<Set<number>> {
    return new PgSearchTables(this.db()).filterIds(filter);
  }
  async searchNewest(before: TimeCursor | null, limit: number): Promise<TimeCursor[]> {
    return new PgSearchTables(this.db()).newest(before, limit);
  }
  async searchReportOutlets(reportIds: readonly number[]): Promise<Map<number, number>> {
    return new PgSearchTables(this.db()).reportOutlets(reportIds);
  }
  async searchSourceIds(slugs: readonly string[]): Promise<Map<string, number>> {
    return new PgSearchTables(this.db()).sourceIds(slugs.filter((slug) => !unstorableKey(slug)));
  }
}
