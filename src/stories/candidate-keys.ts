import { JUDGE_MODEL, type JudgeModel } from './model.js';
import { type ArticleTerms, termHashes } from './profile.js';
import { type TermStats, idf } from './term-stats.js';

export interface CandidateKeyOptions {
  /** Keys per article. */
  count: number;
  /**
   * Terms in more than this share of the corpus are never keys: their postings would make every lookup
   * long and bring mostly unrelated candidates (docs/STORIES.md measures the trade-off).
   */
  maxShare: number;
  /** ... unless the corpus is small: a term in at most this many documents is always eligible. */
  minCap: number;
}

export const DEFAULT_CANDIDATE_KEYS: CandidateKeyOptions = { count: 24, maxShare: 0.05, minCap: 20 };

/**
 * Keys under which an article is filed for candidate lookup: its most distinctive head terms (title and
 * opening), rarest first, earlier first among equally rare ones. Two articles become candidates of each
 * other when they share keys and fall in the same time window, so lookup cost depends on the window's size,
 * not on the corpus: that keeps ingest near-linear. docs/STORIES.md measures the recall of this lookup.
 */
export function candidateKeys(terms: ArticleTerms, stats: TermStats, options: CandidateKeyOptions = DEFAULT_CANDIDATE_KEYS, model: JudgeModel = JUDGE_MODEL): number[] {
  return candidateKeysOfHead(headTermHashes(terms, model), stats, options);
}

/** Hashes of the head terms (title and opening) in text order: what `candidateKeysOfHead` chooses from. */
export function headTermHashes(terms: ArticleTerms, model: JudgeModel = JUDGE_MODEL): number[] {
  return termHashes([...terms.title, ...terms.body.slice(0, model.headTerms)]);
}

/** `candidateKeys` from the head term hashes (computed once, possibly in another thread). */
export function candidateKeysOfHead(head: readonly number[], stats: TermStats, options: CandidateKeyOptions = DEFAULT_CANDIDATE_KEYS): number[] {
  const cap = Math.max(options.minCap, options.maxShare * stats.docCount);
  const firstSeen = new Map<number, number>();
  head.forEach((h, i) => {
    if (!firstSeen.has(h) && stats.docFrequency(h) <= cap) firstSeen.set(h, i);
  });
  return [...firstSeen]
    .map(([h, position]) => ({ h, position, weight: idf(stats, h) }))
    .sort((a, b) => b.weight - a.weight || a.position - b.position)
    .slice(0, options.count)
    .map((k) => k.h);
}
