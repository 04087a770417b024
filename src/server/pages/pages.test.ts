import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../core/errors.js';
import { testApp, type TestApp } from '../testing/test-app.js';
import { READER_CORPUS, readerAppForFile } from '../../test-support/reader-app.js';
import { openStore } from '../../store/open.js';
import { createServer } from '../create-server.js';
import { addIndexedArticle } from '../../test-support/search.js';
import { createFormatter } from './format.js';

const CORPUS = READER_CORPUS;
let t: TestApp;
readerAppForFile((app) => (t = app));

async function page(path: string, init?: RequestInit) {
  const res = await t.app.request(path, init);
  return { res, body: await res.text() };
}

const id = (key: string) => {
  const value = t.fx.articles.get(key);
  assert.ok(value, `fixture article ${key}`);
  return value;
};

test('every page is an Arabic RTL document with the stylesheet and no script', async () => {
  for (const path of ['/', `/story/${t.fx.stories.get('rain')}`, `/article/${id('rain-okaz')}`, '/search?q=أمطار', '/sources']) {
    const { res, body } = await page(path);
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.ok(body.startsWith('<!DOCTYPE html><html lang="ar" dir="rtl">'), path);
    assert.match(body, /<link rel="stylesheet" href="\/assets\/sada\.[0-9a-f]{12}\.css"\/>/);
    assert.doesNotMatch(body, /<script/i, path);
  }
});

test('home ranks the story covered by most outlets first and shows outlets, counts and Arabic relative time', async () => {
  const { body } = await page('/');
  const rain = body.indexOf(`/story/${t.fx.stories.get('rain')}`);
  const phone = body.indexOf(`/story/${t.fx.stories.get('phone')}`);
  const derby = body.indexOf(`/story/${t.fx.stories.get('derby')}`);
  assert.ok(rain > 0 && phone > 0 && derby > 0);
  assert.ok(rain < phone && phone < derby, 'five outlets two hours ago rank above three outlets, recent above old');
  assert.match(body, /5 مصادر/);
  assert.match(body, /منذ ساعة/, 'the rain story was last updated 60 minutes ago');
  assert.match(body, /<bdi>واس<\/bdi>/);
  assert.match(body, /<bdi>عكاظ<\/bdi>/, 'imported slugs get Arabic outlet names');
  assert.match(body, /datetime="2026-03-10T11:00:00.000Z"/);
});

test('story page: full coverage, first report marked, wire copies collapsed, timeline and related stories', async () => {
  const { body } = await page(`/story/${t.fx.stories.get('rain')}`);
  assert.match(body, /التغطية الكاملة/);
  assert.match(body, /أول من نشر/);
  assert.match(body, /الأسبق/);
  assert.match(body, /نفس النص في 4 مواقع/);
  assert.match(body, /النسخ الأخرى \(3\)/);
  assert.match(body, /التسلسل الزمني/);
  assert.match(body, /نقلاً عن <bdi>واس<\/bdi>/);
  // the last update's Gregorian and Hijri dates (before, only the Hijri one was shown beside «منذ ساعة»)
  const story = await t.store.getStory(t.fx.stories.get('rain')!);
  const fmt = createFormatter({ locale: 'ar', timeZone: 'UTC', now: t.now() });
  assert.ok(body.includes(`<span>${fmt.date(story!.lastSeen)}</span><span>${fmt.hijri(story!.lastSeen)}</span>`), fmt.date(story!.lastSeen));
  // The timeline's rows name the zone of their clock times.
  const rows = body.slice(body.indexOf('<ol class="timeline">'), body.indexOf('</ol>', body.indexOf('<ol class="timeline">')));
  assert.match(rows, /<time datetime="[^"]+">[^<]* [صم] UTC<\/time>/);
  const derby = await page(`/story/${t.fx.stories.get('derby')}`);
  assert.match(derby.body, /قصص ذات صلة/);
  assert.ok(derby.body.includes(`/story/${t.fx.stories.get('team')}`), 'the national team story is related to the derby');
});

test('article page: text as paragraphs, origin of a copy, read-also, other coverage and similar', async () => {
  const { body } = await page(`/article/${id('rain-okaz')}`);
  assert.match(body, /نقلاً عن <bdi>واس<\/bdi>/);
  assert.equal((body.match(/<div class="body">(.*?)<\/div>/s)?.[1]?.match(/<p dir="(?:rtl|auto)">/g) ?? []).length, 3);
  assert.match(body, /تغطيات أخرى للخبر/);
  for (const other of ['rain-spa', 'rain-madina', 'rain-sabq', 'rain-riyadh']) assert.ok(body.includes(`/article/${id(other)}`), other);
  assert.match(body, /href="https:\/\/okaz\.example\.com\/news\/rain-okaz" rel="noopener noreferrer nofollow"/);

  assert.ok(body.includes(`<a href="/story/${t.fx.stories.get('rain')}">التغطية الكاملة: 5 مصادر</a>`));
  // the team story holds this one article: its page would show it again, and nothing else
  const alone = await page(`/article/${id('team-spa')}`);
  assert.ok(!alone.body.includes(`href="/story/${t.fx.stories.get('team')}"`), 'no «full coverage» of the article alone');

  const derby = await page(`/article/${id('derby-riyadh')}`);
  const readAlso = derby.body.slice(derby.body.indexOf('اقرأ أيضاً'));
  assert.ok(readAlso.indexOf(`/article/${id('team-spa')}`) > 0, 'read-also is the most related article of another story');
  assert.match(derby.body, /مقالات مشابهة/);
  assert.ok(derby.body.includes(`/article/${id('budget')}`));
});

test('an article stored without text says so instead of showing a blank under its headline', async () => {
  const app = await testApp(CORPUS);
  try {
    // 33 of the 8,691 imported SaudiNewsNet and ANT articles have an empty or blank text
    const blank = await addIndexedArticle(app.store, { name: 'blank', source: 'alriyadh', title: 'فيسبوك يتفوق في أرباح الربع الثاني', text: ' \n ', published: app.fx.now - 30 * 60_000 });
    const body = await (await app.app.request(`/article/${blank}`)).text();
    assert.match(body, /<div class="body"><p class="muted">لم يُحفظ نص هذا الخبر؛ نصه في موقعه الأصلي\.<\/p><\/div>/);
    assert.match(body, /اقرأ الخبر في موقعه الأصلي/);
  } finally {
    await app.store.close();
  }
});

test('an article with neither related reading nor other coverage leads to its outlet’s earlier articles', async () => {
  const app = await testApp(CORPUS);
  try {
    const alone = await addIndexedArticle(app.store, { name: 'alone', source: 'alriyadh', title: 'خبر لا شبيه له', text: 'نص قصير لا يشبه شيئاً.', published: app.fx.now - 30 * 60_000 });
    const body = await (await app.app.request(`/article/${alone}`)).text();
    const section = body.slice(body.indexOf('المزيد من'));
    // quoted: «المزيد من الرياض» read as more from the city of Riyadh
    assert.ok(body.includes('المزيد من «<bdi>الرياض</bdi>»'), 'labelled as the outlet’s, not as related');
    for (const key of ['rain-riyadh', 'derby-riyadh']) assert.ok(section.includes(`/article/${app.fx.articles.get(key)}`), key);
    assert.ok(section.includes(`<a href="/source/${app.fx.sources.get('alriyadh')}">كل مقالات «<bdi>الرياض</bdi>»</a>`));
    // No similar article from the days around it: the headline's words search the whole archive.
    assert.match(body, /لا مقالات مشابهة من الأيام القريبة/);
    const archive = `/search?${new URLSearchParams({ q: 'خبر لا شبيه له' }).toString()}`;
    assert.ok(body.includes(`<a href="${archive}">ابحث عن الموضوع في الأرشيف كله</a>`), 'a link to search the archive');
    const found = await (await app.app.request(archive)).text();
    assert.ok(found.includes(`/article/${alone}`), 'the search finds the article itself');
  } finally {
    await app.store.close();
  }
  for (const [key, why] of [
    ['derby-riyadh', 'related reading is shown instead'],
    ['rain-riyadh', 'other coverage is shown instead'],
    ['budget', 'nothing earlier from the outlet: no empty section'],
  ] as const) {
    assert.ok(!(await page(`/article/${id(key)}`)).body.includes('المزيد من'), why);
  }
});

test('hostile strings are escaped everywhere and a javascript: URL is never linked', async () => {
  const { body } = await page(`/article/${id('xss-hostile')}`);
  assert.ok(body.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the title is shown as text');
  assert.doesNotMatch(body, /<img|<iframe|<svg|<script|<a href="javascript/i);
  assert.doesNotMatch(body, /javascript:alert\(4\)/);
  assert.ok(body.includes('&lt;script&gt;alert(5)&lt;/script&gt;'));
  const home = await page('/');
  assert.doesNotMatch(home.body, /<img|<script/i);
  const sources = await page('/sources');
  assert.doesNotMatch(sources.body, /<script|<b>/i);
  assert.ok(sources.body.includes('&lt;b&gt;موقع&lt;/b&gt;'));
});

test('mixed Arabic/Latin titles are direction-isolated', async () => {
  const { body } = await page(`/story/${t.fx.stories.get('phone')}`);
  assert.match(body, /<h1 dir="rtl">شركة Apple تطلق هاتف iPhone 17 في دبي/);
  assert.match(body, /<bdi>Tech Wire عربي<\/bdi>/);
  // The document title too: a bidi override in a stored title ends at the isolate, before « — صدى».
  assert.match(body, /<title>\u2068شركة Apple تطلق هاتف iPhone 17[^<]*\u2069 — صدى<\/title>/);
});

test('an Arabic title or paragraph that starts with a Latin word is laid out right to left; a Latin-only one is left to the browser', async () => {
  // dir="auto" made «stc تزور مرضى كلانا» (SaudiNewsNet) left-to-right: left-aligned, read in the wrong order
  const app = await testApp(CORPUS);
  try {
    const title = 'stc تزور مرضى كلانا';
    const text = 'KPMG: التخصيص يوفر بيئة شفافة.\nhttp://cdn.example.net/report.pdf\nوأضاف التقرير أن السوق تنمو.';
    const alone = await addIndexedArticle(app.store, { name: 'stc', source: 'alriyadh', title, text, published: app.fx.now - 10 * 60_000 });
    const article = await (await app.app.request(`/article/${alone}`)).text();
    assert.ok(article.includes(`<h1 dir="rtl">${title}</h1>`), 'the heading');
    assert.ok(article.includes('<p dir="rtl">KPMG: التخصيص يوفر بيئة شفافة.</p>'), 'a paragraph starting with a Latin word');
    assert.ok(article.includes('<p dir="auto">http://cdn.example.net/report.pdf</p>'), 'a bare URL keeps its own direction');
    const latest = await (await app.app.request('/latest')).text();
    assert.ok(latest.includes(`<a href="/article/${alone}" dir="rtl">${title}</a>`), 'the link in a listing');
    const search = await (await app.app.request(`/search?q=${encodeURIComponent('KPMG التخصيص')}`)).text();
    assert.match(search, /<p class="snippet" dir="rtl">/);
  } finally {
    await app.store.close();
  }
  const hostile = await page(`/article/${id('xss-hostile')}`);
  assert.match(hostile.body, /<h1 dir="auto">&lt;img/, 'a Latin-only title');
});

test('digits follow the reader locale: ar-SA gets Arabic-Indic digits', async () => {
  const { body } = await page('/', { headers: { 'accept-language': 'ar-SA,ar;q=0.9,en;q=0.5' } });
  assert.match(body, /٥ مصادر/);
  const latin = await page('/', { headers: { 'accept-language': 'en-US' } });
  assert.match(latin.body, /5 مصادر/);
});

test('the header navigation marks the section the reader is in, and only that one', async () => {
  const nav = (body: string) => body.slice(body.indexOf('<nav class="main"'), body.indexOf('</nav>', body.indexOf('<nav class="main"')));
  const current = (body: string) => [...nav(body).matchAll(/<a href="([^"]+)" aria-current="page">/g)].map((m) => m[1]);
  for (const [path, section] of [['/', '/'], ['/?page=2', '/'], ['/latest', '/latest'], ['/search?q=' + encodeURIComponent('أمطار'), '/search'], ['/sources', '/sources']] as const) {
    assert.deepEqual(current((await page(path)).body), [section], path);
  }
  // an outlet's page, a story or an article is in none of the sections
  for (const path of [`/source/${t.fx.sources.get('spa')}`, `/story/${t.fx.stories.get('rain')}`, `/article/${id('rain-okaz')}`, '/nope']) {
    assert.deepEqual(current((await page(path)).body), [], path);
  }
});

test('search page highlights matches, filters by source and keeps the query in the form', async () => {
  const { body } = await page('/search?q=' + encodeURIComponent('الأمطار مكة'));
  assert.match(body, /<mark>/);
  assert.match(body, /value="الأمطار مكة"/);
  const report = ['rain-spa', 'rain-okaz', 'rain-madina', 'rain-sabq'].filter((key) => body.includes(`/article/${id(key)}"`));
  assert.equal(report.length, 1, `one hit for the wire report and its copies, not ${report.join(', ')}`);
  assert.match(body, /ونُشر التقرير نفسه في [^<]*(?:موقع|مواقع)/, "the hit says where else the report ran, in the story page's word");
  const filtered = await page('/search?q=' + encodeURIComponent('أمطار') + '&source=okaz');
  assert.ok(filtered.body.includes(`/article/${id('rain-okaz')}`));
  // Its feed keeps the outlet filter.
  assert.ok(filtered.body.includes('href="/feeds/search.xml?q=%D8%A3%D9%85%D8%B7%D8%A7%D8%B1&amp;source=okaz"'), 'feed link with the source');
  assert.ok(!filtered.body.includes(`/article/${id('rain-spa')}`));
  const bad = await page('/search?q=x&from=yesterday');
  assert.equal(bad.res.status, 400);
  assert.match(bad.body, /تحقق من كلمات البحث/);
});

test('search page: the outlet menu shows the filter that was searched, also in capitals, for several outlets or a removed one', async () => {
  const q = 'q=' + encodeURIComponent('أمطار');
  const selected = (body: string) => [...body.matchAll(/<option value="([^"]*)" selected="">([^<]*)<\/option>/g)].map((m) => `${m[1]}=${m[2]}`).filter((o) => !o.startsWith('relevance'));
  assert.deepEqual(selected((await page(`/search?${q}&source=okaz`)).body), ['okaz=عكاظ']);
  // search reads OKAZ as okaz; the menu said «كل المصادر»
  const capitals = await page(`/search?${q}&source=OKAZ`);
  assert.ok(capitals.body.includes(`/article/${id('rain-okaz')}`));
  assert.deepEqual(selected(capitals.body), ['okaz=عكاظ']);
  assert.deepEqual(selected((await page(`/search?${q}&source=okaz,sabq`)).body), ['okaz,sabq=عكاظ، سبق']);
  assert.deepEqual(selected((await page(`/search?${q}`)).body), [], 'no filter: «كل المصادر», the first option');
  const app = await testApp(CORPUS);
  try {
    const okaz = app.fx.sources.get('okaz')!;
    assert.ok(await app.store.removeSource(okaz));
    const body = await (await app.app.request(`/search?${q}&source=okaz`)).text();
    assert.ok(body.includes(`/article/${app.fx.articles.get('rain-okaz')!}`), 'a removed outlet’s articles are still searched');
    assert.deepEqual(selected(body), ['okaz=عكاظ']);
  } finally {
    await app.store.close();
  }
});

test('search page: one query box, filters folded away unless in use, results numbered on from the page', async () => {
  const q = encodeURIComponent('أمطار');
  const plain = await page(`/search?q=${q}`);
  // the header's box is left out here: it held the same words, and the page had two search landmarks
  assert.equal(plain.body.match(/role="search"/g)?.length, 1);
  assert.equal(plain.body.match(/name="q"/g)?.length, 1);
  assert.match(plain.body, /<details class="options"><summary>/, 'no filter in use: folded, so a phone shows the results first');
  for (const filters of ['&source=okaz', '&from=2026-03-01', '&to=2026-03-10', '&sort=newest', '']) {
    const path = filters ? `/search?q=${q}${filters}` : '/search';
    assert.match((await page(path)).body, /<details class="options" open="">/, path);
  }
  const other = await page('/latest');
  assert.equal(other.body.match(/role="search"/g)?.length, 1, 'other pages keep the header box');

  const app = await testApp(CORPUS);
  try {
    for (let i = 0; i < 12; i++) {
      await addIndexedArticle(app.store, { name: `quake-${i}`, source: i % 2 ? 'okaz' : 'sabq', title: `زلزال بقوة ${i + 3} درجات في منطقة ${i}`, text: `سجلت المراصد زلزالاً في المنطقة رقم ${i}.`, published: app.fx.now - (i + 1) * 60_000 });
    }
    const first = await (await app.app.request(`/search?q=${encodeURIComponent('زلزال')}`)).text();
    assert.match(first, /<ol class="plain links results" start="1">/);
    const second = await (await app.app.request(`/search?q=${encodeURIComponent('زلزال')}&page=2`)).text();
    assert.match(second, /<ol class="plain links results" start="11">/, 'the second page goes on from 11');
    assert.match(first, /<nav class="pager" aria-label="الصفحات"><span><\/span><a href="[^"]*page=2">التالي ←<\/a><\/nav>/);
    // twelve outlets carrying one report are one hit: no «التالي» to a page with nothing on it
    const wire = await addIndexedArticle(app.store, { name: 'wire-0', source: 'okaz', title: 'كسوف حلقي يشاهد في المملكة', text: 'يشاهد سكان المملكة كسوفا حلقيا للشمس صباح الغد بحسب الجمعية الفلكية.', published: app.fx.now - 60_000 });
    for (let i = 1; i < 12; i++) {
      await addIndexedArticle(app.store, { name: `wire-${i}`, source: `outlet${i}`, title: 'كسوف حلقي يشاهد في المملكة', text: 'يشاهد سكان المملكة كسوفا حلقيا للشمس صباح الغد بحسب الجمعية الفلكية.', published: app.fx.now - 60_000 + i, duplicateOf: wire });
    }
    const copies = await (await app.app.request(`/search?q=${encodeURIComponent('كسوف')}`)).text();
    assert.equal(copies.match(/href="\/article\/\d+"/g)?.length, 1, 'one hit for the report');
    assert.doesNotMatch(copies, /page=2/);
    // a listing that fits one page has no «الصفحات» navigation at all: an empty landmark was announced
    for (const path of [`/search?q=${encodeURIComponent('زززقق')}`, `/source/${app.fx.sources.get('alriyadh')}`, '/?page=1']) {
      const body = await (await app.app.request(path)).text();
      assert.doesNotMatch(body, /aria-label="الصفحات"/, path);
    }
  } finally {
    await app.store.close();
  }
});

test('search page: no «التالي» on to empty pages when copies folded into hits leave fewer hits than the total', async () => {
  const app = await testApp(CORPUS);
  try {
    // six reports, each also carried word for word by a second outlet: twelve matches, six hits
    for (let i = 0; i < 6; i++) {
      const text = `أعلنت الهيئة أن كسوفاً جزئياً للشمس سيُرى في المنطقة رقم ${i} صباح الغد ولمدة ساعتين تقريباً.`;
      const first = await addIndexedArticle(app.store, { name: `eclipse-${i}`, source: 'sabq', title: `كسوف جزئي في المنطقة ${i}`, text, published: app.fx.now - (i + 1) * 60_000 });
      await addIndexedArticle(app.store, { name: `eclipse-copy-${i}`, source: 'okaz', title: `كسوف جزئي في المنطقة ${i}`, text, published: app.fx.now - (i + 1) * 60_000 + 1000, duplicateOf: first });
    }
    const q = encodeURIComponent('كسوف');
    for (const sort of ['', '&sort=newest']) {
      const first = await (await app.app.request(`/search?q=${q}${sort}`)).text();
      assert.equal(first.match(/<div class="article-line">/g)?.length, 6, sort);
      assert.match(first, /12 نتيجة/, 'the total still counts every copy');
      assert.doesNotMatch(first, /التالي ←/, `${sort}: the sixth hit is the last one`);
      const past = await (await app.app.request(`/search?q=${q}${sort}&page=2`)).text();
      assert.match(past, /لا نتائج أخرى لهذا البحث\. <a href="\/search\?q=[^"&]*(?:&amp;sort=newest)?">العودة إلى أول النتائج<\/a>/, sort);
      assert.doesNotMatch(past, /→ السابق/, `${sort}: not back to another empty page`);
    }
  } finally {
    await app.store.close();
  }
});

test('search page problems: a bad date is not put back in the date field, the example date stays whole, a bad page says so', async () => {
  const bad = await page(`/search?q=${encodeURIComponent('أمطار')}&from=notadate&to=2015-13-45`);
  assert.equal(bad.res.status, 400);
  // Chromium refuses such a value with a console warning
  assert.match(bad.body, /<input type="date" name="from" value=""\/>/);
  assert.match(bad.body, /<input type="date" name="to" value=""\/>/);
  assert.ok(bad.body.includes('(بصيغة <bdi dir="ltr" class="nowrap">2015-08-03</bdi>)'), 'the example date is one left-to-right run');
  // both picked from the date fields, in the wrong order: the format is not what is wrong
  const reversed = await page(`/search?q=${encodeURIComponent('أمطار')}&from=2026-03-10&to=2026-03-01`);
  assert.equal(reversed.res.status, 400);
  assert.match(reversed.body, /تاريخ البداية بعد تاريخ النهاية/);
  assert.doesNotMatch(reversed.body, /بصيغة/);
  const good = await page(`/search?q=${encodeURIComponent('أمطار')}&from=2026-03-01`);
  assert.match(good.body, /<input type="date" name="from" value="2026-03-01"\/>/);
  const pageNumber = await page(`/search?q=${encodeURIComponent('أمطار')}&page=abc`);
  assert.equal(pageNumber.res.status, 400);
  assert.match(pageNumber.body, /رقم صفحة النتائج غير صالح/, 'not «check the words and dates»');
  const none = await page(`/search?q=${encodeURIComponent('زززقق')}`);
  assert.match(none.body, /لا نتائج لهذا البحث/);
  assert.match(none.body, /جرّب كلمات أقل أو أعمّ/);
});

test('search page sorts newest first on request: articles with every word, the choice kept in the form', async () => {
  const order = (body: string) =>
    ['phone-arabia', 'phone-sky', 'phone-tech']
      .map((key) => ({ key, at: body.indexOf(`/article/${id(key)}"`) }))
      .filter((x) => x.at >= 0)
      .sort((a, b) => a.at - b.at)
      .map((x) => x.key);
  const newest = await page('/search?q=' + encodeURIComponent('iPhone دبي') + '&sort=newest');
  assert.equal(newest.res.status, 200);
  // The review (phone-tech) has iPhone but not دبي; the other two come newest first.
  assert.deepEqual(order(newest.body), ['phone-sky', 'phone-arabia']);
  assert.match(newest.body, /<option value="newest" selected/);
  const relevance = await page('/search?q=' + encodeURIComponent('iPhone دبي'));
  assert.deepEqual(order(relevance.body).sort(), ['phone-arabia', 'phone-sky', 'phone-tech']);
  assert.match(relevance.body, /<option value="relevance" selected/);
  const none = await page('/search?q=' + encodeURIComponent('iPhone الهلال') + '&sort=newest');
  assert.match(none.body, /لا مقال يحوي كل كلمات البحث/);
  assert.doesNotMatch(none.body, /class="notice"/, 'said once, by the page, with its link');
  const common = await page('/search?q=' + encodeURIComponent('في من على'));
  assert.match(common.body, /<p class="notice">الاستعلام كلمات شائعة فقط؛ أضف كلمة مميزة<\/p>/);
  assert.doesNotMatch(common.body, /جرّب كلمات أقل/, 'the note says what to do; «fewer words» contradicted it');
  assert.match(none.body, /href="\/search\?q=iPhone\+%D8%A7%D9%84%D9%87%D9%84%D8%A7%D9%84"/);
  assert.equal((await page('/search?q=x&sort=oldest')).res.status, 400);
});

test('sources page lists status, errors and the admin forms only when a token is configured', async () => {
  const { body } = await page('/sources');
  assert.match(body, /HTTP 503 من الخادم البعيد/);
  assert.match(body, /SADA_ADMIN_TOKEN/);
  assert.doesNotMatch(body, /name="token"/);
  const admin = await testApp(CORPUS, { adminToken: 'secret-token' });
  const form = await (await admin.app.request('/sources')).text();
  assert.match(form, /name="token"/);
  const wrong = await admin.app.request('/sources', { method: 'POST', body: new URLSearchParams({ url: 'https://feeds.example.org/rss', token: 'nope' }) });
  assert.equal(wrong.status, 401);
  const refused = await wrong.text();
  // the reason stands at the refused form, which the page opens at (#add), with the URL still typed in; before,
  // the reason was at the top and the form, below every source, was empty again
  const addSection = refused.slice(refused.indexOf('<section id="add">'), refused.indexOf('</section>', refused.indexOf('<section id="add">')));
  assert.match(addSection, /<p class="panel status-error" role="alert">رمز الإدارة غير صحيح\.<\/p><form class="panel filters" method="post" action="\/sources#add">/);
  assert.match(addSection, /name="url"[^>]*value="https:\/\/feeds\.example\.org\/rss"/);
  assert.doesNotMatch(refused, /value="nope"/, 'the token is never written back');
  assert.match(refused, /action="\/sources\/remove#remove"/);
  const notRemoved = await (await admin.app.request('/sources/remove', { method: 'POST', body: new URLSearchParams({ id: String(admin.fx.sources.get('okaz')), token: 'nope' }) })).text();
  const removeSection = notRemoved.slice(notRemoved.indexOf('<section id="remove">'));
  assert.match(removeSection, /role="alert">رمز الإدارة غير صحيح/);
  assert.ok(removeSection.includes(`<option value="${admin.fx.sources.get('okaz')}" selected="">`), 'the chosen source stays chosen');
  const ok = await admin.app.request('/sources', { method: 'POST', body: new URLSearchParams({ url: 'https://feeds.example.org/rss', token: 'secret-token' }) });
  assert.equal(ok.status, 303);
  const added = (await admin.store.listSources()).find((s) => s.feedUrl === 'https://feeds.example.org/rss');
  assert.ok(added);
  assert.equal(ok.headers.get('location'), `/sources?added=${added.id}#outcome`);
  const listed = await (await admin.app.request(ok.headers.get('location')!)).text();
  assert.match(listed, /<p id="outcome" class="panel status-ok" role="status">«feeds\.example\.org» من المصادر المتابَعة\.<\/p>/);
  // A source not fetched yet says so, rather than showing an unknown date.
  assert.match(listed, /لم يُجلب بعد/);
  const removed = await admin.app.request('/sources/remove', { method: 'POST', body: new URLSearchParams({ id: String(added.id), token: 'secret-token' }) });
  assert.equal(removed.status, 303);
  assert.equal(removed.headers.get('location'), `/sources?removed=${added.id}#outcome`);
  assert.ok(!(await admin.store.listSources()).some((s) => s.id === added.id));
  const after = await (await admin.app.request(removed.headers.get('location')!)).text();
  assert.match(after, /<p id="outcome" class="panel status-ok" role="status">لم يعد «feeds\.example\.org» من المصادر المتابَعة؛ مقالاته المحفوظة باقية في صفحته\.<\/p>/);
  // another feed of the same host: the removed source keeps its slug, the new one gets another (was 409)
  const other = await admin.app.request('/sources', { method: 'POST', body: new URLSearchParams({ url: 'https://feeds.example.org/atom', token: 'secret-token' }) });
  assert.equal(other.status, 303);
  assert.equal((await admin.store.listSources()).find((s) => s.feedUrl === 'https://feeds.example.org/atom')?.slug, `${added.slug}-2`);
  await admin.store.close();
});

test('a fetch error in English is marked lang="en" in the Arabic sources table; an Arabic one is not', async () => {
  const app = await testApp(CORPUS);
  try {
    await app.store.updateFetchState(app.fx.sources.get('okaz')!, { lastError: 'paused after 5 consecutive failures; last: HTTP 503 Service Unavailable', consecutiveErrors: 5 });
    const body = await (await app.app.request('/sources')).text();
    // without lang, a screen reader's Arabic voice spelled the English message out by Arabic rules
    assert.match(body, /<span class="status-error" dir="auto" lang="en">paused after 5 consecutive failures; last: HTTP 503 Service Unavailable<\/span>/);
    assert.match(body, /<span class="status-error" dir="rtl">HTTP 503 من الخادم البعيد<\/span>/);
  } finally {
    await app.store.close();
  }
});

test('the sources table names each cell’s column, so a phone can show each row as a card', async () => {
  const { body } = await page('/sources');
  const table = body.slice(body.indexOf('<table'), body.indexOf('</table>'));
  assert.match(table, /^<table class="stack" role="table">/);
  const headers = [...table.matchAll(/<th role="columnheader" scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);
  assert.deepEqual(headers, ['المصدر', 'النوع', 'المقالات', 'آخر جلب', 'الحالة', 'الفحص التالي']);
  const rows = table.split('<tr role="row">').slice(2);
  assert.ok(rows.length >= 2);
  for (const row of rows) {
    assert.deepEqual([...row.matchAll(/<td role="cell" data-label="([^"]*)">/g)].map((m) => m[1]), headers, row.slice(0, 200));
  }
});

test('links that every row or page repeats say where they go', async () => {
  const { body } = await page('/sources');
  // each row's «Atom» and «الموقع» links name their outlet (fifteen links all called «Atom» before)
  const spa = t.fx.sources.get('spa');
  assert.ok(body.includes(`<a href="/feeds/source/${spa}.xml" aria-label="خلاصة Atom: واس">`), 'the feed link names its outlet');
  assert.match(body, /<a href="https:\/\/news\.example\.sa\/[^"]*" rel="noopener noreferrer nofollow" aria-label="الموقع: واس">/);
  const feeds = [...body.matchAll(/<a href="\/feeds\/source\/\d+\.xml"([^>]*)>/g)];
  assert.ok(feeds.length >= 2 && feeds.every((m) => /aria-label="خلاصة Atom: [^"]+"/.test(m[1]!)));
  // the footer's feed is the top stories' one; /latest's own link («خلاصة Atom») leads to another feed
  const latest = await page('/latest');
  assert.match(latest.body, /<a href="\/feeds\/top\.xml">خلاصة أهم القصص \(Atom\)<\/a>/);
  assert.match(latest.body, /<a href="\/feeds\/latest\.xml">خلاصة Atom<\/a>/);
});

test('every feed a page announces is announced in RSS too, and both answer', async () => {
  const unescape = (href: string) => href.replace(/&amp;/g, '&');
  const pages = ['/', '/latest', `/source/${t.fx.sources.get('spa')}`, `/story/${t.fx.stories.get('rain')}`, `/search?q=${encodeURIComponent('أمطار')}&source=okaz`, '/sources'];
  for (const path of pages) {
    const { body } = await page(path);
    const head = body.slice(0, body.indexOf('</head>'));
    const announced = (type: string) => [...head.matchAll(new RegExp(`<link rel="alternate" type="${type.replace(/[+]/g, '\\+')}" title="([^"]*)" href="([^"]*)"/>`, 'g'))].map((m) => ({ title: m[1]!, href: unescape(m[2]!) }));
    const atom = announced('application/atom+xml');
    const rss = announced('application/rss+xml');
    assert.ok(atom.length >= 1, path);
    assert.deepEqual(rss, atom.map((a) => ({ title: `${a.title} (RSS)`, href: `${a.href}${a.href.includes('?') ? '&' : '?'}format=rss` })), path);
    for (const { href } of rss) {
      const res = await t.app.request(href);
      assert.equal(res.status, 200, href);
      assert.equal(res.headers.get('content-type'), 'application/rss+xml; charset=utf-8', href);
    }
  }
  // The visible links next to each Atom link.
  const spa = t.fx.sources.get('spa');
  const rain = t.fx.stories.get('rain');
  assert.ok((await page('/sources')).body.includes(`<a href="/feeds/source/${spa}.xml?format=rss" aria-label="خلاصة RSS: واس">`), 'each row’s RSS link names its outlet');
  assert.ok((await page(`/source/${spa}`)).body.includes(`<a href="/feeds/source/${spa}.xml?format=rss">خلاصة RSS</a>`));
  assert.ok((await page(`/story/${rain}`)).body.includes(`<a href="/feeds/story/${rain}.xml?format=rss">خلاصة RSS</a>`));
  assert.ok((await page(`/search?q=${encodeURIComponent('أمطار')}&source=okaz`)).body.includes('<a href="/feeds/search.xml?q=%D8%A3%D9%85%D8%B7%D8%A7%D8%B1&amp;source=okaz&amp;format=rss">خلاصة RSS</a>'));
  const latest = await page('/latest');
  assert.match(latest.body, /<a href="\/feeds\/latest\.xml\?format=rss">خلاصة RSS<\/a>/);
  assert.match(latest.body, /<a href="\/feeds\/top\.xml\?format=rss">خلاصة أهم القصص \(RSS\)<\/a>/, 'the footer’s');
});

test('a crafted /sources link shows no confirmation of something that was not done: the note states what is true now, or nothing', async () => {
  const spa = t.fx.sources.get('spa')!;
  // an outlet known only from imports is not polled: naming it said «okaz» من المصادر المتابَعة
  const okaz = t.fx.sources.get('okaz')!;
  for (const query of ['done=added', 'done=removed', 'added=999999', 'removed=999999', `removed=${spa}`, 'added=abc', 'added=', 'removed=-1', `added=${okaz}`, `removed=${okaz}`]) {
    const { res, body } = await page(`/sources?${query}`);
    assert.equal(res.status, 200, query);
    assert.doesNotMatch(body, /panel status-ok|أضيف المصدر|حُذف المصدر|المصادر المتابَعة/, query);
  }
  // naming a followed source says only that it is followed, true whoever wrote the link
  assert.match((await page(`/sources?added=${spa}`)).body, /<p id="outcome" class="panel status-ok" role="status">«واس» من المصادر المتابَعة\.<\/p>/);
});

test('the add-source form refuses what the API refuses: only http(s) URLs reach the fetcher', async () => {
  const calls: string[] = [];
  const admin = await testApp(CORPUS, {
    adminToken: 'secret-token',
    addSource: async (url) => {
      calls.push(url);
      throw new AppError('FETCH_FAILED', `unsupported URL scheme in ${url}`);
    },
  });
  for (const url of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'mailto:a@b.example', 'ftp://x.example/feed']) {
    const res = await admin.app.request('/sources', { method: 'POST', body: new URLSearchParams({ url, token: 'secret-token' }) });
    assert.equal(res.status, 400, url);
    assert.match(await res.text(), /الرابط غير صالح/, url);
  }
  assert.deepEqual(calls, []);
  await admin.store.close();
});

test('unknown pages and ids give an Arabic error page with the right status', async () => {
  for (const [path, status] of [['/story/999999', 404], ['/article/0', 400], ['/nowhere', 404], ['/?page=abc', 400]] as const) {
    const { res, body } = await page(path);
    assert.equal(res.status, status, path);
    assert.match(body, /<html lang="ar" dir="rtl">/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
  }
});

test('an article, story or page number is plain digits: /article/1e0 is not /article/1 under another address', async () => {
  assert.equal((await page('/article/1')).res.status, 200);
  assert.equal((await page('/story/1')).res.status, 200);
  for (const path of ['/article/1e0', '/article/0x1', '/article/01', '/story/1.0', '/story/%201', '/?page=0x2', '/?page=2e0']) {
    const { res, body } = await page(path);
    assert.equal(res.status, 400, path);
    assert.match(body, /غير صالح/, path);
  }
});

test('an empty database shows how to add sources or import', async () => {
  const store = await openStore(':memory:');
  const app = createServer({ store });
  const body = await (await app.request('/')).text();
  assert.match(body, /لا توجد أخبار بعد/);
  assert.match(body, /sada sources add/);
  assert.match(body, /sada import/);
  await store.close();
});

test('articles without stories are listed on the home page until stories form', async () => {
  const store = await openStore(':memory:');
  const source = await store.ensureImportSource('okaz', 0);
  await store.insertArticle({ sourceId: source.id, url: 'https://okaz.example.com/a', canonicalUrl: 'https://okaz.example.com/a', externalId: null, title: 'خبر بلا قصة', text: 'نص', summary: null, author: null, category: null, tags: [], image: null, lang: 'ar', published: 1000, ingestedAt: 1000, contentHash: 'h' });
  const body = await (await createServer({ store }).request('/')).text();
  assert.match(body, /أحدث المقالات/);
  assert.match(body, /خبر بلا قصة/);
  await store.close();
});

test('top stories page on with «المزيد» and back with «السابق» (the first page is the top, not the newest)', async () => {
  const app = await testApp(READER_CORPUS);
  try {
    const articleId = app.fx.articles.get('budget')!;
    for (let i = 0; i < 25; i++) {
      const t = app.fx.now - (i + 1) * 60_000;
      await app.store.createStory({ title: `قصة رقم ${i}`, titleArticleId: articleId, firstSeen: t, lastSeen: t, articles: 1, sources: 1, firstArticleId: articleId });
    }
    const first = await (await app.app.request('/')).text();
    assert.match(first, /<a href="\/\?page=2">المزيد ←<\/a>/);
    const second = await (await app.app.request('/?page=2')).text();
    assert.match(second, /<a href="\/">→ السابق<\/a>/);
    assert.doesNotMatch(second, /→ الأحدث/);
  } finally {
    await app.store.close();
  }
});
