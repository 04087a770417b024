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
  // The terms a normalised word goes to, found once per distinct word: a repeated word costs one lookup.
  const words = new Map<string, WordTerms>();
  let cut = false;
  const lengths = { title: 0, body: 0 };
  for (const [field, terms] of [['title', title], ['body', body]] as const) {
    let position = 0;
    for (let i = 0; i < terms.count; i++) {
      if (!isContentTerm(terms, i)) continue;
      if (position >= MAX_FIELD_TOKENS) break;
      const stem = terms.stems[i]!;
      const norm = terms.norms[i]!;
      let word = words.get(norm);
      if (word === undefined || word.stemText !== stem) {
        const s = termOf(stems, stem, stemKey);
        // 8820.65 is found by 8820 as another form of it: the stem key only, at the same position.
        const whole = wholeNumber(norm);
        const w = whole === null ? null : termOf(stems, whole, stemKey);
        const form = exactForm(norm);
        const e = termOf(exacts, form, exactKeyOfForm);
        const skel = skeletonKey(norm);
        const k = skel === null ? null : termOf(skeletons, skel, asIs);
        // A prefixed key shorter than prefix + word was cut (skeleton keys are their map keys already).
        if (s.key.length !== stem.length + 1 || e.key.length !== form.length + 1 || (w !== null && w.key.length !== whole!.length + 1)) cut = true;
        words.set(norm, (word = { stemText: stem, stem: s, whole: w, exact: e, skeleton: k }));
      }
      addPosition(word.stem, field, position);
      if (word.whole) addPosition(word.whole, field, position);
      addPosition(word.exact, field, position);
      if (word.skeleton) addPosition(word.skeleton, field, position);
      position++;
    }
    lengths[field] = position;
  }
  const all = [...stems.values(), ...exacts.values(), ...skeletons.values()];
  // Keys of different words differ unless a very long word was cut (skeleton keys are map keys already).
  if (!cut) return { articleId, titleLength: lengths.title, bodyLength: lengths.body, terms: all };
  // Very long words are cut to the same key now and then: fold such terms into one.
  const byKey = new Map<string, IndexTerm>();
  for (const t of all) {
    const existing = byKey.get(t.key);
    if (!existing) byKey.set(t.key, t);
    else {
      existing.title = mergeSorted(existing.title, t.title);
      existing.body = mergeSorted(existing.body, t.body);
    }
  }
  return { articleId, titleLength: lengths.title, bodyLength: lengths.body, terms: [...byKey.values()] };
}

/** The term named `name` in `terms`, with the key `keyOf(name)` when new. */
function termOf(terms: Map<string, IndexTerm>, name: string, keyOf: (name: string) => string): IndexTerm {
  let t = terms.get(name);
  if (!t) terms.set(name, (t = { key: keyOf(name), title: NO_POSITIONS, body: NO_POSITIONS }));
  return t;
}

/**
 * The positions of a term that has none in a field: shared, and never added to (`addPosition` replaces
 * it). Most words occur once or twice, and an array pushed to from empty gets room for 16 positions.
 */
const NO_POSITIONS: number[] = [];

function addPosition(t: IndexTerm, field: 'title' | 'body', position: number): void {
  const positions = t[field];
  if (positions === NO_POSITIONS) t[field] = [position];
  else positions.push(position);
}

const asIs = (name: string): string => name;

/** The terms one normalised word (with the stem it had) is indexed under. */
interface WordTerms {
  stemText: string;
  stem: IndexTerm;
  whole: IndexTerm | null;
  exact: IndexTerm;
  skeleton: IndexTerm | null;
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
