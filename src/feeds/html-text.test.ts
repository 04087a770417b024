import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstImage, htmlToText } from './html-text.js';
import { feedItemToArticleInput } from './article-input.js';
import { resolveHttpUrl } from './urls.js';

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
