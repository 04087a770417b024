/**
 * Resolves a link from a feed or page against its base and keeps it only when it is an absolute http(s) URL.
 * Whitespace inside the href (line-wrapped feeds) is removed; javascript:, data:, mailto: and the like give null.
 */
export function resolveHttpUrl(href: string | null | undefined, base?: string | null): string | null {
  if (!href) return null;
  const cleaned = href.trim().replace(/[\t\n\r]/g, '');
  if (!cleaned) return null;
  let url: URL;
  try {
    url = base ? new URL(cleaned, base) : new URL(cleaned);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname) return null;
  return url.href;
}

/** The base for an element: its own xml:base resolved against the chain of bases above it. */
export function resolveBase(xmlBase: string | null | undefined, parent: string): string {
  if (!xmlBase) return parent;
  try {
    return new URL(xmlBase.trim(), parent).href;
  } catch {
    return parent;
  }
}
