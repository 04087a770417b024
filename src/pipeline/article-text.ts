import { segmentTextPage } from '../extract/index.js';
import { analyzeArticle, type ArticleAnalysis } from '../stories/article-analysis.js';
import type { JudgeModel } from '../stories/model.js';

export interface EngineText {
  analysis: ArticleAnalysis;
  /** The agency or outlet the text names as its source (attribution lines, datelines), if any. */
  attribution: string | null;
}

/**
 * How the story engine reads an article, in the pipeline and in `sada pairs` alike: the article alone —
 * pasted "read also" articles, lists of related headlines and standalone attribution lines are left out of
 * the analysis (the stored text is never altered) — then analysed once.
 */
export function analyzeForEngine(title: string, text: string, model: JudgeModel): EngineText {
  const page = segmentTextPage(text);
  return { analysis: analyzeArticle(title, page.text || text, { model }), attribution: page.attribution.sources[0] ?? null };
}
