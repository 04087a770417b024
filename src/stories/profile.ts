import { hashString32 } from '../dedup/hash32.js';
import { JUDGE_MODEL, type JudgeModel } from './model.js';
import { type SparseVector, normalized, vectorFromMap } from './sparse-vector.js';
import { type TermStats, idf } from './term-stats.js';

/**
 * What the story engine needs from the analyzer: content-word stems (stopwords and news boilerplate
 * removed) of the title and of the body, in text order.
 */
export interface ArticleTerms {
  title: readonly string[];
  body: readonly string[];
}

/**
 * The comparable summary of one article, computed once at ingest with the corpus statistics of that
 * moment and stored beside the article.
 */
export interface ArticleProfile {
  /** Whole article, unit length: (1 + ln tf)·idf per body term, plus titleWeight·idf per title term. */
  full: SparseVector;
  /** The opening (first `leadTerms` body terms), unit length. */
  lead: SparseVector;
  /** Distinct terms of the title and the first `headTerms` body terms, weighted idf² (not normalised). */
  head: SparseVector;
  /** Sorted hashes of the article's rare terms (see JudgeModel.rareDocs). */
  rare: Uint32Array;
}

export function termHash(term: string): number {
  return hashString32(term);
}

export function termHashes(terms: readonly string[]): number[] {
  return terms.map(hashString32);
}

/** All distinct term hashes of an article: what it contributes to document frequencies. */
export function documentTerms(terms: ArticleTerms): Set<number> {
  return new Set([...termHashes(terms.title), ...termHashes(terms.body)]);
}

function tfIdf(hashes: readonly number[], stats: TermStats, into = new Map<number, number>(), factor = 1): Map<number, number> {
  const tf = new Map<number, number>();
  for (const h of hashes) tf.set(h, (tf.get(h) ?? 0) + 1);
  for (const [h, n] of tf) into.set(h, (into.get(h) ?? 0) + factor * (1 + Math.log(n)) * idf(stats, h));
  return into;
}

export function buildProfile(terms: ArticleTerms, stats: TermStats, model: JudgeModel = JUDGE_MODEL): ArticleProfile {
  const title = termHashes(terms.title);
  const body = termHashes(terms.body);

  const fullWeights = tfIdf(body, stats);
  for (const h of new Set(title)) fullWeights.set(h, (fullWeights.get(h) ?? 0) + model.titleWeight * idf(stats, h));

  const headWeights = new Map<number, number>();
  for (const h of [...title, ...body.slice(0, model.headTerms)]) headWeights.set(h, idf(stats, h) ** 2);

  const rareIdf = Math.log(model.rareDocs);
  const rare = new Uint32Array([...fullWeights.keys()].filter((h) => idf(stats, h) >= rareIdf)).sort();

  return {
    full: normalized(vectorFromMap(fullWeights)),
    lead: normalized(vectorFromMap(tfIdf(body.slice(0, model.leadTerms), stats))),
    head: vectorFromMap(headWeights),
    rare,
  };
}
