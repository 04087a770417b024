import { errorMessage } from '../core/errors.js';
import type { Source, SourceWithStatus } from '../core/types.js';
import { toIso } from '../core/time.js';
import { buildOpml, type OpmlImport } from '../feeds/index.js';
import type { Store } from '../store/store.js';
import { slugFree, storeSource } from './add-source.js';
import { BUILTIN_SOURCES } from './builtin-sources.js';

/** Polled sources (not the `import:` names imported articles are filed under). */
export async function polledSources(store: Store): Promise<SourceWithStatus[]> {
  return (await store.listSources()).filter((s) => s.kind !== 'import');
}

/** Adds the built-in outlets when no polled source exists yet; returns how many were added. */
export async function ensureDefaultSources(store: Store, now: number): Promise<number> {
  if ((await polledSources(store)).length > 0) return 0;
  let added = 0;
  for (const outlet of BUILTIN_SOURCES) {
    if (await store.getSourceByFeedUrl(outlet.feedUrl)) continue;
    // The outlet's own slug unless another source holds it, a removed one included (its articles keep it);
    // the outlet's removed source itself is revived under it.
    await storeSource(
      store,
      { url: outlet.homepage, feedUrl: outlet.feedUrl, kind: 'feed', title: outlet.name, homepage: outlet.homepage },
      { country: outlet.country, slug: (await slugFree(store, outlet.slug, outlet.feedUrl)) ? outlet.slug : null },
      now,
    );
    added++;
  }
  return added;
}

export interface OpmlImportSummary {
  added: number;
  existing: number;
  errors: number;
  messages: string[];
}

/**
 * Adds the feeds of an OPML file without probing them (their kind is settled at the first fetch). Feeds
 * already present are counted, invalid outlines reported; nothing stops the import.
 */
export async function importOpml(store: Store, parsed: OpmlImport, now: number): Promise<OpmlImportSummary> {
  const summary: OpmlImportSummary = { added: 0, existing: 0, errors: parsed.warnings.length, messages: [...parsed.warnings] };
  for (const entry of parsed.entries) {
    if (await store.getSourceByFeedUrl(entry.xmlUrl)) {
      summary.existing++;
      continue;
    }
    try {
      await storeSource(store, { url: entry.xmlUrl, feedUrl: entry.xmlUrl, kind: 'feed', title: entry.title, homepage: entry.htmlUrl }, {}, now);
      summary.added++;
    } catch (error) {
      summary.errors++;
      summary.messages.push(`${entry.xmlUrl}: ${errorMessage(error)}`);
    }
  }
  return summary;
}

/** OPML 2.0 of every polled source, grouped by country. */
export async function exportOpml(store: Store, now: number): Promise<string> {
  const sources = await polledSources(store);
  return buildOpml(
    sources.map((s) => ({ title: s.title, xmlUrl: s.feedUrl, htmlUrl: s.homepage, category: s.country })),
    { title: 'مصادر صدى', now },
  );
}

/** The `sources list --json` row (CONTRACT.md: status fields `last_fetch`, `last_error`, `articles`, `next_check`). */
export function sourceRow(s: SourceWithStatus) {
  return {
    id: s.id,
    slug: s.slug,
    url: s.url,
    feed_url: s.feedUrl,
    title: s.title,
    kind: s.kind,
    homepage: s.homepage,
    country: s.country,
    articles: s.articles,
    last_fetch: toIso(s.lastFetch),
    last_success: toIso(s.lastSuccess),
    last_error: s.lastError,
    consecutive_errors: s.consecutiveErrors,
    next_check: toIso(s.nextCheck),
    interval_seconds: s.intervalSeconds,
    paused: s.paused,
  };
}

/** The `sources add --json` object. */
export function addedRow(s: Source) {
  return { id: s.id, slug: s.slug, url: s.url, feed_url: s.feedUrl, title: s.title, kind: s.kind };
}
