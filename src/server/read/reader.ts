import type { Article, RelatedEntry, Story } from '../../core/types.js';
import type { Store } from '../../store/store.js';
import { rankStories, DEFAULT_RANK, type RankOptions } from './rank.js';
import { outletName, type SourceDirectory } from './source-names.js';

/**
 * The read model behind the pages, the API and the feeds: it turns stored stories, articles and related lists
 * into what a reader sees. One place, so the three outputs agree.
 */

export interface ArticleView {
  article: Article;
  /** Display name of the outlet. */
  outlet: string;
  /** Display name of whoever first reported it, when this article is a copy or cites one. */
  origin: string | null;
  isCopy: boolean;
}

export interface OutletCount {
  slug: string;
  name: string;
  articles: number;
}

export interface StoryCard {
  story: Story;
  headline: ArticleView | null;
  outlets: OutletCount[];
}

/** Articles carrying the same report (a wire text and its copies), earliest first. */
export interface CoverageGroup {
  members: ArticleView[];
  outlets: number;
}

export interface StoryDetail extends StoryCard {
  firstReport: ArticleView | null;
  groups: CoverageGroup[];
  timeline: ArticleView[];
  relatedStories: Story[];
}

export interface ArticleDetail {
  view: ArticleView;
  story: Story | null;
  readAlso: ArticleView | null;
  otherCoverage: ArticleView[];
  similar: ArticleView[];
  /**
   * When the article has neither related reading nor other coverage: the same outlet's articles published
   * just before it, so that the page still leads somewhere (labelled as the outlet's, never as related).
   */
  fromOutlet: ArticleView[];
}

/** One line of a newest-first listing: the article, and its story when other outlets cover it too. */
export interface LatestItem {
  view: ArticleView;
  story: Story | null;
}

export interface LatestQuery {
  /** One outlet's articles, its copies of other outlets' reports included; else every report once. */
  sourceId?: number;
  before?: { time: number; id: number };
  limit: number;
}

export interface ReaderOptions {
  /** Stories considered for the front page (the most recently active ones). */
  topWindow: number;
  rank: RankOptions;
  /**
   * How long a front-page listing is reused, in ms. Every reader sees the same front page, which changes only
   * as articles arrive; a few seconds of reuse turns most front-page requests into no database work.
   */
  topCacheMs: number;
}

const DEFAULTS: ReaderOptions = { topWindow: 300, rank: DEFAULT_RANK, topCacheMs: 5_000 };

export const sortTime = (a: Article): number => a.published ?? a.ingestedAt;

export class Reader {
  private readonly options: ReaderOptions;
  private topCache = new Map<string, { at: number; value: Promise<{ cards: StoryCard[]; more: boolean }> }>();

  constructor(
    private readonly store: Store,
    readonly sources: SourceDirectory,
    private readonly clock: () => number,
    options: Partial<ReaderOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Front-page stories: ranked window, sliced by offset (reused for `topCacheMs`). */
  topStories(offset: number, limit: number): Promise<{ cards: StoryCard[]; more: boolean }> {
    const now = this.clock();
    const key = `${offset}:${limit}`;
    const hit = this.topCache.get(key);
    if (hit && now - hit.at < this.options.topCacheMs && now >= hit.at) return hit.value;
    const value = this.computeTopStories(offset, limit);
    if (this.topCache.size > 100) this.topCache.clear();
    this.topCache.set(key, { at: now, value });
    value.catch(() => this.topCache.delete(key));
    return value;
  }

  /** Forgets cached listings (after sources change). */
  clearCache(): void {
    this.topCache.clear();
  }

  private async computeTopStories(offset: number, limit: number): Promise<{ cards: StoryCard[]; more: boolean }> {
    const window = await this.store.listStories({ limit: this.options.topWindow });
    const ranked = rankStories(window, this.options.rank);
    const page = ranked.slice(offset, offset + limit);
    const cards = await Promise.all(page.map((s) => this.card(s)));
    return { cards, more: ranked.length > offset + limit };
  }

  /** Stories by recency (keyset), for the API's `sort=recent`. */
  async recentStories(before: { time: number; id: number } | undefined, limit: number): Promise<Story[]> {
    return this.store.listStories({ limit, ...(before ? { before } : {}) });
  }

  /** Articles newest first, a keyset page of them; `next` continues after the last one. */
  async latest(query: LatestQuery): Promise<{ items: LatestItem[]; next: { time: number; id: number } | null }> {
    const { sourceId, before, limit } = query;
    const rows = await this.store.listArticles({ limit: limit + 1, reportsOnly: sourceId === undefined, withText: false, ...(sourceId !== undefined ? { sourceId } : {}), ...(before ? { before } : {}) });
    const page = rows.slice(0, limit);
    const storyIds = [...new Set(page.flatMap((a) => (a.storyId != null ? [a.storyId] : [])))];
    const stories = new Map((await Promise.all(storyIds.map((id) => this.store.getStory(id)))).flatMap((s) => (s && s.sources > 1 ? [[s.id, s] as const] : [])));
    const items = await Promise.all(page.map(async (a) => ({ view: await this.view(a), story: (a.storyId != null && stories.get(a.storyId)) || null })));
    const last = page[page.length - 1];
    return { items, next: rows.length > limit && last ? { time: sortTime(last), id: last.id } : null };
  }

  async card(story: Story, members?: Article[]): Promise<StoryCard> {
    const articles = members ?? (await this.storyArticles(story.id));
    const headlineArticle = articles.find((a) => a.id === story.titleArticleId) ?? articles[0] ?? null;
    const counts = new Map<number, OutletCount>();
    for (const a of articles) {
      const entry = counts.get(a.sourceId) ?? { slug: a.source, name: await this.sources.name(a.sourceId, a.source), articles: 0 };
      entry.articles++;
      counts.set(a.sourceId, entry);
    }
    const outlets = [...counts.values()].sort((x, y) => y.articles - x.articles || x.name.localeCompare(y.name, 'ar'));
    return { story, headline: headlineArticle ? await this.view(headlineArticle) : null, outlets };
  }

  async storyArticles(storyId: number): Promise<Article[]> {
    const ids = await this.store.storyArticleIds(storyId);
    return this.store.getArticles(ids);
  }

  async storyDetail(id: number): Promise<StoryDetail | null> {
    const story = await this.store.getStory(id);
    if (!story) return null;
    const articles = (await this.storyArticles(id)).sort((a, b) => sortTime(a) - sortTime(b) || a.id - b.id);
    const card = await this.card(story, articles);
    const views = await Promise.all(articles.map((a) => this.view(a)));
    const byGroup = new Map<number, ArticleView[]>();
    for (const v of views) {
      const key = v.article.duplicateOf ?? v.article.id;
      const list = byGroup.get(key) ?? [];
      list.push(v);
      byGroup.set(key, list);
    }
    const groups = [...byGroup.values()].map((members) => ({ members, outlets: new Set(members.map((m) => m.article.sourceId)).size }));
    const firstId = story.firstArticleId ?? articles[0]?.id ?? null;
    const firstReport = views.find((v) => v.article.id === firstId) ?? null;
    return { ...card, firstReport, groups, timeline: views, relatedStories: await this.relatedStories(story, articles) };
  }

  /** Other stories that this story's articles list as related reading, strongest first. */
  private async relatedStories(story: Story, articles: Article[]): Promise<Story[]> {
    const entries = (await Promise.all(articles.slice(0, 50).map((a) => this.store.getRelated(a.id)))).flat().filter((e) => e.kind === 'related');
    const targets = await this.store.getArticles([...new Set(entries.map((e) => e.relatedId))]);
    const storyOf = new Map(targets.map((a) => [a.id, a.storyId]));
    const weight = new Map<number, number>();
    for (const e of entries) {
      const sid = storyOf.get(e.relatedId);
      if (sid == null || sid === story.id) continue;
      weight.set(sid, (weight.get(sid) ?? 0) + e.score);
    }
    const ids = [...weight.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([sid]) => sid);
    const stories = await Promise.all(ids.map((sid) => this.store.getStory(sid)));
    return stories.filter((s): s is Story => s !== null);
  }

  async articleDetail(id: number): Promise<ArticleDetail | null> {
    const article = await this.store.getArticle(id);
    if (!article) return null;
    const [view, story, related] = await Promise.all([
      this.view(article),
      article.storyId != null ? this.store.getStory(article.storyId) : Promise.resolve(null),
      this.store.getRelated(id),
    ]);
    const sameStory = await this.sameStory(article, related);
    const relatedEntries = related.filter((e) => e.kind === 'related').sort(byRank);
    const relatedArticles = await this.store.getArticles(relatedEntries.map((e) => e.relatedId));
    const fromOtherStories = relatedArticles.filter((a) => a.id !== id && (a.storyId == null || a.storyId !== article.storyId));
    const [first, ...rest] = fromOtherStories;
    const fromOutlet = first || sameStory.length > 0 ? [] : await this.store.listArticles({ sourceId: article.sourceId, before: { time: sortTime(article), id: article.id }, limit: 5, withText: false });
    return {
      view,
      story,
      readAlso: first ? await this.view(first) : null,
      otherCoverage: await Promise.all(sameStory.map((a) => this.view(a))),
      similar: await Promise.all(rest.slice(0, 6).map((a) => this.view(a))),
      fromOutlet: await Promise.all(fromOutlet.map((a) => this.view(a))),
    };
  }

  /** The same story's coverage by other outlets: the engine's ranked list, else the story's members. */
  private async sameStory(article: Article, related: RelatedEntry[]): Promise<Article[]> {
    const ranked = related.filter((e) => e.kind === 'same_story').sort(byRank);
    let candidates: Article[];
    if (ranked.length > 0) candidates = await this.store.getArticles(ranked.map((e) => e.relatedId));
    else if (article.storyId != null) candidates = (await this.storyArticles(article.storyId)).sort((a, b) => sortTime(a) - sortTime(b));
    else candidates = [];
    const seen = new Set<number>([article.sourceId]);
    const out: Article[] = [];
    for (const a of candidates) {
      if (a.id === article.id || seen.has(a.sourceId)) continue;
      seen.add(a.sourceId);
      out.push(a);
      if (out.length >= 10) break;
    }
    return out;
  }

  async view(article: Article): Promise<ArticleView> {
    const outlet = await this.sources.name(article.sourceId, article.source);
    const isCopy = article.duplicateOf != null && article.duplicateOf !== article.id;
    let origin: string | null = null;
    if (article.origin && article.origin.trim()) {
      const name = outletName(article.origin.trim());
      if (name !== outlet) origin = name;
    }
    return { article, outlet, origin, isCopy };
  }
}

const byRank = (a: RelatedEntry, b: RelatedEntry) => a.rank - b.rank;
