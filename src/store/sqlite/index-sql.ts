import { utf8 } from '../../search/bytes.js';
import { pickMerge, type SegmentSummary } from '../../search/merge-policy.js';
import { buildSegment, mergeSegments, type MergeInput } from '../../search/segment-build.js';
import { BlockView, blockFor, decodeDirectory, encodeDirectory, type EncodedBlock } from '../../search/segment-format.js';
import type { IndexDocument, IndexStats, PostingsPart, SearchDocInfo, SearchFilter } from '../../search/types.js';
import type { Connection } from './connection.js';

/**
 * The search index on SQLite: segments of blocks (src/search/segment-format.ts) in ordinary tables. Writing
 * an article adds a one-document segment and merges segments by size; reading finds each key's block per
 * segment through the segment directories, which are immutable and therefore cached by segment id.
 */
export class SqliteSearchIndex {
  private readonly directories = new Map<number, Uint8Array[]>();

  // ---- write side (called inside the writer's transaction) ----

  indexDocument(c: Connection, doc: IndexDocument): void {
    this.retire(c, doc.articleId);
    const segment = this.writeSegment(c, 1, (emit) => buildSegment([doc], emit));
    c.prepare('INSERT INTO search_docs (article_id, segment_id, title_length, body_length) VALUES (?, ?, ?, ?)').run(doc.articleId, segment, doc.titleLength, doc.bodyLength);
    c.prepare('UPDATE search_stats SET docs = docs + 1, title_tokens = title_tokens + ?, body_tokens = body_tokens + ? WHERE id = 1').run(doc.titleLength, doc.bodyLength);
    this.mergeWhileNeeded(c, false);
  }

  removeDocument(c: Connection, articleId: number): void {
    this.retire(c, articleId);
  }

  /** Merges every segment into one: the smallest index and the fastest queries (after a bulk import). */
  optimize(c: Connection): void {
    this.mergeWhileNeeded(c, true);
  }

  /** Marks an article's current postings stale and takes it out of the statistics. */
  private retire(c: Connection, articleId: number): void {
    const old = c.prepare('SELECT segment_id, title_length, body_length FROM search_docs WHERE article_id = ?').get(articleId) as
      | { segment_id: number; title_length: number; body_length: number }
      | undefined;
    if (!old) return;
    c.prepare('INSERT OR IGNORE INTO search_stale (segment_id, article_id) VALUES (?, ?)').run(old.segment_id, articleId);
    c.prepare('DELETE FROM search_docs WHERE article_id = ?').run(articleId);
    c.prepare('UPDATE search_stats SET docs = docs - 1, title_tokens = title_tokens - ?, body_tokens = body_tokens - ? WHERE id = 1').run(old.title_length, old.body_length);
  }

  private writeSegment(c: Connection, docs: number, build: (emit: (block: EncodedBlock) => void) => number): number {
    const segment = Number(c.prepare("INSERT INTO search_segments (docs, directory) VALUES (?, x'')").run(docs).lastInsertRowid);
    const firstKeys: Uint8Array[] = [];
    const insert = c.prepare('INSERT INTO search_blocks (segment_id, block_no, data) VALUES (?, ?, ?)');
    build((block) => {
      insert.run(segment, firstKeys.length, block.data);
      firstKeys.push(block.firstKey);
    });
    c.prepare('UPDATE search_segments SET directory = ? WHERE id = ?').run(encodeDirectory(firstKeys), segment);
    return segment;
  }

  private mergeWhileNeeded(c: Connection, all: boolean): void {
    for (;;) {
      const segments = c.prepare('SELECT id, docs FROM search_segments ORDER BY id').all() as SegmentSummary[];
      const stale = (c.prepare('SELECT count(*) AS n FROM search_stale').get() as { n: number }).n;
      const ids = all ? (segments.length > 1 || (segments.length === 1 && stale > 0) ? segments.map((s) => s.id) : null) : pickMerge(segments);
      if (!ids) return;
      this.merge(c, ids, segments);
    }
  }

  private merge(c: Connection, ids: readonly number[], segments: readonly SegmentSummary[]): void {
    const inputs: MergeInput[] = ids.map((id) => ({ blocks: this.readBlocks(c, id), stale: this.staleOf(c, id) }));
    const removed = inputs.reduce((n, input) => n + (input.stale?.size ?? 0), 0);
    const docs = segments.filter((s) => ids.includes(s.id)).reduce((n, s) => n + s.docs, 0) - removed;
    const merged = this.writeSegment(c, Math.max(0, docs), (emit) => mergeSegments(inputs, emit));
    const list = JSON.stringify(ids);
    c.prepare('UPDATE search_docs SET segment_id = ? WHERE segment_id IN (SELECT value FROM json_each(?))').run(merged, list);
    c.prepare('DELETE FROM search_stale WHERE segment_id IN (SELECT value FROM json_each(?))').run(list);
    c.prepare('DELETE FROM search_blocks WHERE segment_id IN (SELECT value FROM json_each(?))').run(list);
    c.prepare('DELETE FROM search_segments WHERE id IN (SELECT value FROM json_each(?))').run(list);
    const empty = (c.prepare('SELECT count(*) AS n FROM search_blocks WHERE segment_id = ?').get(merged) as { n: number }).n === 0;
    if (empty) c.prepare('DELETE FROM search_segments WHERE id = ?').run(merged);
  }

  /** A segment's blocks in order, fetched one at a time (a merge never holds a whole segment in memory). */
  private *readBlocks(c: Connection, segment: number): Generator<Uint8Array> {
    const select = c.prepare('SELECT data FROM search_blocks WHERE segment_id = ? AND block_no = ?').pluck();
    for (let n = 0; ; n++) {
      const data = select.get(segment, n) as Uint8Array | undefined;
      if (!data) return;
      yield data;
    }
  }

  private staleOf(c: Connection, segment: number): Set<number> {
    return new Set(c.prepare('SELECT article_id FROM search_stale WHERE segment_id = ?').pluck().all(segment) as number[]);
  }

  // ---- read side ----

  stats(c: Connection): IndexStats {
    const row = c.prepare('SELECT docs, title_tokens, body_tokens FROM search_stats WHERE id = 1').get() as { docs: number; title_tokens: number; body_tokens: number } | undefined;
    return { docs: row?.docs ?? 0, titleTokens: row?.title_tokens ?? 0, bodyTokens: row?.body_tokens ?? 0 };
  }

  postings(c: Connection, keys: readonly string[]): Map<string, PostingsPart[]> {
    // Directories seen inside a write transaction may still be rolled back (and their ids reused): not cached.
    const cacheable = !c.db.inTransaction;
    // One read transaction: a merge committing halfway must not make blocks vanish under the query.
    return c.db.transaction(() => this.readPostings(c, keys, cacheable))();
  }

  private readPostings(c: Connection, keys: readonly string[], cacheable: boolean): Map<string, PostingsPart[]> {
    const out = new Map<string, PostingsPart[]>();
    const segments = c.prepare('SELECT id FROM search_segments ORDER BY id').pluck().all() as number[];
    if (segments.length === 0 || keys.length === 0) return out;
    const directories = this.loadDirectories(c, segments, cacheable);
    const wanted: { key: string; bytes: Uint8Array; segment: number; block: number }[] = [];
    for (const key of keys) {
      const bytes = utf8(key);
      for (const segment of segments) {
        const block = blockFor(directories.get(segment) ?? [], bytes);
        if (block >= 0) wanted.push({ key, bytes, segment, block });
      }
    }
    const pairs = [...new Set(wanted.map((w) => `${w.segment}:${w.block}`))].map((s) => s.split(':').map(Number));
    const rows = c
      .prepare(
        `SELECT b.segment_id, b.block_no, b.data FROM json_each(?) AS j
         JOIN search_blocks AS b ON b.segment_id = j.value ->> 0 AND b.block_no = j.value ->> 1`,
      )
      .all(JSON.stringify(pairs)) as { segment_id: number; block_no: number; data: Uint8Array }[];
    const blocks = new Map(rows.map((r) => [`${r.segment_id}:${r.block_no}`, new BlockView(r.data)]));
    const stale = this.loadStale(c);
    for (const w of wanted) {
      const entry = blocks.get(`${w.segment}:${w.block}`)?.find(w.bytes);
      if (!entry) continue;
      const part: PostingsPart = { segment: w.segment, df: entry.df, bytes: entry.postings };
      const staleHere = stale.get(w.segment);
      if (staleHere) part.stale = staleHere;
      const list = out.get(w.key) ?? [];
      list.push(part);
      out.set(w.key, list);
    }
    return out;
  }

  private loadDirectories(c: Connection, segments: readonly number[], cacheable: boolean): Map<number, Uint8Array[]> {
    const out = new Map<number, Uint8Array[]>();
    const missing: number[] = [];
    for (const id of segments) {
      const cached = this.directories.get(id);
      if (cached) out.set(id, cached);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const rows = c.prepare('SELECT id, directory FROM search_segments WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(missing)) as { id: number; directory: Uint8Array }[];
      for (const r of rows) {
        const directory = decodeDirectory(r.directory);
        out.set(r.id, directory);
        if (cacheable) this.directories.set(r.id, directory);
      }
    }
    if (cacheable) {
      // Forget segments merged away.
      const live = new Set(segments);
      for (const id of this.directories.keys()) if (!live.has(id)) this.directories.delete(id);
    }
    return out;
  }

  private loadStale(c: Connection): Map<number, Set<number>> {
    const out = new Map<number, Set<number>>();
    for (const r of c.prepare('SELECT segment_id, article_id FROM search_stale').all() as { segment_id: number; article_id: number }[]) {
      const set = out.get(r.segment_id) ?? new Set<number>();
      set.add(r.article_id);
      out.set(r.segment_id, set);
    }
    return out;
  }

  docInfo(c: Connection, ids: readonly number[]): Map<number, SearchDocInfo> {
    const rows = c
      .prepare('SELECT id, source_id, sort_time, coalesce(duplicate_of, id) AS report FROM articles WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(ids)) as { id: number; source_id: number; sort_time: number; report: number }[];
    return new Map(rows.map((r) => [r.id, { id: r.id, sourceId: r.source_id, sortTime: r.sort_time, reportId: r.report }]));
  }

  filterIds(c: Connection, filter: SearchFilter): Set<number> {
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
    return new Set(c.prepare(sql).pluck().all(...params) as number[]);
  }

  reportOutlets(c: Connection, reportIds: readonly number[]): Map<number, number> {
    const rows = c
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

  sourceIds(c: Connection, slugs: readonly string[]): Map<string, number> {
    const rows = c.prepare('SELECT slug, id FROM sources WHERE slug IN (SELECT value FROM json_each(?))').all(JSON.stringify(slugs)) as { slug: string; id: number }[];
    return new Map(rows.map((r) => [r.slug, r.id]));
  }
}
