import { putLittleEndian } from '../core/endian.js';
import type { RelatedEntry } from '../core/types.js';
import type { ArticleRef, DayTermCounts, GroupMember, TermFold } from './store.js';

/** Row shapes and encodings of the story engine's tables, shared by the SQLite and PostgreSQL adapters. */

export interface ArticleRefRow {
  id: number;
  source_id: number;
  story_id: number | null;
  duplicate_of: number | null;
  sort_time: number;
  content_hash: string;
}

export const ARTICLE_REF_COLUMNS = 'id, source_id, story_id, duplicate_of, sort_time, content_hash';
/** The same columns of an `articles a` in a join. */
export const REF_OF_A = 'a.id, a.source_id, a.story_id, a.duplicate_of, a.sort_time, a.content_hash';

export function toArticleRef(r: ArticleRefRow): ArticleRef {
  return { id: r.id, sourceId: r.source_id, storyId: r.story_id, duplicateOf: r.duplicate_of, time: r.sort_time, contentHash: r.content_hash };
}

export interface GroupMemberRow extends ArticleRefRow {
  source: string;
  origin: string | null;
  attribution: string | null;
}

export function toGroupMember(r: GroupMemberRow): GroupMember {
  return { id: r.id, sourceId: r.source_id, storyId: r.story_id, duplicateOf: r.duplicate_of, time: r.sort_time, contentHash: r.content_hash, source: r.source, origin: r.origin, attribution: r.attribution };
}

/** Members of a duplicate group with their provenance (the adapters add the WHERE and order). */
export const GROUP_MEMBER_SELECT = `SELECT ${REF_OF_A}, s.slug AS source, a.origin, p.attribution
  FROM articles a JOIN sources s ON s.id = a.source_id LEFT JOIN article_profiles p ON p.article_id = a.id`;

export interface RelatedRow {
  article_id: number;
  kind: RelatedEntry['kind'];
  rank: number;
  related_id: number;
  score: number;
}

export function groupRelated(ids: readonly number[], rows: readonly RelatedRow[]): Map<number, RelatedEntry[]> {
  const out = new Map<number, RelatedEntry[]>(ids.map((id) => [id, []]));
  for (const r of rows) out.get(r.article_id)?.push({ articleId: r.article_id, kind: r.kind, rank: r.rank, relatedId: r.related_id, score: r.score });
  for (const list of out.values()) list.sort((a, b) => a.rank - b.rank);
  return out;
}

/** Term hashes as little-endian bytes (the queue of terms waiting to be counted). */
export function termsToBytes(terms: Uint32Array): Buffer {
  const out = Buffer.allocUnsafe(terms.length * 4);
  putLittleEndian(out, 0, terms);
  return out;
}

/** The migration that counts term statistics per day; opening a store that has just applied it recounts them. */
export const TERM_DAYS_MIGRATION = 40;

/** A queued article: its term blob and the UTC day it is counted under. */
export interface QueuedTerms {
  terms: Uint8Array;
  day: number;
}

/**
 * The fold of queued articles onto the statistics at `head`: the version it makes and the counts it adds to
 * each day. Nothing queued makes no new version. The adapters write what it says.
 */
export function planTermFold(head: { version: number; docCount: number }, queued: readonly QueuedTerms[]): TermFold {
  const folded = queued.length;
  if (folded === 0) return { previousVersion: head.version, version: head.version, docCount: head.docCount, folded, added: new Map() };
  const added = new Map<number, { docs: number; counts: Map<number, number> }>();
  for (const q of queued) {
    let day = added.get(q.day);
    if (!day) added.set(q.day, (day = { docs: 0, counts: new Map() }));
    day.docs++;
    countQueuedTerms([q.terms], day.counts);
  }
  return { previousVersion: head.version, version: head.version + 1, docCount: head.docCount + folded, folded, added };
}

/** A fold's counts as parallel arrays (day, term, count), days and terms ascending: what the adapters write. */
export function foldRows(fold: TermFold): { days: number[]; terms: number[]; counts: number[] } {
  const out = { days: [] as number[], terms: [] as number[], counts: [] as number[] };
  for (const day of [...fold.added.keys()].sort((a, b) => a - b)) {
    const counts = fold.added.get(day)!.counts;
    for (const term of [...counts.keys()].sort((a, b) => a - b)) {
      out.days.push(day);
      out.terms.push(term);
      out.counts.push(counts.get(term)!);
    }
  }
  return out;
}

/** Rows of a day-range read (term -1: the day's article count) grouped into days, days ascending. */
export function groupDayRows(rows: Iterable<readonly [day: number, term: number, n: number]>): DayTermCounts[] {
  const days = new Map<number, DayTermCounts>();
  for (const [day, term, n] of rows) {
    let d = days.get(day);
    if (!d) days.set(day, (d = { day, docs: 0, counts: [] }));
    if (term < 0) d.docs = n;
    else d.counts.push([term, n]);
  }
  return [...days.values()].sort((a, b) => a.day - b.day);
}

/** Adds the distinct terms of each queued article to `counts`. */
export function countQueuedTerms(blobs: Iterable<Uint8Array>, counts = new Map<number, number>()): Map<number, number> {
  for (const blob of blobs) {
    const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
    const end = blob.byteLength - (blob.byteLength % 4);
    // The pipeline queues a profile's keys, sorted and distinct: then no set is needed to count each once.
    let increasing = true;
    for (let at = 4; at < end && increasing; at += 4) increasing = view.getUint32(at - 4, true) < view.getUint32(at, true);
    const seen = increasing ? null : new Set<number>();
    for (let at = 0; at < end; at += 4) {
      const term = view.getUint32(at, true);
      if (seen) {
        if (seen.has(term)) continue;
        seen.add(term);
      }
      counts.set(term, (counts.get(term) ?? 0) + 1);
    }
  }
  return counts;
}

/** Profile bytes as a Buffer without copying (drivers bind Buffers). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
