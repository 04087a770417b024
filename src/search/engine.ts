import type { Article } from '../core/types.js';
import { parseDateBound } from './date-bounds.js';
import { SEARCH_KEY_VERSION } from './index-keys.js';
import { parseQuery, type ParsedQuery } from './query-parser.js';
import { planQuery, type QueryPlan } from './query-plan.js';
import { collapseCopies, type RankedDoc } from './collapse.js';
import { DEFAULT_RANKING, type RankingParams } from './ranking-params.js';
import { Scorer, skeletonKeysToRead, termPositions, type ScoreResult, type ScoredDoc } from './scorer.js';
import { MatchIndex, byTierAndScore, rerankDepth } from './score-collectors.js';
import { QueryWords, buildHitSnippets, type HitSnippets } from './hit-snippets.js';
import { analyzeTerms } from '../text/index.js';
import { suggestSpelling } from './spelling.js';
import type { AnalyzeTerms, SearchFilter, SearchIndexReader, TimeCursor } from './types.js';

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;
/** The deepest hit a search pages to: a larger offset is read as this one. */
export const MAX_OFFSET = 10_000;

export interface SearchRequest {
  query: string;
  limit?: number;
  offset?: number;
  /** Source slugs (any of them); added to `source:` in the query. */
  sources?: readonly string[];
  /** ISO dates or date-times (a bare date covers the whole day), or epoch ms. */
  from?: string | number | null;
  to?: string | number | null;
  /** The clock, for the recency prior (epoch ms). */
  now: number;
  /**
   * `relevance` (default): best match first. `newest`: the articles that hold every word of the query
   * (each word, phrase or one of OR-ed alternatives), newest first — what a saved search's feed lists.
   */
  sort?: SearchSort;
  /** Also look for a likely mistyped word and offer the corrected query (`suggestion`): costs up to a few ms. */
  suggest?: boolean;
}

export type SearchSort = 'relevance' | 'newest';

/** How newest-first order is found (tests lower them to exercise both ways). */
export interface NewestOptions {
  /**
   * Up to this many matches, each match's time is read and they are sorted. Beyond, the articles are
   * walked newest first, `walkPage` at a time, until the page is full: a word in a large share of the
   * articles then costs a few index pages, not one read per match.
   */
  walkFrom: number;
  walkPage: number;
  /**
   * The walk gives up after reading this many articles per match (the matches are then mostly old, far
   * down the walk) and reads each match's time instead: reading an index entry costs a fraction of
   * looking an article up, so the walk never costs more than a part of what it saves.
   */
  walkBudget: number;
}

export const DEFAULT_NEWEST: NewestOptions = { walkFrom: 2_000, walkPage: 2_000, walkBudget: 4 };

/** The warning of a newest-first search that no article matches with every word (pages offer relevance order). */
export const NO_ARTICLE_HOLDS_ALL_WORDS = 'لا مقال يحوي كل كلمات الاستعلام؛ رتّب النتائج حسب الصلة لترى ما يحوي بعضها';

export interface SearchHit extends HitSnippets {
  article: Article;
  score: number;
  /** Other outlets that carry the same report (collapsed into this hit). */
  alsoIn: number;
}

export interface SearchResponse {
  /** Matching articles (copies of one report counted each). */
  total: number;
  hits: SearchHit[];
  /** Why the query was read differently from how it was typed, or why nothing could be searched. */
  warnings: string[];
  /** Set when nothing was searched: the query had no words, only common words, or an impossible filter. */
  empty: null | 'no-words' | 'only-stopwords' | 'no-match-filter';
  /** With `suggest`: the query with a likely typo corrected ("did you mean"), when one was found. */
  suggestion?: string;
}

/**
 * Arabic search over a SearchIndexReader: parse, plan, score (BM25F + exact form + other spellings of rare
 * words + proximity + head), then a mild recency prior, copies of one report collapsed into one hit, and
 * snippets from the original text.
 */
export class SearchEngine {
  private readonly scorer = new Scorer();

  constructor(
    private readonly reader: SearchIndexReader,
    private readonly analyze: AnalyzeTerms = analyzeTerms,
    private readonly params: RankingParams = DEFAULT_RANKING,
    private readonly newest: NewestOptions = DEFAULT_NEWEST,
  ) {}

  async search(request: SearchRequest): Promise<SearchResponse> {
    if (!request.suggest) return this.run(request);
    const [response, suggestion] = await Promise.all([this.run(request), suggestSpelling(request.query, this.reader, this.analyze)]);
    return suggestion === null ? response : { ...response, suggestion };
  }

  private async run(request: SearchRequest): Promise<SearchResponse> {
    const parsed = parseQuery(request.query);
    const warnings = [...parsed.warnings];
    const limit = clampInt(request.limit ?? DEFAULT_LIMIT, 1, MAX_LIMIT);
    const offset = clampInt(request.offset ?? 0, 0, MAX_OFFSET);
    const plan = planQuery(parsed, this.analyze);
    if (plan.empty) {
      warnings.push(plan.empty === 'only-stopwords' ? 'الاستعلام كلمات شائعة فقط؛ أضف كلمة مميزة' : 'لا كلمات للبحث عنها في الاستعلام');
      return { total: 0, hits: [], warnings, empty: plan.empty };
    }
    const filter = await this.resolveFilter(parsed, request, warnings);
    if (filter === 'impossible') return { total: 0, hits: [], warnings, empty: 'no-match-filter' };

    const statsRead = this.reader.searchStats();
    const [stats, postings, allowed] = await Promise.all([
      statsRead,
      // the skeletons of rare words are read once the words' own postings say which words are rare
      this.reader.searchPostings(plan.keys, async (found) => skeletonKeysToRead(plan, found, await statsRead, this.params)),
      filter ? this.reader.searchFilterIds(filter) : Promise.resolve(null),
    ]);
    if (stats.keyVersion !== SEARCH_KEY_VERSION && stats.docs > 0) warnings.push('فهرس البحث من إصدار أقدم فالنتائج أضعف؛ أعد بناءه بالأمر sada search --reindex');
    if (request.sort === 'newest') {
      const matched = this.scorer.score(plan, postings, stats, this.params, allowed, { match: 'all-words' });
      if (matched.total === 0) warnings.push(NO_ARTICLE_HOLDS_ALL_WORDS);
      const { kept, articles } = await this.newestPage(matched.candidates, offset + limit);
      const page = kept.slice(offset, offset + limit);
      const positions = termPositions(plan, postings, new Set(page.map((p) => p.doc.id)));
      return { total: matched.total, hits: await this.present(page, plan, { ...matched, positions }, articles), warnings, empty: null };
    }
    const params = { ...this.params, candidates: rerankDepth(offset + limit, this.params.candidates) };
    const scored = this.scorer.score(plan, postings, stats, params, allowed, { match: 'relevance', tierSize: this.params.candidates });
    const { kept, articles } = await collapseCopies(this.reader, await this.withPrior(scored.candidates, request.now, params), offset + limit);
    const page = kept.slice(offset, offset + limit);
    return { total: scored.total, hits: await this.present(page, plan, scored, articles), warnings, empty: null };
  }

  /** Combines flags and `source:`/`from:`/`to:` from the query. Null = no filter. */
  private async resolveFilter(parsed: ParsedQuery, request: SearchRequest, warnings: string[]): Promise<SearchFilter | null | 'impossible'> {
    const slugs = [...new Set([...(request.sources ?? []), ...parsed.sources].map((s) => s.trim().toLowerCase()).filter(Boolean))];
    const filter: SearchFilter = {};
    if (slugs.length > 0) {
      const ids = await this.reader.searchSourceIds(slugs);
      for (const slug of slugs) if (!ids.has(slug)) warnings.push(`لا مصدر باسم «${slug}»`);
      if (ids.size === 0) return 'impossible';
      filter.sourceIds = [...ids.values()];
    }
    for (const side of ['from', 'to'] as const) {
      const given = request[side];
      if (typeof given === 'number' && Number.isFinite(given)) {
        filter[side] = given;
        continue;
      }
      const text = given ?? parsed[side];
      if (!text) continue;
      const bound = parseDateBound(String(text), side);
      if (bound === null) warnings.push(`أُهمل ${side}: «${text}» ليس تاريخًا`);
      else filter[side] = bound;
    }
    if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
      warnings.push('نطاق التاريخ فارغ: بدايته بعد نهايته');
      return 'impossible';
    }
    return filter.sourceIds || filter.from !== undefined || filter.to !== undefined ? filter : null;
  }

  /** Applies the recency prior, best first. */
  private async withPrior(candidates: ScoredDoc[], now: number, params: RankingParams): Promise<RankedDoc[]> {
    const infos = await this.reader.searchDocInfo(candidates.map((c) => c.id));
    const halfLife = params.recencyHalfLifeDays * 86_400_000;
    const scored: RankedDoc[] = [];
    for (const c of candidates) {
      const info = infos.get(c.id);
      if (!info) continue; // removed since it was indexed
      const age = Math.max(0, now - info.sortTime);
      const prior = 1 + params.recencyBoost * 2 ** (-age / halfLife);
      scored.push({ doc: { id: c.id, score: c.score * prior, tier: c.tier ?? 0 }, info });
    }
    scored.sort((a, b) => byTierAndScore(a.doc, b.doc));
    return scored;
  }

  /**
   * The first `needed` hits of the matches in newest-first order, copies collapsed. Walking the articles in
   * time order gives the same page as sorting every match: collapsing only looks at hits up to the point
   * where `needed` are kept, and the walk goes on until they are (or every article was seen).
   */
  private async newestPage(matches: ScoredDoc[], needed: number): Promise<{ kept: RankedDoc[]; articles: Map<number, Article> }> {
    const sortEvery = async () => collapseCopies(this.reader, await this.newestFirst(matches), needed);
    if (matches.length <= this.newest.walkFrom) return sortEvery();
    const byId = new MatchIndex(matches);
    const inOrder: ScoredDoc[] = [];
    let before: TimeCursor | null = null;
    let exhausted = false;
    let read = 0;
    // Copies collapse: collect more matches than the page shows, and more again if that was not enough.
    for (let want = needed * 2 + 20; ; want *= 2) {
      while (inOrder.length < want && !exhausted) {
        if (read >= this.newest.walkBudget * matches.length) return sortEvery();
        const page = await this.reader.searchNewest(before, this.newest.walkPage);
        read += page.length;
        for (const article of page) {
          const match = byId.get(article.id);
          if (match) inOrder.push(match);
        }
        if (page.length < this.newest.walkPage) exhausted = true;
        else before = page[page.length - 1]!;
      }
      const result = await collapseCopies(this.reader, await this.newestFirst(inOrder), needed);
      if (result.kept.length >= needed || exhausted) return result;
    }
  }

  /** Matches by publication time, newest first (then highest id); those removed since indexing left out. */
  private async newestFirst(matches: ScoredDoc[]): Promise<RankedDoc[]> {
    const infos = await this.reader.searchDocInfo(matches.map((m) => m.id));
    const ranked: RankedDoc[] = [];
    for (const doc of matches) {
      const info = infos.get(doc.id);
      if (info) ranked.push({ doc, info });
    }
    return ranked.sort((a, b) => b.info.sortTime - a.info.sortTime || b.doc.id - a.doc.id);
  }

  /** `read`: articles already read (by the copy test), not read again. */
  private async present(page: RankedDoc[], plan: QueryPlan, { positions, variantKeys }: ScoreResult, read: ReadonlyMap<number, Article>): Promise<SearchHit[]> {
    if (page.length === 0) return [];
    const missing = page.map((p) => p.doc.id).filter((id) => !read.has(id));
    const [articles, outlets] = await Promise.all([
      missing.length > 0 ? this.reader.getArticles(missing) : Promise.resolve([]),
      this.reader.searchReportOutlets([...new Set(page.map((p) => p.info.reportId))]),
    ]);
    const byId = new Map([...read, ...articles.map((a) => [a.id, a] as const)]);
    const words = new QueryWords(plan, variantKeys);
    const hits: SearchHit[] = [];
    // A rewrite shown beside its group's copy is not counted among the copy's other outlets.
    const shownPerReport = new Map<number, number>();
    for (const { info } of page) shownPerReport.set(info.reportId, (shownPerReport.get(info.reportId) ?? 0) + 1);
    const firstOfReport = new Set<number>();
    for (const { doc, info } of page) {
      const article = byId.get(doc.id);
      if (!article) continue;
      const alsoIn = firstOfReport.has(info.reportId) ? 0 : Math.max(0, (outlets.get(info.reportId) ?? 1) - shownPerReport.get(info.reportId)!);
      firstOfReport.add(info.reportId);
      hits.push({
        article,
        score: Math.round(doc.score * 10_000) / 10_000,
        alsoIn,
        ...buildHitSnippets(article, words, this.analyze, bodyPositions(positions, doc.id)),
      });
    }
    return hits;
  }
}


function bodyPositions(positions: ScoreResult['positions'], doc: number): number[] {
  const out: number[] = [];
  for (const byDoc of positions.values()) out.push(...(byDoc.get(doc)?.body ?? []));
  return out;
}

function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.floor(value)));
}
