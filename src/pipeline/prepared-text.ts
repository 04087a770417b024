import { buildIndexDocument } from '../search/index-document.js';
import type { IndexDocument } from '../search/types.js';
import type { ArticleAnalysis } from '../stories/article-analysis.js';
import { headTermHashes } from '../stories/candidate-keys.js';
import type { JudgeModel } from '../stories/model.js';
import type { TermProfile } from '../stories/profile.js';
import { analyzeForEngine } from './article-text.js';

/**
 * What the pipeline needs from an article's text before it touches the database: everything that depends
 * on the text alone. Computed once per article, in the pipeline or ahead of it in a worker thread; the
 * result is the same either way (plain data, no corpus statistics).
 */
export interface PreparedText {
  /** Hash of the normalised words: equal for exact copies. */
  contentHash: string;
  /** The stored term profile (weighed later with the corpus statistics of that moment). */
  profile: TermProfile;
  minhash: Uint32Array;
  bands: number[];
  shingles: number;
  /** Head term hashes in text order: candidate keys are chosen among them. */
  head: number[];
  /** The agency or outlet the text names as its source, if any. */
  attribution: string | null;
}

/** The prepared text together with the full analysis it came from (inline preparation keeps both). */
export interface AnalysedArticle {
  prepared: PreparedText;
  analysis: ArticleAnalysis;
}

export function prepareText(title: string, text: string, model: JudgeModel): AnalysedArticle {
  const { analysis, attribution } = analyzeForEngine(title, text, model);
  return {
    analysis,
    prepared: {
      contentHash: analysis.contentHash,
      profile: analysis.profile,
      minhash: analysis.minhash,
      bands: analysis.bands,
      shingles: analysis.shingles,
      head: headTermHashes(analysis.terms, model),
      attribution,
    },
  };
}

/** An article's prepared text; `analysis` when it was analysed in this thread, `token` when in the worker. */
export interface ArticleText {
  prepared: PreparedText;
  analysis?: ArticleAnalysis;
  /** Names the article's search document kept in the worker thread. */
  token?: number;
}

/** The search document of an analysed article (its id filled in once stored). */
export function indexDocumentOf(articleId: number, analysis: ArticleAnalysis): IndexDocument {
  return buildIndexDocument(articleId, analysis.title, analysis.body);
}
