/**
 * The few parameters of the ranking model. Defaults come from the dev-set measurements recorded in
 * docs/BENCHMARKS.md; they are deliberately round numbers (the model is flat around them).
 */
export interface RankingParams {
  /** BM25 term-frequency saturation. */
  k1: number;
  /** BM25F field weights: a word in the title counts this many times a word in the body. */
  titleWeight: number;
  bodyWeight: number;
  /** BM25 length normalisation per field (0 = none, 1 = full). */
  titleB: number;
  bodyB: number;
  /**
   * Share of a word's weight earned by any form with the same stem; the rest needs the exact form (the
   * word without its clitics). Below about 0.45 a document holding only other forms of a word can never
   * outscore, on that word, a document of similar length that holds the word itself.
   */
  stemShare: number;
  /**
   * Another spelling of a rare query word (same skeleton: بوتين / بوتن) earns this share of a word's weight
   * in documents that lack the word itself. Rare: its exact form is in at most `variantMaxDf` of the
   * documents (or in at most 3).
   */
  variantShare: number;
  variantMaxDf: number;
  /** Weight of the boost for query words that stand next to each other in the document too. */
  proximityWeight: number;
  /**
   * Head boost: each query word earns up to headWeight × its idf when the title or the start of the text
   * holds it, decaying as headWords / (headWords + position of its first use).
   */
  headWeight: number;
  headWords: number;
  /** Recency prior: a fresh article's score is multiplied by up to 1 + recencyBoost. */
  recencyBoost: number;
  recencyHalfLifeDays: number;
  /** How many top documents are re-ranked with proximity, head, recency and copies collapsed. */
  candidates: number;
}

export const DEFAULT_RANKING: Readonly<RankingParams> = Object.freeze({
  k1: 1.2,
  titleWeight: 2.5,
  bodyWeight: 1,
  titleB: 0.5,
  bodyB: 0.75,
  stemShare: 0.4,
  variantShare: 0.5,
  variantMaxDf: 0.005,
  proximityWeight: 1,
  headWeight: 1.2,
  headWords: 30,
  recencyBoost: 0.1,
  recencyHalfLifeDays: 14,
  candidates: 100,
});
