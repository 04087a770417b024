import { compareKeys } from './bytes.js';
import { exactKey, stemKey } from './index-keys.js';
import type { AnalyzedToken, IndexDocument, IndexTerm } from './types.js';

/** Positions beyond this many content words of a field are not indexed (hostile or absurdly long text). */
export const MAX_FIELD_TOKENS = 20_000;

/**
 * Turns an article's analysed title and body into the document the index stores. Stopwords are left out
 * and positions count content words only, so "ليبيا على حافة" keeps ليبيا and حافة adjacent.
 */
export function buildIndexDocument(articleId: number, title: readonly AnalyzedToken[], body: readonly AnalyzedToken[]): IndexDocument {
  const terms = new Map<string, IndexTerm>();
  const add = (key: string, field: 'title' | 'body', position: number) => {
    let term = terms.get(key);
    if (!term) {
      term = { key, title: [], body: [] };
      terms.set(key, term);
    }
    term[field].push(position);
  };
  const lengths = { title: 0, body: 0 };
  for (const [field, tokens] of [['title', title], ['body', body]] as const) {
    let position = 0;
    for (const token of tokens) {
      if (!isContentToken(token)) continue;
      if (position >= MAX_FIELD_TOKENS) break;
      add(stemKey(token.stem), field, position);
      add(exactKey(token.norm), field, position);
      position++;
    }
    lengths[field] = position;
  }
  return { articleId, titleLength: lengths.title, bodyLength: lengths.body, terms: sortTerms([...terms.values()]) };
}

/** Sorts terms by the UTF-8 bytes of their keys: the order of every index structure. */
export function sortTerms(terms: IndexTerm[]): IndexTerm[] {
  return terms.sort((a, b) => compareKeys(a.key, b.key));
}

/** Words that are indexed and counted in positions: everything but stopwords (and empty stems). */
export function isContentToken(token: AnalyzedToken): boolean {
  return !token.stop && token.stem !== '';
}
