import { AppError } from '../core/errors.js';
import type { Source } from '../core/types.js';
import { slugFree } from '../pipeline/add-source.js';
import type { Store } from '../store/store.js';
import type { AddSource, Clock } from './services.js';

/**
 * The fallback `addSource` until the pipeline's discovery is wired in: the URL is taken to be a feed and stored
 * as is (the scheduler verifies it on first fetch). Slugs come from the host name, made unique.
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
    const base = slugFromHost(url.hostname);
    let slug = base;
    for (let n = 2; !(await slugFree(store, slug, feedUrl)); n++) slug = `${base}-${n}`;
    return store.addSource({ slug, url: feedUrl, feedUrl, kind: 'feed', title: url.hostname.replace(/^www\./, ''), homepage: url.origin }, clock());
  };
}

export function slugFromHost(hostname: string): string {
  const host = hostname.toLowerCase().replace(/^www\./, '');
  const labels = host.split('.').filter(Boolean);
  const main = labels.length > 1 ? labels.slice(0, -1).join('-') : (labels[0] ?? 'source');
  return main.replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'source';
}
