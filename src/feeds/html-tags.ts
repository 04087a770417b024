import { decodeHTML } from 'entities';

/**
 * A small scanner for start tags in HTML fragments (feed bodies, page heads). It reads attributes the way
 * browsers do — quoted with " or ', or unquoted — and ignores tags inside comments, scripts and styles.
 * It is not a DOM: it is enough to find `<link>`, `<base>`, `<meta>` and `<img>` tags.
 */
export interface StartTag {
  name: string;
  attrs: Record<string, string>;
}

/** Comments, and script/style/template bodies (whose `<` are not tags), removed. */
export function withoutOpaqueBlocks(html: string): string {
  return html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<(script|style|template|noscript|iframe)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ');
}

const TAG = /<([A-Za-z][A-Za-z0-9:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/g;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

/** Start tags whose (lower-case) name is in `names`, in document order, at most `limit` of them. */
export function scanStartTags(html: string, names: ReadonlySet<string>, limit = 10_000): StartTag[] {
  const found: StartTag[] = [];
  const clean = withoutOpaqueBlocks(html);
  TAG.lastIndex = 0;
  for (let m = TAG.exec(clean); m && found.length < limit; m = TAG.exec(clean)) {
    const name = m[1]!.toLowerCase();
    if (names.has(name)) found.push({ name, attrs: parseAttributes(m[2] ?? '') });
  }
  return found;
}

export function parseAttributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(source); m; m = ATTR.exec(source)) {
    const key = m[1]!.toLowerCase();
    if (key in attrs) continue;
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    attrs[key] = value.includes('&') ? decodeHTML(value) : value;
  }
  return attrs;
}
