import type { ArticleInput } from '../core/types.js';
import type { FeedItem } from './types.js';

/**
 * The pipeline's input for a feed item, or null when the item has no article URL. The text is the feed's
 * body as plain text; when `item.isPartial` the pipeline should replace it with the extracted page.
 */
export function feedItemToArticleInput(item: FeedItem, source: string): ArticleInput | null {
  if (!item.link) return null;
  return {
    url: item.link,
    source,
    title: item.title ?? '',
    text: item.text,
    published: item.published ?? item.updated,
    author: item.authors.length ? item.authors.join('، ') : null,
    summary: item.summary,
    category: item.categories[0] ?? null,
    tags: item.categories,
    image: item.image,
    lang: item.lang,
    externalId: item.guid,
  };
}
