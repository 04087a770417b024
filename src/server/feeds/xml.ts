/**
 * What the Atom and RSS writers share. Strings from feeds and pages are hostile: characters XML 1.0 forbids
 * (most C0 controls, lone surrogates, U+FFFE/FFFF) are removed before escaping, so the output always parses.
 */

const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for an XML element's content or a quoted attribute value. */
export function xmlEscape(value: string): string {
  return value
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * Both formats write four-digit years only (RFC 3339; RFC 822 as RSS uses it): earlier or later times are
 * written as the nearest they can say.
 */
const FIRST_MS = Date.parse('0000-01-01T00:00:00.000Z');
const LAST_MS = Date.parse('9999-12-31T23:59:59.999Z');

export function writableTime(ms: number): Date {
  return new Date(Math.min(LAST_MS, Math.max(FIRST_MS, ms)));
}
