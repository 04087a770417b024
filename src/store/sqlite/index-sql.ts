import type { SegmentSummary } from '../../search/merge-policy.js';
import { blockId } from '../../search/index-read.js';
import type { IndexStats, SearchDocInfo, SearchFilter, TimeCursor } from '../../search/types.js';
import { groupStale, type SearchTables } from '../search-index-core.js';
import type { Connection } from './connection.js';

/** The search index tables of migration 020 in SQLite's dialect (the logic is in search-index-core.ts). */
export class SqliteSearchTables implements SearchTables {
  constructor(private readonly c: Connection) {}

  async liveDoc(articleId: number) {
    const row = this.c.prepare('SELECT segment_id, title_length, body_length FROM search_docs WHERE article_id = ?').get(articleId) as
      | { segment_id: number; title_length: number; body_length: number }
      | undefined;
    return row ? { segment: row.segment_id, titleLength: row.title_length, bodyLength: row.body_length } : null;
  }

  async insertDoc(articleId: number, segment: number, titleLength: number, bodyLength: number): Promise<void> {
    this.c.prepare('INSERT INTO search_docs (article_id, segment_id, title_length, body_length) VALUES (?, ?, ?, ?)').run(articleId, segment, titleLength, bodyLength);
  }

  async retireDoc(articleId: number, segment: number): Promise<void> {
    this.c.prepare('INSERT OR IGNORE INTO search_stale (segment_id, article_id) VALUES (?, ?)').run(segment, articleId);
    this.c.prepare('DELETE FROM search_docs WHERE article_id = ?').run(articleId);
  }

  async addStats(docs: number, titleTokens: number, bodyTokens: number): Promise<void> {
    this.c.prepare('UPDATE search_stats SET docs = docs + ?, title_tokens = title_tokens + ?, body_tokens = body_tokens + ? WHERE id = 1').run(docs, titleTokens, bodyTokens);
  }

  async reset(keyVersion: number): Promise<void> {
    for (const table of ['search_blocks', 'search_segments', 'search_docs', 'search_stale']) this.c.prepare(`DELETE FROM ${table}`).run();
    this.c.prepare('UPDATE search_stats SET docs = 0, title_tokens = 0, body_tokens = 0, key_version = ? WHERE id = 1').run(keyVersion);
  }

  async isEmpty(): Promise<boolean> {
    return this.c.prepare('SELECT NOT EXISTS (SELECT 1 FROM search_docs) AND NOT EXISTS (SELECT 1 FROM search_segments)').pluck().get() === 1;
  }

  async createSegment(docs: number): Promise<number> {
    return Number(this.c.prepare("INSERT INTO search_segments (docs, directory) VALUES (?, x'')").run(docs).lastInsertRowid);
  }

  async insertBlocks(segment: number, blocks: readonly { no: number; data: Uint8Array }[]): Promise<void> {
    const insert = this.c.prepare('INSERT INTO search_blocks (segment_id, block_no, data) VALUES (?, ?, ?)');
    for (const b of blocks) insert.run(segment, b.no, b.data);
  }

  async finishSegment(segment: number, directory: Uint8Array): Promise<void> {
    this.c.prepare('UPDATE search_segments SET directory = ? WHERE id = ?').run(directory, segment);
  }

  async segments(): Promise<SegmentSummary[]> {
    return this.c
      .prepare('SELECT id, docs, (SELECT min(article_id) FROM search_docs d WHERE d.segment_id = s.id) AS firstDoc FROM search_segments s ORDER BY id')
      .all() as SegmentSummary[];
  }

  async staleCount(): Promise<number> {
    return (this.c.prepare('SELECT count(*) AS n FROM search_stale').get() as { n: number }).n;
  }

  async stale(segments?: readonly number[]): Promise<Map<number, Set<number>>> {
    const rows = (
      segments
        ? this.c.prepare('SELECT segment_id, article_id FROM search_stale WHERE segment_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(segments))
        : this.c.prepare('SELECT segment_id, article_id FROM search_stale').all()
    ) as { segment_id: number; article_id: number }[];
    return groupStale(rows);
  }

  async readBlockRange(segment: number, from: number, limit: number): Promise<Uint8Array[]> {
    return this.c
      .prepare('SELECT data FROM search_blocks WHERE segment_id = ? AND block_no >= ? ORDER BY block_no LIMIT ?')
      .pluck()
      .all(segment, from, limit) as Uint8Array[];
  }

  async readBlocks(blocks: readonly [number, number][]): Promise<Map<string, Uint8Array>> {
    if (blocks.length === 0) return new Map();
    const rows = this.c
      .prepare(
        `SELECT b.segment_id, b.block_no, b.data FROM json_each(?) AS j
         JOIN search_blocks AS b ON b.segment_id = j.value ->> 0 AND b.block_no = j.value ->> 1`,
      )
      .all(JSON.stringify(blocks)) as { segment_id: number; block_no: number; data: Uint8Array }[];
    return new Map(rows.map((r) => [blockId(r.segment_id, r.block_no), r.data]));
  }

  async readDirectories(segments: readonly number[]): Promise<Map<number, Uint8Array>> {
    const rows = this.c.prepare('SELECT id, directory FROM search_segments WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(segments)) as { id: number; directory: Uint8Array }[];
    return new Map(rows.map((r) => [r.id, r.directory]));
  }

  async replaceSegments(merged: number, ids: readonly number[], mergedBlocks: number): Promise<void> {
    // One statement per segment: with an IN (json_each) list SQLite's planner scans whole tables here.
    for (const id of ids) {
      this.c.prepare('UPDATE search_docs SET segment_id = ? WHERE segment_id = ?').run(merged, id);
      this.c.prepare('DELETE FROM search_stale WHERE segment_id = ?').run(id);
      this.c.prepare('DELETE FROM search_blocks WHERE segment_id = ?').run(id);
      this.c.prepare('DELETE FROM search_segments WHERE id = ?').run(id);
    }
    if (mergedBlocks === 0) this.c.prepare('DELETE FROM search_segments WHERE id = ?').run(merged);
  }

  // ---- what ranking needs from the articles ----

  stats(): IndexStats {
    const row = this.c.prepare('SELECT docs, title_tokens, body_tokens, key_version FROM search_stats WHERE id = 1').get() as
      | { docs: number; title_tokens: number; body_tokens: number; key_version: number }
      | undefined;
    return { docs: row?.docs ?? 0, titleTokens: row?.title_tokens ?? 0, bodyTokens: row?.body_tokens ?? 0, keyVersion: row?.key_version ?? 0 };
  }

  docInfo(ids: readonly number[]): Map<number, SearchDocInfo> {
    const rows = this.c
      .prepare('SELECT id, source_id, sort_time, coalesce(duplicate_of, id) AS report FROM articles INDEXED BY articles_search_facts WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(ids)) as { id: number; source_id: number; sort_time: number; report: number }[];
    return new Map(rows.map((r) => [r.id, { id: r.id, sourceId: r.source_id, sortTime: r.sort_time, reportId: r.report }]));
  }

  newest(before: TimeCursor | null, limit: number): TimeCursor[] {
    const rows = (
      before
        ? this.c.prepare('SELECT id, sort_time FROM articles INDEXED BY articles_sort WHERE (sort_time, id) < (?, ?) ORDER BY sort_time DESC, id DESC LIMIT ?').raw().all(before.sortTime, before.id, limit)
        : this.c.prepare('SELECT id, sort_time FROM articles INDEXED BY articles_sort ORDER BY sort_time DESC, id DESC LIMIT ?').raw().all(limit)
    ) as [number, number][];
    return rows.map(([id, sortTime]) => ({ id, sortTime }));
  }

  filterIds(filter: SearchFilter): Set<number> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.sourceIds) {
      where.push('source_id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(filter.sourceIds));
    }
    if (filter.from !== undefined) {
      where.push('sort_time >= ?');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      where.push('sort_time <= ?');
      params.push(filter.to);
    }
    const sql = `SELECT id FROM articles${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    return new Set(this.c.prepare(sql).pluck().all(...params) as number[]);
  }

  reportOutlets(reportIds: readonly number[]): Map<number, number> {
    const rows = this.c
      .prepare(
        `SELECT report, count(DISTINCT source_id) AS outlets FROM (
           SELECT id AS report, source_id FROM articles WHERE id IN (SELECT value FROM json_each(@ids))
           UNION ALL
           SELECT duplicate_of AS report, source_id FROM articles WHERE duplicate_of IN (SELECT value FROM json_each(@ids))
         ) GROUP BY report`,
      )
      .all({ ids: JSON.stringify(reportIds) }) as { report: number; outlets: number }[];
    return new Map(rows.map((r) => [r.report, r.outlets]));
  }

  unindexed(afterId: number, limit: number): number[] {
    return this.c
      .prepare('SELECT a.id FROM articles AS a WHERE a.id > ? AND NOT EXISTS (SELECT 1 FROM search_docs AS d WHERE d.article_id = a.id) ORDER BY a.id LIMIT ?')
      .pluck()
      .all(afterId, limit) as number[];
  }

  sourceIds(slugs: readonly string[]): Map<string, number> {
    const rows = this.c.prepare('SELECT slug, id FROM sources WHERE slug IN (SELECT value FROM json_each(?))').all(JSON.stringify(slugs)) as { slug: string; id: number }[];
    return new Map(rows.map((r) => [r.slug, r.id]));
  }
}
