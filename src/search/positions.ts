import { forEachPosting, readPositions } from './postings.js';
import type { PostingsPart } from './types.js';

/** Where one word occurs in one document, per field (content-word positions). */
export interface FieldPositions {
  title: number[];
  body: number[];
}

/** Positions of a stem key in documents, limited to `docs` when given (stale postings are skipped). */
export function collectPositions(parts: readonly PostingsPart[] | undefined, docs: ReadonlySet<number> | null): Map<number, FieldPositions> {
  const out = new Map<number, FieldPositions>();
  for (const part of parts ?? []) {
    const bytes = part.bytes;
    const stale = part.stale && part.stale.size > 0 ? part.stale : null;
    forEachPosting(bytes, true, (doc, _titleLength, _bodyCode, tfTitle, tfBody, at) => {
      if ((docs && !docs.has(doc)) || stale?.has(doc)) return;
      out.set(doc, readPositions(bytes, at, tfTitle, tfBody));
    });
  }
  return out;
}

/** The documents that hold the words of a phrase consecutively, in one field. */
export function phraseDocs(keys: readonly string[], postings: ReadonlyMap<string, readonly PostingsPart[]>): Set<number> {
  if (keys.length === 0) return new Set();
  const df = (key: string) => (postings.get(key) ?? []).reduce((n, p) => n + p.df, 0);
  const distinct = [...new Set(keys)].sort((a, b) => df(a) - df(b));
  // Read the rarest word first and narrow the candidates with each next word.
  const byKey = new Map<string, Map<number, FieldPositions>>();
  let candidates: Set<number> | null = null;
  for (const key of distinct) {
    const positions = collectPositions(postings.get(key), candidates);
    byKey.set(key, positions);
    candidates = new Set(positions.keys());
    if (candidates.size === 0) return candidates;
  }
  const out = new Set<number>();
  for (const doc of candidates ?? []) {
    const lists = keys.map((k) => byKey.get(k)!.get(doc)!);
    if (hasRun(lists.map((l) => l.title)) || hasRun(lists.map((l) => l.body))) out.add(doc);
  }
  return out;
}

/** True when some p has lists[i] containing p + i for every i. */
export function hasRun(lists: readonly number[][]): boolean {
  const [first, ...rest] = lists;
  if (!first || first.length === 0) return false;
  const sets = rest.map((l) => new Set(l));
  return first.some((p) => sets.every((s, i) => s.has(p + i + 1)));
}

/** How many times `b` directly follows `a` (both sorted position lists). */
export function adjacentCount(a: readonly number[], b: readonly number[]): number {
  let count = 0;
  let j = 0;
  for (const p of a) {
    while (j < b.length && b[j]! < p + 1) j++;
    if (j < b.length && b[j] === p + 1) count++;
  }
  return count;
}
