import { BODY_LENGTH, PostingsCursor, forEachPosting } from './postings.js';
import { adjacentCount, collectPositions, phraseDocs, type FieldPositions } from './positions.js';
import type { PlanAlternative, PlanTerm, QueryPlan } from './query-plan.js';
import type { RankingParams } from './ranking-params.js';
import type { IndexStats, PostingsPart } from './types.js';
import { Accumulator, TopHeap, byTierAndScore, rerankTier, type ScoredDoc } from './score-collectors.js';

export type { ScoredDoc } from './score-collectors.js';

/** How the scorer picks its candidates. */
export interface ScoreOptions {
  /**
   * `relevance`: any document with a query word, the best `params.candidates` by score (boosts added).
   * `all-words`: every document holding every unit of the query (a word, a phrase, one of OR-ed
   * alternatives), with its BM25F score and no boosts, in no order: the caller orders them (by time).
   */
  match: 'relevance' | 'all-words';
  /**
   * `relevance`: re-rank the first-stage ranking in bands of this size (`rerankTier`), so that a deeper
   * request continues a shallower one. Default: `params.candidates` (one band).
   */
  tierSize?: number;
}

export interface ScoreResult {
  /** Documents that match (required phrases present, nothing excluded, inside the filter). */
  total: number;
  /**
   * The best `params.candidates` of them, best first, with proximity already added; with `all-words`,
   * every match, unordered, positions not read.
   */
  candidates: ScoredDoc[];
  /** Where each query word (stem key) occurs in each candidate: for proximity, and for snippets. */
  positions: ReadonlyMap<string, ReadonlyMap<number, FieldPositions>>;
  /** Skeleton keys of the query words whose other spellings were matched (for highlighting). */
  variantKeys: ReadonlySet<string>;
}

/** A word in at most this many documents is rare, however small the collection. */
const MIN_RARE_DF = 3;
/** A rare word's skeleton is read when it is in at most this many times as many documents as a rare word. */
const SKELETON_SPREAD = 4;

/** Whether a word in `df` of `docs` documents is rare enough for its other spellings to count. */
function isRare(df: number, docs: number, params: RankingParams): boolean {
  return df <= Math.max(MIN_RARE_DF, params.variantMaxDf * Math.max(1, docs));
}

/**
 * The skeleton keys the scorer will read for this plan: those of its rare words, known once the words'
 * exact-form postings are read (`SearchIndexReader.searchPostings`'s `more`). Asking for them only then
 * keeps every other word's skeleton out of the block reads (one block per key and segment).
 */
export function skeletonKeysToRead(plan: QueryPlan, postings: ReadonlyMap<string, readonly PostingsPart[]>, stats: IndexStats, params: RankingParams): string[] {
  if (params.variantShare <= 0) return [];
  const keys = new Set<string>();
  for (const unit of plan.units) {
    for (const alt of unit.alternatives) {
      for (const t of alt.terms) if (t.skeletonKey !== null && isRare(dfOf(postings.get(t.exactKey)), stats.docs, params)) keys.add(t.skeletonKey);
    }
  }
  return [...keys];
}

/** Where each query word (stem key) occurs in the given documents. */
export function termPositions(plan: QueryPlan, postings: ReadonlyMap<string, readonly PostingsPart[]>, docs: ReadonlySet<number>): Map<string, Map<number, FieldPositions>> {
  const positions = new Map<string, Map<number, FieldPositions>>();
  for (const unit of plan.units) {
    for (const alt of unit.alternatives) {
      for (const t of alt.terms) if (!positions.has(t.stemKey)) positions.set(t.stemKey, collectPositions(postings.get(t.stemKey), docs));
    }
  }
  return positions;
}

/**
 * BM25F over stems with an exact-form share, other spellings of rare words in documents without the word
 * itself, OR-units scored by their best alternative, required and excluded phrases; then, on the best
 * candidates, boosts for query words adjacent in the document and for query words in its head (title and
 * lead). Keeps its scratch arrays between queries, so one Scorer serves many queries (not concurrently).
 */
export class Scorer {
  private readonly main = new Accumulator();
  private readonly unit = new Accumulator();
  private readonly alt = new Accumulator();
  private readonly own = new Accumulator();
  private readonly variant = new Accumulator();
  /** With `all-words`: how many of the query's units each document holds. */
  private readonly units = new Accumulator();
  /** With `all-words`: one word of a several-word alternative, and how many of its words each document holds. */
  private readonly word = new Accumulator();
  private readonly wordCount = new Accumulator();
  private variantKeys = new Set<string>();
  /** Documents of each phrase, within one `score` call: a phrase is both a unit and a requirement of it. */
  private readonly phrases = new Map<string, Set<number>>();

  score(plan: QueryPlan, postings: ReadonlyMap<string, readonly PostingsPart[]>, stats: IndexStats, params: RankingParams, allowed: ReadonlySet<number> | null, options: ScoreOptions = { match: 'relevance' }): ScoreResult {
    const model = new Bm25(stats, params);
    const idf = (key: string) => model.idf(dfOf(postings.get(key)));
    const allWords = options.match === 'all-words';
    this.variantKeys = new Set();
    this.phrases.clear();
    try {
      for (const unit of plan.units) {
        if (unit.alternatives.length === 1 && !allWords) {
          for (const term of unit.alternatives[0]!.terms) this.addTerm(this.main, term, postings, model);
          continue;
        }
        if (unit.alternatives.length === 1) {
          // The best of one alternative is that alternative: straight into the totals (a common word's
          // 100,000 matches then take one pass fewer).
          this.scoreAlternative(unit.alternatives[0]!, postings, model, allWords);
          for (const doc of this.alt.touched) {
            const score = this.alt.scores[doc]!;
            if (score <= 0) continue;
            this.main.add(doc, score);
            this.units.add(doc, 1);
          }
          this.alt.clear();
          continue;
        }
        for (const alternative of unit.alternatives) {
          this.scoreAlternative(alternative, postings, model, allWords);
          for (const doc of this.alt.touched) if (this.alt.scores[doc]! > 0) this.unit.max(doc, this.alt.scores[doc]!);
          this.alt.clear();
        }
        for (const doc of this.unit.touched) {
          this.main.add(doc, this.unit.scores[doc]!);
          if (allWords) this.units.add(doc, 1);
        }
        this.unit.clear();
      }

      const required = plan.units.filter((u) => u.required).map((u) => this.phraseDocs(u.alternatives[0]!.terms.map((t) => t.stemKey), postings));
      const excluded = new Set<number>();
      for (const term of plan.excludedTerms) for (const doc of docsOf(postings.get(term.stemKey))) excluded.add(doc);
      for (const phrase of plan.excludedPhrases) for (const doc of this.phraseDocs(phrase.map((t) => t.stemKey), postings)) excluded.add(doc);

      let total = 0;
      const heap = new TopHeap(params.candidates);
      const scores = this.main.scores;
      const filtered = excluded.size > 0 || allowed !== null || required.length > 0;
      const matches: ScoredDoc[] = [];
      for (const doc of this.main.touched) {
        if (filtered && (excluded.has(doc) || (allowed && !allowed.has(doc)) || !required.every((set) => set.has(doc)))) continue;
        if (allWords) {
          if (this.units.scores[doc] !== plan.units.length) continue;
          matches.push({ id: doc, score: scores[doc]! });
          total++;
          continue;
        }
        total++;
        heap.push(doc, scores[doc]!);
      }
      if (allWords) return { total, candidates: matches, positions: new Map(), variantKeys: this.variantKeys };
      const candidates = heap.sorted();
      const tierSize = options.tierSize ?? params.candidates;
      if (candidates.length > tierSize) for (let i = tierSize; i < candidates.length; i++) candidates[i]!.tier = rerankTier(i, tierSize);
      const positions = termPositions(plan, postings, new Set(candidates.map((c) => c.id)));
      this.addProximity(candidates, plan.pairs, positions, params, idf);
      addHead(candidates, plan, positions, params, idf);
      candidates.sort(byTierAndScore);
      return { total, candidates, positions, variantKeys: this.variantKeys };
    } finally {
      this.main.clear();
      this.units.clear();
      this.word.clear();
      this.wordCount.clear();
      this.unit.clear();
      this.alt.clear();
      this.own.clear();
      this.variant.clear();
    }
  }

  /** `everyTerm`: the alternative counts only in documents that hold all its words. */
  private scoreAlternative(alternative: PlanAlternative, postings: ReadonlyMap<string, readonly PostingsPart[]>, model: Bm25, everyTerm = false): void {
    if (everyTerm && alternative.terms.length > 1 && !alternative.phrase) {
      for (const term of alternative.terms) {
        this.addTerm(this.word, term, postings, model);
        for (const doc of this.word.touched) {
          this.alt.add(doc, this.word.scores[doc]!);
          this.wordCount.add(doc, 1);
        }
        this.word.clear();
      }
      for (const doc of this.alt.touched) if (this.wordCount.scores[doc] !== alternative.terms.length) this.alt.scores[doc] = 0;
      this.wordCount.clear();
      return;
    }
    for (const term of alternative.terms) this.addTerm(this.alt, term, postings, model);
    if (!alternative.phrase) return;
    // A phrase alternative counts only where the phrase occurs.
    const docs = this.phraseDocs(alternative.terms.map((t) => t.stemKey), postings);
    for (const doc of this.alt.touched) if (!docs.has(doc)) this.alt.scores[doc] = 0;
  }

  private phraseDocs(keys: readonly string[], postings: ReadonlyMap<string, readonly PostingsPart[]>): Set<number> {
    const id = keys.join('\u0000');
    let docs = this.phrases.get(id);
    if (!docs) this.phrases.set(id, (docs = phraseDocs(keys, postings)));
    return docs;
  }

  private addTerm(target: Accumulator, term: PlanTerm, postings: ReadonlyMap<string, readonly PostingsPart[]>, model: Bm25): void {
    const { stemShare, variantShare } = model.params;
    const stemParts = postings.get(term.stemKey);
    const exactParts = postings.get(term.exactKey);
    const exactDf = dfOf(exactParts);
    // Names and loanwords are rare words, and they are where spellings vary (بوتين / بوتن).
    const skeletonParts = term.skeletonKey !== null && variantShare > 0 && isRare(exactDf, model.docs, model.params) ? postings.get(term.skeletonKey) : undefined;
    // A skeleton in many more documents than a rare word reaches is mostly other words: little worth, much work.
    const variantParts = skeletonParts && isRare(dfOf(skeletonParts) / SKELETON_SPREAD, model.docs, model.params) ? skeletonParts : undefined;
    const own = variantParts ? this.own : target;
    model.accumulate(own, stemParts, stemShare * model.idf(dfOf(stemParts)), true);
    model.accumulate(own, exactParts, (1 - stemShare) * model.idf(exactDf), false);
    if (!variantParts) return;
    // Another spelling counts only in documents without the word itself.
    model.accumulate(this.variant, variantParts, variantShare * model.idf(dfOf(variantParts)), false);
    for (const doc of own.touched) target.add(doc, own.scores[doc]!);
    let used = false;
    for (const doc of this.variant.touched) {
      if (own.has(doc)) continue;
      target.add(doc, this.variant.scores[doc]!);
      used = true;
    }
    if (used) this.variantKeys.add(term.skeletonKey!);
    own.clear();
    this.variant.clear();
  }

  private addProximity(candidates: ScoredDoc[], pairs: readonly [PlanTerm, PlanTerm][], positions: ReadonlyMap<string, ReadonlyMap<number, FieldPositions>>, params: RankingParams, idf: (key: string) => number): void {
    if (pairs.length === 0 || candidates.length === 0 || params.proximityWeight === 0) return;
    for (const [a, b] of pairs) {
      const pa = positions.get(a.stemKey);
      const pb = positions.get(b.stemKey);
      if (!pa || !pb) continue;
      const weight = params.proximityWeight * Math.min(idf(a.stemKey), idf(b.stemKey));
      for (const c of candidates) {
        const x = pa.get(c.id);
        const y = pb.get(c.id);
        if (!x || !y) continue;
        const together = params.titleWeight * adjacentCount(x.title, y.title) + params.bodyWeight * adjacentCount(x.body, y.body);
        if (together > 0) c.score += (weight * together) / (together + params.k1);
      }
    }
  }
}

/**
 * The head of an article — its title and the first words of its text — says what it is about, and a reader
 * who recalls an article recalls those words. Each query word gets up to `headWeight` × its idf, decaying
 * with the position where the document first uses it (title words count as position 0, the text follows):
 * headWords / (headWords + position). A unit scores its best alternative (the sum over its words).
 */
function addHead(candidates: ScoredDoc[], plan: QueryPlan, positions: ReadonlyMap<string, ReadonlyMap<number, FieldPositions>>, params: RankingParams, idf: (key: string) => number): void {
  if (params.headWeight === 0 || candidates.length === 0) return;
  const scale = params.headWords;
  for (const c of candidates) {
    let bonus = 0;
    for (const unit of plan.units) {
      let best = 0;
      for (const alt of unit.alternatives) {
        let sum = 0;
        for (const t of alt.terms) {
          const at = positions.get(t.stemKey)?.get(c.id);
          if (!at) continue;
          const first = at.title.length > 0 ? 0 : at.body.length > 0 ? at.body[0]! : -1;
          if (first >= 0) sum += (idf(t.stemKey) * scale) / (scale + first);
        }
        best = Math.max(best, sum);
      }
      bonus += best;
    }
    c.score += params.headWeight * bonus;
  }
}


function dfOf(parts: readonly PostingsPart[] | undefined): number {
  let df = 0;
  for (const p of parts ?? []) df += p.df;
  return df;
}

function docsOf(parts: readonly PostingsPart[] | undefined): number[] {
  const out: number[] = [];
  for (const part of parts ?? []) {
    const cursor = new PostingsCursor(part.bytes, true);
    while (cursor.next()) if (!part.stale?.has(cursor.doc)) out.push(cursor.doc);
  }
  return out;
}

/** BM25F with per-field length normalisation; lengths come quantised in each posting. */
class Bm25 {
  private readonly titleNorm = new Float64Array(256);
  private readonly bodyNorm = new Float64Array(256);
  readonly docs: number;

  constructor(
    stats: IndexStats,
    readonly params: RankingParams,
  ) {
    this.docs = Math.max(1, stats.docs);
    const avgTitle = Math.max(1, stats.titleTokens / this.docs);
    const avgBody = Math.max(1, stats.bodyTokens / this.docs);
    for (let code = 0; code < 256; code++) {
      this.titleNorm[code] = params.titleWeight / (1 - params.titleB + (params.titleB * code) / avgTitle);
      this.bodyNorm[code] = params.bodyWeight / (1 - params.bodyB + (params.bodyB * BODY_LENGTH[code]!) / avgBody);
    }
  }

  idf(df: number): number {
    if (df <= 0) return 0;
    const n = Math.max(this.docs, df);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  accumulate(target: Accumulator, parts: readonly PostingsPart[] | undefined, weight: number, positional: boolean): void {
    if (!parts || weight <= 0) return;
    const k1 = this.params.k1;
    const titleNorm = this.titleNorm;
    const bodyNorm = this.bodyNorm;
    for (const part of parts) {
      const stale = part.stale && part.stale.size > 0 ? part.stale : null;
      forEachPosting(part.bytes, positional, (doc, titleLength, bodyCode, tfTitle, tfBody) => {
        if (stale?.has(doc)) return;
        const tf = tfTitle * titleNorm[titleLength]! + tfBody * bodyNorm[bodyCode]!;
        if (tf > 0) target.add(doc, (weight * tf) / (tf + k1));
      });
    }
  }
}
