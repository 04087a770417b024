import { AppError } from '../../core/errors.js';
import { toIso } from '../../core/time.js';
import { MAX_OFFSET } from '../../search/engine.js';
import type { Store } from '../../store/store.js';
import { sortTime, type Reader } from '../read/reader.js';
import type { AddSource, SnippetSpan } from '../services.js';
import type { SearchRunner } from '../search-runner.js';
import { decodeCursor, encodeCursor, keysetOf, offsetOf } from './cursor.js';
import { route, type ApiRoute } from './define.js';
import { articleJson, fullArticleJson, sourceJson, sourceStatusJson, storyJson, storySummaryJson } from './json.js';
import {
  ArticleList,
  ArticlesQuery,
  FullArticleJson,
  IdParams,
  NewSourceBody,
  RelatedJson,
  SearchJson,
  SearchQuery,
  SourceJson,
  SourceList,
  StoriesQuery,
  StoryDetailJson,
  StoryList,
} from './schemas.js';

export interface ApiDeps {
  store: Store;
  reader: Reader;
  search: SearchRunner;
  addSource: AddSource;
  /** Called after sources change (caches of outlet names). */
  onSourcesChanged(): void;
}

/** Every operation of `/api/v1`, in the order the OpenAPI document lists them. */
export function apiRoutes(deps: ApiDeps): ApiRoute[] {
  const { store, reader } = deps;
  const notFound = (what: string, id: number) => new AppError('NOT_FOUND', `no ${what} with id ${id}`);

  return [
    route({
      method: 'get',
      path: '/stories',
      operationId: 'listStories',
      summary: 'Stories, most important first (or most recent with sort=recent)',
      tag: 'stories',
      query: StoriesQuery,
      response: StoryList,
      async handle({ query }) {
        const cursor = decodeCursor(query.cursor);
        if (query.sort === 'recent') {
          const stories = await reader.recentStories(keysetOf(cursor), query.limit + 1);
          const page = stories.slice(0, query.limit);
          const cards = await Promise.all(page.map((s) => reader.card(s)));
          const last = page[page.length - 1];
          return {
            stories: cards.map(storyJson),
            next_cursor: stories.length > query.limit && last ? encodeCursor({ t: last.lastSeen, id: last.id }) : null,
          };
        }
        const offset = offsetOf(cursor);
        const { cards, more } = await reader.topStories(offset, query.limit);
        return { stories: cards.map(storyJson), next_cursor: more ? encodeCursor({ o: offset + query.limit }) : null };
      },
    }),
    route({
      method: 'get',
      path: '/stories/{id}',
      operationId: 'getStory',
      summary: "A story's full coverage: every outlet, copies grouped, the first report and related stories",
      tag: 'stories',
      params: IdParams,
      response: StoryDetailJson,
      async handle({ params }) {
        const detail = await reader.storyDetail(params.id);
        if (!detail) throw notFound('story', params.id);
        return {
          story: storyJson(detail),
          first_report: detail.firstReport ? articleJson(detail.firstReport) : null,
          groups: detail.groups.map((g) => ({ outlets: g.outlets, articles: g.members.map(articleJson) })),
          related_stories: detail.relatedStories.map(storySummaryJson),
        };
      },
    }),
    route({
      method: 'get',
      path: '/articles',
      operationId: 'listArticles',
      summary: 'Stored articles, newest first (by publication time, else arrival)',
      tag: 'articles',
      query: ArticlesQuery,
      response: ArticleList,
      errors: ['NOT_FOUND'],
      async handle({ query }) {
        const before = keysetOf(decodeCursor(query.cursor));
        let sourceId: number | undefined;
        if (query.source) {
          // also an outlet no longer followed: its stored articles stay listed
          const source = await store.findSource({ slug: query.source });
          if (!source) throw new AppError('NOT_FOUND', `no source with slug ${query.source}`);
          sourceId = source.id;
        }
        const rows = await store.listArticles({ limit: query.limit + 1, reportsOnly: !query.copies, ...(sourceId !== undefined ? { sourceId } : {}), ...(before ? { before } : {}) });
        const page = rows.slice(0, query.limit);
        const last = page[page.length - 1];
        return {
          articles: await Promise.all(page.map(async (a) => articleJson(await reader.view(a)))),
          next_cursor: rows.length > query.limit && last ? encodeCursor({ t: sortTime(last), id: last.id }) : null,
        };
      },
    }),
    route({
      method: 'get',
      path: '/articles/{id}',
      operationId: 'getArticle',
      summary: 'One article with its text',
      tag: 'articles',
      params: IdParams,
      response: FullArticleJson,
      async handle({ params }) {
        const article = await store.getArticle(params.id);
        if (!article) throw notFound('article', params.id);
        return fullArticleJson(await reader.view(article));
      },
    }),
    route({
      method: 'get',
      path: '/articles/{id}/related',
      operationId: 'getRelated',
      summary: "The article's other coverage of the same story and its related reading",
      tag: 'articles',
      params: IdParams,
      response: RelatedJson,
      async handle({ params }) {
        const detail = await reader.articleDetail(params.id);
        if (!detail) throw notFound('article', params.id);
        return {
          article: articleJson(detail.view),
          read_also: detail.readAlso ? articleJson(detail.readAlso) : null,
          same_story: detail.otherCoverage.map(articleJson),
          related: [...(detail.readAlso ? [detail.readAlso] : []), ...detail.similar].map(articleJson),
        };
      },
    }),
    route({
      method: 'get',
      path: '/search',
      operationId: 'search',
      summary: 'Arabic-aware full-text search with source and date filters',
      tag: 'search',
      query: SearchQuery,
      response: SearchJson,
      limit: 'search',
      async handle({ query }) {
        const offset = offsetOf(decodeCursor(query.cursor));
        const result = await deps.search.page(query, offset);
        return {
          total: result.total,
          hits: result.hits.map((h) => ({
            id: h.article.id,
            url: h.article.url,
            title: h.article.title,
            source: h.article.source,
            published: toIso(h.article.published),
            score: h.score,
            snippet: h.snippet,
            highlights: h.highlights.map(spanPair),
            title_highlights: h.titleHighlights.map(spanPair),
            also_in: h.alsoIn,
          })),
          ...(result.suggestion !== undefined ? { suggestion: result.suggestion } : {}),
          ...(result.warnings && result.warnings.length > 0 ? { warnings: result.warnings } : {}),
          // the engine reads an offset past its deepest as that one: such a cursor would repeat the page
          next_cursor: result.more && offset + query.limit <= MAX_OFFSET ? encodeCursor({ o: offset + query.limit }) : null,
        };
      },
    }),
    route({
      method: 'get',
      path: '/sources',
      operationId: 'listSources',
      summary: 'Sources with their fetch status',
      tag: 'sources',
      response: SourceList,
      async handle() {
        return { sources: (await store.listSources()).map(sourceStatusJson) };
      },
    }),
    route({
      method: 'post',
      path: '/sources',
      operationId: 'addSource',
      summary: 'Adds a source from a feed, sitemap or homepage URL (admin)',
      tag: 'sources',
      body: NewSourceBody,
      response: SourceJson,
      status: 201,
      admin: true,
      // the URL is fetched to find its feed
      errors: ['FETCH_FAILED', 'TIMEOUT', 'PARSE_FAILED', 'BLOCKED_ADDRESS'],
      async handle({ body }) {
        const source = await deps.addSource(body.url);
        deps.onSourcesChanged();
        return sourceJson(source);
      },
    }),
    route({
      method: 'delete',
      path: '/sources/{id}',
      operationId: 'removeSource',
      summary: 'Removes a source; its articles stay (admin)',
      tag: 'sources',
      params: IdParams,
      status: 204,
      admin: true,
      async handle({ params }) {
        if (!(await store.removeSource(params.id))) throw notFound('source', params.id);
        deps.onSourcesChanged();
        return null;
      },
    }),
  ];
}

function spanPair(span: SnippetSpan): [number, number] {
  return [span.start, span.end];
}
