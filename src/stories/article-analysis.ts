import { analyzeTerms, contentTerms, shingleHashes, type Terms } from '../text/index.js';
import { contentHash } from '../dedup/content-hash.js';
import { MinHasher } from '../dedup/minhash.js';
import { JUDGE_MODEL, type JudgeModel } from './model.js';
import { type ArticleTerms, type TermProfile, articleTerms, profileTerms } from './profile.js';

/** Words per shingle for near-duplicate fingerprints (content words, normalised). */
export const SHINGLE_WORDS = 3;

/**
 * A body shorter than this many words is identified together with its headline for exact copies: two
 * one-line items with the same text but different headlines are not the same report.
 */
export const MIN_HASHED_BODY_WORDS = 30;

/** Everything the pipeline derives from an article's text, computed once (pure). */
export interface ArticleAnalysis {
  /** The analyzer's output for the headline and the body (search indexing reuses it). */
  title: Terms;
  body: Terms;
  /** Content-word stems of both. */
  terms: ArticleTerms;
  /** What is stored for pair judgement. */
  profile: TermProfile;
  /** Hash of the normalised words: equal for exact copies. */
  contentHash: string;
  /** MinHash signature of the body's content-word shingles, its LSH band keys and the shingle count. */
  minhash: Uint32Array;
  bands: number[];
  shingles: number;
}

export interface AnalysisOptions {
  model?: JudgeModel;
  hasher?: MinHasher;
}

const DEFAULT_HASHER = new MinHasher();

export function analyzeArticle(title: string, text: string, options: AnalysisOptions = {}): ArticleAnalysis {
  const model = options.model ?? JUDGE_MODEL;
  const hasher = options.hasher ?? DEFAULT_HASHER;
  const titleTerms = analyzeTerms(title);
  const bodyTerms = analyzeTerms(text);
  const terms = articleTerms(titleTerms, bodyTerms);
  const hashed = bodyTerms.count >= MIN_HASHED_BODY_WORDS ? bodyTerms.norms : [...titleTerms.norms, '\u0000', ...bodyTerms.norms];
  const shingleSet = new Set(shingleHashes(contentTerms(bodyTerms), SHINGLE_WORDS));
  const minhash = hasher.signature([...shingleSet]);
  return {
    title: titleTerms,
    body: bodyTerms,
    terms,
    profile: profileTerms(terms, model),
    contentHash: contentHash(hashed),
    minhash,
    bands: hasher.bandKeys(minhash),
    shingles: shingleSet.size,
  };
}
