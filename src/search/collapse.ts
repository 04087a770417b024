import { containment } from '../dedup/containment.js';
import type { Article } from '../core/types.js';
import { normalize, shingleHashes, tokenSpans } from '../text/index.js';
import type { ScoredDoc } from './scorer.js';
import type { SearchDocInfo, SearchIndexReader } from './types.js';

export interface RankedDoc {
  doc: ScoredDoc;
  info: SearchDocInfo;
}

/** Two texts are one report when this share of the smaller one's word 5-grams is in the other. */
export const COPY_CONTAINMENT = 0.5;
/** Words per shingle of the copy test: long enough that two write-ups of one event share few. */
export const COPY_SHINGLE_WORDS = 5;

/**
 * The word 5-grams of a text (normalised words, every word counted, stopwords too), as hashes. A copy keeps
 * the report's sentences; another outlet's write-up of the same event shares names and phrases but few
 * runs of five words.
 */
export function copyShingles(text: string): Set<number> {
  const norm = normalize(text);
  const spans = tokenSpans(norm);
  const words: string[] = new Array(spans.count);
  for (let i = 0; i < spans.count; i++) words[i] = norm.slice(spans.starts[i], spans.ends[i]);
  return new Set(shingleHashes(words, COPY_SHINGLE_WORDS));
}

/** Whether two texts are copies of one report (see COPY_CONTAINMENT). */
export function isCopyText(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  return containment(a, b) >= COPY_CONTAINMENT;
}

/**
 * Keeps the best-ranked article of each report among the first `needed` hits. The story engine groups an
 * article with the report it copies at import, by a MinHash estimate over content-word 3-grams, which is
 * generous (a rewrite of the same wire text often joins the group); here a member of a group is collapsed
 * into a shown member only when the two texts pass the copy test itself, so a rewrite the reader may be
 * looking for stays a hit of its own. Only the members that can reach the page are tested: their texts are
 * read once and returned for presenting the page.
 */
export async function collapseCopies(reader: SearchIndexReader, ranked: readonly RankedDoc[], needed: number): Promise<{ kept: RankedDoc[]; articles: Map<number, Article> }> {
  // Walk until `needed` reports are seen: whatever copies are collapsed, the page is full by then.
  const reports = new Set<number>();
  const doubtful = new Set<number>();
  const firstOf = new Map<number, number[]>();
  for (const r of ranked) {
    if (reports.size >= needed && !reports.has(r.info.reportId)) break;
    const members = firstOf.get(r.info.reportId);
    if (members) {
      doubtful.add(r.doc.id);
      for (const m of members) doubtful.add(m);
      members.push(r.doc.id);
    } else firstOf.set(r.info.reportId, [r.doc.id]);
    reports.add(r.info.reportId);
  }
  const articles = new Map<number, Article>();
  if (doubtful.size > 0) for (const a of await reader.getArticles([...doubtful])) articles.set(a.id, a);
  const shingles = new Map<number, Set<number>>();
  const shinglesOf = (id: number): Set<number> | null => {
    let s = shingles.get(id);
    if (!s) {
      const article = articles.get(id);
      if (!article) return null;
      shingles.set(id, (s = copyShingles(article.text)));
    }
    return s;
  };
  // A member whose text is missing (removed meanwhile) is collapsed by its group, as the story engine says.
  const isCopy = (a: number, b: number): boolean => {
    const sa = shinglesOf(a);
    const sb = shinglesOf(b);
    return !sa || !sb || isCopyText(sa, sb);
  };
  const shown = new Map<number, number[]>();
  const kept: RankedDoc[] = [];
  for (const r of ranked) {
    if (kept.length >= needed) break;
    const same = shown.get(r.info.reportId);
    if (same && same.some((id) => isCopy(r.doc.id, id))) continue;
    shown.set(r.info.reportId, [...(same ?? []), r.doc.id]);
    kept.push(r);
  }
  return { kept, articles };
}
