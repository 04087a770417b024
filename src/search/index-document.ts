import { TERM_STOP, analyzeTerms, type Terms } from '../text/index.js';
import { exactForm, exactKeyOfForm, skeletonKey, stemKey, wholeNumber } from './index-keys.js';
import type { AnalyzeTerms, IndexDocument, IndexTerm } from './types.js';

/** Positions beyond this many content words of a field are not indexed (hostile or absurdly long text). */
export const MAX_FIELD_TOKENS = 20_000;

/**
 * What the pipeline calls for every stored article: analyses the title and the text and returns the
 * document to hand to `store.indexDocument`.
 */
export function indexDocumentFor(articleId: number, title: string, text: string, analyze: AnalyzeTerms = analyzeTerms): IndexDocument {
  return buildIndexDocument(articleId, analyze(title), analyze(text));
}

/**
 * Turns an article's analysed title and body into the document the index stores. Stopwords are left out
 * and positions count content words only, so "ليبيا على حافة" keeps ليبيا and حافة adjacent.
 */
export function buildIndexDocument(articleId: number, title: Terms, body: Terms): IndexDocument {
  // Keyed by the bare stem / exact form: the prefixed key string is made once per distinct word.
  const stems = new Map<string, IndexTerm>();
  const exacts = new Map<string, IndexTerm>();
  const skeletons = new Map<string, IndexTerm>();
  const lengths = { title: 0, body: 0 };
  for (const [field, terms] of [['title', title], ['body', body]] as const) {
    let position = 0;
    for (let i = 0; i < terms.count; i++) {
      if (!isContentTerm(terms, i)) continue;
      if (position >= MAX_FIELD_TOKENS) break;
      const stem = terms.stems[i]!;
      let s = stems.get(stem);
      if (!s) stems.set(stem, (s = { key: stemKey(stem), title: [], body: [] }));
      s[field].push(position);
      // 8820.65 is found by 8820 as another form of it: the stem key only, at the same position.
      const whole = wholeNumber(terms.norms[i]!);
      if (whole !== null) {
        let w = stems.get(whole);
        if (!w) stems.set(whole, (w = { key: stemKey(whole), title: [], body: [] }));
        w[field].push(position);
      }
      const form = exactForm(terms.norms[i]!);
      let e = exacts.get(form);
      if (!e) exacts.set(form, (e = { key: exactKeyOfForm(form), title: [], body: [] }));
      e[field].push(position);
      const skel = skeletonKey(terms.norms[i]!);
      if (skel !== null) {
        let k = skeletons.get(skel);
        if (!k) skeletons.set(skel, (k = { key: skel, title: [], body: [] }));
        k[field].push(position);
      }
      position++;
    }
    lengths[field] = position;
  }
  // Very long words are cut to the same key now and then: fold such terms into one.
  const byKey = new Map<string, IndexTerm>();
  for (const t of [...stems.values(), ...exacts.values(), ...skeletons.values()]) {
    const existing = byKey.get(t.key);
    if (!existing) byKey.set(t.key, t);
    else {
      existing.title = mergeSorted(existing.title, t.title);
      existing.body = mergeSorted(existing.body, t.body);
    }
  }
  return { articleId, titleLength: lengths.title, bodyLength: lengths.body, terms: [...byKey.values()] };
}

/** Words that are indexed and counted in positions: everything but stopwords (and empty stems). */
export function isContentTerm(terms: Terms, i: number): boolean {
  return (terms.flags[i]! & TERM_STOP) === 0 && terms.stems[i] !== '';
}

function mergeSorted(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! <= b[j]!)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}
