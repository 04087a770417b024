/**
 * Per-code-unit tables behind normalisation and tokenisation, built once when the module loads (~15 ms).
 *
 * FOLD maps every BMP code unit to its matching form: a single code unit, DELETE, or EXPAND (look the string
 * up in EXPANSIONS). The fold of a character is computed to a fixed point, so every character a fold produces
 * folds to itself; that makes normalisation idempotent by construction (a test checks all 65,536 units).
 *
 * CLASS tells the tokenizer what a code unit does inside a word.
 */

/** Not part of a word: spaces, punctuation, symbols. */
export const OTHER = 0;
/** An Arabic-script letter: starts or continues an Arabic word. */
export const ARABIC = 1;
/** Any other letter (Latin, Greek, CJK …): starts or continues a non-Arabic word. */
export const LETTER = 2;
/** A decimal digit of any script. */
export const DIGIT = 3;
/** Harakat, Quranic marks, tatweel, accents: continue a word, never start one, dropped from the matching form. */
export const MARK = 4;
/** Zero-width and bidi controls (format characters): kept inside a word, trimmed at its edges, dropped. */
export const IGNORABLE = 5;
/** First half of a surrogate pair: the tokenizer looks at the whole code point. */
export const HIGH_SURROGATE = 6;

export const DELETE = 0xffff;
export const EXPAND = 0xfffe;

/** Code units whose fold is hand-set for Arabic matching; they win over Unicode's own decompositions. */
const ARABIC_FOLDS: Record<number, string> = {
  // alef seats and alef variants -> bare alef
  0x0622: 'ا', 0x0623: 'ا', 0x0625: 'ا', 0x0671: 'ا', 0x0672: 'ا', 0x0673: 'ا',
  // hamza on waw / yeh and the high hamza -> the hamza letter (see docs/STEMMER.md for why not و / ي)
  0x0624: 'ء', 0x0626: 'ء', 0x0674: 'ء',
  // alef maksura and Persian/Urdu yeh forms -> yeh
  0x0649: 'ي', 0x06cc: 'ي', 0x06cd: 'ي', 0x06d0: 'ي', 0x0620: 'ي', 0x063d: 'ي', 0x063e: 'ي', 0x063f: 'ي',
  // teh marbuta and heh variants -> heh
  0x0629: 'ه', 0x06c3: 'ه', 0x06d5: 'ه', 0x06c1: 'ه', 0x06be: 'ه', 0x06c0: 'ه', 0x06c2: 'ه',
  // Persian / Sindhi kaf forms -> kaf
  0x06a9: 'ك', 0x06aa: 'ك', 0x06ab: 'ك',
  // tatweel, small waw, small yeh: decoration
  0x0640: '', 0x06e5: '', 0x06e6: '',
  // Arabic decimal and thousands separators
  0x066b: '.', 0x066c: ',',
};

/** The hamza letter that ؤ/ئ fold to; U+0654 (combining hamza above) after و or ي produces it too. */
export const HAMZA = 0x0621;
export const COMBINING_HAMZA_ABOVE = 0x0654;

const IS_MARK = /^\p{M}$/u;
const IS_FORMAT = /^\p{Cf}$/u;
const IS_LETTER = /^[\p{L}\p{Nl}]$/u;
const IS_DIGIT = /^\p{Nd}$/u;
const IS_ARABIC_SCRIPT = /^\p{Script=Arabic}$/u;
const IS_SPACE = /^\s*$/u;

/** One step of folding for a single code point; `fold` repeats it until nothing changes. */
function foldStep(cp: number, digitValue: (cp: number) => number): string {
  const own = ARABIC_FOLDS[cp];
  if (own !== undefined) return own;
  const ch = String.fromCodePoint(cp);
  const compat = ch.normalize('NFKC');
  if (compat !== ch) {
    // Isolated forms of harakat (U+FE70…) decompose to a space plus a mark: they are marks, not spaces.
    const bare = compat.replace(/\p{M}/gu, '');
    return bare !== compat && IS_SPACE.test(bare) ? '' : compat;
  }
  if (IS_MARK.test(ch) || IS_FORMAT.test(ch)) return '';
  const decomposed = ch.normalize('NFD');
  if (decomposed !== ch) {
    const bare = decomposed.replace(/\p{M}/gu, '');
    if (bare !== decomposed) return bare;
  }
  const lower = ch.toLowerCase();
  if (lower !== ch) return lower;
  if (IS_DIGIT.test(ch)) return String.fromCharCode(0x30 + digitValue(cp));
  return ch;
}

function foldToFixedPoint(cp: number, digitValue: (cp: number) => number): string {
  let current = String.fromCodePoint(cp);
  for (let round = 0; round < 8; round++) {
    let next = '';
    for (const ch of current) next += foldStep(ch.codePointAt(0) as number, digitValue);
    if (next === current) return current;
    current = next;
  }
  return current;
}

/** Decimal digits come in contiguous runs of ten (a Unicode stability guarantee): value = offset in the run. */
function digitValueOf(cp: number): number {
  let zero = cp;
  while (IS_DIGIT.test(String.fromCodePoint(zero - 1)) && cp - (zero - 1) < 10) zero--;
  return (cp - zero) % 10;
}

export interface CharTables {
  readonly fold: Uint16Array;
  readonly expansions: ReadonlyMap<number, string>;
  readonly cls: Uint8Array;
}

function buildTables(): CharTables {
  const fold = new Uint16Array(0x10000);
  const cls = new Uint8Array(0x10000);
  const expansions = new Map<number, string>();
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      fold[c] = c; // lone surrogates are kept; pairs are folded as code points by foldAstral
      cls[c] = c <= 0xdbff ? HIGH_SURROGATE : OTHER;
      continue;
    }
    if (c === DELETE || c === EXPAND) {
      fold[c] = DELETE; // noncharacters carry no meaning
      continue;
    }
    const folded = c < 0x80 ? String.fromCharCode(c).toLowerCase() : foldToFixedPoint(c, digitValueOf);
    if (folded.length === 0) fold[c] = DELETE;
    else if (folded.length === 1) fold[c] = folded.charCodeAt(0);
    else {
      fold[c] = EXPAND;
      expansions.set(c, folded);
    }
    cls[c] = classify(c, folded);
  }
  return { fold, expansions, cls };
}

function classify(c: number, folded: string): number {
  const ch = String.fromCharCode(c);
  const wordy = IS_LETTER.test(ch) || IS_DIGIT.test(ch);
  if (IS_FORMAT.test(ch) && !wordy) return IGNORABLE;
  if (IS_MARK.test(ch) || (wordy && folded.length === 0)) return MARK;
  if (!wordy) return OTHER;
  // A letter whose fold spells several words (ﷺ) or contains punctuation is treated as a symbol.
  for (const f of folded) {
    if (!IS_LETTER.test(f) && !IS_DIGIT.test(f) && !IS_MARK.test(f)) return OTHER;
  }
  if (IS_DIGIT.test(ch)) return DIGIT;
  return IS_ARABIC_SCRIPT.test(ch) ? ARABIC : LETTER;
}

export const TABLES: CharTables = buildTables();

/** Fold of a supplementary-plane code point (mathematical letters, Arabic mathematical symbols, emoji …). */
export function foldAstral(cp: number): string {
  return foldToFixedPoint(cp, digitValueOf);
}

/** Token class of a supplementary-plane code point. */
export function classifyAstral(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if (IS_MARK.test(ch)) return MARK;
  if (IS_FORMAT.test(ch)) return IGNORABLE;
  if (IS_DIGIT.test(ch)) return DIGIT;
  if (!IS_LETTER.test(ch)) return OTHER;
  return IS_ARABIC_SCRIPT.test(ch) ? ARABIC : LETTER;
}
