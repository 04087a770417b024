import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { fixturePath } from '../test-support/paths.js';
import { extractArticle, toExtractJson } from './index.js';

/** Golden pages: test/fixtures/extract/<case>/page.html with expected.json (exact fields + text checks). */
const dir = fixturePath('extract');
const cases = readdirSync(dir).filter((c) => existsSync(join(dir, c, 'page.html')));
const TEXT_CHECKS = new Set(['text_starts', 'text_includes', 'text_excludes']);

for (const name of cases) {
  test(`extracts fixture page ${name}`, () => {
    const html = readFileSync(join(dir, name, 'page.html'), 'utf8');
    const expected = JSON.parse(readFileSync(join(dir, name, 'expected.json'), 'utf8')) as Record<string, unknown>;
    const got = toExtractJson(extractArticle(html, { url: String(expected.url), now: Date.UTC(2024, 5, 5, 14, 0) })) as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(expected)) {
      if (TEXT_CHECKS.has(key)) continue;
      assert.deepEqual(got[key], value, `${name}: field ${key}`);
    }
    const text = String(got.text);
    if (expected.text_starts) assert.ok(text.startsWith(String(expected.text_starts)), `${name}: text starts with «${text.slice(0, 60)}»`);
    for (const s of (expected.text_includes as string[] | undefined) ?? []) assert.ok(text.includes(s), `${name}: text lacks «${s}»`);
    for (const s of (expected.text_excludes as string[] | undefined) ?? []) assert.ok(!text.includes(s), `${name}: text has furniture «${s}»`);
    assert.ok(!/\n{3,}/.test(text), 'paragraphs are separated by exactly one blank line');
  });
}

test('legacy Arabic encodings decode from bytes: windows-1256 and ISO-8859-6', () => {
  const html = readFileSync(fixturePath('extract', 'levantine-hijri', 'page.html'), 'utf8');
  const cp1256 = iconv.encode(html, 'windows-1256');
  const a = extractArticle(cp1256, { url: 'http://alrafidain.example/news.php?id=5521' });
  assert.equal(a.title, 'مهرجان للتراث الشعبي في الموصل القديمة يستقطب آلاف الزوار');
  assert.ok(a.text.includes('وتضمن المهرجان معارض للحرف اليدوية'));
  // ISO-8859-6 has no Arabic-Indic digits or ZWNJ: use a page within its repertoire, declared by http-equiv
  const plain = '<html><head><meta http-equiv="content-type" content="text/html; charset=ISO-8859-6"><title>خبر</title></head><body><p>' + 'افتتحت البلدية حديقة عامة جديدة على ضفاف النهر بمساحة كبيرة وممرات للمشاة. '.repeat(3) + '</p></body></html>';
  const b = extractArticle(iconv.encode(plain, 'iso-8859-6'), { url: 'http://x.example/a' });
  assert.ok(b.text.startsWith('افتتحت البلدية حديقة عامة'), b.text.slice(0, 40));
  // the HTTP header wins over the page's declaration; a BOM wins over both
  const c = extractArticle(iconv.encode(plain.replace('ISO-8859-6', 'utf-8'), 'iso-8859-6'), { url: 'http://x.example/a', contentType: 'text/html; charset=iso-8859-6' });
  assert.ok(c.text.startsWith('افتتحت البلدية'));
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(plain.replace('ISO-8859-6', 'windows-1252'), 'utf8')]);
  assert.ok(extractArticle(bom, { url: 'http://x.example/a' }).text.startsWith('افتتحت البلدية'));
});

test('a UTF-8 page that declares windows-1256 is read as UTF-8', () => {
  const html = readFileSync(fixturePath('extract', 'levantine-hijri', 'page.html'));
  const a = extractArticle(html, { url: 'http://alrafidain.example/news.php?id=5521' });
  assert.equal(a.published !== null, true);
  assert.ok(a.text.includes('الموصل القديمة'));
});

test('relative dates need `now` and are never read from the clock', () => {
  const page = '<html lang="ar"><body><h1>عنوان الخبر التجريبي هنا</h1><div class="date">منذ ساعتين</div><div class="body"><p>' + 'نص الخبر الطويل بما يكفي ليكون فقرة حقيقية من فقرات المقال المنشور. '.repeat(3) + '</p></div></body></html>';
  const now = Date.UTC(2024, 0, 10, 12, 0, 0);
  assert.equal(extractArticle(page, { url: 'https://n.example/a', now }).publishedIso, '2024-01-10T10:00:00Z');
  assert.equal(extractArticle(page, { url: 'https://n.example/a' }).published, null);
});

test('hostile pages: no body, empty, huge, deeply nested, binary', { timeout: 60_000 }, () => {
  const noBody = extractArticle('<html><head><title>صفحة بلا متن</title><meta property="og:title" content="صفحة بلا متن"></head></html>', { url: 'https://n.example/x' });
  assert.equal(noBody.text, '');
  assert.equal(noBody.title, 'صفحة بلا متن');
  assert.throws(() => extractArticle('   ', { url: 'https://n.example/x' }), { code: 'PARSE_FAILED' });
  assert.throws(() => extractArticle('<p>x</p>', { url: 'not a url' }), { code: 'BAD_INPUT' });
  assert.throws(() => extractArticle('<p>x</p>'.repeat(10), { url: 'https://n.example/x', maxBytes: 20 }), { code: 'TOO_LARGE' });

  const paragraph = '<p>' + 'فقرة طويلة من نص المقال تتكرر لبناء صفحة كبيرة جدا. '.repeat(8) + '</p>\n';
  const big = '<html><body><div class="nav"><a href="/">الرئيسية</a></div><article>' + paragraph.repeat(Math.ceil((20 * 1024 * 1024) / paragraph.length)) + '</article></body></html>';
  assert.ok(big.length >= 20 * 1024 * 1024);
  const bigResult = extractArticle(big, { url: 'https://n.example/big' });
  assert.ok(bigResult.text.length > 10 * 1024 * 1024);

  const deep = '<html><body>' + '<div>'.repeat(100_000) + '<p>نص عميق جدا داخل مئة ألف عنصر متداخل، ويبقى نصا يمكن استخراجه من الصفحة.</p>' + '</div>'.repeat(100_000) + '</body></html>';
  assert.ok(extractArticle(deep, { url: 'https://n.example/deep' }).text.includes('نص عميق جدا'));
  const unclosed = '<html><body>' + '<span><b>'.repeat(50_000) + 'نص' + '</i>'.repeat(100_000);
  assert.equal(typeof extractArticle(unclosed, { url: 'https://n.example/u' }).text, 'string');

  const binary = Buffer.alloc(200_000);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) % 256;
  assert.equal(typeof extractArticle(binary, { url: 'https://n.example/bin' }).text, 'string');
});
