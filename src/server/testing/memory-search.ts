import type { Article } from '../../core/types.js';
import type { Store } from '../../store/store.js';
import type { SearchFilters, SearchHit, SearchResult, SearchService, SnippetSpan } from '../services.js';

/**
 * A small in-memory inverted index implementing `SearchService`, for the server's tests and load benchmark
 * while the real Arabic search (`src/search`) is wired separately. It does light Arabic normalisation
 * (diacritics, alef/ya/ta-marbuta forms, the article ال and one-letter proclitics) and idf-weighted matching.
 */

const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;
const TOKEN = /[\p{L}\p{N}]+/gu;

export function normalizeTerm(token: string): string {
  let t = token.toLowerCase().replace(DIACRITICS, '').replace(/[أإآٱ]/g, 'ا').replace(/ى/g, 'ي').replace(/ة/g, 'ه');
  const strip = /^(?:[وفبكل]?ال|لل)(?=\p{L}{2,})/u;
  t = t.replace(strip, '');
  if (t.length > 3 && /^[وفب]/.test(t)) t = t.replace(/^[وفب]ال?/, '');
  return t;
}

function tokens(text: string): { term: string; start: number; end: number }[] {
  const out: { term: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(TOKEN)) out.push({ term: normalizeTerm(m[0]), start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  return out;
}

export class MemorySearch implements SearchService {
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly articles = new Map<number, Article>();

  static async build(store: Store): Promise<MemorySearch> {
    const index = new MemorySearch();
    let before: { time: number; id: number } | undefined;
    for (;;) {
      const page = await store.listArticles({ limit: 1000, ...(before ? { before } : {}) });
      for (const a of page) index.add(a);
      const last = page[page.length - 1];
      if (!last || page.length < 1000) break;
      before = { time: last.published ?? last.ingestedAt, id: last.id };
    }
    return index;
  }

  add(article: Article): void {
    this.articles.set(article.id, article);
    const weights = new Map<string, number>();
    for (const t of tokens(article.title)) weights.set(t.term, (weights.get(t.term) ?? 0) + 3);
    for (const t of tokens(article.text)) weights.set(t.term, (weights.get(t.term) ?? 0) + 1);
    for (const [term, w] of weights) {
      let list = this.postings.get(term);
      if (!list) this.postings.set(term, (list = new Map()));
      list.set(article.id, w);
    }
  }

  async search(query: string, filters: SearchFilters): Promise<SearchResult> {
    const terms = [...new Set(tokens(query).map((t) => t.term))].filter((t) => t.length > 0);
    const scores = new Map<number, number>();
    const n = this.articles.size || 1;
    for (const term of terms) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = Math.log(1 + n / list.size);
      for (const [id, w] of list) scores.set(id, (scores.get(id) ?? 0) + idf * (1 + Math.log(w)));
    }
    const sources = filters.sources ? new Set(filters.sources) : null;
    const matches: { article: Article; score: number }[] = [];
    for (const [id, score] of scores) {
      const a = this.articles.get(id);
      if (!a) continue;
      const time = a.published ?? a.ingestedAt;
      if (sources && !sources.has(a.source)) continue;
      if (filters.from !== undefined && time < filters.from) continue;
      if (filters.to !== undefined && time > filters.to) continue;
      matches.push({ article: a, score });
    }
    matches.sort((x, y) => y.score - x.score || y.article.id - x.article.id);
    const offset = filters.offset ?? 0;
    const hits: SearchHit[] = matches.slice(offset, offset + filters.limit).map(({ article, score }) => ({ article, score, ...snippet(article.text, new Set(terms)) }));
    return { total: matches.length, hits };
  }
}

function snippet(text: string, terms: Set<string>, width = 160): { snippet: string; highlights: SnippetSpan[] } {
  const all = tokens(text);
  const first = all.find((t) => terms.has(t.term));
  const start = first ? Math.max(0, text.lastIndexOf(' ', Math.max(0, first.start - 40)) + 1) : 0;
  const end = Math.min(text.length, start + width);
  const window = text.slice(start, end).replace(/\s/g, ' ');
  const highlights = all.filter((t) => terms.has(t.term) && t.start >= start && t.end <= end).map((t) => ({ start: t.start - start, end: t.end - start }));
  return { snippet: window, highlights };
}
