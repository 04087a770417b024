import type { Article } from '../core/types.js';
import { exactKey, stemKey } from './index-keys.js';
import type { QueryPlan } from './query-plan.js';
import { highlightAll, makeSnippet, type Snippet } from './snippet.js';
import type { Analyze, AnalyzedToken } from './types.js';

/** Only the start of a very long article is searched for a snippet. */
export const SNIPPET_SCAN_CHARS = 30_000;

export interface HitSnippets {
  snippet: Snippet;
  /** Spans of the title (UTF-16 offsets) that matched. */
  titleHighlights: [number, number][];
}

/** Snippet and title marks for one hit, located by re-analysing the original title and text. */
export function buildHitSnippets(article: Article, plan: QueryPlan, analyze: Analyze): HitSnippets {
  const stems = new Set<string>();
  const exacts = new Set<string>();
  for (const unit of plan.units) {
    for (const alt of unit.alternatives) {
      for (const t of alt.terms) {
        stems.add(t.stemKey);
        exacts.add(t.exactKey);
      }
    }
  }
  const matchOf = (token: AnalyzedToken) => {
    if (token.stop || !token.stem) return null;
    const key = stemKey(token.stem);
    if (!stems.has(key)) return null;
    // The word as typed weighs more than another form of it.
    return { key, weight: exacts.has(exactKey(token.norm)) ? 1.5 : 1 };
  };
  const text = article.text.length > SNIPPET_SCAN_CHARS ? article.text.slice(0, SNIPPET_SCAN_CHARS) : article.text;
  const snippet = makeSnippet(text, analyze(text), matchOf);
  const titleHighlights = highlightAll(article.title, analyze(article.title), (t) => matchOf(t) !== null);
  return { snippet, titleHighlights };
}
