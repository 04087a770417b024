import { ARABIC, DIGIT, HIGH_SURROGATE, IGNORABLE, LETTER, MARK, OTHER, TABLES, classifyAstral } from './char-table.js';

/**
 * Token boundaries as UTF-16 offsets into the original text: token i is `text.slice(starts[i], ends[i])`.
 * Only the first `count` entries are meaningful.
 */
export interface TokenSpans {
  readonly count: number;
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
}

/** A surface word with its place in the original text. */
export interface RawToken {
  /** The text exactly as written, diacritics and tatweel included. */
  readonly token: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Splits text into words and numbers (Unicode-aware):
 * - an Arabic word is a run of Arabic letters; harakat, tatweel and zero-width joiners inside it stay in it;
 * - a number is a run of digits of any script, with inner decimal or thousands separators (1.5, ١٫٥, 10,000);
 * - other letters form words of their own, digits included (covid19, G20, 4g); Arabic and Latin never mix;
 * - everything else separates: spaces, punctuation (، ؛ ؟ « »), symbols, # @ _ - / so a URL or hashtag
 *   yields its words.
 * Format characters (ZWNJ, RLM …) are trimmed from token edges, so offsets always slice a clean word.
 */
export function tokenSpans(text: string): TokenSpans {
  const n = text.length;
  const cls = TABLES.cls;
  let starts = new Uint32Array(Math.min(n, 16 + (n >> 2)));
  let ends = new Uint32Array(starts.length);
  let count = 0;
  let i = 0;
  while (i < n) {
    let k = cls[text.charCodeAt(i)] as number;
    if (k === HIGH_SURROGATE) k = astralClass(text, i);
    if (k !== ARABIC && k !== LETTER && k !== DIGIT) {
      i++;
      continue;
    }
    const start = i;
    let j = i;
    let end = i;
    if (k === DIGIT) {
      j = scanNumber(text, i);
      end = j;
      const next = j < n ? classAt(text, j) : OTHER;
      if (next === LETTER) k = LETTER; // 4g, 3d: a number glued to Latin letters is one word
    }
    if (k !== DIGIT) {
      // ARABIC words continue with Arabic letters; other words with any non-Arabic letter or digit
      while (j < n) {
        const c = text.charCodeAt(j);
        let m = cls[c] as number;
        let width = 1;
        if (m === HIGH_SURROGATE) {
          m = astralClass(text, j);
          if (m !== OTHER) width = 2;
        }
        if (m === MARK || (k === ARABIC ? m === ARABIC : m === LETTER || m === DIGIT)) {
          j += width;
          end = j;
        } else if (m === IGNORABLE) {
          j += width;
        } else break;
      }
    }
    if (count === starts.length) {
      starts = grow(starts);
      ends = grow(ends);
    }
    starts[count] = start;
    ends[count] = end;
    count++;
    i = j;
  }
  return { count, starts, ends };
}

/** The surface tokens with their offsets. */
export function tokenize(text: string): RawToken[] {
  const { count, starts, ends } = tokenSpans(text);
  const out: RawToken[] = new Array(count);
  for (let t = 0; t < count; t++) {
    const start = starts[t] as number;
    const end = ends[t] as number;
    out[t] = { token: text.slice(start, end), start, end };
  }
  return out;
}

const DOT = 0x2e;
const COMMA = 0x2c;
const ARABIC_DECIMAL = 0x066b;
const ARABIC_THOUSANDS = 0x066c;

/** End of a number starting at i: digits, with a separator allowed only between two digits. */
function scanNumber(text: string, i: number): number {
  const n = text.length;
  let j = i;
  for (;;) {
    while (j < n && classAt(text, j) === DIGIT) j += isHighSurrogate(text.charCodeAt(j)) ? 2 : 1;
    const sep = text.charCodeAt(j);
    if ((sep === DOT || sep === COMMA || sep === ARABIC_DECIMAL || sep === ARABIC_THOUSANDS) && j + 1 < n && classAt(text, j + 1) === DIGIT) {
      j++;
      continue;
    }
    return j;
  }
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function classAt(text: string, i: number): number {
  const k = TABLES.cls[text.charCodeAt(i)] as number;
  return k === HIGH_SURROGATE ? astralClass(text, i) : k;
}

/** Class of the code point whose high surrogate is at i; a lone surrogate is OTHER. */
function astralClass(text: string, i: number): number {
  const d = text.charCodeAt(i + 1);
  if (!(d >= 0xdc00 && d <= 0xdfff)) return OTHER;
  return classifyAstral(((text.charCodeAt(i) - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
}

function grow(a: Uint32Array): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(Math.max(16, a.length * 2));
  b.set(a);
  return b;
}
