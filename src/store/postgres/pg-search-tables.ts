import type { SegmentSummary } from '../../search/merge-policy.js';
import { blockId } from '../../search/index-read.js';
import type { IndexStats, SearchDocInfo, SearchFilter, TimeCursor } from '../../search/types.js';
import { groupStale, type SearchTables } from '../search-index-core.js';
import type pg from 'pg';

type Db = Pick<pg.Pool, 'query'> | pg.PoolClient;

/** An arbitrary constant: the transaction lock that lets one writer at a time change the search index. */
export const SEARCH_INDEX_LOCK = 0x5ada_0020;

/** The search index tables of migration 020 in PostgreSQL's dialect (the logic is in search-index-core.ts). */
export class PgSearchTables implements SearchTables {
  constructor(private readonly db: Db) {}

  private async rows<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db.query(sql, params)).rows as T[];
  }

  /** Serialises index writers until the end of the current transaction (merges must not interleave). */
  async lock(): Promise<void> {
    await this.db.query('SELECT pg_advisory_xact_lock($1)', [SEARCH_INDEX_LOCK]);
  }

  async liveDoc(articleId: number) {
    const [row] = await this.rows<{ segment_id: number; title_length: number; body_length: number }>(
      'SELECT segment_id, title_length, body_length FROM search_docs WHERE article_id = $1',
      [articleId],
    );
    return row ? { segment: row.segment_id, titleLength: row.title_length, bodyLength: row.body_length } : null;
  }

  async insertDoc(articleId: number, segment: number, titleLength: number, bodyLength: number): Promise<void> {
    await this.db.query('INSERT INTO search_docs (article_id, segment_id, title_length, body_length) VALUES ($1, $2, $3, $4)', [articleId, segment, titleLength, bodyLength]);
  }

  async retireDoc(articleId: number, segment: number): Promise<void> {
    await this.db.query('INSERT INTO search_stale (segment_id, article_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [segment, articleId]);
    await this.db.query('DELETE FROM search_docs WHERE article_id = $1', [articleId]);
  }

  async addStats(docs: number, titleTokens: number, bodyTokens: number): Promise<void> {
    await this.db.query('UPDATE search_stats SET docs = docs + $1, title_tokens = title_tokens + $2, body_tokens = body_tokens + $3 WHERE id = 1', [docs, titleTokens, bodyTokens]);
  }

  async reset(keyVersion: number): Promise<void> {
    // DELETE, not TRUNCATE: readers keep their snapshot instead of waiting for an exclusive lock.
    for (const table of ['search_blocks', 'search_segments', 'search_docs', 'search_stale']) await this.db.query(`DELETE FROM ${table}`);
    await this.db.query('UPDATE search_stats SET docs = 0, title_tokens = 0, body_tokens = 0, key_version = $1 WHERE id = 1', [keyVersion]);
  }

  async isEmpty(): Promise<boolean> {
    const [row] = await this.rows<{ empty: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM search_docs) AND NOT EXISTS (SELECT 1 FROM search_segments) AS empty');
    return row?.empty ?? true;
  }

  async createSegment(docs: number): Promise<number> {
    const [row] = await this.rows<{ id: number }>("INSERT INTO search_segments (docs, directory) VALUES ($1, ''::bytea) RETURNING id", [docs]);
    return row!.id;
  }

  async insertBlocks(segment: number, blocks: readonly { no: number; data: Uint8Array }[]): Promise<void> {
    await this.db.query('INSERT INTO search_blocks (segment_id, block_no, data) SELECT $1, unnest($2::int[]), unnest($3::bytea[])', [
      segment,
      blocks.map((b) => b.no),
      blocks.map((b) => Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength)),
    ]);
  }

  async finishSegment(segment: number, directory: Uint8Array): Promise<void> {
    await this.db.query('UPDATE search_segments SET directory = $1 WHERE id = $2', [Buffer.from(directory), segment]);
  }

  async segments(): Promise<SegmentSummary[]> {
    return this.rows<SegmentSummary>(
      'SELECT id, docs, (SELECT min(article_id) FROM search_docs d WHERE d.segment_id = s.id) AS "firstDoc" FROM search_segments s ORDER BY id',
    );
  }

  async staleCount(): Promise<number> {
    const [row] = await this.rows<{ n: number }>('SELECT count(*)::int AS n FROM search_stale');
    return row?.n ?? 0;
  }

  async stale(segments?: readonly number[]): Promise<Map<number, Set<number>>> {
    const rows = segments
      ? await this.rows<{ segment_id: number; article_id: number }>('SELECT segment_id, article_id FROM search_stale WHERE segment_id = ANY($1::bigint[])', [segments])
      : await this.rows<{ segment_id: number; article_id: number }>('SELECT segment_id, article_id FROM search_stale');
    return groupStale(rows);
  }

  async readBlockRange(segment: number, from: number, limit: number): Promise<Uint8Array[]> {
    const rows = await this.rows<{ data: Buffer }>('SELECT data FROM search_blocks WHERE segment_id = $1 AND block_no >= $2 ORDER BY block_no LIMIT $3', [segment, from, limit]);
    return rows.map((r) => r.data);
  }

  async readBlocks(blocks: readonly [number, number][]): Promise<Map<string, Uint8Array>> {
    if (blocks.length === 0) return new Map();
    const rows = await this.rows<{ segment_id: number; block_no: number; data: Buffer }>(
      `SELECT b.segment_id, b.block_no, b.data FROM unnest($1::bigint[], $2::int[]) AS w (segment_id, block_no)
       JOIN search_blocks AS b ON b.segment_id = w.segment_id AND b.block_no = w.block_no`,
      [blocks.map((b) => b[0]), blocks.map((b) => b[1])],
    );
    return new Map(rows.map((r) => [blockId(r.segment_id, r.block_no), r.data]));
  }

  async readDirectories(segments: readonly number[]): Promise<Map<number, Uint8Array>> {
    const rows = await this.rows<{ id: number; directory: Buffer }>('SELECT id, directory FROM search_segments WHERE id = ANY($1::bigint[])', [segments]);
    return new Map(rows.map((r) => [r.id, r.directory]));
  }

  async replaceSegments(merged: number, ids: readonly number[], mergedBlocks: number): Promise<void> {
    await this.db.query('UPDATE search_docs SET segment_id = $1 WHERE segment_id = ANY($2::bigint[])', [merged, ids]);
    await this.db.query('DELETE FROM search_stale WHERE segment_id = ANY($1::bigint[])', [ids]);
    await this.db.query('DELETE FROM search_segments WHERE id = ANY($1::bigint[])', [ids]);
    if (mergedBlocks === 0) await this.db.query('DELETE FROM search_segments WHERE id = $1', [merged]);
  }

  // ---- what ranking needs from the articles ----

  async stats(): Promise<IndexStats> {
    const [row] = await this.rows<{ docs: number; title_tokens: number; body_tokens: number; key_version: number }>(
      'SELECT docs, title_tokens, body_tokens, key_version FROM search_stats WHERE id = 1',
    );
    return { docs: Number(row?.docs ?? 0), titleTokens: Number(row?.title_tokens ?? 0), bodyTokens: Number(row?.body_tokens ?? 0), keyVersion: row?.key_version ?? 0 };
  }

  async docInfo(ids: readonly number[]): Promise<Map<number, SearchDocInfo>> {
    const rows = await this.rows<{ id: number; source_id: number; sort_time: number; report: number }>(
      'SELECT id, source_id, sort_time, coalesce(duplicate_of, id) AS report FROM articles WHERE id = ANY($1::bigint[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { id: r.id, sourceId: r.source_id, sortTime: r.sort_time, reportId: r.report }]));
  }

  async newest(before: TimeCursor | null, limit: number): Promise<TimeCursor[]> {
    const rows = before
      ? await this.rows<{ id: number; sort_time: number }>('SELECT id, sort_time FROM articles WHERE (sort_time, id) < ($1, $2) ORDER BY sort_time DESC, id DESC LIMIT $3', [before.sortTime, before.id, limit])
      : await this.rows<{ id: number; sort_time: number }>('SELECT id, sort_time FROM articles ORDER BY sort_time DESC, id DESC LIMIT $1', [limit]);
    return rows.map((r) => ({ id: Number(r.id), sortTime: Number(r.sort_time) }));
  }

  async filterIds(filter: SearchFilter): Promise<Set<number>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.sourceIds) {
      params.push(filter.sourceIds);
      where.push(`source_id = ANY($${params.length}::bigint[])`);
    }
    if (filter.from !== undefined) {
      params.push(filter.from);
      where.push(`sort_time >= $${params.length}`);
    }
    if (filter.to !== undefined) {
      params.push(filter.to);
      where.push(`sort_time <= $${params.length}`);
    }
    const rows = await this.rows<{ id: number }>(`SELECT id FROM articles${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`, params);
    return new Set(rows.map((r) => r.id));
  }

  async reportOutlets(reportIds: readonly number[]): Promise<Map<number, number>> {
    const rows = await this.rows<{ report: number; outlets: number }>(
      `SELECT report, count(DISTINCT source_id)::int AS outlets FROM (
         SELECT id AS report, source_id FROM articles WHERE id = ANY($1::bigint[])
         UNION ALL
         SELECT duplicate_of AS report, source_id FROM articles WHERE duplicate_of = ANY($1::bigint[])
       ) AS copies GROUP BY report`,
      [reportIds],
    );
    return new Map(rows.map((r) => [r.report, r.outlets]));
  }

  async unindexed(afterId: number, limit: number): Promise<number[]> {
    const rows = await this.rows<{ id: number }>(
      'SELECT a.id FROM articles AS a WHERE a.id > $1 AND NOT EXISTS (SELECT 1 FROM search_docs AS d WHERE d.article_id = a.id) ORDER BY a.id LIMIT $2',
      [afterId, limit],
    );
    return rows.map((r) => r.id);
  }

  async sourceIds(slugs: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.rows<{ slug: string; id: number }>('SELECT slug, id FROM sources WHERE slug = ANY($1::text[])', [slugs]);
    return new Map(rows.map((r) => [r.slug, r.id]));
  }
}
