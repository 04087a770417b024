import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeTerms, type Terms } from '../text/index.js';
import { buildIndexDocument, isContentTerm } from './index-document.js';
import { exactForm, exactKeyOfForm, skeletonKey, stemKey, wholeNumber } from './index-keys.js';
import type { IndexDocument, IndexTerm } from './types.js';

/** The document built the plain way: every key of every word looked up anew, terms folded by key. */
function reference(articleId: number, title: Terms, body: Terms): IndexDocument {
  const families = [new Map<string, IndexTerm>(), new Map<string, IndexTerm>(), new Map<string, IndexTerm>()];
  const add = (family: number, name: string, key: string, field: 'title' | 'body', position: number) => {
    let t = families[family]!.get(name);
    if (!t) families[family]!.set(name, (t = { key, title: [], body: [] }));
    t[field].push(position);
  };
  const lengths = { title: 0, body: 0 };
  for (const [field, terms] of [['title', title], ['body', body]] as const) {
    let position = 0;
    for (let i = 0; i < terms.count; i++) {
      if (!isContentTerm(terms, i)) continue;
      const norm = terms.norms[i]!;
      add(0, terms.stems[i]!, stemKey(terms.stems[i]!), field, position);
      const whole = wholeNumber(norm);
      if (whole !== null) add(0, whole, stemKey(whole), field, position);
      add(1, exactForm(norm), exactKeyOfForm(exactForm(norm)), field, position);
      const skel = skeletonKey(norm);
      if (skel !== null) add(2, skel, skel, field, position);
      position++;
    }
    lengths[field] = position;
  }
  const byKey = new Map<string, IndexTerm>();
  for (const t of families.flatMap((f) => [...f.values()])) {
    const existing = byKey.get(t.key);
    if (!existing) byKey.set(t.key, t);
    else {
      existing.title = [...existing.title, ...t.title].sort((a, b) => a - b);
      existing.body = [...existing.body, ...t.body].sort((a, b) => a - b);
    }
  }
  return { articleId, titleLength: lengths.title, bodyLength: lengths.body, terms: [...byKey.values()] };
}

const LONG = 'س'.repeat(70);
const WORDS = ['الرياض', 'والرياض', 'بالرياض', 'الملك', 'ملك', 'مطار', 'المطار', 'في', 'على', '8,820.65', '8820', '12.5', 'Oil', 'OPEC', 'بوتين', 'بوتن', `${LONG}ا`, `${LONG}ب`, `ال${LONG}ت`];

test('a search document lists every key of every content word once, with its positions in order', () => {
  const title = analyzeTerms('أمير منطقة الرياض يفتتح مشروع توسعة المطار');
  const body = analyzeTerms('افتتح أمير منطقة الرياض مشروع مطار الملك خالد، وقال إن المشروع يرفع طاقة المطار 8,820.65 مرة و8820 مسافر.');
  assert.deepEqual(buildIndexDocument(7, title, body), reference(7, title, body));
});

test('search documents match the plain construction, repeated and very long words included', () => {
  const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 60 }).map((words) => words.join(' '));
  fc.assert(
    fc.property(text, text, (title, body) => {
      const t = analyzeTerms(title);
      const b = analyzeTerms(body);
      assert.deepEqual(buildIndexDocument(3, t, b), reference(3, t, b));
    }),
    { numRuns: 200 },
  );
});

test('documents built one after another share no position list: building one never changes another', () => {
  const title = analyzeTerms('أمير منطقة الرياض يفتتح مشروع توسعة المطار');
  const body = analyzeTerms('افتتح أمير منطقة الرياض مشروع مطار الملك خالد');
  const first = buildIndexDocument(1, title, body);
  const snapshot = structuredClone(first);
  // The second document gives title positions to words the first has in its body only, and the reverse.
  buildIndexDocument(2, analyzeTerms('مطار الملك خالد'), analyzeTerms('توسعة المطار ومشروع الرياض'));
  assert.deepEqual(first, snapshot);
  assert.ok(first.terms.some((t) => t.title.length === 0) && first.terms.some((t) => t.body.length === 0));
});
