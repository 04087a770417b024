/** The formats every feed out is written in, and how an address asks for one (pages link to both). */

export type FeedFormat = 'atom' | 'rss';

/** A feed's address in `format`; Atom is the default, so its address names none. */
export function feedAddress(path: string, format: FeedFormat): string {
  return format === 'atom' ? path : `${path}${path.includes('?') ? '&' : '?'}format=${format}`;
}
