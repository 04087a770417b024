import type { RelatedEntry } from '../../core/types.js';
import type { ArticleProfileEntry, ArticleRef, CandidateQuery, GroupMember, StoryCandidate, TermFold, TermStatsSnapshot } from '../store.js';
import { ARTICLE_REF_COLUMNS, GROUP_MEMBER_SELECT, toGroupMember, type GroupMemberRow, asBuffer, groupDayRows, planTermFold, termsToBytes, toArticleRef, type ArticleRefRow } from '../engine-rows.js';
import { relatedEntries, type RelatedListRow } from './stories-sql.js';
import type { Connection } from './connection.js';
import { utcDay } from '../../core/time.js';

export function putArticleProfile(c: Connection, e: ArticleProfileEntry): void {
  const keys = [...new Set(e.keys)].sort((a, b) => a - b);
  c.prepare('INSERT OR REPLACE INTO article_profiles (article_id, profile, attribution, keys, key_time) VALUES (?, ?, ?, ?, ?)').run(
    e.articleId,
    asBuffer(e.profile),
    e.attribution ?? null,
    JSON.stringify(keys),
    keys.length > 0 ? e.time : null,
  );
  if (e.terms) c.prepare('INSERT OR REPLACE INTO term_pending (article_id, terms, day) VALUES (?, ?, ?)').run(e.articleId, termsToBytes(e.terms), utcDay(e.time));
}

export function getArticleProfiles(c: Connection, ids: readonly number[]): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>();
  if (ids.length === 0) return out;
  const rows = c.prepare('SELECT article_id, profile FROM article_profiles WHERE article_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as {
    article_id: number;
    profile: Buffer;
  }[];
  for (const r of rows) out.set(r.article_id, new Uint8Array(r.profile.buffer, r.profile.byteOffset, r.profile.byteLength));
  return out;
}

/** The articles filed under at least one key, with their time and keys, inside a time window (key_time order). */
export function keyedArticles(c: Connection, from: number, to: number): Iterable<[number, number, string]> {
  return c.prepare('SELECT article_id, key_time, keys FROM article_profiles WHERE key_time BETWEEN ? AND ? ORDER BY key_time, article_id').raw().iterate(from, to) as Iterable<[number, number, string]>;
}

/** Candidate lookup by a scan of the window's keyed articles (reads outside the writer's key mirror). */
export function findStoryCandidates(c: Connection, q: CandidateQuery): StoryCandidate[] {
  if (q.keys.length === 0 || q.limit <= 0) return [];
  const wanted = new Set(q.keys);
  const min = Math.max(1, q.minShared);
  const found: { id: number; shared: number }[] = [];
  for (const [id, , keys] of keyedArticles(c, q.from, q.to)) {
    if (id === q.excludeId) continue;
    let shared = 0;
    for (const key of JSON.parse(keys) as number[]) if (wanted.has(key)) shared++;
    if (shared >= min) found.push({ id, shared });
  }
  found.sort((a, b) => b.shared - a.shared || b.id - a.id);
  const top = found.slice(0, q.limit);
  const refs = new Map(getArticleRefs(c, top.map((f) => f.id)).map((r) => [r.id, r]));
  return top.flatMap((f) => {
    const ref = refs.get(f.id);
    return ref ? [{ ...ref, shared: f.shared }] : [];
  });
}

export function getArticleRefs(c: Connection, ids: readonly number[]): ArticleRef[] {
  if (ids.length === 0) return [];
  const rows = c.prepare(`SELECT ${ARTICLE_REF_COLUMNS} FROM articles WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as ArticleRefRow[];
  const byId = new Map(rows.map((r) => [r.id, toArticleRef(r)]));
  return ids.map((id) => byId.get(id)).filter((r): r is ArticleRef => r !== undefined);
}

export function storyMembers(c: Connection, storyId: number, limit: number): ArticleRef[] {
  const rows = c
    .prepare(`SELECT ${ARTICLE_REF_COLUMNS} FROM articles WHERE story_id = ? ORDER BY sort_time DESC, id DESC LIMIT ?`)
    .all(storyId, limit) as ArticleRefRow[];
  return rows.reverse().map(toArticleRef);
}

/** The ids of storyMembers (oldest first), read from the story index alone. */
export function storyMemberIds(c: Connection, storyId: number, limit: number): number[] {
  const ids = c.prepare('SELECT id FROM articles WHERE story_id = ? ORDER BY sort_time DESC, id DESC LIMIT ?').pluck().all(storyId, limit) as number[];
  return ids.reverse();
}

export function duplicateGroup(c: Connection, rootId: number, limit: number): GroupMember[] {
  // Two index reads (the root, then its earliest copies in time order), merged here: one query with a
  // UNION ALL and an outer ORDER BY costs several times more inside a busy write transaction.
  const root = c.prepare(`${GROUP_MEMBER_SELECT} WHERE a.id = ?`).get(rootId) as GroupMemberRow | undefined;
  const copies = c.prepare(`${GROUP_MEMBER_SELECT} WHERE a.duplicate_of = ? ORDER BY a.sort_time, a.id LIMIT ?`).all(rootId, limit) as GroupMemberRow[];
  if (root) {
    let at = 0;
    while (at < copies.length && (copies[at]!.sort_time < root.sort_time || (copies[at]!.sort_time === root.sort_time && copies[at]!.id < root.id))) at++;
    copies.splice(at, 0, root);
  }
  return copies.slice(0, limit).map(toGroupMember);
}

export function getRelatedLists(c: Connection, ids: readonly number[], kind: RelatedEntry['kind']): Map<number, RelatedEntry[]> {
  const out = new Map<number, RelatedEntry[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = c
    .prepare('SELECT article_id, kind, entries FROM related_lists WHERE article_id IN (SELECT value FROM json_each(?)) AND kind = ?')
    .all(JSON.stringify(ids), kind) as RelatedListRow[];
  for (const r of rows) out.set(r.article_id, relatedEntries(r));
  return out;
}

export function termStatsVersion(c: Connection): { version: number; docCount: number } {
  const row = c.prepare('SELECT version, docs FROM term_stats WHERE id = 1').get() as { version: number; docs: number };
  return { version: row.version, docCount: row.docs };
}

export function loadTermStats(c: Connection, sinceVersion: number, days: { from: number; to: number }): TermStatsSnapshot {
  // One read transaction: the version and the counts agree even while another connection folds.
  return c.db.transaction(() => {
    const head = termStatsVersion(c);
    const docs = c.prepare('SELECT day, -1, docs FROM term_days WHERE day BETWEEN ? AND ? AND version > ?').raw().all(days.from, days.to, sinceVersion) as [number, number, number][];
    const counts = c.prepare('SELECT day, term, df FROM term_day_df WHERE day BETWEEN ? AND ? AND version > ?').raw().all(days.from, days.to, sinceVersion) as [number, number, number][];
    return { ...head, days: groupDayRows([...docs, ...counts]) };
  })();
}

export function pendingTermCount(c: Connection): number {
  return (c.prepare('SELECT count(*) AS n FROM term_pending').get() as { n: number }).n;
}

export function foldTermStats(c: Connection, limit: number): TermFold {
  const head = termStatsVersion(c);
  const rows = c.prepare('SELECT article_id, terms, day FROM term_pending ORDER BY article_id LIMIT ?').all(limit) as { article_id: number; terms: Buffer; day: number }[];
  const fold = planTermFold(head, rows);
  if (fold.folded === 0) return fold;
  // One statement per day, its counts as a JSON array of [term, count]. `WHERE true` tells SQLite's parser the
  // ON CONFLICT belongs to the INSERT, not to a join.
  const upsertCounts = c.prepare(
    `INSERT INTO term_day_df (day, term, df, version) SELECT ?, value ->> 0, value ->> 1, ? FROM json_each(?) WHERE true
     ON CONFLICT (day, term) DO UPDATE SET df = df + excluded.df, version = excluded.version`,
  );
  for (const [day, added] of fold.added) upsertCounts.run(day, fold.version, JSON.stringify([...added.counts]));
  const upsertDay = c.prepare('INSERT INTO term_days (day, docs, version) VALUES (?, ?, ?) ON CONFLICT (day) DO UPDATE SET docs = docs + excluded.docs, version = excluded.version');
  for (const [day, added] of fold.added) upsertDay.run(day, added.docs, fold.version);
  c.prepare('UPDATE term_stats SET version = ?, docs = docs + ? WHERE id = 1').run(fold.version, fold.folded);
  c.prepare('DELETE FROM term_pending WHERE article_id IN (SELECT value FROM json_each(?))').run(JSON.stringify(rows.map((r) => r.article_id)));
  return fold;
}

/** Folds the whole queue (after TERM_DAYS_MIGRATION queued every stored article again), a bounded fold at a time. */
export function recountTermStats(c: Connection): void {
  const fold = c.db.transaction(() => foldTermStats(c, 20_000));
  while (fold().folded > 0);
}
