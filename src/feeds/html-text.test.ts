import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstImage, htmlToText } from './html-text.js';
import { feedItemToArticleInput } from './article-input.js';
import { resolveHttpUrl } from './urls.js';
import { authorName } from './build-item.js';
import { finishesWithin } from '../test-support/finishes.js';

test('HTML to text keeps Arabic exactly, one line per block, no scripts or styles', () => {
  const html = '<div><p>قال الوزيرُ&nbsp;إنّ <b>الـمشروع</b> &quot;ناجح&quot;</p><style>p{}</style><p>سطر   ثانٍ<br/>سطر ثالث</p><script>var x = "<p>";</script></div>';
  assert.equal(htmlToText(html), 'قال الوزيرُ إنّ الـمشروع "ناجح"\nسطر ثانٍ\nسطر ثالث');
  assert.equal(htmlToText('a < b and c > d'), 'a < b and c > d');
  assert.equal(htmlToText(null), '');
});

test('first image skips pixels and data URIs and resolves relative sources', () => {
  const html = '<img src="data:image/gif;base64,AAAA"><img width="1" height="1" src="/pixel.gif"><img alt="صورة" src="../img/a.jpg">';
  assert.equal(firstImage(html, 'https://x.example/news/item/'), 'https://x.example/news/img/a.jpg');
  assert.equal(firstImage('<p>لا صور</p>', 'https://x.example/'), null);
});

test('only http(s) links survive resolution', () => {
  assert.equal(resolveHttpUrl(' /a\n/b ', 'https://x.example/feed'), 'https://x.example/a/b');
  assert.equal(resolveHttpUrl('javascript:alert(1)', 'https://x.example/'), null);
  assert.equal(resolveHttpUrl('mailto:a@b.c'), null);
  assert.equal(resolveHttpUrl('//cdn.example/x.jpg', 'https://x.example/'), 'https://cdn.example/x.jpg');
  assert.equal(resolveHttpUrl('relative/only'), null);
});

test('a feed item maps onto the pipeline ArticleInput', () => {
  const item = {
    guid: 'g1', link: 'https://x.example/a', title: 'عنوان', published: null, updated: 5, authors: ['أ', 'ب'], categories: ['سياسة', 'دولي'],
    contentHtml: null, summaryHtml: '<p>ملخص</p>', text: 'ملخص', summary: 'ملخص', isPartial: true, image: null, enclosures: [], lang: 'ar',
  };
  assert.deepEqual(feedItemToArticleInput(item, 'x'), {
    url: 'https://x.example/a', source: 'x', title: 'عنوان', text: 'ملخص', published: 5, author: 'أ، ب', summary: 'ملخص',
    category: 'سياسة', tags: ['سياسة', 'دولي'], image: null, lang: 'ar', externalId: 'g1',
  });
  assert.equal(feedItemToArticleInput({ ...item, link: null }, 'x'), null);
});

// Each of these took minutes to hours (quadratic or worse in the input) before: one feed item froze the
// process that read it. Now milliseconds; 10 s is a bound no machine comes near.
test('hostile markup is read in linear time: unclosed tags, quotes and comments', () => {
  // markup that never closes stays text, as it did: compared by its start (a failed comparison of megabytes
  // would itself take minutes to print)
  const cases = ['<script '.repeat(125_000), '<p '.repeat(300_000), '<a "'.repeat(250_000), '<!x'.repeat(300_000), '</p'.repeat(300_000), `${'<xscriptlink'.repeat(80_000)}'>`];
  for (const html of cases) assert.equal(finishesWithin(10, () => htmlToText(html)).slice(0, 50), html.slice(0, 50));
  assert.equal(finishesWithin(10, () => firstImage(`${'<img a=b '.repeat(100_000)}/x>`, 'https://x.example/')), null);
  assert.equal(finishesWithin(10, () => authorName(`a ${'< @ '.repeat(20_000)}`))?.length, 80_001);
  assert.equal(finishesWithin(10, () => authorName(`${'x@x'.repeat(300_000)})`))?.length, 900_001);
});

test('what the linear readings of tags keep and remove is what they did', () => {
  assert.equal(htmlToText('<p>أ</p><script type="x">b<p>c</p></SCRIPT ><p>د</p><style>x'), 'أ\nد');
  assert.equal(htmlToText('<p class="a>b">نص</p> <b>و</b> <p unclosed'), 'b">نص\nو <p unclosed');
  assert.equal(htmlToText('<a title=\'x"y\' href="/z">رابط</a> <!-- c --> <?php x ?>'), 'رابط');
  assert.equal(authorName('Jane Doe <editor@site.com>'), 'Jane Doe');
  assert.equal(authorName('editor@site.com (Jane Doe)'), 'Jane Doe');
  assert.equal(authorName('a <b> c <x@y>  '), 'a c');
  assert.equal(authorName('a &lt;b&gt; c &lt;x@y&gt;'), 'a <b> c');
  assert.equal(authorName('<x@y>'), null);
  assert.equal(authorName('Jane &lt;no address&gt;'), 'Jane <no address>');
  assert.equal(firstImage('<p><img alt="a>b" data-src="/i.jpg"></p>', 'https://x.example/a/'), 'https://x.example/i.jpg');
});
