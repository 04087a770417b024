import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { addIndexedArticle } from '../test-support/search.js';
import { SearchEngine } from './engine.js';
import { editNeighbours, suggestSpelling } from './spelling.js';

describe('spelling suggestions', () => {
  let store: Store;
  const T0 = Date.parse('2015-08-03T09:00:00Z');

  before(async () => {
    store = await SqliteStore.open({ path: ':memory:' });
    let n = 0;
    const add = (title: string, text: string) => addIndexedArticle(store, { name: `a${n++}`, source: 'okaz', title, text, published: T0 - n * 60_000 });
    // A common name (60 articles), a common word one first letter away from a rarer verb form, and rare
    // real words one letter away from common ones.
    for (let i = 0; i < 60; i++) await add(`الهلال يستعد للموسم ${i}`, `يتدرب فريق الهلال في الرياض استعداداً للقاء رقم ${i}، ونال الفريق لقب الدوري.`);
    await add('جماهير الاتحاد تلقب المدرب', 'الجماهير تلقب المدرب بالجلاد بعد الفوز.');
    await add('فريد يفتتح المعرض', 'افتتح الفنان فريد معرضه الأول.');
    await add('لوحات فريد في جدة', 'عرض فريد لوحاته في جدة.');
    await add('ندوة مع فريد', 'تحدث فريد عن تجربته.');
  });
  after(() => store.close());

  it('finds every one-letter edit that keeps the first letter', () => {
    const n = editNeighbours('هلل');
    for (const form of ['هلال', 'هل', 'هلم', 'هلله', 'هلل'.slice(0, 1) + 'لل']) assert.equal(n.includes(form), form.length >= 3 && form !== 'هلل', form);
    assert.ok(n.includes('هلال'), 'an inserted letter');
    assert.ok(editNeighbours('رياص').includes('رياض'), 'a replaced letter');
    assert.ok(editNeighbours('فيسبك').includes('فيسبوك'));
    assert.ok(editNeighbours('اردوغنا').includes('اردوغان'), 'two letters swapped');
    assert.ok(editNeighbours('الاتحادد').includes('الاتحاد'), 'a letter deleted');
    assert.ok(!editNeighbours('تلقب').includes('لقب') && !editNeighbours('تلقب').includes('يلقب'), 'the first letter stays');
    assert.ok(!editNeighbours('هلل').includes('هلل'));
    assert.ok(editNeighbours('هلل').every((f) => f.length >= 3));
  });

  it('offers the common spelling for a word nearly absent from the corpus, clitics and the rest of the query kept', async () => {
    assert.equal(await suggestSpelling('الهلل', store), 'الهلال');
    assert.equal(await suggestSpelling('مباراة والهلل "في الرياض" source:okaz', store), 'مباراة والهلال "في الرياض" source:okaz');
    assert.equal(await suggestSpelling('"الهلل"', store), '"الهلال"');
  });

  it('does not look for other spellings of a run of letters longer than any word', async () => {
    // Before, a 1,000-letter query word asked the index for its 60,000 one-edit neighbours (20 s of CPU).
    const asked: string[] = [];
    const counting = { ...store, searchPostings: (keys: readonly string[]) => (asked.push(...keys), store.searchPostings(keys)) } as Store;
    assert.equal(await suggestSpelling(`${'ا'.repeat(1000)} الهلل`, counting), `${'ا'.repeat(1000)} الهلال`);
    assert.ok(asked.length < 200, `${asked.length} keys read`);
    assert.equal(await suggestSpelling('ب'.repeat(25), counting), null);
  });

  it('offers nothing for words the corpus holds, rare real words, exclusions or a first-letter change', async () => {
    assert.equal(await suggestSpelling('الهلال', store), null);
    assert.equal(await suggestSpelling('فريد', store), null, 'three articles hold it: a real name, not a typo of فريق (60 articles)');
    const lax = { maxTypedDocs: 2, minDocs: 50, ratio: 10, maxWords: 4 };
    assert.equal(await suggestSpelling('فريد', store, undefined, lax), null, 'held by more articles than maxTypedDocs, even at a lower ratio');
    assert.equal(await suggestSpelling('فريد', store, undefined, { ...lax, maxTypedDocs: 3 }), 'فريق', 'what the limit prevents');
    assert.equal(await suggestSpelling('تلقب', store), null, 'لقب is 60 articles away only by the first letter');
    assert.equal(await suggestSpelling('النصر -الهلل', store), null, 'an excluded word is not corrected');
    assert.equal(await suggestSpelling('iPhone source:okaz', store), null);
    assert.equal(await suggestSpelling('', store), null);
    // a run of letters longer than any word is not looked at: its neighbours were never read
    const asked: number[] = [];
    const counting = { searchPostings: (keys: readonly string[]) => (asked.push(keys.length), store.searchPostings(keys)) } as unknown as Store;
    assert.equal(await suggestSpelling(`الهلل ${'ا'.repeat(300)}`, counting), 'الهلال ' + 'ا'.repeat(300));
    assert.ok(asked.every((n) => n < 1000), `keys read: ${asked.join(', ')}`);
    assert.equal(await suggestSpelling('الهلل', store, undefined, { maxTypedDocs: 2, minDocs: 61, ratio: 40, maxWords: 4 }), null, 'fewer articles than minDocs');
  });

  it('the engine answers it only when asked, beside the results', async () => {
    const engine = new SearchEngine(store);
    const asked = await engine.search({ query: 'الهلل', now: T0, suggest: true });
    assert.equal(asked.suggestion, 'الهلال');
    const plain = await engine.search({ query: 'الهلل', now: T0 });
    assert.equal(plain.suggestion, undefined);
    assert.deepEqual(
      asked.hits.map((h) => h.article.id),
      plain.hits.map((h) => h.article.id),
      'the results are those of the query as typed',
    );
    assert.equal((await engine.search({ query: 'الهلال', now: T0, suggest: true })).suggestion, undefined);
  });
});
