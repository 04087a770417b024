import type { Attribution, ExtractedArticle, RelatedLink, SegmentedTextPage } from './types.js';

/** The JSON shapes of CONTRACT.md (`sada extract`, `sada extract --text`): snake_case, ISO dates. */

export interface ExtractJson {
  url: string;
  canonical_url: string;
  title: string;
  text: string;
  published: string | null;
  modified: string | null;
  authors: string[];
  lang: string | null;
  dir: 'rtl' | 'ltr' | null;
  image: string | null;
  site_name: string | null;
  section: string | null;
  tags: string[];
  attribution: Attribution;
  related_links: RelatedLink[];
}

export interface TextPageJson {
  text: string;
  attribution: Attribution;
  read_also: { title: string; text: string }[];
  related_titles: string[];
}

export function toExtractJson(a: ExtractedArticle): ExtractJson {
  return {
    url: a.url,
    canonical_url: a.canonicalUrl,
    title: a.title,
    text: a.text,
    published: a.publishedIso,
    modified: a.modifiedIso,
    authors: a.authors,
    lang: a.lang,
    dir: a.dir,
    image: a.image,
    site_name: a.siteName,
    section: a.section,
    tags: a.tags,
    attribution: a.attribution,
    related_links: a.relatedLinks,
  };
}

export function toTextPageJson(p: SegmentedTextPage): TextPageJson {
  return { text: p.text, attribution: p.attribution, read_also: p.readAlso, related_titles: p.relatedTitles };
}
