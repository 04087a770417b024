import { TERM_BOILERPLATE, TERM_STOP, type Terms } from './analyze.js';

/** Consecutive word n-grams of a sequence, joined by a space: ngrams(['a','b','c'], 2) → ['a b', 'b c']. */
export function ngrams(words: readonly string[], n: number): string[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`ngrams: n must be a positive integer, got ${n}`);
  const out: string[] = [];
  for (let i = 0; i + n <= words.length; i++) {
    let gram = words[i] as string;
    for (let j = 1; j < n; j++) gram += ` ${words[i + j] as string}`;
    out.push(gram);
  }
  return out;
}

export interface PhraseOptions {
  /** Words per phrase (default 2). */
  n?: number;
  /** Build phrases from matching forms (default) or stems. */
  use?: 'norm' | 'stem';
  /** Let news boilerplate (قال، أضاف …) break phrases like stopwords do (default true). */
  boilerplate?: boolean;
}

/**
 * Word n-grams of the content words of an analysed text, in the order they occur: a stopword (and, by
 * default, a boilerplate word) ends a phrase, so "وزير الخارجية في مؤتمر صحفي" gives "وزير الخارجيه" and
 * "مءتمر صحفي" but nothing across في. Names and set phrases (خادم الحرمين الشريفين) come out whole.
 */
export function phrases(terms: Terms, options: PhraseOptions = {}): string[] {
  const n = options.n ?? 2;
  const words = options.use === 'stem' ? terms.stems : terms.norms;
  const breakMask = options.boilerplate === false ? TERM_STOP : TERM_STOP | TERM_BOILERPLATE;
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length >= n) for (const p of ngrams(run, n)) out.push(p);
    run = [];
  };
  for (let i = 0; i < terms.count; i++) {
    if (((terms.flags[i] as number) & breakMask) !== 0) flush();
    else run.push(words[i] as string);
  }
  flush();
  return out;
}

/** The terms that carry content: no stopwords and, unless `boilerplate` is false, no news boilerplate. */
export function contentTerms(terms: Terms, options: { use?: 'norm' | 'stem'; boilerplate?: boolean } = {}): string[] {
  const words = options.use === 'stem' ? terms.stems : terms.norms;
  const mask = options.boilerplate === false ? TERM_STOP : TERM_STOP | TERM_BOILERPLATE;
  const out: string[] = [];
  for (let i = 0; i < terms.count; i++) if (((terms.flags[i] as number) & mask) === 0) out.push(words[i] as string);
  return out;
}
