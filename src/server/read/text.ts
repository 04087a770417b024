/** Plain-text helpers for display: article text is shown as paragraphs of text, never as markup. */

/** Control characters other than tab and line breaks: invisible at best, boxes at worst. */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * A text without a single line break may mark its paragraphs with a no-break space between spaces: 304 of the
 * 326 imported sabq articles do («…اليومية. \u00A0 وأوضح…»), and their pages were one paragraph some 4,000 px
 * tall on a phone. A lone no-break space inside a sentence is no such mark.
 */
const NBSP_BREAK = /[ \u00A0]* \u00A0 [ \u00A0]*/;

/** Splits stored text (paragraphs separated by newlines) into trimmed, non-empty paragraphs. */
export function paragraphs(text: string): string[] {
  const clean = text.replace(CONTROLS, '');
  return clean
    .split(clean.includes('\n') ? /\r?\n+/ : NBSP_BREAK)
    .map((p) => p.replace(/[\t ]+/g, ' ').trim())
    .filter((p) => p.length > 0);
}

/** A lead of at most `max` characters, cut at a word boundary, from the summary or the first paragraphs. */
export function lead(summary: string | null, text: string, max = 220): string {
  // only the beginning matters: articles can be long, and leads are computed for every card on a page
  const head = (value: string) => value.slice(0, max * 4);
  const source = summary && summary.trim() ? head(summary).trim() : paragraphs(head(text)).slice(0, 2).join(' ');
  return truncate(source.replace(/\s+/g, ' '), max);
}

export function truncate(value: string, max: number): string {
  const chars = Array.from(value);
  if (chars.length <= max) return value;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
