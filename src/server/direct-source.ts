import { AppError } from '../core/errors.js';
import type { Source } from '../core/types.js';
import { uniqueSlug } from '../pipeline/add-source.js';
import type { Store } from '../store/store.js';
import type { AddSource, Clock } from './services.js';

/**
 * The `addSource` of a server created without the pipeline's discovery (`sada serve` passes discovery in; tests
 * and embedders may not): the URL is taken to be a feed and stored as is (the scheduler verifies it on first
 * fetch).
 */
export function directFeedSource(store: Store, clock: Clock): AddSource {
  return async (raw: string): Promise<Source> => {
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      throw new AppError('BAD_INPUT', `not a URL: ${raw.slice(0, 200)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError('BAD_INPUT', 'only http and https URLs can be sources');
    url.hash = '';
    const feedUrl = url.href;
    if (await store.getSourceByFeedUrl(feedUrl)) throw new AppError('CONFLICT', `a source with feed ${feedUrl} already exists`);
    // The same slug rule as `sada sources add` (the pipeline's), so a source gets one name whichever way it came in.
    const slug = await uniqueSlug(store, feedUrl, feedUrl);
    return store.addSource({ slug, url: feedUrl, feedUrl, kind: 'feed', title: url.hostname.replace(/^www\./, ''), homepage: url.origin }, clock());
  };
}
