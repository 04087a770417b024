import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { SearchEngine } from './engine.js';
import { addIndexedArticle } from '../test-support/search.js';

/**
 * What readers type against what outlets write, with Sada's own analyzer: spelling variants, clitics,
 * the exact form above its stem-mates, and highlights on the words as written.
 */
describe('Arabic matching (Sada analyzer)', () => {
  let store: Store;
  let engine: SearchEngine;
  const T0 = Date.parse('2015-08-03T09:00:00Z');
  const names = async (query: string) => (await engine.search({ query, now: T0 })).hits.map((h) => h.article.url.slice('https://t.test/'.length));

  const add = (name: string, title: string, text: string) => addIndexedArticle(store, { name, source: 'src', title, text, published: T0 });

  before(async () => {
    store = await SqliteStore.open({ path: ':memory:' });
    engine = new SearchEngine(store);
    await add('hamza', 'أمير منطقة مكة المكرمة يزور مستشفى الولادة', 'زار الأميرُ مستشفى الولادة في مكّة واطّلع على سير العمل.');
    await add('no-hamza', 'امير الشرقية يدشن مشروع الاسكان', 'دشن امير المنطقة الشرقية مشروع الاسكان الجديد.');
    await add('hamza-below', 'إطلاق مبادرة إسكان الأسر', 'أعلنت الوزارة إطلاق مبادرة لإسكان الأسر المحتاجة.');
    await add('clitics', 'المدارس تستقبل طلابها', 'وبالمدارس استعدادات، وللطلاب برامج، وسيارته متوقفة بجوار مدرستهم.');
    await add('book', 'معرض الكتاب', 'افتتح معرض الكتاب بمشاركة دور النشر، وكتاب جديد يلقى الإقبال.');
    await add('writer', 'الكاتب الشاب', 'قال الكاتب إن الكاتب الشاب يكتب كل يوم، والكتّاب حاضرون في الندوة.');
    await add('putin-long', 'بوتين يستقبل ضيفه في الكرملين', 'استقبل الرئيس الروسي فلاديمير بوتين ضيفه وتحدث عن العلاقات.');
    await add('putin-short', 'بوتن يرد على العقوبات', 'قال الرئيس الروسي فلاديمير بوتن إن بلاده سترد على العقوبات.');
    await add('first-time', 'لأول مرة منذ عقود', 'افتتح المتحف لأول مرة أمام الزوار.');
    await add('first-other', 'الأولى في المنطقة', 'هذه المبادرة الأولى من نوعها في المنطقة.');
    await add('index-decimal', 'المؤشر يغلق مرتفعا', 'أغلق المؤشر العام عند 8820.65 نقطة بتداولات بلغت 1,949 مليون ريال.');
    await add('index-whole', 'المؤشر عند 8820 نقطة', 'بلغ المؤشر 8820 نقطة في منتصف الجلسة.');
  });
  after(() => store.close());

  it('matches hamza, alef, ta marbuta and ya variants both ways', async () => {
    assert.deepEqual((await names('امير مكه')).slice(0, 1), ['hamza']);
    assert.ok((await names('مستشفي')).includes('hamza'), 'ى typed as ي');
    assert.ok((await names('أمير الشرقية')).includes('no-hamza'), 'hamza typed, none written');
    assert.ok((await names('اطلاق مبادره')).includes('hamza-below'), 'إ and ة typed as ا and ه');
    assert.ok((await names('مكّة')).includes('hamza'), 'diacritics typed are ignored');
  });

  it('matches words behind clitics', async () => {
    for (const q of ['مدارس', 'المدرسة', 'الطلاب', 'سيارة']) assert.ok((await names(q)).includes('clitics'), q);
  });

  it('ranks the exact word above other words of its family', async () => {
    const order = await names('كتاب');
    assert.equal(order[0], 'book', order.join(' '));
    // الكتّاب (writers) is spelt like الكتاب (the book) once diacritics go; كاتب never outranks كتاب.
    if (order.includes('writer')) assert.ok(order.indexOf('writer') > order.indexOf('book'));
    assert.equal((await names('كاتب'))[0], 'writer');
  });

  it('finds other spellings of a rare name, below the spelling typed', async () => {
    assert.deepEqual(await names('بوتن'), ['putin-short', 'putin-long']);
    assert.deepEqual(await names('بوتين'), ['putin-long', 'putin-short']);
    const hit = (await engine.search({ query: 'بوتين', now: T0 })).hits.find((h) => h.article.url.endsWith('/putin-short'))!;
    assert.deepEqual(
      hit.titleHighlights.map(([s, e]) => hit.article.title.slice(s, e)),
      ['بوتن'],
    );
  });

  it('counts a word behind a clitic as the exact word', async () => {
    // لأول is ل + أول: the exact form, not just the stem (الأولى shares the stem only)
    assert.deepEqual((await names('اول')).slice(0, 2), ['first-time', 'first-other']);
  });

  it('finds a number written with decimals or thousands separators by the whole number, below the number typed', async () => {
    assert.deepEqual(await names('8820 نقطة'), ['index-whole', 'index-decimal']);
    assert.deepEqual(await names('1949 مليون'), ['index-decimal']);
    assert.deepEqual(await names('8820.65'), ['index-decimal']);
    const hit = (await engine.search({ query: '8820', now: T0 })).hits.find((h) => h.article.url.endsWith('/index-decimal'))!;
    assert.deepEqual(
      hit.snippet.highlights.map(([s, e]) => hit.snippet.text.slice(s, e)),
      ['8820.65'],
    );
  });

  it('highlights the original spelling, diacritics and hamza included', async () => {
    const hit = (await engine.search({ query: 'امير مكه', now: T0 })).hits.find((h) => h.article.url.endsWith('/hamza'))!;
    const marked = hit.snippet.highlights.map(([s, e]) => hit.snippet.text.slice(s, e));
    assert.ok(marked.includes('الأميرُ'), marked.join('|'));
    assert.ok(marked.includes('مكّة'), marked.join('|'));
    assert.deepEqual(
      hit.titleHighlights.map(([s, e]) => hit.article.title.slice(s, e)),
      ['أمير', 'مكة'],
    );
  });
});
