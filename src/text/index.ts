/**
 * Arabic text analysis for Sada: pure, fast, no I/O. Display text is never changed; everything here
 * computes a matching form beside it, with offsets back into the original.
 *
 * Quick guide
 * - Search indexing: `analyzeTerms(text)` → parallel arrays `norms`, `stems`, `starts`, `ends`, `flags`
 *   (TERM_STOP / TERM_BOILERPLATE / TERM_NUMBER bits); index stems for recall, norms for an exact-form boost,
 *   and highlight with `text.slice(starts[i], ends[i])`. Queries go through the same `analyzeTerms`.
 * - Duplicates: `shingleHashes(contentTerms(terms), k)` (or over `terms.norms`) → Uint32Array for MinHash.
 * - Stories / related: `contentTerms(terms, { use: 'stem' })` for bags of words, `phrases(terms)` for names
 *   and set phrases; `isNewsBoilerplate` words are dropped there (not in search).
 * - Humans (`sada analyze`): `analyze(text)` → one `Token` object per word.
 *
 * Spelling decisions (normalize): أ إ آ ٱ → ا; ؤ ئ → ء (the hamza letter: مسؤول and مسئول, أبناؤهم and
 * أبنائهم then match; a standalone ء is kept so بدء ≠ بد); ى → ي; ة → ه; harakat, Quranic marks, tatweel,
 * zero-width and bidi controls removed; digits → ASCII; NFKC; Latin lower-cased without accents.
 * docs/STEMMER.md explains the stemmer and its measured accuracy.
 */
export { normalize, foldRange } from './normalize.js';
export { tokenize, tokenSpans, type RawToken, type TokenSpans } from './tokenize.js';
export { stem, cliticFree, createStemmer, createStemmerParts, DEFAULT_LEXICON, type Stemmer, type StemmerLexicon } from './stem.js';
export { isStopword, isNewsBoilerplate } from './stopwords.js';
export {
  analyze,
  analyzeTerms,
  TERM_STOP,
  TERM_BOILERPLATE,
  TERM_NUMBER,
  type Token,
  type Terms,
  type AnalyzeOptions,
} from './analyze.js';
export { ngrams, phrases, contentTerms, type PhraseOptions } from './phrases.js';
export { hash32, hashBytes32, shingleHashes, mix32 } from './hash.js';
