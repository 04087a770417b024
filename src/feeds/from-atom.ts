import type { AtomFeed } from 'feedsmith';
import type { Adapted } from './from-rss.js';
import { text } from './from-rss.js';
import { mediaImages } from './feed-meta.js';
import { parseFeedDate } from './dates.js';
import { resolveBase, resolveHttpUrl } from './urls.js';
import { textAsHtml } from './html-text.js';

type Entry = AtomFeed.Entry<string> & { xml?: { base?: string; lang?: string } };
type Link = AtomFeed.Link<string>;

/** Atom 1.0 and 0.3 (feedsmith maps 0.3's issued/modified onto published/updated). */
export function fromAtom(feed: AtomFeed.Feed<string> & { xml?: { base?: string; lang?: string } }, url: string): Adapted<Entry> {
  const base = resolveBase(feed.xml?.base, url);
  const language = feed.xml?.lang?.trim() || null;
  return {
    meta: {
      title: atomText(feed.title),
      description: atomText(feed.subtitle),
      homepage: resolveHttpUrl(alternateLink(feed.links), base),
      selfUrl: resolveHttpUrl(feed.links?.find((l) => l.rel === 'self')?.href, base),
      language,
      image: resolveHttpUrl(feed.logo ?? feed.icon, base),
      updated: parseFeedDate(feed.updated),
      ttlMinutes: null,
    },
    entries: (feed.entries ?? []) as Entry[],
    toRawItem: (entry) => {
      const entryBase = resolveBase(entry.xml?.base, base);
      const content = entry.content;
      const contentKind = constructKind(content?.type);
      return {
        base: entryBase,
        guid: entry.id,
        guidIsPermalink: true,
        links: [alternateLink(entry.links), content?.src],
        title: asHtml(entry.title),
        published: [entry.published, ...((entry as { dc?: { dates?: string[] } }).dc?.dates ?? [])],
        updated: [entry.updated],
        // person names and category labels are plain text (RFC 4287 §3.2, §4.2.2); the builder reads HTML
        authors: [...(entry.authors ?? []), ...(entry.contributors ?? [])].map((a) => textAsHtml(a.name)),
        categories: (entry.categories ?? []).map((c) => textAsHtml(c.label ?? c.term)),
        contentHtml: contentKind === 'html' ? content?.value : null,
        contentText: contentKind === 'text' ? content?.value : null,
        summaryHtml: asHtml(entry.summary),
        images: mediaImages((entry as { media?: Parameters<typeof mediaImages>[0] }).media),
        enclosures: (entry.links ?? [])
          .filter((l) => l.rel === 'enclosure')
          .map((l) => ({ url: l.href, type: l.type, length: l.length })),
        lang: entry.xml?.lang ?? language,
      };
    },
  };
}

/** rel=alternate (or no rel) link, preferring an HTML one. */
function alternateLink(links: Link[] | undefined): string | undefined {
  const alternates = (links ?? []).filter((l) => !l.rel || l.rel === 'alternate');
  const html = alternates.find((l) => !l.type || /html/i.test(l.type));
  return (html ?? alternates[0])?.href;
}

/**
 * How an Atom text construct (RFC 4287 §3.1) or content element (§4.1.3) is to be read, from its `type`:
 * "text" or none is plain text, "html" escaped HTML, "xhtml" inline markup (feedsmith hands both over as
 * markup, with the one level of XML escaping undone). Atom 0.3 names MIME types instead, text/plain by
 * default. Null: a media type carried as base64, which has no text to read.
 */
function constructKind(type: string | undefined): 'text' | 'html' | null {
  const t = type?.trim().toLowerCase();
  if (!t || t === 'text' || (t.startsWith('text/') && t !== 'text/html')) return 'text';
  if (t === 'html' || t === 'xhtml' || t === 'text/html' || /[/+]xml$/.test(t)) return 'html';
  return null;
}

/** A text construct as HTML, the form the item builder reads titles and summaries in. */
function asHtml(value: AtomFeed.Text | undefined): string | null {
  if (!value?.value) return null;
  const kind = constructKind(value.type);
  return kind === 'text' ? textAsHtml(value.value) : kind === 'html' ? value.value : null;
}

/** A feed-level text construct as plain text. */
function atomText(value: AtomFeed.Text | undefined): string | null {
  if (!value?.value) return null;
  const kind = constructKind(value.type);
  return kind === 'text' ? value.value.replace(/\s+/g, ' ').trim() || null : kind === 'html' ? text(value.value) : null;
}
