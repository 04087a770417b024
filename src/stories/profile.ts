import { contentTerms, type Terms } from '../text/index.js';
import { hashString32 } from '../dedup/hash32.js';
import { JUDGE_MODEL, type JudgeModel } from './model.js';
import type { SparseVector } from './sparse-vector.js';
import { idfOfCount, type TermStats } from './term-stats.js';

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
  /** The IDF of each term of `full` (every term of the article), in its order. */
  idf: Float64Array;
  /** The sums its weights were scaled by. */
  sums: WeighingSums;
}

/** What weighing a term profile sums over all its terms: the only part of a weighing that needs every term. */
export interface WeighingSums {
  /** Length of the whole-article vector before it was made unit length. */
  fullNorm: number;
  /** Length of the opening's vector before it was made unit length. */
  leadNorm: number;
  /** Total weight of the head (its idf², each rounded to float32 as the vector stores it). */
  headWeight: number;
}

/**
 * A stored article weighed only as far as comparing it needs: its term profile and the sums of its
 * weighing. Most candidates share a few dozen of their terms with the article they are compared with, and
 * the weights of those follow from the counts and the IDF the other article's weighing already holds
 * (`ProfileProbe.features`), so a candidate is never spread into vectors of its own.
 */
export interface TermWeighing extends WeighingSums {
  terms: TermProfile;
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

/** logTf of the small counts almost every term has, computed once by the same expression. */
const LOG_TF = Float64Array.from({ length: 256 }, (_, n) => logTf(n));

/** 1 + ln n (0 for 0): the term-frequency factor of a weight. */
export function logTfOf(n: number): number {
  return n < 256 ? LOG_TF[n]! : logTf(n);
}

/**
 * IDF by document frequency for one corpus size: a term's IDF depends on nothing else, and most terms are
 * in few documents, so a weighing looks the logarithm up instead of taking it (same expression, same bits).
 */
const idfTables: Array<{ docCount: number; values: Float64Array }> = [];
/** Tables kept: the pipeline weighs in the windows of a few days in turn, each with its own corpus size. */
const IDF_TABLES = 4;

/** The IDF table for a corpus of `docCount` documents (the least recently used one reused for a new size). */
function idfTable(docCount: number): Float64Array {
  const at = idfTables.findIndex((t) => t.docCount === docCount);
  if (at === 0) return idfTables[0]!.values;
  const table = at > 0 ? idfTables.splice(at, 1)[0]! : idfTables.length < IDF_TABLES ? { docCount: -1, values: new Float64Array(4096) } : idfTables.pop()!;
  if (table.docCount !== docCount) {
    table.docCount = docCount;
    table.values.fill(NaN);
  }
  idfTables.unshift(table);
  return table.values;
}

function idfOf(table: Float64Array, docCount: number, df: number): number {
  if (df >= table.length) return idfOfCount(docCount, df);
  let w = table[df]!;
  if (Number.isNaN(w)) table[df] = w = idfOfCount(docCount, df);
  return w;
}

/** weighProfile's per-term IDF and weights, as the vectors store them (reused: weighings run one at a time). */
let scratch = { idf: new Float64Array(1024), full: new Float32Array(1024), lead: new Float32Array(1024) };

/**
 * A stored article's side of its comparisons in the window of `stats` (see TermWeighing): the sums alone
 * (most weighings are of stored articles, again after every fold). `idfInto`, when given, receives each
 * term's IDF, which is what weighProfile builds its vectors from.
 */
export function weighTerms(p: TermProfile, stats: TermStats, model: JudgeModel = JUDGE_MODEL, idfInto?: Float64Array): TermWeighing {
  const { keys, flags: termFlags, body: bodyCounts, lead: leadCounts } = p;
  const docCount = stats.docCount;
  const idfs = idfTable(docCount);
  const titleWeight = model.titleWeight;
  let fullNorm = 0;
  let leadNorm = 0;
  let headWeight = 0;
  for (let i = 0; i < keys.length; i++) {
    const w = idfOf(idfs, docCount, stats.docFrequency(keys[i]!));
    if (idfInto) idfInto[i] = w;
    const flags = termFlags[i]!;
    const f = logTfOf(bodyCounts[i]!) * w + (flags & IN_TITLE ? titleWeight * w : 0);
    const l = LOG_TF[leadCounts[i]!]! * w;
    fullNorm += f * f;
    leadNorm += l * l;
    if (flags & IN_HEAD) headWeight += Math.fround(w * w);
  }
  return { terms: p, fullNorm: Math.sqrt(fullNorm), leadNorm: Math.sqrt(leadNorm), headWeight };
}

/**
 * Applies the corpus statistics: the weighted profile of the article being judged (the probe's side; `judge`
 * compares two). Its sums are weighTerms's; each weight is computed again from the IDF that pass recorded, by
 * the same expression, so the vectors hold exactly what was summed. Its eight arrays share one buffer (one
 * allocation instead of eight).
 */
export function weighProfile(p: TermProfile, stats: TermStats, model: JudgeModel = JUDGE_MODEL): ArticleProfile {
  const { keys, flags: termFlags, body: bodyCounts, lead: leadCounts } = p;
  const n = keys.length;
  if (scratch.idf.length < n) {
    const size = 2 ** Math.ceil(Math.log2(n));
    scratch = { idf: new Float64Array(size), full: new Float32Array(size), lead: new Float32Array(size) };
  }
  const { idf: idfW, full: fullW, lead: leadW } = scratch;
  const { fullNorm, leadNorm, headWeight } = weighTerms(p, stats, model, idfW);
  const rareIdf = Math.log(model.rareDocs);
  const titleWeight = model.titleWeight;
  let fullCount = 0;
  let leadCount = 0;
  let headCount = 0;
  let rareCount = 0;
  for (let i = 0; i < n; i++) {
    const w = idfW[i]!;
    const flags = termFlags[i]!;
    // The expressions weighTerms summed, stored as float32 as the vectors hold them.
    const f = (fullW[i] = logTfOf(bodyCounts[i]!) * w + (flags & IN_TITLE ? titleWeight * w : 0));
    const l = (leadW[i] = LOG_TF[leadCounts[i]!]! * w);
    // Weights are never small enough to round to zero in float32 (an IDF is at least about PRIOR_DOCS / N).
    if (f > 0) fullCount++;
    if (l > 0) leadCount++;
    if (flags & IN_HEAD) headCount++;
    if (w >= rareIdf) rareCount++;
  }
  const buffer = new ArrayBuffer(8 * fullCount + 4 * (2 * (fullCount + leadCount + headCount) + rareCount));
  // The eight arrays one after another in the buffer, the float64 one first (its offset must be a multiple of 8).
  const idf = new Float64Array(buffer, 0, fullCount);
  let at = 8 * fullCount;
  const fullKeys = new Uint32Array(buffer, at, fullCount);
  const fullValues = new Float32Array(buffer, (at += 4 * fullCount), fullCount);
  at += 4 * fullCount;
  const leadKeys = new Uint32Array(buffer, at, leadCount);
  const leadValues = new Float32Array(buffer, (at += 4 * leadCount), leadCount);
  at += 4 * leadCount;
  const headKeys = new Uint32Array(buffer, at, headCount);
  const headValues = new Float32Array(buffer, (at += 4 * headCount), headCount);
  at += 4 * headCount;
  const rare = new Uint32Array(buffer, at, rareCount);
  // Locals rather than the vectors' fields: the loop then stores into arrays it holds (10% faster).
  for (let i = 0, fi = 0, li = 0, hi = 0, ri = 0; i < n; i++) {
    const key = keys[i]!;
    const w = idfW[i]!;
    const f = fullW[i]!;
    if (f > 0) {
      fullKeys[fi] = key;
      idf[fi] = w;
      fullValues[fi++] = f / fullNorm;
    }
    const l = leadW[i]!;
    if (l > 0) {
      leadKeys[li] = key;
      leadValues[li++] = l / leadNorm;
    }
    if (termFlags[i]! & IN_HEAD) {
      headKeys[hi] = key;
      headValues[hi++] = w * w;
    }
    if (w >= rareIdf) rare[ri++] = key;
  }
  return { full: { keys: fullKeys, values: fullValues }, lead: { keys: leadKeys, values: leadValues }, head: { keys: headKeys, values: headValues }, rare, idf, sums: { fullNorm, leadNorm, headWeight } };
}

/** Profile straight from terms (pair judgement outside the pipeline, tests). */
export function buildProfile(terms: ArticleTerms, stats: TermStats, model: JudgeModel = JUDGE_MODEL): ArticleProfile {
  return weighProfile(profileTerms(terms, model), stats, model);
}

/** All distinct term hashes of an article: what it contributes to document frequencies. */
export function documentTerms(terms: ArticleTerms): Set<number> {
  return new Set([...termHashes(terms.title), ...termHashes(terms.body)]);
}
