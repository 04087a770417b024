import type { SourceWithStatus, Source, Story } from '../../core/types.js';
import { toIso } from '../../core/time.js';
import type { ArticleView, StoryCard } from '../read/reader.js';
import type { z } from 'zod';
import type { ArticleJson, FullArticleJson, SourceJson, SourceStatusJson, StoryJson } from './schemas.js';

/** Domain objects to the API's JSON shapes (schemas.ts). */

export function articleJson(v: ArticleView): z.output<typeof ArticleJson> {
  const a = v.article;
  return {
    id: a.id,
    url: a.url,
    canonical_url: a.canonicalUrl,
    title: a.title,
    source: a.source,
    source_title: v.outlet,
    published: toIso(a.published),
    summary: a.summary,
    author: a.author,
    origin: v.origin ?? a.origin,
    duplicate_of: a.duplicateOf,
    story_id: a.storyId,
  };
}

export function fullArticleJson(v: ArticleView): z.output<typeof FullArticleJson> {
  return { ...articleJson(v), text: v.article.text, category: v.article.category, tags: v.article.tags };
}

export function storySummaryJson(s: Story) {
  return {
    id: s.id,
    title: s.title,
    articles: s.articles,
    sources: s.sources,
    first_seen: toIso(s.firstSeen) ?? '',
    last_seen: toIso(s.lastSeen) ?? '',
  };
}

export function storyJson(card: StoryCard): z.output<typeof StoryJson> {
  return { ...storySummaryJson(card.story), outlets: card.outlets.map((o) => ({ slug: o.slug, name: o.name, articles: o.articles })) };
}

export function sourceJson(s: Source): z.output<typeof SourceJson> {
  return { id: s.id, slug: s.slug, url: s.url, feed_url: s.feedUrl, title: s.title, kind: s.kind };
}

export function sourceStatusJson(s: SourceWithStatus): z.output<typeof SourceStatusJson> {
  return {
    ...sourceJson(s),
    articles: s.articles,
    last_fetch: toIso(s.lastFetch),
    last_error: s.lastError,
    next_check: toIso(s.nextCheck),
    paused: s.paused,
  };
}
