/**
 * Public types of the extraction layer. Times are epoch milliseconds inside the program; each date also keeps
 * the ISO 8601 form with the offset the page stated (`publishedIso`), because converting a local date to UTC
 * can move it to the previous day and the day the outlet printed is what readers and dedup compare.
 */

/** Agencies and outlets named in an article's attribution lines. */
export interface Attribution {
  /** Canonical source names, in order of appearance, without repeats (e.g. `["رويترز", "RT"]`). */
  sources: string[];
  /** The attribution lines as they appear (e.g. `المصدر: RT`, `الرياض - واس`). */
  lines: string[];
}

export interface RelatedLink {
  title: string;
  url: string;
}

export interface ExtractedArticle {
  /** The URL the page was fetched from (as given in the options). */
  url: string;
  /** `<link rel=canonical>`, og:url or JSON-LD url, resolved against `url`; falls back to `url`. */
  canonicalUrl: string;
  /** The article's headline, without the site name. Empty when none was found. */
  title: string;
  /** Main text: paragraphs joined by blank lines. Headings and list items inside the article are kept. */
  text: string;
  published: number | null;
  publishedIso: string | null;
  modified: number | null;
  modifiedIso: string | null;
  authors: string[];
  /** BCP 47 language tag (`ar`, `en-US`) from the page, or guessed from the text's script. */
  lang: string | null;
  dir: 'rtl' | 'ltr' | null;
  /** Lead image, absolute URL. */
  image: string | null;
  siteName: string | null;
  section: string | null;
  tags: string[];
  attribution: Attribution;
  /** Headline links found inside the body ("related" items, read-also lists); removed from `text`. */
  relatedLinks: RelatedLink[];
}

export interface ExtractOptions {
  /** The page's URL: resolves relative links and is the fallback canonical URL. */
  url: string;
  /** Reference time for relative dates such as «منذ ساعتين» (epoch ms). Without it they are ignored. */
  now?: number;
  /** HTTP Content-Type header; its charset wins over the page's own declaration when the input is bytes. */
  contentType?: string;
  /** Inputs longer than this many bytes (or UTF-16 code units for strings) are refused. Default 32 MiB. */
  maxBytes?: number;
  /** Element nesting deeper than this is flattened. Default 400. */
  maxDepth?: number;
}

/** One item of a read-also block in a plain-text page. */
export interface ReadAlsoItem {
  title: string;
  text: string;
}

export interface SegmentedTextPage {
  text: string;
  attribution: Attribution;
  readAlso: ReadAlsoItem[];
  relatedTitles: string[];
}
