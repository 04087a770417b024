import { analyzeTerms } from '../text/index.js';
import { exactForm, exactKeyOfForm } from './index-keys.js';
import { isContentTerm } from './index-document.js';
import type { AnalyzeTerms, PostingsPart, SearchIndexReader } from './types.js';

/**
 * "Did you mean": a query word that almost no article holds, one letter away from a word that many hold, is
 * probably that word mistyped (الهلل for الهلال، اردغان for اردوغان، فيسبك for فيسبوك). Only offered, never
 * searched instead: a rare spelling is just as often a real name.
 */
export interface SpellingOptions {
  /**
   * Only words held by at most this many articles are looked at. Real words that few articles hold are
   * common in queries (names, specific nouns: 3–40 articles of 8,691 for most), and one letter away from a
   * common word just as often as typos are, so only a spelling nearly absent from the corpus is doubted.
   */
  maxTypedDocs: number;
  /** The better spelling must be held by at least this many articles ... */
  minDocs: number;
  /** ... and by this many times as many articles as the word typed. */
  ratio: number;
  /** At most this many words of a query are checked (each costs one read of a few hundred keys). */
  maxWords: number;
}

export const DEFAULT_SPELLING: SpellingOptions = { maxTypedDocs: 2, minDocs: 50, ratio: 40, maxWords: 4 };

/** The normalised Arabic letters (after src/text's folding: no أ إ آ ؤ ئ ى ة). */
const LETTERS = [...'ءابتثجحخدذرزسشصضطظعغفقكلمنهوي'];
const ARABIC_WORD = /^[\u0621-\u064a]+$/;
/** Shorter words have too many neighbours that are words of their own. */
const MIN_LETTERS = 3;
/**
 * Longer "words" are no mistyped word (Arabic's longest, clitics off, have about 15 letters), and the size of a word's
 * neighbours grows with its length squared: a 5,000-letter word typed to `sada search` made 280,000 forms of
 * 5,000 letters each and took a minute.
 */
const MAX_LETTERS = 25;

/**
 * Every form one edit away that keeps the first letter: a letter deleted, inserted, replaced, or two
 * neighbours swapped. The first letter stays because changing it is how Arabic inflects, not how it is
 * mistyped: تلقب / لقب، تهاجم / مهاجم، تفتتح / افتتح are one such edit apart.
 */
export function editNeighbours(form: string): string[] {
  const out = new Set<string>();
  for (let i = 1; i <= form.length; i++) {
    const head = form.slice(0, i);
    for (const c of LETTERS) out.add(head + c + form.slice(i));
    if (i === form.length) break;
    const tail = form.slice(i + 1);
    out.add(head + tail);
    for (const c of LETTERS) out.add(head + c + tail);
    if (i + 1 < form.length) out.add(head + form[i + 1] + form[i] + form.slice(i + 2));
  }
  out.delete(form);
  return [...out].filter((f) => f.length >= MIN_LETTERS);
}

interface QueryWord {
  start: number;
  end: number;
  /** What the index files the word under (its clitic-free form) and the clitics before it, normalised. */
  form: string;
  prefix: string;
}

/** The query with its likely typos corrected, or null when no word looks mistyped. */
export async function suggestSpelling(query: string, reader: SearchIndexReader, analyze: AnalyzeTerms = analyzeTerms, options: SpellingOptions = DEFAULT_SPELLING): Promise<string | null> {
  const words = queryWords(query, analyze);
  if (words.length === 0) return null;
  const own = await reader.searchPostings([...new Set(words.map((w) => exactKeyOfForm(w.form)))]);
  const suspects = words.filter((w) => docCount(own, exactKeyOfForm(w.form)) <= options.maxTypedDocs).slice(0, options.maxWords);
  if (suspects.length === 0) return null;
  const neighbours = new Map(suspects.map((w) => [w, editNeighbours(w.form)]));
  const found = await reader.searchPostings([...new Set([...neighbours.values()].flat().map(exactKeyOfForm))]);
  let out = '';
  let at = 0;
  for (const w of suspects) {
    const typed = docCount(own, exactKeyOfForm(w.form));
    let best: { form: string; docs: number } | null = null;
    for (const form of neighbours.get(w)!) {
      const docs = docCount(found, exactKeyOfForm(form));
      if (docs > (best?.docs ?? 0) || (best !== null && docs === best.docs && form < best.form)) best = { form, docs };
    }
    if (!best || best.docs < options.minDocs || best.docs < options.ratio * Math.max(1, typed)) continue;
    out += query.slice(at, w.start) + w.prefix + best.form;
    at = w.end;
  }
  return at === 0 ? null : out + query.slice(at);
}

/** The query's content words written in Arabic letters, outside exclusions (`-word`). */
function queryWords(query: string, analyze: AnalyzeTerms): QueryWord[] {
  const terms = analyze(query);
  const out: QueryWord[] = [];
  for (let i = 0; i < terms.count; i++) {
    if (!isContentTerm(terms, i)) continue;
    const norm = terms.norms[i]!;
    const start = terms.starts[i]!;
    if (!ARABIC_WORD.test(norm) || query[start - 1] === '-') continue;
    const form = exactForm(norm);
    if (form.length < MIN_LETTERS || form.length > MAX_LETTERS || !norm.endsWith(form)) continue;
    out.push({ start, end: terms.ends[i]!, form, prefix: norm.slice(0, norm.length - form.length) });
  }
  return out;
}

function docCount(postings: ReadonlyMap<string, readonly PostingsPart[]>, key: string): number {
  let n = 0;
  for (const part of postings.get(key) ?? []) n += part.df;
  return n;
}
