import { XMLValidator } from 'fast-xml-parser';
import { AppError } from '../core/errors.js';

/**
 * Prepares hostile XML for the parser. The document type declaration is removed before anything reads it,
 * so no entity is ever defined, let alone expanded: billion-laughs and external entities (XXE) cannot work,
 * and references to them stay as literal text. Two common defects of real feeds are repaired, as feed
 * readers and browsers tolerate them: bare `&` outside CDATA, and control characters XML forbids.
 * What remains must be well-formed in its element structure, otherwise PARSE_FAILED says where it breaks:
 * with broken tags, item boundaries cannot be trusted.
 */
export function prepareXml(text: string): string {
  let xml = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  xml = stripDoctype(xml);
  refuseLateDoctype(xml);
  xml = xml.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
  xml = escapeBareAmpersands(xml);
  const verdict = XMLValidator.validate(xml, { allowBooleanAttributes: true });
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    throw new AppError('PARSE_FAILED', `malformed XML at line ${line}, column ${col}: ${msg}`);
  }
  return xml;
}

/** Removes `<!DOCTYPE ...>` including an internal subset, respecting quoted strings and comments in it. */
export function stripDoctype(xml: string): string {
  const start = xml.search(/<!DOCTYPE/i);
  if (start < 0) return xml;
  // A DOCTYPE may only appear in the prolog; one found after the root element starts is left to the validator.
  const firstElement = xml.search(/<[A-Za-z_]/);
  if (firstElement >= 0 && firstElement < start) return xml;
  let i = start + 9;
  let depth = 0;
  while (i < xml.length) {
    const ch = xml[i];
    if (ch === '"' || ch === "'") {
      const close = xml.indexOf(ch, i + 1);
      if (close < 0) break;
      i = close + 1;
      continue;
    }
    if (ch === '<' && xml.startsWith('<!--', i)) {
      const close = xml.indexOf('-->', i + 4);
      if (close < 0) break;
      i = close + 3;
      continue;
    }
    if (ch === '[') depth++;
    else if (ch === ']') depth = Math.max(0, depth - 1);
    else if (ch === '>' && depth === 0) return xml.slice(0, start) + xml.slice(i + 1);
    i++;
  }
  throw new AppError('PARSE_FAILED', 'malformed XML: unterminated DOCTYPE declaration');
}

const BARE_AMPERSAND = /&(?!(?:[A-Za-z][A-Za-z0-9._-]{0,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});)/g;

/** Escapes `&` that starts no entity reference; CDATA sections and comments are left untouched. */
export function escapeBareAmpersands(xml: string): string {
  if (!xml.includes('&')) return xml;
  return mapMarkup(xml, (segment) => segment.replace(BARE_AMPERSAND, '&amp;'));
}

/** Applies `fn` to the parts of `xml` outside CDATA sections and comments, whose text is literal. */
function mapMarkup(xml: string, fn: (segment: string) => string): string {
  let out = '';
  let pos = 0;
  const literal = /<!\[CDATA\[|<!--/g;
  while (pos < xml.length) {
    literal.lastIndex = pos;
    const match = literal.exec(xml);
    const end = match ? match.index : xml.length;
    out += fn(xml.slice(pos, end));
    if (!match) break;
    const closer = match[0] === '<!--' ? '-->' : ']]>';
    const close = xml.indexOf(closer, match.index + match[0].length);
    const stop = close < 0 ? xml.length : close + closer.length;
    out += xml.slice(match.index, stop);
    pos = stop;
  }
  return out;
}

/** A DOCTYPE anywhere but the prolog is refused rather than handed to a parser that might read it. */
function refuseLateDoctype(xml: string): void {
  if (!/<!DOCTYPE/i.test(xml)) return;
  mapMarkup(xml, (segment) => {
    if (/<!DOCTYPE/i.test(segment)) throw new AppError('PARSE_FAILED', 'malformed XML: DOCTYPE declaration after the root element');
    return segment;
  });
}
