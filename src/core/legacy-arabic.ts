import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/**
 * Old Arabic sites often serve windows-1256 bytes under a Latin label: a server-wide `charset=ISO-8859-1`, or a
 * template's `<meta charset="windows-1252">`. Read as labelled, every Arabic letter becomes a Latin-1 one
 * («السعودية» → «ÇáÓÚæÏíÉ»). This decides, from the bytes alone, whether the windows-1256 reading is far more
 * plausible than the Latin one, and is meant to be conservative: a genuine French, German or Spanish page keeps
 * its label.
 *
 * The rule, over the words of the document (runs of bytes that are letters under either reading):
 * - Arabic evidence: the bytes of words of two or more bytes that are all non-ASCII and all Arabic letters or
 *   marks under windows-1256. Read as Latin-1 such a word is a run of accented capitals and lower-case letters
 *   with no plain letter at all («ÇáÓÚæÏíÉ»), which no Latin-script language writes.
 * - Latin evidence: the non-ASCII Latin letters of every other word (a Latin word holds plain ASCII letters
 *   around its accents: «été», «Straße»), and a lone non-ASCII letter that windows-1256 also reads as Latin
 *   («à»). windows-1256 keeps French accented letters (à â ç è é ê ë î ï ô ù û ü) at the windows-1252 places,
 *   so those count for Latin, never for Arabic.
 * - windows-1256 wins when the Arabic evidence is at least MIN_ARABIC_BYTES (a few words) and three times the
 *   Latin evidence. When the document's root says it is Arabic or right-to-left (`<html lang="ar">`,
 *   `dir="rtl"`, a feed's `<language>ar` or `xml:lang="ar"`), a little evidence that outweighs the Latin is
 *   enough. A hint alone never decides: a French page whose template says `lang="ar"` stays windows-1252.
 */

/** Labels of the Western single-byte encodings that windows-1256 bytes are mislabelled with. */
const LATIN_LABELS = new Set(['windows-1252', 'cp1252', 'iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'l1', 'iso-8859-15', 'iso8859-15', 'latin9', 'us-ascii', 'ascii']);

/** Arabic evidence needed without a hint (about five words) and with one. */
const MIN_ARABIC_BYTES = 24;
const MIN_ARABIC_BYTES_HINTED = 8;
/** How much more Arabic than Latin evidence is needed without a hint. */
const ARABIC_DOMINANCE = 3;
/** Bytes looked at: a page's first mebibyte is plenty of words. */
const SAMPLE_BYTES = 1 << 20;
const HINT_SCAN_BYTES = 16 * 1024;

function byteTable(encoding: string, pattern: RegExp): Uint8Array {
  const table = new Uint8Array(256);
  for (let b = 0x80; b < 256; b++) table[b] = pattern.test(iconv.decode(Buffer.from([b]), encoding)) ? 1 : 0;
  return table;
}

/** Bytes that windows-1256 reads as an Arabic-script letter or mark (tatweel included). */
const ARABIC_1256 = byteTable('windows-1256', /^[\u0600-\u06ff]$/u);
/** Bytes that windows-1256 reads as a Latin letter (French accents kept at their windows-1252 places). */
const LATIN_1256 = byteTable('windows-1256', /^\p{Script=Latin}$/u);
/** Bytes that windows-1252 reads as a letter. */
const LATIN_1252 = byteTable('windows-1252', /^\p{L}$/u);

const isAsciiLetter = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
const isLetter = (b: number) => isAsciiLetter(b) || (b >= 0x80 && (ARABIC_1256[b] === 1 || LATIN_1252[b] === 1));

export function isLatinLabel(label: string | null | undefined): boolean {
  return label != null && LATIN_LABELS.has(label.trim().toLowerCase());
}

/** The document's root says it is Arabic or right-to-left (read from its ASCII markup). */
export function saysArabic(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, HINT_SCAN_BYTES)).toString('latin1');
  const arabic = `["']?\\s*(?:ar|fa|ur)(?:[-_][a-z]+)?\\b`;
  const root = new RegExp(`<(?:html|body|rss|feed|channel|rdf:RDF)\\b[^>]*\\b(?:(?:xml:)?lang\\s*=\\s*${arabic}|dir\\s*=\\s*["']?\\s*rtl\\b)`, 'i');
  return root.test(head) || new RegExp(`<(?:language|dc:language)>\\s*(?:ar|fa|ur)(?:[-_][a-z]+)?\\s*<`, 'i').test(head);
}

export interface ArabicEvidence {
  /** Non-ASCII bytes of all-Arabic words (under windows-1256). */
  arabic: number;
  /** Non-ASCII Latin letters of Latin-looking words (under windows-1252). */
  latin: number;
}

export function arabicEvidence(bytes: Uint8Array): ArabicEvidence {
  const end = Math.min(bytes.length, SAMPLE_BYTES);
  let arabic = 0;
  let latin = 0;
  let i = 0;
  while (i < end) {
    if (!isLetter(bytes[i]!)) {
      i++;
      continue;
    }
    let ascii = 0;
    let high = 0;
    let allArabic = true;
    let latinHigh = 0;
    let last = 0;
    for (; i < end && isLetter(bytes[i]!); i++) {
      const b = bytes[i]!;
      if (b < 0x80) {
        ascii++;
        continue;
      }
      high++;
      last = b;
      if (ARABIC_1256[b] !== 1) allArabic = false;
      if (LATIN_1252[b] === 1) latinHigh++;
    }
    if (high === 0) continue;
    if (ascii === 0 && high === 1) {
      // a lone letter: «à» is a French word; «و» standing alone says little
      if (LATIN_1256[last] === 1) latin++;
    } else if (ascii === 0 && allArabic) arabic += high;
    else latin += latinHigh;
  }
  return { arabic, latin };
}

/**
 * True when bytes labelled with a Latin single-byte charset (`label`) are windows-1256 Arabic. Valid UTF-8 is
 * never (the decoders read it as UTF-8 before any label).
 */
export function arabicUnderLatinLabel(bytes: Uint8Array, label: string | null | undefined): boolean {
  if (!isLatinLabel(label) || isUtf8(bytes)) return false;
  const { arabic, latin } = arabicEvidence(bytes);
  if (arabic < MIN_ARABIC_BYTES_HINTED) return false;
  if (arabic >= MIN_ARABIC_BYTES && arabic >= ARABIC_DOMINANCE * latin) return true;
  return arabic > latin && saysArabic(bytes);
}
