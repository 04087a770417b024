/**
 * Larkey's Light-10 stemmer as published (Larkey, Ballesteros & Connell, "Light Stemming for Arabic
 * Information Retrieval", 2007), implemented here as a peer for the stemmer evaluation. Not used by the product.
 *
 * 1. remove و if 3 or more letters remain;
 * 2. remove one definite article (ال وال بال كال فال لل) if 2 or more letters remain;
 * 3. go once through the suffixes ها ان ات ون ين يه ية ه ة ي in that order, removing each one found at the
 *    end of the word if 2 or more letters remain.
 */
const ARTICLES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ية', 'ه', 'ة', 'ي'];

export function light10(word: string): string {
  let w = word;
  if (w.startsWith('و') && w.length - 1 >= 3) w = w.slice(1);
  for (const a of ARTICLES) {
    if (w.startsWith(a) && w.length - a.length >= 2) {
      w = w.slice(a.length);
      break;
    }
  }
  for (const s of SUFFIXES) if (w.endsWith(s) && w.length - s.length >= 2) w = w.slice(0, -s.length);
  return w;
}

/**
 * Larkey's own normalisation: diacritics and tatweel removed, إ أ آ → ا, final ى → ي, final ة → ه.
 * (Sada's normalisation also folds ؤ ئ → ء, all ى and ة, presentation forms, digits …)
 */
export function larkeyNormalize(word: string): string {
  return word
    .replace(/[\u064b-\u0652\u0640\u0670]/gu, '')
    .replace(/[إأآ]/gu, 'ا')
    .replace(/ى$/u, 'ي')
    .replace(/ة$/u, 'ه');
}
