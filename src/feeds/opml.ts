import { generateOpml, parseOpml, type Opml } from 'feedsmith';
import { AppError, errorMessage, isAppError } from '../core/errors.js';
import { decodeBytes } from './decode.js';
import { htmlToText } from './html-text.js';
import { resolveHttpUrl } from './urls.js';
import { prepareXml } from './xml-safety.js';

/** One subscription of an OPML file. */
export interface OpmlEntry {
  title: string;
  /** The feed (or sitemap) URL. */
  xmlUrl: string;
  htmlUrl: string | null;
  /** Names of the folders the outline sits in, outermost first, joined with " / "; or the category attribute. */
  category: string | null;
}

export interface OpmlImport {
  title: string | null;
  entries: OpmlEntry[];
  /** Outlines skipped, with a reason (no feed URL, invalid URL, duplicate). */
  warnings: string[];
}

type Outline = Opml.Outline<string>;

/**
 * Reads an OPML 1.0/2.0 subscription list. Nested outlines are walked (folders become categories); outlines
 * without an http(s) `xmlUrl` are reported, not fatal. Duplicate feed URLs are kept once.
 */
export function parseOpmlSubscriptions(input: string | Uint8Array): OpmlImport {
  const text = typeof input === 'string' ? input : decodeBytes(input).text;
  let doc: Opml.Document<string>;
  try {
    doc = parseOpml(prepareXml(text));
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError('PARSE_FAILED', errorMessage(error), { cause: error });
  }
  const entries: OpmlEntry[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  const walk = (outlines: Outline[] | undefined, folders: string[]): void => {
    for (const outline of outlines ?? []) {
      const name = plain(outline.title) ?? plain(outline.text);
      if (!outline.xmlUrl) {
        if (outline.outlines?.length) walk(outline.outlines, name ? [...folders, name] : folders);
        else if (name) warnings.push(`"${name}": no xmlUrl, skipped`);
        continue;
      }
      const xmlUrl = resolveHttpUrl(outline.xmlUrl);
      if (!xmlUrl) {
        warnings.push(`"${name ?? outline.xmlUrl}": invalid feed URL ${JSON.stringify(outline.xmlUrl)}, skipped`);
        continue;
      }
      if (seen.has(xmlUrl)) {
        warnings.push(`${xmlUrl}: listed twice, kept once`);
        continue;
      }
      seen.add(xmlUrl);
      const category = folders.length ? folders.join(' / ') : plain(outline.category);
      entries.push({ title: name ?? xmlUrl, xmlUrl, htmlUrl: resolveHttpUrl(outline.htmlUrl), category });
    }
  };
  walk(doc.body?.outlines, []);
  return { title: plain(doc.head?.title), entries, warnings };
}

/** Writes an OPML 2.0 document; entries with a category are grouped into folders of that name. */
export function buildOpml(entries: OpmlEntry[], options: { title: string; now: number }): string {
  const folders = new Map<string, Outline[]>();
  const top: Outline[] = [];
  for (const entry of entries) {
    const outline: Outline = { text: entry.title, title: entry.title, type: 'rss', xmlUrl: entry.xmlUrl };
    if (entry.htmlUrl) outline.htmlUrl = entry.htmlUrl;
    if (!entry.category) {
      top.push(outline);
      continue;
    }
    const folder = folders.get(entry.category) ?? [];
    folder.push(outline);
    folders.set(entry.category, folder);
  }
  const outlines: Outline[] = [...[...folders].map(([name, children]) => ({ text: name, title: name, outlines: children })), ...top];
  const dateCreated = new Date(options.now).toUTCString();
  // OPML 2.0 asks for at least one outline and the generator refuses none ('Invalid input OPML'), but a list
  // with no sources is still a list: readers, and our import, take an empty body.
  if (outlines.length === 0) return `<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0"><head><title>${escapeXml(options.title)}</title><dateCreated>${dateCreated}</dateCreated></head><body/></opml>\n`;
  return generateOpml({ head: { title: options.title, dateCreated }, body: { outlines } });
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function plain(value: string | undefined): string | null {
  const text = htmlToText(value).replace(/\n/g, ' ');
  return text || null;
}
