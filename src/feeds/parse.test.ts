import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../test-support/paths.js';
import { parseFeed } from './parse.js';
import type { ParsedFeed } from './types.js';

const read = (...parts: string[]): Buffer => readFileSync(fixturePath('feeds', ...parts));
const at = (iso: string): number => Date.parse(iso);

function item(feed: ParsedFeed, index: number) {
  const found = feed.items[index];
  assert.ok(found, `item ${index} exists`);
  return found;
}

test('RSS 2.0: content vs summary, links, guids, media, authors, categories, dates', () => {
  const feed = parseFeed(read('rss2', 'feed.xml'), { url: 'https://alsahel.example/feed/' });
  assert.equal(feed.format, 'rss');
  assert.equal(feed.title, 'صحيفة الساحل & الجبل');
  assert.equal(feed.homepage, 'https://alsahel.example/');
  assert.equal(feed.selfUrl, 'https://alsahel.example/feed/');
  assert.equal(feed.image, 'https://alsahel.example/logo.png');
  assert.equal(feed.ttlMinutes, 30);
  assert.equal(feed.items.length, 3);
  assert.deepEqual(feed.warnings, ['item 4: no link and no id, skipped']);

  const full = item(feed, 0);
  assert.equal(full.link, 'https://alsahel.example/news/2024/01/library-opening');
  assert.equal(full.guid, 'alsahel-10231');
  assert.equal(full.published, at('2024-01-07T05:30:00Z'));
  assert.deepEqual(full.authors, ['سلمى العطار']);
  assert.deepEqual(full.categories, ['ثقافة', 'مدن & بلديات']);
  assert.equal(full.isPartial, false);
  assert.equal(full.text.split('\n').length, 4, 'four paragraphs, the script dropped');
  assert.ok(full.text.startsWith('افتتحت بلدية مدينة الميناء صباح الأحد'));
  assert.ok(!full.text.includes('alert'));
  assert.equal(full.summary, 'افتتحت بلدية الميناء مكتبة عامة جديدة تضم عشرين ألف كتاب.');
  assert.equal(full.image, 'https://cdn.alsahel.example/img/library.jpg');

  const teaser = item(feed, 1);
  assert.equal(teaser.isPartial, true, 'a short description ending in "اقرأ المزيد" is a summary');
  assert.equal(teaser.link, 'https://alsahel.example/news/2024/01/fish-prices?utm=rss&ref=feed');
  assert.equal(teaser.title, 'ارتفاع أسعار الأسماك في سوق الميناء …');
  assert.deepEqual(teaser.authors, ['قسم الاقتصاد']);
  assert.equal(teaser.image, 'https://cdn.alsahel.example/img/fish.jpg');
  assert.deepEqual(teaser.enclosures, [{ url: 'https://cdn.alsahel.example/img/fish.jpg', type: 'image/jpeg', length: 48213 }]);

  const permalinkGuid = item(feed, 2);
  assert.equal(permalinkGuid.link, 'https://alsahel.example/news/2024/01/water-cut', 'guid is a permalink by default');
  assert.equal(permalinkGuid.published, at('2024-01-07T11:15:00Z'), 'Arabic date with Arabic-Indic digits');
  assert.ok(permalinkGuid.text.includes('الصيانة & التوسعة'), 'a bare ampersand is repaired, not fatal');
});

test('RSS 0.91 with its public DOCTYPE', () => {
  const feed = parseFeed(read('rss091', 'feed.xml'), { url: 'http://alwaha.example/rss' });
  assert.equal(feed.format, 'rss');
  assert.equal(item(feed, 0).link, 'http://alwaha.example/dates-harvest.html');
  assert.equal(item(feed, 0).title, 'موسم حصاد التمور يبدأ مبكراً');
});

test('RSS 1.0 (RDF) with Dublin Core', () => {
  const feed = parseFeed(read('rdf', 'feed.rdf'), { url: 'https://alnakheel.example/rss.rdf' });
  assert.equal(feed.format, 'rdf');
  assert.equal(feed.language, 'ar');
  assert.equal(feed.items.length, 2);
  assert.equal(item(feed, 0).guid, 'https://alnakheel.example/a/501');
  assert.equal(item(feed, 0).published, at('2024-01-07T08:15:00Z'));
  assert.deepEqual(item(feed, 0).authors, ['مراسل الوكالة']);
  assert.deepEqual(item(feed, 0).categories, ['صحة']);
  assert.equal(item(feed, 1).text, '');
  assert.equal(item(feed, 1).isPartial, true);
});

test('Atom 1.0: xml:base chain, html titles, xhtml content, enclosure links', () => {
  const feed = parseFeed(read('atom10', 'feed.xml'), { url: 'https://almadina.example/ar/atom.xml' });
  assert.equal(feed.format, 'atom');
  assert.equal(feed.title, 'المدينة اليوم');
  assert.equal(feed.description, 'أخبار المدينة لحظة بلحظة');
  assert.equal(feed.homepage, 'https://almadina.example/ar/');
  assert.equal(feed.image, 'https://almadina.example/static/logo.svg');
  const bridge = item(feed, 0);
  assert.equal(bridge.link, 'https://almadina.example/ar/news/bridge-opens');
  assert.equal(bridge.title, 'الجسر الجديد يفتح أمام السيارات');
  assert.equal(bridge.published, at('2024-01-07T06:00:00Z'));
  assert.equal(bridge.updated, at('2024-01-07T08:30:00Z'));
  assert.deepEqual(bridge.categories, ['نقل ومواصلات']);
  assert.equal(bridge.isPartial, false);
  assert.equal(bridge.summary, 'افتتح الجسر الجديد فوق النهر أمام حركة السيارات.');
  assert.equal(bridge.image, 'https://almadina.example/img/bridge.png');
  const greening = item(feed, 1);
  assert.equal(greening.link, 'https://almadina.example/en/greening', 'entry xml:base overrides the feed base');
  assert.equal(greening.text, 'بدأت حملة لزراعة ألف شجرة');
  assert.equal(greening.isPartial, true);
});

test('Atom text constructs follow their type: text (or none) is plain text, html and xhtml are markup', () => {
  // Every title used to be read as HTML: a text title lost "<b>" and anything else that looked like a tag.
  const feed = parseFeed(read('atom-text-types', 'feed.xml'), { url: 'https://qa.example/atom.xml' });
  assert.equal(feed.title, 'سؤال & جواب: <b> ليست وسماً');
  assert.equal(feed.description, '5 < 7 &amp; <i>', 'a subtitle with no type is text');
  assert.deepEqual(feed.warnings, []);
  const text = item(feed, 0);
  assert.equal(text.title, 'Q&A: 5 < 7 and <b> tags');
  assert.deepEqual(text.authors, ['<فريق> التحرير & النشر']);
  assert.deepEqual(text.categories, ['أسئلة <و> أجوبة']);
  assert.equal(text.summary, 'الفرق بين <p> و &amp; في "HTML"', 'a summary with no type is text');
  assert.equal(text.text, 'نص عادي: <p> ليست فقرة &amp; ليست كياناً', 'content with no type is text');
  assert.equal(text.contentHtml, null);
  assert.equal(item(feed, 1).title, `بلا نوع: <script>x</script> &lt; "اقتباس" 'مفرد'`);
  const html = item(feed, 2);
  assert.equal(html.title, 'عنوان بتنسيق & 5 < 7');
  assert.equal(html.summary, 'ملخص مهم');
  assert.equal(html.text, 'فقرة أولى\nفقرة & ثانية');
  const xhtml = item(feed, 3);
  assert.equal(xhtml.title, 'عنوان بخط عريض 5 < 7 &amp;');
  assert.equal(xhtml.text, 'سطر <مهم>\nسطر ثان');
  const audio = item(feed, 4);
  assert.equal(audio.title, 'مرفق صوتي');
  assert.equal(audio.text, '', 'base64 media is no text');
  // Atom 0.3 names MIME types, text/plain when none is given.
  const old = parseFeed(
    `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title mode="escaped" type="text/html">&lt;b&gt;مدونة&lt;/b&gt; &amp;amp; رحلات</title>
    <entry><title>أ &lt;ب&gt;</title><link rel="alternate" href="http://old.example/1"/><id>1</id></entry>
    <entry><title mode="escaped" type="text/html">أ &lt;i&gt;ب&lt;/i&gt;</title><link rel="alternate" href="http://old.example/2"/><id>2</id></entry></feed>`,
    { url: 'http://old.example/atom.xml' },
  );
  assert.equal(old.title, 'مدونة & رحلات');
  assert.deepEqual(old.items.map((i) => i.title), ['أ <ب>', 'أ ب']);
});

test('Atom 0.3: issued/modified and escaped content', () => {
  const feed = parseFeed(read('atom03', 'feed.xml'), { url: 'http://rahhala.example/atom.xml' });
  assert.equal(feed.format, 'atom');
  const entry = item(feed, 0);
  assert.equal(entry.published, at('2023-12-29T19:00:00Z'));
  assert.equal(entry.updated, at('2023-12-30T09:00:00Z'));
  assert.equal(entry.text, 'وصلنا إلى القرية الجبلية بعد ست ساعات من المشي.');
  assert.deepEqual(entry.authors, ['يوسف']);
});

test('JSON Feed 1.1 and 1.0', () => {
  const feed = parseFeed(read('jsonfeed', 'feed.json'), { url: 'https://alqalaa.example/feed.json' });
  assert.equal(feed.format, 'json');
  assert.equal(item(feed, 0).image, 'https://alqalaa.example/img/wall.jpg');
  assert.deepEqual(item(feed, 0).categories, ['تراث', 'آثار']);
  assert.equal(item(feed, 0).summary, 'ترميم السور الجنوبي');
  assert.equal(item(feed, 1).guid, '9002', 'numeric ids become strings');
  assert.equal(item(feed, 1).link, 'https://alqalaa.example/posts/9002');
  assert.equal(item(feed, 1).text, 'يقام المهرجان في الساحة الكبرى < مساء الخميس.\nويشارك فيه ثلاثون شاعراً.', 'content_text is not read as HTML');
  const old = parseFeed(read('jsonfeed', 'feed-1.0.json'), { url: 'https://old.example/feed.json' });
  assert.deepEqual(item(old, 0).authors, ['كاتب قديم']);
});

test('JSON Feed titles, names and tags keep tag-like text and decode entities', () => {
  const json = JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'خلاصة',
    items: [{ id: '1', url: 'https://plain.example/a', title: 'Q&amp;A: 5 < 7 و<b> «وسوم» it&#8217;s', authors: [{ name: 'A & <B>' }], tags: ['<i>', 'x &lt; y'], content_text: 'نص' }],
  });
  const only = item(parseFeed(json, { url: 'https://plain.example/feed.json' }), 0);
  assert.equal(only.title, 'Q&A: 5 < 7 و<b> «وسوم» it\u2019s');
  assert.deepEqual(only.authors, ['A & <B>']);
  assert.deepEqual(only.categories, ['<i>', 'x < y']);
});

test('news sitemap: titles, publication dates, keywords, images; entries are always partial', () => {
  const feed = parseFeed(read('news-sitemap', 'sitemap.xml'), { url: 'https://alkhabar.example/news-sitemap.xml' });
  assert.equal(feed.format, 'sitemap');
  assert.equal(feed.items.length, 2);
  const budget = item(feed, 0);
  assert.equal(budget.link, 'https://alkhabar.example/news/2024/01/07/budget-vote?src=sitemap&v=2');
  assert.equal(budget.title, 'البرلمان يصوّت على الموازنة العامة');
  assert.equal(budget.published, at('2024-01-07T09:45:00Z'));
  assert.equal(budget.updated, at('2024-01-07T10:10:00Z'));
  assert.deepEqual(budget.categories, ['برلمان', 'موازنة', 'اقتصاد']);
  assert.equal(budget.image, 'https://alkhabar.example/img/parliament.jpg');
  assert.equal(budget.lang, 'ar');
  assert.ok(feed.items.every((i) => i.isPartial));
  assert.equal(item(feed, 1).title, 'أمطار غزيرة & سيول في الجنوب');
  assert.equal(feed.warnings.length, 1, 'the javascript: entry is reported');
});

test('standard sitemap and sitemap index', () => {
  const sitemap = parseFeed(read('sitemap', 'sitemap.xml'), { url: 'https://alkhabar.example/sitemap.xml' });
  assert.equal(sitemap.format, 'sitemap');
  assert.deepEqual(sitemap.items.map((i) => [i.link, i.updated]), [
    ['https://alkhabar.example/about', at('2023-06-01T00:00:00Z')],
    ['https://alkhabar.example/news/2024/01/06/market', at('2024-01-06T08:00:00Z')],
  ]);
  const index = parseFeed(read('sitemap-index', 'index.xml'), { url: 'https://alkhabar.example/sitemap.xml' });
  assert.equal(index.format, 'sitemap-index');
  assert.deepEqual(index.sitemaps, [
    { url: 'https://alkhabar.example/sitemap-news.xml', lastmod: at('2024-01-07T10:10:00Z') },
    { url: 'https://alkhabar.example/sitemap-2023.xml', lastmod: null },
  ]);
});

test('legacy Arabic encodings decode from the XML declaration, a BOM, or the windows-1256 fallback', () => {
  for (const file of ['rss-windows-1256.xml', 'rss-iso-8859-6.xml', 'rss-undeclared.xml', 'rss-utf8-bom.xml']) {
    const feed = parseFeed(read('legacy-encodings', file), { url: 'http://alarz.example/rss.php' });
    assert.equal(feed.title, 'جريدة الأرز', file);
    assert.equal(item(feed, 0).title, 'عودة الحركة إلى مرفأ المدينة بعد العاصفة', file);
    assert.equal(item(feed, 0).link, 'http://alarz.example/news/port.php?id=7&lang=ar', file);
  }
  const fromHeader = parseFeed(read('legacy-encodings', 'rss-undeclared.xml'), { url: 'http://alarz.example/rss.php', contentType: 'text/xml; charset=windows-1256' });
  assert.equal(fromHeader.title, 'جريدة الأرز');
});

test('billion laughs and external entities are never expanded', () => {
  const lol = parseFeed(read('hostile', 'billion-laughs.xml'), { url: 'https://lol.example/rss' });
  assert.equal(lol.title, 'ضحك &lol9;');
  assert.equal(item(lol, 0).text, '&lol9;');
  const xxe = parseFeed(read('hostile', 'xxe.xml'), { url: 'https://xxe.example/rss' });
  assert.equal(item(xxe, 0).title, '&secret;');
  assert.equal(item(xxe, 0).text, 'قبل &secret; بعد');
  assert.ok(!JSON.stringify(xxe).includes('root:'));
});

test('malformed or foreign documents fail with PARSE_FAILED and a position', () => {
  const failsWith = (input: string | Buffer, pattern: RegExp) =>
    assert.throws(() => parseFeed(input, { url: 'https://bad.example/feed' }), (error: { code?: string; message?: string }) => {
      assert.equal(error.code, 'PARSE_FAILED');
      assert.match(error.message ?? '', pattern);
      return true;
    });
  failsWith(read('hostile', 'truncated.xml'), /line 5/);
  failsWith(read('hostile', 'mismatched.xml'), /titel/);
  failsWith(read('hostile', 'not-a-feed.txt'), /not a recognised feed/);
  failsWith(read('homepage', 'index.html'), /HTML page/);
  failsWith(read('opml', 'subscriptions.opml'), /OPML/);
  failsWith('{"version":"https://jsonfeed.org/version/1.1","title":"x","items":', /not a recognised feed/);
  failsWith('<rss version="2.0"><channel><title>x</title></channel></rss><!DOCTYPE x [<!ENTITY a "b">]>', /malformed XML/);
  failsWith('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "never closed', /not a recognised feed/);
});

test('one bad item never loses the others; maxItems caps a huge document', () => {
  const items = Array.from({ length: 30 }, (_, i) => `<item><title>خبر ${i}</title><link>https://many.example/${i}</link></item>`).join('');
  const feed = parseFeed(`<rss version="2.0"><channel><title>كثير</title><item><link>javascript:alert(1)</link></item>${items}</channel></rss>`, {
    url: 'https://many.example/rss',
    maxItems: 10,
  });
  assert.equal(feed.items.length, 10);
  assert.equal(feed.items[0]?.title, 'خبر 0');
  assert.ok(feed.warnings.some((w) => w.startsWith('item 1:')));
  assert.ok(feed.warnings.some((w) => /first 10 of 31/.test(w)));
});
