import type { MediaNs } from 'feedsmith';
import type { ParsedFeed } from './types.js';

/** Feed-level fields every adapter fills; items, sitemaps and warnings are added by `parseFeed`. */
export type FeedMeta = Omit<ParsedFeed, 'format' | 'url' | 'items' | 'sitemaps' | 'warnings'>;

export const EMPTY_META: FeedMeta = {
  title: null,
  description: null,
  homepage: null,
  selfUrl: null,
  language: null,
  image: null,
  updated: null,
  ttlMinutes: null,
};

/** Image URLs in Media RSS (media:content of medium image or image type, media:thumbnail), best first. */
export function mediaImages(media: MediaNs.ItemOrFeed | undefined): string[] {
  if (!media) return [];
  const contents = [...(media.contents ?? []), ...(media.groups ?? []).flatMap((g) => g.contents ?? [])];
  const images = contents
    .filter((c) => c.url && (c.medium === 'image' || c.type?.toLowerCase().startsWith('image/')))
    .map((c) => c.url!);
  const thumbnails = [
    ...(media.thumbnails ?? []),
    ...contents.flatMap((c) => c.thumbnails ?? []),
    ...(media.groups ?? []).flatMap((g) => g.thumbnails ?? []),
  ].map((t) => t.url);
  return [...images, ...thumbnails].filter((url): url is string => Boolean(url));
}

const PERIOD_MINUTES: Record<string, number> = { hourly: 60, daily: 1440, weekly: 10080, monthly: 43200, yearly: 525600 };

/** Minutes between updates the publisher suggests: RSS `ttl`, else `sy:updatePeriod` / `sy:updateFrequency`. */
export function ttlMinutes(ttl: number | undefined, sy: { updatePeriod?: string; updateFrequency?: number } | undefined): number | null {
  if (typeof ttl === 'number' && Number.isFinite(ttl) && ttl > 0) return ttl;
  const period = sy?.updatePeriod ? PERIOD_MINUTES[sy.updatePeriod.trim().toLowerCase()] : undefined;
  if (!period) return null;
  const frequency = sy?.updateFrequency && sy.updateFrequency > 0 ? sy.updateFrequency : 1;
  return Math.max(1, Math.round(period / frequency));
}
