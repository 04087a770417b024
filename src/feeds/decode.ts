import iconv from 'iconv-lite';
import { arabicUnderLatinLabel } from '../core/legacy-arabic.js';
import { replacementShare } from '../core/replacement-share.js';

/**
 * Turns the bytes of a feed, sitemap or HTML page into text. Arabic sites still serve windows-1256 and
 * ISO-8859-6, often with a wrong or missing HTTP charset, so the decision uses every hint in this order:
 *
 * 1. a byte order mark (authoritative);
 * 2. UTF-8 when the bytes are valid UTF-8 with multi-byte sequences: legacy Arabic text is practically never
 *    valid UTF-8 by chance, while UTF-8 documents under a server-wide legacy default are common (the same
 *    rule as the page decoder of `extract`);
 * 3. the HTTP charset, unless it is a generic server default (ISO-8859-1, US-ASCII) or claims UTF-8 for bytes
 *    that are not UTF-8 while the document declares another encoding or most non-ASCII bytes are invalid;
 * 4. the document's own declaration: `<?xml encoding=...?>`, `<meta charset>` or `<meta http-equiv>`;
 * 5. UTF-8 when the bytes are valid UTF-8, otherwise `fallbackEncoding` (windows-1256: Sada is Arabic-first
 *    and that is by far the most common legacy encoding of undeclared Arabic pages).
 *
 * Whenever the label chosen in 3–5 is a Latin one (ISO-8859-1, windows-1252, US-ASCII), the bytes are
 * windows-1256 instead when they read as Arabic words there and as no Latin words (`arabicUnderLatinLabel`):
 * old Arabic sites serve windows-1256 under a Latin server default or template declaration.
 */

export type EncodingSource = 'bom' | 'http' | 'document' | 'sniff' | 'fallback';

export interface DecodedText {
  text: string;
  /** The encoding used, as a lower-case label (`utf-8`, `windows-1256`, ...). */
  encoding: string;
  source: EncodingSource;
}

export interface DecodeOptions {
  contentType?: string | null;
  /** Used when nothing declares an encoding and the bytes are not UTF-8. Default `windows-1256`. */
  fallbackEncoding?: string;
}

/** HTTP charsets that servers send by default rather than by knowledge of the document. */
const WEAK_HTTP_CHARSETS = new Set(['iso-8859-1', 'latin1', 'us-ascii', 'ascii', 'iso8859-1', 'l1']);

/** How far into a document its own declaration is searched for. */
const DECLARATION_SCAN_BYTES = 16 * 1024;

export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const bom = detectBom(bytes);
  if (bom) return { text: decodeWith(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding, source: 'bom' };

  const utf16 = detectUtf16WithoutBom(bytes);
  if (utf16) return { text: decodeWith(bytes, utf16), encoding: utf16, source: 'sniff' };

  const http = normaliseLabel(charsetFromContentType(options.contentType));
  const declared = normaliseLabel(declaredEncoding(bytes));
  const httpIsWeak = http !== null && WEAK_HTTP_CHARSETS.has(http);

  const utf8 = isValidUtf8(bytes);
  if (utf8 && hasHighBytes(bytes)) return { text: decodeWith(bytes, 'utf-8'), encoding: 'utf-8', source: 'sniff' };
  // Mostly invalid "UTF-8" is legacy text under a UTF-8 default; a few bad sequences are damage to keep.
  const misreadUtf8 = !utf8 && (declared ? declared !== 'utf-8' : mostlyInvalidUtf8(bytes));
  // A Latin label on bytes that read as Arabic words under windows-1256 (and as no Latin words) is a mislabelled
  // windows-1256 document: see arabicUnderLatinLabel for the rule.
  const labelled = (encoding: string, source: EncodingSource): DecodedText =>
    arabicUnderLatinLabel(bytes, encoding) ? { text: decodeWith(bytes, 'windows-1256'), encoding: 'windows-1256', source: 'sniff' } : { text: decodeWith(bytes, encoding), encoding, source };
  if (http && !httpIsWeak && !(http === 'utf-8' && misreadUtf8)) return labelled(http, 'http');
  if (declared && !(declared === 'utf-8' && !utf8 && mostlyInvalidUtf8(bytes))) return labelled(declared, 'document');
  if (utf8) return { text: decodeWith(bytes, 'utf-8'), encoding: 'utf-8', source: 'sniff' };
  if (http && httpIsWeak) return labelled(http, 'http');
  const fallback = normaliseLabel(options.fallbackEncoding ?? 'windows-1256') ?? 'windows-1256';
  return { text: decodeWith(bytes, fallback), encoding: fallback, source: 'fallback' };
}

/** The `charset` parameter of a Content-Type header, or null. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return match?.[2] ?? null;
}

/** A label iconv-lite can decode, lower-cased; ISO-8859-1 and ASCII map to windows-1252 as browsers do. */
function normaliseLabel(label: string | null | undefined): string | null {
  if (!label) return null;
  const lower = label.trim().toLowerCase().replace(/^x-/, '');
  if (!lower) return null;
  if (lower === 'utf8' || lower === 'unicode-1-1-utf-8') return 'utf-8';
  if (!iconv.encodingExists(lower)) return null;
  return lower;
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const label = WEAK_HTTP_CHARSETS.has(encoding) ? 'windows-1252' : encoding;
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), label, { stripBOM: true });
}

function detectBom(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return null;
}

/** `<?` encoded as UTF-16 without a BOM (allowed for XML, rare but cheap to recognise). */
function detectUtf16WithoutBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return 'utf-16le';
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return 'utf-16be';
  return null;
}

/** The encoding a document declares for itself: XML declaration first, then HTML meta tags. */
export function declaredEncoding(bytes: Uint8Array): string | null {
  // Declarations are ASCII, so reading the head as latin1 is safe whatever the real encoding is.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, DECLARATION_SCAN_BYTES)).toString('latin1');
  const xml = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/i.exec(head);
  if (xml?.[1]) return xml[1];
  const metaCharset = /<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head);
  return metaCharset?.[1] ?? null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/** More than 2% of the non-ASCII characters decode to U+FFFD: not UTF-8 with a little damage. */
function mostlyInvalidUtf8(bytes: Uint8Array): boolean {
  return replacementShare(new TextDecoder('utf-8').decode(bytes)) > 0.02;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
