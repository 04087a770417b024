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
  const text = html.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ');
  // What `/<(script|…)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi` replaces, its start tags looked for only where one
  // can end: tried from every `<script` after the last `>`, that expression read on to the end of the text
  // each time, and a feed description of unclosed `<script` took hours.
  let out = '';
  let from = 0;
  OPAQUE_START.lastIndex = 0;
  const starts = beforeLastTagEnd(text);
  for (let m = OPAQUE_START.exec(starts); m; m = OPAQUE_START.exec(starts)) {
    const close = OPAQUE_END.get(m[1]!.toLowerCase())!;
    close.lastIndex = OPAQUE_START.lastIndex;
    const end = close.exec(text) ? close.lastIndex : text.length;
    out += `${text.slice(from, m.index)} `;
    from = end;
    OPAQUE_START.lastIndex = end;
  }
  return out + text.slice(from);
}

const OPAQUE_NAMES = ['script', 'style', 'template', 'noscript', 'iframe'];
const OPAQUE_START = new RegExp(`<(${OPAQUE_NAMES.join('|')})\\b[^>]*>`, 'gi');
const OPAQUE_END = new Map(OPAQUE_NAMES.map((name) => [name, new RegExp(`</${name}\\s*>`, 'gi')]));

/**
 * The text up to its last `>`. An expression whose matches end in `>` finds the same matches there as in the
 * whole text, without trying, from each `<` after the last `>`, to read on to the end for one (quadratic in
 * the number of those `<`: a few hundred KB of `<p ` kept a process busy for minutes).
 */
export function beforeLastTagEnd(text: string): string {
  return text.slice(0, text.lastIndexOf('>') + 1);
}

/** `text.replace(pattern, replacement)` for a pattern whose every match ends in `>`, in linear time. */
export function replaceTags(text: string, pattern: RegExp, replacement: string): string {
  const head = beforeLastTagEnd(text);
  return head.replace(pattern, replacement) + text.slice(head.length);
}

// No `<` in an unquoted name or value: where one is, another tag starts. With it, a tag of many attributes
// that ended badly (`/x>`) was read again from each `<` inside it, to its end: quadratic in its length.
const TAG = /<([A-Za-z][A-Za-z0-9:-]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?)*)\s*\/?>/g;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

/** Start tags whose (lower-case) name is in `names`, in document order, at most `limit` of them. */
export function scanStartTags(html: string, names: ReadonlySet<string>, limit = 10_000): StartTag[] {
  const found: StartTag[] = [];
  const clean = beforeLastTagEnd(withoutOpaqueBlocks(html));
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
