import { contentTerms, type Terms } from '../text/index.js';
import { hashString32 } from '../dedup/hash32.js';
import { JUDGE_MODEL, type JudgeModel } from './model.js';
import type { SparseVector } from './sparse-vector.js';
import { type TermStats, idf } from './term-stats.js';

/**
 * What the story engine needs from the analyzer: content-word stems (stopwords and news boilerplate
 * removed) of the title and of the body, in text order.
 */
export interface ArticleTerms {
  title: readonly string[];
  body: readonly string[];
}

/** Content-word stems of an analysed title and body (`src/text`): the input of every profile. */
export function articleTerms(title: Terms, body: Terms): ArticleTerms {
  return { title: contentTerms(title, { use: 'stem' }), body: contentTerms(body, { use: 'stem' }) };
}

/** Flags of a term in a TermProfile. */
export const IN_TITLE = 1;
export const IN_HEAD = 2;

/**
 * The corpus-independent summary of an article, computed once at ingest and stored beside it: which terms
 * it contains and where. Weights are applied when it is compared (`weighProfile`), with the corpus
 * statistics of that moment, so two articles are always weighed with the same statistics whichever was
 * stored first.
 */
export interface TermProfile {
  /** Distinct term hashes, ascending. */
  keys: Uint32Array;
  /** Occurrences of each term in the body (capped at 65535). */
  body: Uint16Array;
  /** Occurrences of each term in the opening (`leadTerms` first body terms). */
  lead: Uint8Array;
  /** IN_TITLE | IN_HEAD bits (head: title and the first `headTerms` body terms). */
  flags: Uint8Array;
}

/**
 * The comparable, weighted form of an article (what `judge` reads).
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

/** Builds the stored term profile of an article. */
export function profileTerms(terms: ArticleTerms, model: JudgeModel = JUDGE_MODEL): TermProfile {
  const entries = new Map<number, { body: number; lead: number; flags: number }>();
  const entry = (h: number) => {
    let e = entries.get(h);
    if (!e) entries.set(h, (e = { body: 0, lead: 0, flags: 0 }));
    return e;
  };
  for (const h of termHashes(terms.title)) entry(h).flags |= IN_TITLE | IN_HEAD;
  termHashes(terms.body).forEach((h, i) => {
    const e = entry(h);
    e.body++;
    if (i < model.leadTerms) e.lead++;
    if (i < model.headTerms) e.flags |= IN_HEAD;
  });
  const keys = new Uint32Array([...entries.keys()]).sort();
  const body = new Uint16Array(keys.length);
  const lead = new Uint8Array(keys.length);
  const flags = new Uint8Array(keys.length);
  keys.forEach((h, i) => {
    const e = entries.get(h)!;
    body[i] = Math.min(e.body, 0xffff);
    lead[i] = Math.min(e.lead, 0xff);
    flags[i] = e.flags;
  });
  return { keys, body, lead, flags };
}

const logTf = (n: number) => (n > 0 ? 1 + Math.log(n) : 0);

/** Applies the corpus statistics: the weighted profile `judge` compares. */
export function weighProfile(p: TermProfile, stats: TermStats, model: JudgeModel = JUDGE_MODEL): ArticleProfile {
  const n = p.keys.length;
  const fullW = new Float32Array(n);
  const leadW = new Float32Array(n);
  const rareIdf = Math.log(model.rareDocs);
  const headKeys: number[] = [];
  const headW: number[] = [];
  const rare: number[] = [];
  let fullNorm = 0;
  let leadNorm = 0;
  for (let i = 0; i < n; i++) {
    const key = p.keys[i]!;
    const w = idf(stats, key);
    const flags = p.flags[i]!;
    const f = logTf(p.body[i]!) * w + (flags & IN_TITLE ? model.titleWeight * w : 0);
    const l = logTf(p.lead[i]!) * w;
    fullW[i] = f;
    leadW[i] = l;
    fullNorm += f * f;
    leadNorm += l * l;
    if (flags & IN_HEAD) {
      headKeys.push(key);
      headW.push(w * w);
    }
    if (w >= rareIdf) rare.push(key);
  }
  return {
    full: compact(p.keys, fullW, Math.sqrt(fullNorm)),
    lead: compact(p.keys, leadW, Math.sqrt(leadNorm)),
    head: { keys: new Uint32Array(headKeys), values: new Float32Array(headW) },
    rare: new Uint32Array(rare),
  };
}

/** Unit vector of the non-zero weights (keys are already ascending). */
function compact(keys: Uint32Array, weights: Float32Array, norm: number): SparseVector {
  let count = 0;
  for (let i = 0; i < weights.length; i++) if (weights[i]! > 0) count++;
  const k = new Uint32Array(count);
  const v = new Float32Array(count);
  for (let i = 0, j = 0; i < weights.length; i++) {
    if (!(weights[i]! > 0)) continue;
    k[j] = keys[i]!;
    v[j++] = weights[i]! / norm;
  }
  return { keys: k, values: v };
}

/** Profile straight from terms (pair judgement outside the pipeline, tests). */
export function buildProfile(terms: ArticleTerms, stats: TermStats, model: JudgeModel = JUDGE_MODEL): ArticleProfile {
  return weighProfile(profileTerms(terms, model), stats, model);
}

/** All distinct term hashes of an article: what it contributes to document frequencies. */
export function documentTerms(terms: ArticleTerms): Set<number> {
  return new Set([...termHashes(terms.title), ...termHashes(terms.body)]);
}
