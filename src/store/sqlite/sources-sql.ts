import type { Source, SourceFetchState, SourceRecord, SourceWithStatus } from '../../core/types.js';
import { AppError } from '../../core/errors.js';
import type { NewSource } from '../store.js';
import type { Connection } from './connection.js';
import { FETCH_STATE_COLUMNS, toFetchState, toSource, toSourceRecord, toSourceWithStatus, type SourceRow } from '../rows.js';

const ACTIVE = 'removed_at IS NULL';

export function addSource(c: Connection, s: NewSource, now: number): Source {
  const clash = c.prepare('SELECT id, slug, feed_url, removed_at FROM sources WHERE feed_url = ? OR slug = ?').all(s.feedUrl, s.slug) as {
    id: number;
    slug: string;
    feed_url: string;
    removed_at: number | null;
  }[];
  const revived = clash.find((r) => r.feed_url === s.feedUrl && r.removed_at !== null);
  const active = clash.find((r) => r.removed_at === null || r.id !== revived?.id);
  if (active) {
    const what = active.feed_url === s.feedUrl ? `feed ${s.feedUrl}` : `slug "${s.slug}"`;
    throw new AppError('CONFLICT', `a source with ${what} already exists (id ${active.id})`, { details: { id: active.id } });
  }
  if (revived) {
    // Re-adding a removed source brings it back with its articles and a fresh schedule.
    c.prepare(
      `UPDATE sources SET removed_at = NULL, slug = ?, url = ?, kind = ?, title = ?, homepage = ?, country = ?,
         paused = 0, consecutive_errors = 0, last_error = NULL, next_check = ? WHERE id = ?`,
    ).run(s.slug, s.url, s.kind, s.title, s.homepage ?? null, s.country ?? null, now, revived.id);
    return getSource(c, 'id', revived.id) as Source;
  }
  const info = c
    .prepare(
      `INSERT INTO sources (slug, url, feed_url, kind, title, homepage, country, created_at, next_check)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(s.slug, s.url, s.feedUrl, s.kind, s.title, s.homepage ?? null, s.country ?? null, now, s.kind === 'import' ? null : now);
  return getSource(c, 'id', Number(info.lastInsertRowid)) as Source;
}

export function getSource(c: Connection, column: 'id' | 'slug' | 'feed_url', value: string | number, includeRemoved = false): Source | null {
  const row = c.prepare(`SELECT * FROM sources WHERE ${column} = ?${includeRemoved ? '' : ` AND ${ACTIVE}`}`).get(value) as SourceRow | undefined;
  return row ? toSource(row) : null;
}

export function ensureImportSource(c: Connection, slug: string, now: number): Source {
  const existing = getSource(c, 'slug', slug, true);
  if (existing) return existing;
  return addSource(c, { slug, url: `import:${slug}`, feedUrl: `import:${slug}`, kind: 'import', title: slug }, now);
}

export function listSources(c: Connection): SourceWithStatus[] {
  const rows = c
    .prepare(
      `SELECT s.*, (SELECT count(*) FROM articles a WHERE a.source_id = s.id) AS articles
       FROM sources s WHERE s.${ACTIVE} ORDER BY s.id`,
    )
    .all() as SourceRow[];
  return rows.map(toSourceWithStatus);
}

export function findSource(c: Connection, key: { id: number } | { slug: string }): SourceRecord | null {
  const [column, value] = 'id' in key ? ['id', key.id] : ['slug', key.slug];
  const row = c
    .prepare(`SELECT s.*, (SELECT count(*) FROM articles a WHERE a.source_id = s.id) AS articles FROM sources s WHERE s.${column} = ?`)
    .get(value) as SourceRow | undefined;
  return row ? toSourceRecord(row) : null;
}

export function removeSource(c: Connection, id: number, now: number): boolean {
  return c.prepare(`UPDATE sources SET removed_at = ? WHERE id = ? AND ${ACTIVE}`).run(now, id).changes > 0;
}

export function moveSourceFeed(c: Connection, id: number, feedUrl: string): boolean {
  if (c.prepare('SELECT 1 FROM sources WHERE feed_url = ? AND id <> ?').get(feedUrl, id)) return false;
  return c.prepare('UPDATE sources SET feed_url = ? WHERE id = ?').run(feedUrl, id).changes > 0;
}

export function getFetchState(c: Connection, id: number): SourceFetchState | null {
  const row = c.prepare(`SELECT * FROM sources WHERE id = ?`).get(id) as SourceRow | undefined;
  return row ? toFetchState(row) : null;
}

export function updateFetchState(c: Connection, id: number, patch: Partial<SourceFetchState>): void {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [key, value] of Object.entries(patch) as [keyof SourceFetchState, unknown][]) {
    const column = FETCH_STATE_COLUMNS[key];
    if (!column || value === undefined) continue;
    sets.push(`${column} = ?`);
    values.push(typeof value === 'boolean' ? (value ? 1 : 0) : value);
  }
  if (sets.length === 0) return;
  const info = c.prepare(`UPDATE sources SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
  if (info.changes === 0) throw new AppError('NOT_FOUND', `no source with id ${id}`);
}

export function dueSources(c: Connection, now: number, limit: number): (Source & SourceFetchState)[] {
  const rows = c
    .prepare(
      `SELECT * FROM sources WHERE ${ACTIVE} AND paused = 0 AND kind <> 'import' AND (next_check IS NULL OR next_check <= ?)
       ORDER BY coalesce(next_check, 0), id LIMIT ?`,
    )
    .all(now, limit) as SourceRow[];
  return rows.map((r) => ({ ...toSource(r), ...toFetchState(r) }));
}

export function claimDueSources(
  c: Connection,
  now: number,
  limit: number,
  worker: string,
  leaseMs: number,
  options: { force?: boolean; sourceId?: number } = {},
): (Source & SourceFetchState)[] {
  const where = [ACTIVE, 'paused = 0', "kind <> 'import'", '(lease_until IS NULL OR lease_until <= ? OR lease_owner = ?)'];
  const params: unknown[] = [now, worker];
  if (!options.force) {
    where.push('(next_check IS NULL OR next_check <= ?)');
    params.push(now);
  }
  if (options.sourceId !== undefined) {
    where.push('id = ?');
    params.push(options.sourceId);
  }
  const rows = c
    .prepare(
      `UPDATE sources SET lease_owner = ?, lease_until = ? WHERE id IN (
         SELECT id FROM sources WHERE ${where.join(' AND ')} ORDER BY coalesce(next_check, 0), id LIMIT ?)
       RETURNING *`,
    )
    .all(worker, now + leaseMs, ...params, limit) as SourceRow[];
  rows.sort((a, b) => (a.next_check ?? 0) - (b.next_check ?? 0) || a.id - b.id);
  return rows.map((r) => ({ ...toSource(r), ...toFetchState(r) }));
}

export function reserveHostSlot(c: Connection, host: string, now: number, spacingMs: number): number {
  const row = c
    .prepare(
      `INSERT INTO host_slots (host, next_at) VALUES (?, ?) ON CONFLICT (host) DO UPDATE SET next_at = max(next_at, ?) + ?
       RETURNING next_at`,
    )
    .get(host, now + spacingMs, now, spacingMs) as { next_at: number };
  return Math.max(0, row.next_at - spacingMs - now);
}

export function renewLeases(c: Connection, ids: readonly number[], worker: string, until: number): void {
  if (ids.length === 0) return;
  c.prepare('UPDATE sources SET lease_until = ? WHERE lease_owner = ? AND id IN (SELECT value FROM json_each(?))').run(until, worker, JSON.stringify(ids));
}

export function releaseSource(c: Connection, id: number, worker: string): void {
  c.prepare('UPDATE sources SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?').run(id, worker);
}
