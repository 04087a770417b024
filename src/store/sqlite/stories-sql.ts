import type { RelatedEntry, Story } from '../../core/types.js';
import { AppError } from '../../core/errors.js';
import type { StoryListQuery } from '../store.js';
import type { Connection } from './connection.js';
import { STORY_COLUMNS, STORY_PATCH_COLUMNS, toStory, type StoryRow } from '../rows.js';

export function createStory(c: Connection, s: Omit<Story, 'id'>): Story {
  const info = c
    .prepare(
      `INSERT INTO stories (title, title_article_id, first_seen, last_seen, articles, sources, first_article_id)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(s.title, s.titleArticleId, s.firstSeen, s.lastSeen, s.articles, s.sources, s.firstArticleId);
  return { id: Number(info.lastInsertRowid), ...s };
}

export function updateStory(c: Connection, id: number, patch: Partial<Omit<Story, 'id'>>): void {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [key, value] of Object.entries(patch) as [keyof typeof STORY_PATCH_COLUMNS, unknown][]) {
    const column = STORY_PATCH_COLUMNS[key];
    if (!column || value === undefined) continue;
    sets.push(`${column} = ?`);
    values.push(value);
  }
  if (sets.length === 0) return;
  const info = c.prepare(`UPDATE stories SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
  if (info.changes === 0) throw new AppError('NOT_FOUND', `no story with id ${id}`);
}

export function getStory(c: Connection, id: number): Story | null {
  const row = c.prepare(`SELECT ${STORY_COLUMNS} FROM stories WHERE id = ?`).get(id) as StoryRow | undefined;
  return row ? toStory(row) : null;
}

export function listStories(c: Connection, q: StoryListQuery): Story[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.since !== undefined) {
    where.push('last_seen >= ?');
    params.push(q.since);
  }
  if (q.before) {
    // A row value lets SQLite start the index search at the position (see listArticles).
    where.push('(last_seen, id) < (?, ?)');
    params.push(q.before.time, q.before.id);
  }
  const sql = `SELECT ${STORY_COLUMNS} FROM stories${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY last_seen DESC, id DESC LIMIT ?`;
  return (c.prepare(sql).all(...params, q.limit) as StoryRow[]).map(toStory);
}

export function storyArticleIds(c: Connection, storyId: number): number[] {
  return (c.prepare('SELECT id FROM articles WHERE story_id = ? ORDER BY sort_time, id').all(storyId) as { id: number }[]).map((r) => r.id);
}

export function getStoryState(c: Connection, ids: readonly number[]): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>();
  if (ids.length === 0) return out;
  const rows = c
    .prepare('SELECT id, state FROM stories WHERE id IN (SELECT value FROM json_each(?)) AND state IS NOT NULL')
    .all(JSON.stringify(ids)) as { id: number; state: Buffer }[];
  for (const r of rows) out.set(r.id, new Uint8Array(r.state));
  return out;
}

export function putStoryState(c: Connection, storyId: number, state: Uint8Array): void {
  const info = c.prepare('UPDATE stories SET state = ? WHERE id = ?').run(Buffer.from(state.buffer, state.byteOffset, state.byteLength), storyId);
  if (info.changes === 0) throw new AppError('NOT_FOUND', `no story with id ${storyId}`);
}

export function replaceRelated(
  c: Connection,
  articleId: number,
  kind: RelatedEntry['kind'],
  entries: readonly Omit<RelatedEntry, 'articleId' | 'kind'>[],
): void {
  if (entries.length === 0) {
    c.prepare('DELETE FROM related_lists WHERE article_id = ? AND kind = ?').run(articleId, kind);
    return;
  }
  const sorted = [...entries].sort((a, b) => a.rank - b.rank);
  c.prepare('INSERT OR REPLACE INTO related_lists (article_id, kind, entries) VALUES (?, ?, ?)').run(articleId, kind, JSON.stringify(sorted.map((e) => [e.rank, e.relatedId, e.score])));
}

export function getRelated(c: Connection, articleId: number): RelatedEntry[] {
  const rows = c.prepare('SELECT article_id, kind, entries FROM related_lists WHERE article_id = ? ORDER BY kind').all(articleId) as RelatedListRow[];
  return rows.flatMap(relatedEntries);
}

export interface RelatedListRow {
  article_id: number;
  kind: RelatedEntry['kind'];
  /** JSON [[rank, relatedId, score], ...] in rank order. */
  entries: string;
}

export function relatedEntries(r: RelatedListRow): RelatedEntry[] {
  return (JSON.parse(r.entries) as [number, number, number][]).map(([rank, relatedId, score]) => ({ articleId: r.article_id, kind: r.kind, rank, relatedId, score }));
}
