import type pg from 'pg';
import { utcDay } from '../../core/time.js';
import type { RelatedEntry } from '../../core/types.js';
import type { ArticleProfileEntry, ArticleRef, CandidateQuery, GroupMember, Store, StoryCandidate, StoryEngineStore, TermFold, TermStatsSnapshot } from '../store.js';
import { ARTICLE_REF_COLUMNS, GROUP_MEMBER_SELECT, REF_OF_A, toGroupMember, type GroupMemberRow, asBuffer, foldRows, groupDayRows, planTermFold, groupRelated, termsToBytes, toArticleRef, type ArticleRefRow, type RelatedRow } from '../engine-rows.js';

export type Db = Pick<pg.Pool, 'query'> | pg.PoolClient;

/** An arbitrary constant: the advisory lock that lets one process at a time fold term statistics. */
const TERM_FOLD_LOCK = 0x5ada_0010;

/** The story engine's queries in PostgreSQL's dialect (see StoryEngineStore). */
export abstract class PgEngineQueries implements StoryEngineStore {
  protected abstract db(): Db;
  abstract transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;

  private async all<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db().query<T>(sql, params)).rows;
  }

  async putArticleProfile(e: ArticleProfileEntry): Promise<void> {
    const db = this.db();
    await db.query(
      `INSERT INTO article_profiles (article_id, profile, attribution) VALUES ($1, $2, $3)
       ON CONFLICT (article_id) DO UPDATE SET profile = EXCLUDED.profile, attribution = EXCLUDED.attribution`,
      [e.articleId, asBuffer(e.profile), e.attribution ?? null],
    );
    await db.query('DELETE FROM story_keys WHERE article_id = $1', [e.articleId]);
    if (e.keys.length > 0) {
      await db.query('INSERT INTO story_keys (key, time, article_id) SELECT DISTINCT unnest($1::bigint[]), $2::bigint, $3::bigint ON CONFLICT DO NOTHING', [
        [...e.keys],
        e.time,
        e.articleId,
      ]);
    }
    if (e.terms) {
      await db.query('INSERT INTO term_pending (article_id, terms, day) VALUES ($1, $2, $3) ON CONFLICT (article_id) DO UPDATE SET terms = EXCLUDED.terms, day = EXCLUDED.day', [
        e.articleId,
        termsToBytes(e.terms),
        utcDay(e.time),
      ]);
    }
  }

  async getArticleProfiles(ids: readonly number[]): Promise<Map<number, Uint8Array>> {
    const out = new Map<number, Uint8Array>();
    if (ids.length === 0) return out;
    const rows = await this.all<{ article_id: number; profile: Buffer }>('SELECT article_id, profile FROM article_profiles WHERE article_id = ANY($1::bigint[])', [ids]);
    for (const r of rows) out.set(r.article_id, new Uint8Array(r.profile.buffer, r.profile.byteOffset, r.profile.byteLength));
    return out;
  }

  async findStoryCandidates(q: CandidateQuery): Promise<StoryCandidate[]> {
    if (q.keys.length === 0 || q.limit <= 0) return [];
    const rows = await this.all<ArticleRefRow & { shared: number }>(
      `SELECT ${REF_OF_A}, k.shared FROM (
         SELECT article_id, count(*)::int AS shared FROM story_keys
         WHERE key = ANY($1::bigint[]) AND time BETWEEN $2 AND $3 AND article_id <> $4
         GROUP BY article_id HAVING count(*) >= $5 ORDER BY shared DESC, article_id DESC LIMIT $6
       ) k JOIN articles a ON a.id = k.article_id ORDER BY k.shared DESC, a.id DESC`,
      [[...new Set(q.keys)], q.from, q.to, q.excludeId ?? -1, Math.max(1, q.minShared), q.limit],
    );
    return rows.map((r) => ({ ...toArticleRef(r), shared: r.shared }));
  }

  async getArticleRefs(ids: readonly number[]): Promise<ArticleRef[]> {
    if (ids.length === 0) return [];
    const rows = await this.all<ArticleRefRow>(`SELECT ${ARTICLE_REF_COLUMNS} FROM articles WHERE id = ANY($1::bigint[])`, [ids]);
    const byId = new Map(rows.map((r) => [r.id, toArticleRef(r)]));
    return ids.map((id) => byId.get(id)).filter((r): r is ArticleRef => r !== undefined);
  }

  async storyMembers(storyId: number, limit: number): Promise<ArticleRef[]> {
    const rows = await this.all<ArticleRefRow>(`SELECT ${ARTICLE_REF_COLUMNS} FROM articles WHERE story_id = $1 ORDER BY sort_time DESC, id DESC LIMIT $2`, [storyId, limit]);
    return rows.reverse().map(toArticleRef);
  }

  async duplicateGroup(rootId: number, limit: number): Promise<GroupMember[]> {
    const rows = await this.all<GroupMemberRow>(
      `SELECT * FROM ((${GROUP_MEMBER_SELECT} WHERE a.id = $1)
         UNION ALL (${GROUP_MEMBER_SELECT} WHERE a.duplicate_of = $1 ORDER BY a.sort_time, a.id LIMIT $2)) g
       ORDER BY sort_time, id LIMIT $2`,
      [rootId, limit],
    );
    return rows.map(toGroupMember);
  }

  async getRelatedLists(ids: readonly number[], kind: RelatedEntry['kind']): Promise<Map<number, RelatedEntry[]>> {
    if (ids.length === 0) return new Map();
    const rows = await this.all<RelatedRow>('SELECT article_id, kind, rank, related_id, score FROM related WHERE article_id = ANY($1::bigint[]) AND kind = $2', [ids, kind]);
    return groupRelated(ids, rows);
  }

  async termStatsVersion(): Promise<{ version: number; docCount: number }> {
    const [row] = await this.all<{ version: number; docs: number }>('SELECT version, docs FROM term_stats WHERE id = 1');
    return { version: row!.version, docCount: row!.docs };
  }

  async loadTermStats(sinceVersion: number, days: { from: number; to: number }): Promise<TermStatsSnapshot> {
    // One statement, one snapshot: the version and the counts agree even while another process folds.
    // A day's article count comes as term -1.
    const rows = await this.all<{ day: number | null; term: string | null; n: number | null; version: number; docs: number }>(
      `SELECT x.day, x.term, x.n, s.version, s.docs FROM term_stats s LEFT JOIN (
         SELECT day, -1::bigint AS term, docs AS n FROM term_days WHERE day BETWEEN $2 AND $3 AND version > $1
         UNION ALL SELECT day, term, df FROM term_day_df WHERE day BETWEEN $2 AND $3 AND version > $1
       ) x ON true WHERE s.id = 1`,
      [sinceVersion, days.from, days.to],
    );
    const head = rows[0]!;
    const counted: Array<[number, number, number]> = [];
    for (const r of rows) if (r.day !== null && r.term !== null && r.n !== null) counted.push([r.day, Number(r.term), r.n]);
    return { version: head.version, docCount: Number(head.docs), days: groupDayRows(counted) };
  }

  async pendingTermCount(): Promise<number> {
    const [row] = await this.all<{ n: number }>('SELECT count(*)::int AS n FROM term_pending');
    return row!.n;
  }

  foldTermStats(limit: number): Promise<TermFold> {
    return this.transaction(async () => {
      await this.db().query('SELECT pg_advisory_xact_lock($1)', [TERM_FOLD_LOCK]);
      const head = await this.termStatsVersion();
      const rows = await this.all<{ article_id: number; terms: Buffer; day: number }>('SELECT article_id, terms, day FROM term_pending ORDER BY article_id LIMIT $1', [limit]);
      const fold = planTermFold(head, rows);
      if (fold.folded === 0) return fold;
      const { days, terms, counts } = foldRows(fold);
      await this.db().query(
        `INSERT INTO term_day_df (day, term, df, version) SELECT unnest($1::int[]), unnest($2::bigint[]), unnest($3::int[]), $4
         ON CONFLICT (day, term) DO UPDATE SET df = term_day_df.df + EXCLUDED.df, version = EXCLUDED.version`,
        [days, terms, counts, fold.version],
      );
      const foldDays = [...fold.added.keys()];
      await this.db().query(
        `INSERT INTO term_days (day, docs, version) SELECT unnest($1::int[]), unnest($2::int[]), $3
         ON CONFLICT (day) DO UPDATE SET docs = term_days.docs + EXCLUDED.docs, version = EXCLUDED.version`,
        [foldDays, foldDays.map((d) => fold.added.get(d)!.docs), fold.version],
      );
      await this.db().query('UPDATE term_stats SET version = $1, docs = docs + $2 WHERE id = 1', [fold.version, fold.folded]);
      await this.db().query('DELETE FROM term_pending WHERE article_id = ANY($1::bigint[])', [rows.map((r) => r.article_id)]);
      return fold;
    });
  }
}
