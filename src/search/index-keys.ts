import { cliticFree } from '../text/index.js';

/**
 * Index keys. Every content word is indexed three times:
 *  - by its stem (`s` + stem): finds every inflected or cliticised form; carries positions for phrases,
 *    proximity and the head boost;
 *  - by its exact form (`e` + the normalised word without its clitics, see `exactForm`): lets a word written
 *    as the reader wrote it rank above a word that only shares its stem;
 *  - by its spelling skeleton (`k` + skeleton, see `skeleton`): finds other spellings of rare words.
 * A number with separators or decimals is also filed under its whole number's stem key (see `wholeNumber`).
 * The one-letter prefixes keep the families apart in one sorted key space.
 */
/**
 * The version of the keys below. Raise it whenever a change makes keys built before it differ from keys
 * built after it (the analyzer's stems, the exact form, the skeleton): the index records the version it was
 * built with, search warns when it differs, and `sada search --reindex` rebuilds the index.
 */
export const SEARCH_KEY_VERSION = 3;

export const STEM_PREFIX = 's';
export const EXACT_PREFIX = 'e';
export const SKELETON_PREFIX = 'k';

/** Longest index key in UTF-8 bytes; longer words (URLs, garbage runs) are cut so keys stay small. */
export const MAX_KEY_BYTES = 120;

/**
 * The normalised form without its clitics (the article, و ب ل and the like, one pronoun suffix): الطلاق and
 * طلاق, لأول and أول, سيارتها and سيارة share it; other inflections (طلاقات، أولى) do not.
 */
export function exactForm(norm: string): string {
  return cliticFree(norm);
}

const ALEF = 0x0627;
const WAW = 0x0648;
const YEH = 0x064a;
const HAMZA = 0x0621;
const HEH = 0x0647;
const QAF = 0x0642;
const GHAIN = 0x063a;
/** A skeleton shorter than this says too little about the word to match on. */
export const MIN_SKELETON = 3;

/**
 * The spelling skeleton of a normalised Arabic word: long vowels and hamza (ا و ي ء) dropped everywhere, a
 * final ه (ة) dropped, doubled letters made single, and غ written ق (two spellings of a foreign g).
 * Transliterated names and loanwords vary exactly there: بوتين / بوتن، إنييستا / إنيستا، أمريكي / أميركي،
 * إنستغرام / انستقرام. Null for words that are not all Arabic letters or whose skeleton is under
 * MIN_SKELETON letters (too short to tell words apart).
 */
export function skeleton(form: string): string | null {
  let out = '';
  let last = 0;
  for (let i = 0; i < form.length; i++) {
    let c = form.charCodeAt(i);
    if (c < 0x0621 || c > 0x064a) return null;
    if (c === ALEF || c === WAW || c === YEH || c === HAMZA) continue;
    if (c === HEH && i === form.length - 1) continue;
    if (c === GHAIN) c = QAF;
    if (c === last) continue;
    out += String.fromCharCode(c);
    last = c;
  }
  return out.length >= MIN_SKELETON ? out : null;
}

// The definite article with the particles that fuse to it (و، ف، ب، ك، ل): the only clitics a skeleton
// drops. A bare و / ب / ل may be a name's first letter (بوتن), which no stemmer can know of a name it has
// never seen, so the skeleton leaves it.
const ARTICLE_PREFIXES = ['وال', 'فال', 'بال', 'كال', 'لل', 'ال'];

/** The normalised form without a leading definite article (and a particle fused to it). */
export function articleFree(norm: string): string {
  for (const prefix of ARTICLE_PREFIXES) {
    if (norm.startsWith(prefix) && norm.length - prefix.length >= 2) return norm.slice(prefix.length);
  }
  return norm;
}

// A number written with thousands separators (1,949 or 12,500.75) or with a decimal part (8820.65).
const GROUPED_NUMBER = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const DECIMAL_NUMBER = /^\d+\.\d+$/;

/**
 * The whole number a reader types for a number token written with thousands separators or decimals:
 * 1,949 → 1949, 8820.65 → 8820, 12,500.75 → 12500. The tokenizer keeps such numbers whole (so that
 * 8820.65 stays one word); the index also files them under this form, as another form of the same stem, so
 * that «8820 نقطة» finds «8820.65 نقطة». Null for any other word.
 */
export function wholeNumber(norm: string): string | null {
  if (GROUPED_NUMBER.test(norm)) return norm.replace(/,/g, '').replace(/\..*$/, '');
  if (DECIMAL_NUMBER.test(norm)) return norm.slice(0, norm.indexOf('.'));
  return null;
}

/** The skeleton key of a normalised word (see `skeleton`), or null. */
export function skeletonKey(norm: string): string | null {
  const s = skeleton(articleFree(norm));
  return s === null ? null : clip(SKELETON_PREFIX + s);
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
