import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { SearchEngine, type SearchRequest } from './engine.js';
import { DEFAULT_RANKING } from './ranking-params.js';
import { addIndexedArticle } from '../test-support/search.js';
import { analyzeTerms, stem } from '../text/index.js';
import type { AnalyzeTerms } from './types.js';

/**
 * Sada's analyzer with one change: a deliberately AGGRESSIVE stemmer that conflates كتاب، كاتب and كتب —
 * the worst case the exact-form share must survive (Sada's own light stemmer keeps them apart).
 */
const ROOTS = new Map([
  ['كتاب', 'كتب'],
  ['كاتب', 'كتب'],
  ['كتب', 'كتب'],
]);
const conflating = (norm: string) => {
  const s = stem(norm);
  return ROOTS.get(s) ?? s;
};
const analyze: AnalyzeTerms = (text) => analyzeTerms(text, { stemmer: conflating });

const T0 = Date.parse('2015-08-03T09:00:00Z');

describe('search engine', () => {
  let store: Store;
  let engine: SearchEngine;
  const ids = new Map<string, number>();
  const search = (query: string, extra: Partial<SearchRequest> = {}) => engine.search({ query, now: T0 + 86_400_000, ...extra });
  const names = async (query: string, extra: Partial<SearchRequest> = {}) => (await search(query, extra)).hits.map((h) => h.article.url.replace('https://t.test/', ''));

  async function add(name: string, source: string, title: string, text: string, hoursAgo = 0, duplicateOf?: string): Promise<void> {
    const published = T0 - hoursAgo * 3_600_000;
    ids.set(name, await addIndexedArticle(store, { name, source, title, text, published, duplicateOf: duplicateOf ? ids.get(duplicateOf)! : null }, analyze));
  }

  before(async () => {
    store = await SqliteStore.open({ path: ':memory:' });
    engine = new SearchEngine(store, analyze);
    await add('okaz-souq', 'okaz', 'أمير مكة المكرمة يوافق على تطوير مشروع خيمة سوق عكاظ', 'وافق الأمير على تطوير سوق عكاظ في الطائف، وقال إن المشروع يخدم الزوار.', 30);
    await add('was-souq', 'was', 'أمير منطقة مكة يوافق على مشروع سوق عكاظ', 'وافق الأمير على تطوير سوق عكاظ في الطائف، وقال إن المشروع يخدم الزوار.', 31);
    await add('copy-souq', 'sabq', 'أمير مكة يوافق على تطوير سوق عكاظ', 'وافق الأمير على تطوير سوق عكاظ في الطائف، وقال إن المشروع يخدم الزوار.', 29, 'was-souq');
    // Filed in the same report group by the story engine, but reworded: a rewrite, not a copy.
    await add('rewrite-souq', 'alweeam', 'موافقة على تطوير خيمة سوق عكاظ', 'أعلن أمير منطقة مكة موافقته على مشروع لتطوير خيمة عكاظ، مؤكداً أن زوار الطائف سيستفيدون منه.', 28, 'was-souq');
    await add('far-words', 'alriyadh', 'جولة في الأسواق', 'زار الوفد سوق الخضار ثم تحدث عن تاريخ عكاظ الأدبي.', 40);
    await add('book', 'alyaum', 'كتاب جديد عن تاريخ الطائف', 'صدر كتاب يروي تاريخ المدينة.', 200);
    await add('writer', 'alyaum', 'الكاتب يتحدث عن الكاتب الشاب', 'قال الكاتب إن الكاتب الشاب يكتب كل يوم، وكاتب المقال كتب.', 1);
    await add('hajj', 'alwatan', 'استعدادات الحج', 'بدأت استعدادات موسم الحج في المشاعر.', 5);
    await add('umrah', 'alwatan', 'أعداد المعتمرين', 'بلغ عدد المعتمرين ستة ملايين في العمرة هذا العام.', 6);
    await add('body-only', 'okaz', 'أخبار المنطقة', 'تحدث التقرير عن الزلزال بالتفصيل.', 2);
    await add('in-title', 'okaz', 'زلزال يضرب المنطقة', 'شعر السكان بهزة قوية.', 2);
    const filler = 'وتحدث المسؤولون عن الطقس والمحاصيل والطرق والمدارس والأسواق في القرى المجاورة. '.repeat(8);
    await add('lead-early', 'alyaum', 'أخبار الجزيرة', `ثار البركان صباح اليوم. ${filler}`, 3);
    await add('lead-late', 'alyaum', 'أخبار الساحل', `${filler}ثار البركان صباح اليوم.`, 3);
  });
  after(() => store.close());

  it('finds reader spellings: no hamza, ه for ة, a single outlet per report', async () => {
    const r = await search('امير مكه عكاظ');
    assert.ok(r.total >= 3);
    assert.ok(/souq$/.test(r.hits[0]!.article.url));
    const urls = r.hits.map((h) => h.article.url);
    assert.ok(!(urls.includes('https://t.test/was-souq') && urls.includes('https://t.test/copy-souq')), 'copies collapse');
    assert.ok(urls.includes('https://t.test/rewrite-souq'), 'a rewrite in the same group is not hidden as a copy');
    const collapsed = r.hits.find((h) => h.article.url.endsWith('was-souq') || h.article.url.endsWith('copy-souq'))!;
    assert.equal(collapsed.alsoIn, 1);
  });

  it('never ranks other forms of a word above the word itself', async () => {
    const order = await names('كتاب');
    assert.equal(order[0], 'book', order.join(' '));
    assert.ok(order.includes('writer'), 'the conflating stem still finds the other forms');
  });

  it('boosts query words that stand together in the document', async () => {
    const order = await names('سوق عكاظ');
    assert.ok(order.indexOf('far-words') > order.indexOf('okaz-souq'));
  });

  it('ranks a title match above a body-only match', async () => {
    assert.deepEqual((await names('زلزال')).slice(0, 2), ['in-title', 'body-only']);
  });

  it('ranks a word in the lead above the same word deep in the text', async () => {
    assert.deepEqual(await names('البركان'), ['lead-early', 'lead-late']);
  });

  it('requires quoted phrases, in order, across stopwords', async () => {
    assert.ok(!(await names('"سوق عكاظ"')).includes('far-words'));
    assert.deepEqual(await names('"عكاظ سوق"'), []);
    assert.ok((await names('"تطوير سوق"')).includes('okaz-souq'));
    assert.ok((await names('"الطائف وقال"')).length > 0, 'punctuation between words does not break a phrase');
  });

  it('excludes words and phrases', async () => {
    const withAll = await names('عكاظ');
    assert.ok(withAll.includes('far-words'));
    assert.ok(!(await names('عكاظ -الخضار')).includes('far-words'));
    assert.ok(!(await names('عكاظ -"سوق الخضار"')).includes('far-words'));
    assert.ok((await names('عكاظ -"الخضار سوق"')).includes('far-words'));
  });

  it('reads OR as either word', async () => {
    assert.deepEqual((await names('الحج OR العمرة')).sort(), ['hajj', 'umrah']);
  });

  it('filters by source and date, from flags or from the query', async () => {
    assert.deepEqual(await names('عكاظ', { sources: ['alriyadh'] }), ['far-words']);
    assert.deepEqual(await names('عكاظ source:alriyadh'), ['far-words']);
    const windowed = await names('عكاظ', { from: '2015-08-01T22:00:00Z', to: '2015-08-02T04:00:00Z' });
    assert.deepEqual(windowed.sort(), ['copy-souq', 'okaz-souq'].filter((n) => windowed.includes(n)).sort());
    assert.ok(!windowed.includes('far-words'));
    const unknown = await search('عكاظ', { sources: ['nowhere'] });
    assert.equal(unknown.total, 0);
    assert.equal(unknown.empty, 'no-match-filter');
    assert.ok(unknown.warnings.some((w) => w.includes('nowhere')));
    assert.ok((await search('عكاظ', { from: 'yesterday' })).warnings.some((w) => w.includes('yesterday')));
  });

  it('highlights the words as written in the original text', async () => {
    const hit = (await search('امير الطائف')).hits.find((h) => h.article.url.endsWith('okaz-souq'))!;
    const marked = hit.snippet.highlights.map(([s, e]) => hit.snippet.text.slice(s, e));
    assert.ok(marked.includes('الأمير'), marked.join(','));
    assert.ok(marked.includes('الطائف،') === false && marked.includes('الطائف'));
    const titleMarks = hit.titleHighlights.map(([s, e]) => hit.article.title.slice(s, e));
    assert.deepEqual(titleMarks, ['أمير']);
  });

  it('answers bad input with an empty result, never an error', async () => {
    for (const q of ['', '   ', 'في من على', '"', '-', 'OR', `'; DROP TABLE articles; --`, 'NEAR(سوق عكاظ)', '*', 'ا'.repeat(10_000), 'كلمة '.repeat(3_000), '\u0000\ud800']) {
      const r = await search(q);
      assert.ok(r.total >= 0 && Array.isArray(r.hits), q.slice(0, 20));
    }
    assert.equal((await search('في من على')).empty, 'only-stopwords');
    assert.equal((await search('')).empty, 'no-words');
    assert.ok((await search('NEAR(سوق عكاظ)')).total > 0, 'operators of other engines are plain text');
  });

  it('sorts by time when asked: only articles with every word, newest first, copies still collapsed', async () => {
    const newest = await search('سوق عكاظ', { sort: 'newest' });
    // far-words holds both words (سوق الخضار … عكاظ) and comes last, being the oldest; was-souq is collapsed
    // into its newer copy.
    assert.deepEqual(newest.hits.map((h) => h.article.url.replace('https://t.test/', '')), ['rewrite-souq', 'copy-souq', 'okaz-souq', 'far-words']);
    // The collapsed copy's outlet is counted once, on the report's first hit on the page.
    assert.deepEqual(newest.hits.map((h) => h.alsoIn), [1, 0, 0, 0]);
    assert.equal(newest.total, 5);
    assert.notDeepEqual(await names('سوق عكاظ'), newest.hits.map((h) => h.article.url.replace('https://t.test/', '')));
    // Every hit keeps its highlights (positions are read for the page).
    assert.ok(newest.hits.every((h) => h.snippet.highlights.length > 0));
    // An article with only one of the words is left out.
    assert.deepEqual(await names('عكاظ الطائف', { sort: 'newest' }), ['rewrite-souq', 'copy-souq', 'okaz-souq']);
    assert.deepEqual(await names('الحج OR العمرة', { sort: 'newest' }), ['hajj', 'umrah']);
    // An alternative of two words (one token the analyzer splits) needs both.
    assert.deepEqual(await names('الحج OR الخضار-عكاظ', { sort: 'newest' }), ['hajj', 'far-words']);
    assert.deepEqual(await names('سوق عكاظ -الخضار', { sort: 'newest' }), ['rewrite-souq', 'copy-souq', 'okaz-souq']);
    assert.deepEqual(await names('سوق عكاظ', { sort: 'newest', sources: ['okaz', 'alriyadh'] }), ['okaz-souq', 'far-words']);
    assert.deepEqual(await names('سوق عكاظ', { sort: 'newest', limit: 1, offset: 2 }), ['okaz-souq']);
    const none = await search('عكاظ الحج', { sort: 'newest' });
    assert.equal(none.total, 0);
    assert.ok(none.warnings.some((w) => w.includes('الصلة')), none.warnings.join(' | '));
  });

  it('gives the same newest-first pages whether it sorts every match or walks the articles in time order', async () => {
    // Walking from the first match, two articles at a time: every page boundary and collapse case is hit.
    const walking = new SearchEngine(store, analyze, DEFAULT_RANKING, { walkFrom: 0, walkPage: 2, walkBudget: Infinity });
    // ... and one that gives up the walk early and sorts every match after all.
    const givingUp = new SearchEngine(store, analyze, DEFAULT_RANKING, { walkFrom: 0, walkPage: 1, walkBudget: 0.5 });
    const shape = (r: Awaited<ReturnType<typeof search>>) => ({ total: r.total, hits: r.hits.map((h) => [h.article.id, h.score, h.alsoIn, h.snippet.text]) });
    let compared = 0;
    for (const query of ['سوق عكاظ', 'عكاظ', 'الطائف', 'الحج OR العمرة', 'الكاتب', 'أخبار']) {
      for (const [limit, offset] of [[10, 0], [1, 0], [2, 1], [1, 3], [3, 2]] as const) {
        const request = { query, limit, offset, now: T0 + 86_400_000, sort: 'newest' as const };
        const direct = await search(query, request);
        assert.deepEqual(shape(await walking.search(request)), shape(direct), `${query} ${limit}/${offset}`);
        assert.deepEqual(shape(await givingUp.search(request)), shape(direct), `${query} ${limit}/${offset}, walk given up`);
        compared += direct.hits.length;
      }
    }
    assert.ok(compared > 20, `compared ${compared} hits`);
  });

  it('pages with offset and limit', async () => {
    const all = await names('عكاظ', { limit: 10 });
    const second = await names('عكاظ', { limit: 1, offset: 1 });
    assert.deepEqual(second, all.slice(1, 2));
  });
});

describe('search engine paging by relevance', () => {
  let store: Store;
  const T = Date.parse('2015-08-03T09:00:00Z');
  const filler = (n: number, seed: number) => Array.from({ length: n }, (_, i) => ['تقرير', 'المجلس', 'البلدية', 'الأحياء', 'الشوارع', 'الخدمات', 'السكان', 'المشاريع'][(i + seed) % 8]).join(' ');

  before(async () => {
    store = await SqliteStore.open({ path: ':memory:' });
    // Short texts that repeat the word a little way in (high first-stage scores, a partial head boost) and long
    // ones that open with it once (low first-stage scores, the whole head boost): re-ranked together, the
    // long ones overtake the short ones only when a request goes deep enough to let them in.
    for (let i = 0; i < 12; i++) {
      await addIndexedArticle(store, { name: `dense-${i}`, source: 'okaz', title: `أخبار متفرقة ${i}`, text: `${filler(40 + 2 * i, i)} الأمطار الأمطار في المدينة ${filler(5, i)}`, published: T - i * 3_600_000 });
    }
    for (let i = 0; i < 8; i++) {
      await addIndexedArticle(store, { name: `lead-${i}`, source: 'sabq', title: `تقرير اليوم ${i}`, text: `الأمطار ${filler(60 + 5 * i, i)}`, published: T - i * 3_600_000 });
    }
    // Articles without the word, so that it is a rare word with a weight worth boosting.
    for (let i = 0; i < 80; i++) await addIndexedArticle(store, { name: `other-${i}`, source: 'alyaum', title: `خبر ${i}`, text: filler(30, i), published: T - i * 3_600_000 });
  });
  after(() => store.close());

  it('continues each page where the one before stopped: no hit shown twice, none skipped', async () => {
    // A first band of 4 documents makes this small collection need several bands.
    const engine = new SearchEngine(store, analyzeTerms, { ...DEFAULT_RANKING, candidates: 4 });
    const ids = async (offset: number, limit: number) => (await engine.search({ query: 'الأمطار', offset, limit, now: T })).hits.map((h) => h.article.id);
    const deep = await ids(0, 20);
    assert.equal(deep.length, 20);
    assert.equal(new Set(deep).size, 20);
    const paged: number[] = [];
    for (let offset = 0; offset < 20; offset += 3) paged.push(...(await ids(offset, 3)));
    assert.deepEqual(paged, deep);
    for (const [offset, limit] of [[0, 1], [1, 2], [5, 7], [11, 9]] as const) assert.deepEqual(await ids(offset, limit), deep.slice(offset, offset + limit), `${offset}/${limit}`);
  });

  it('ranks a first page as it always did: one band of `candidates` re-ranked together', async () => {
    const engine = new SearchEngine(store, analyzeTerms, { ...DEFAULT_RANKING, candidates: 100 });
    const scores = (await engine.search({ query: 'الأمطار', limit: 20, now: T })).hits.map((h) => h.score);
    // Everything fits in the first band: plain best-first order.
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  });
});
