import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { arabicUnderLatinLabel } from '../core/legacy-arabic.js';
import { replacementShare } from '../core/replacement-share.js';

/**
 * Turns page bytes into text. Order of evidence: byte-order mark, then the bytes themselves when they are
 * valid UTF-8 with multi-byte sequences (a legacy page is practically never valid UTF-8 by chance, while
 * UTF-8 pages that declare windows-1256 or latin-1 are common), then the HTTP Content-Type charset, then the
 * page's `<meta charset>` / `http-equiv` / XML declaration, then a guess: Arabic-looking legacy bytes are
 * windows-1256, anything else windows-1252 (what browsers assume for an undeclared latin-1 page). A Latin
 * charset (ISO-8859-1, windows-1252) from the header or the meta gives way to windows-1256 when the bytes read
 * as Arabic words there and as no Latin words (`arabicUnderLatinLabel`): old Arabic sites serve windows-1256
 * under a Latin server default.
 */

export interface DecodedHtml {
  html: string;
  /** The charset label that was used (iconv-lite name). */
  charset: string;
  /** Where the charset came from. */
  /** `arabic-bytes`: a Latin label (header or meta) overruled by windows-1256 Arabic bytes. */
  evidence: 'bom' | 'utf8-valid' | 'header' | 'meta' | 'arabic-bytes' | 'guess';
}

/** WHATWG maps these legacy labels onto supersets; iconv-lite knows the rest by name. */
const ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'iso-8859-9': 'windows-1254',
  'iso-8859-11': 'windows-874',
  'tis-620': 'windows-874',
  gb2312: 'gbk',
  'x-gbk': 'gbk',
  'x-sjis': 'shift_jis',
  'utf8': 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'x-user-defined': 'windows-1252',
};

export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const clean = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!clean) return null;
  const name = ALIASES[clean] ?? clean;
  return iconv.encodingExists(name) ? name : null;
}

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /charset\s*=\s*["']?([^"';\s,]+)/i.exec(contentType);
  return normalizeCharset(match?.[1]);
}

/** Looks for a declaration in the first 8 KiB, as browsers' prescan does (read as latin-1 so bytes map 1:1). */
export function charsetFromMarkup(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 8192)).toString('latin1');
  const xml = /^<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml) return normalizeCharset(xml[1]);
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?([^"'\s/>;]+)/i.exec(tag);
    if (direct) {
      const found = normalizeCharset(direct[1]);
      if (found) return found;
    }
  }
  return null;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function hasMultibyte(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/**
 * Legacy Arabic pages put letters in 0xC1-0xFE; Western pages use that range for occasional accents among
 * mostly ASCII letters. Many high bytes, and the page saying it is Arabic, point to windows-1256.
 */
function guessLegacy(bytes: Uint8Array): string {
  const sample = bytes.subarray(0, Math.min(bytes.length, 65536));
  let high = 0;
  let letters = 0;
  for (const b of sample) {
    if (b >= 0xc1) high++;
    else if ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) letters++;
  }
  const head = Buffer.from(sample.buffer, sample.byteOffset, Math.min(sample.length, 8192)).toString('latin1');
  const saysArabic = /\blang\s*=\s*["']?(ar|fa|ur)\b|\bdir\s*=\s*["']?rtl/i.test(head);
  // Markup is ASCII, so compare high bytes with all ASCII letters: Arabic text makes them a large share.
  if (saysArabic || high > letters * 0.25) return 'windows-1256';
  return 'windows-1252';
}

export function decodeHtmlBytes(bytes: Uint8Array, contentType?: string | null): DecodedHtml {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(buffer, [0xef, 0xbb, 0xbf])) return { html: buffer.subarray(3).toString('utf8'), charset: 'utf-8', evidence: 'bom' };
  if (startsWith(buffer, [0xff, 0xfe])) return { html: iconv.decode(buffer.subarray(2), 'utf-16le'), charset: 'utf-16le', evidence: 'bom' };
  if (startsWith(buffer, [0xfe, 0xff])) return { html: iconv.decode(buffer.subarray(2), 'utf-16be'), charset: 'utf-16be', evidence: 'bom' };
  const header = charsetFromContentType(contentType);
  const declared = charsetFromMarkup(buffer);
  const utf16 = [header, declared].find((c) => c === 'utf-16le' || c === 'utf-16be' || c === 'utf-16');
  if (utf16 && header === utf16) return { html: iconv.decode(buffer, utf16), charset: utf16, evidence: 'header' };
  if (hasMultibyte(buffer)) {
    if (isUtf8(buffer)) return { html: buffer.toString('utf8'), charset: 'utf-8', evidence: 'utf8-valid' };
    // A UTF-8 page with a few broken sequences (truncation, one bad paste) stays UTF-8; a page declared
    // UTF-8 whose bytes are mostly invalid is mislabelled legacy text and falls through to the guess.
    const legacyDeclared = [header, declared].some((c) => c && c !== 'utf-8');
    if (!legacyDeclared) {
      const text = buffer.toString('utf8');
      if (replacementShare(text) <= 0.02) return { html: text, charset: 'utf-8', evidence: header ? 'header' : declared ? 'meta' : 'guess' };
    }
  }
  // A Latin label on bytes that read as Arabic words under windows-1256 (and as no Latin words) is a mislabelled
  // windows-1256 page: see arabicUnderLatinLabel for the rule.
  const labelled = (charset: string, evidence: 'header' | 'meta'): DecodedHtml =>
    arabicUnderLatinLabel(buffer, charset) ? { html: iconv.decode(buffer, 'windows-1256'), charset: 'windows-1256', evidence: 'arabic-bytes' } : { html: iconv.decode(buffer, charset), charset, evidence };
  if (header && header !== 'utf-8' && !header.startsWith('utf-16')) return labelled(header, 'header');
  if (declared && declared !== 'utf-8' && !declared.startsWith('utf-16')) return labelled(declared, 'meta');
  if (!hasMultibyte(buffer)) return { html: buffer.toString('latin1'), charset: 'utf-8', evidence: header ? 'header' : declared ? 'meta' : 'guess' };
  const guessed = guessLegacy(buffer);
  return { html: iconv.decode(buffer, guessed), charset: guessed, evidence: 'guess' };
}

/**
 * A body worth reading as an article page: HTML, XML or other text, or undeclared bytes that start like
 * markup. Items also link to PDFs, images and videos, whose bytes would otherwise be stored as "text".
 */
export function isPageBody(contentType: string | null, body: Uint8Array): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type.startsWith('text/') || /[+/](?:html|xml)$/.test(type)) return true;
  if (type && type !== 'application/octet-stream') return false;
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, 512)).toString('latin1');
  return /^(?:\uFEFF|\xEF\xBB\xBF)?\s*</.test(head);
}
