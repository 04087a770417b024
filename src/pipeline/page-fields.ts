import { extractArticle } from '../extract/index.js';
import type { PageFields } from './refresh-source.js';

/**
 * Reads an article page fetched for a summary-only feed item: its clean text (boilerplate, read-also blocks and
 * related links removed) and the metadata the feed may lack. Returns null when the page holds no article text.
 */
export function pageFieldsFromHtml(html: string, url: string, now: number): PageFields | null {
  const page = extractArticle(html, { url, now });
  if (!page.text.trim()) return null;
  const fields: PageFields = { text: page.text };
  if (page.title) fields.title = page.title;
  if (page.published !== null) fields.published = page.published;
  if (page.authors.length > 0) fields.author = page.authors.join('، ');
  if (page.image) fields.image = page.image;
  if (page.lang) fields.lang = page.lang;
  if (page.tags.length > 0) fields.tags = page.tags;
  return fields;
}
