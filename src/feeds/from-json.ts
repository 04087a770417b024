import type { JsonFeed } from 'feedsmith';
import type { Adapted } from './from-rss.js';
import { resolveHttpUrl } from './urls.js';
import { textAsHtml, textWithEntities } from './html-text.js';

type Item = JsonFeed.Item<string> & { author?: JsonFeed.Author };

/**
 * JSON Feed 1.0 and 1.1 (1.0's single `author` is read as well as 1.1's `authors`). Titles, summaries, names
 * and tags are plain text in this format (only `content_html` is HTML), though titles, names and tags often
 * carry HTML entities in practice.
 */
export function fromJson(feed: JsonFeed.Feed<string> & { author?: JsonFeed.Author }, url: string): Adapted<Item> {
  const base = resolveHttpUrl(feed.feed_url, url) ?? url;
  return {
    meta: {
      title: feed.title?.trim() || null,
      description: feed.description?.trim() || null,
      homepage: resolveHttpUrl(feed.home_page_url, url),
      selfUrl: resolveHttpUrl(feed.feed_url, url),
      language: feed.language?.trim() || null,
      image: resolveHttpUrl(feed.icon ?? feed.favicon, url),
      updated: null,
      ttlMinutes: null,
    },
    entries: (feed.items ?? []) as Item[],
    toRawItem: (item) => ({
      base,
      guid: item.id === undefined || item.id === null ? null : String(item.id),
      guidIsPermalink: false,
      links: [item.url, item.external_url],
      title: textWithEntities(item.title),
      published: [item.date_published],
      updated: [item.date_modified],
      authors: [...(item.authors ?? []), ...(item.author ? [item.author] : [])].map((a) => textWithEntities(a.name)),
      categories: (item.tags ?? []).map((tag) => textWithEntities(tag)),
      contentHtml: item.content_html,
      contentText: item.content_text,
      summaryHtml: item.summary ? textAsHtml(item.summary) : null,
      images: [item.image, item.banner_image],
      enclosures: (item.attachments ?? []).map((a) => ({ url: a.url, type: a.mime_type, length: a.size_in_bytes })),
      lang: item.language ?? feed.language,
    }),
  };
}
