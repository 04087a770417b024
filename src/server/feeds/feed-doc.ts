/**
 * A feed as the routes build it, before it is written in one syndication format (Atom or RSS). Every string
 * may come from a hostile feed or page: the writers escape them.
 */

export interface FeedEntry {
  /** Permanent IRI identifying the entry. */
  id: string;
  title: string;
  /** Epoch ms. */
  updated: number;
  published?: number | null;
  /** The page the entry points to. */
  link: string;
  authors?: string[];
  /** Plain text. */
  summary?: string;
  categories?: string[];
}

export interface FeedDoc {
  id: string;
  title: string;
  subtitle?: string;
  updated: number;
  /** This document's own URL. */
  self: string;
  /** The HTML page showing the same list. */
  alternate: string;
  entries: FeedEntry[];
}
