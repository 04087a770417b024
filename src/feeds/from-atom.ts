import type { AtomFeed } from 'feedsmith';
import type { Adapted } from './from-rss.js';
import { text } from './from-rss.js';
import { mediaImages } from './feed-meta.js';
import { parseFeedDate } from './dates.js';
import { resolveBase, resolveHttpUrl } from './urls.js';

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
      const contentIsText = content?.type === 'text' || content?.type === 'text/plain';
      return {
        base: entryBase,
        guid: entry.id,
        guidIsPermalink: true,
        links: [alternateLink(entry.links), content?.src],
        title: entry.title?.value,
        published: [entry.published, ...((entry as { dc?: { dates?: string[] } }).dc?.dates ?? [])],
        updated: [entry.updated],
        authors: [...(entry.authors ?? []), ...(entry.contributors ?? [])].map((a) => a.name),
        categories: (entry.categories ?? []).map((c) => c.label ?? c.term),
        contentHtml: contentIsText ? null : content?.value,
        contentText: contentIsText ? content?.value : null,
        summaryHtml: entry.summary?.type === 'text' ? escapeText(entry.summary.value) : entry.summary?.value,
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

function atomText(value: AtomFeed.Text | undefined): string | null {
  if (!value?.value) return null;
  return value.type === 'text' || !value.type ? value.value.replace(/\s+/g, ' ').trim() || null : text(value.value);
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
