/**
 * Index keys. Every content word is indexed twice:
 *  - by its stem (`s` + stem): finds every inflected or cliticised form; carries positions for phrases and
 *    proximity;
 *  - by its exact form (`e` + normalised form without the definite article and the particles fused to it):
 *    lets a word written as the reader wrote it rank above a word that only shares its stem.
 * The one-letter prefixes keep the two families apart in one sorted key space.
 */
export const STEM_PREFIX = 's';
export const EXACT_PREFIX = 'e';

/** Longest index key in UTF-8 bytes; longer words (URLs, garbage runs) are cut so keys stay small. */
export const MAX_KEY_BYTES = 120;

// The definite article with the particles that fuse to it (و، ف، ب، ك، ل). Bare one-letter particles are
// NOT stripped: و/ف/ب/ل also begin many words (وزير، فيلم، بنك، لبنان) and the stem key covers those forms.
const ARTICLE_PREFIXES = ['وال', 'فال', 'بال', 'كال', 'لل', 'ال'];

/** The normalised form without a leading definite article (and a particle fused to it). */
export function exactForm(norm: string): string {
  for (const prefix of ARTICLE_PREFIXES) {
    if (norm.startsWith(prefix) && norm.length - prefix.length >= 2) return norm.slice(prefix.length);
  }
  return norm;
}

export function stemKey(stem: string): string {
  return clip(STEM_PREFIX + stem);
}

export function exactKey(norm: string): string {
  return exactKeyOfForm(exactForm(norm));
}

export function exactKeyOfForm(form: string): string {
  return clip(EXACT_PREFIX + form);
}

export function isStemKey(key: string): boolean {
  return key.startsWith(STEM_PREFIX);
}

/** Cuts a key to MAX_KEY_BYTES without splitting a character. */
function clip(key: string): string {
  if (key.length * 3 <= MAX_KEY_BYTES) return key;
  let bytes = 0;
  let end = 0;
  for (const ch of key) {
    const cp = ch.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes > MAX_KEY_BYTES) break;
    end += ch.length;
  }
  return key.slice(0, end);
}
