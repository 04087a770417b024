import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { decodeHtmlBytes } from './decode.js';
import { extractArticle } from './extract-article.js';

const page = (meta: string, title: string, paragraph: string, root = '') =>
  `<!doctype html><html${root}><head>${meta}<title>${title}</title></head><body><article><h1>${title}</h1>${`<p>${paragraph}</p>`.repeat(4)}</article></body></html>`;
const ARABIC_TITLE = 'افتتاح مستشفى جديد في الرياض';
const ARABIC = 'أعلنت وزارة الصحة السعودية اليوم افتتاح مستشفى جديد في مدينة الرياض بسعة مئتي سرير، ويخدم الأحياء الشمالية.';
const FRENCH_TITLE = "L'été des crèches À Paris";
const FRENCH = "À l'Élysée, le Conseil a décidé à l'unanimité d'élargir l'accès aux crèches. « Ça ne règle pas tout », a déclaré la ministre déléguée, près de l'Hôtel de Ville.";

test('a windows-1256 page labelled ISO-8859-1 or windows-1252 (header or meta) is read as Arabic, not «ÇáÓÚæÏíÉ»', () => {
  const labels: Array<[string, string | null]> = [
    ['', 'text/html; charset=ISO-8859-1'],
    ['', 'text/html; charset=windows-1252'],
    ['<meta charset="windows-1252">', 'text/html'],
    ['<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', null],
  ];
  for (const [meta, contentType] of labels) {
    const bytes = iconv.encode(page(meta, ARABIC_TITLE, ARABIC), 'windows-1256');
    const decoded = decodeHtmlBytes(bytes, contentType);
    assert.deepEqual([decoded.charset, decoded.evidence], ['windows-1256', 'arabic-bytes'], `${meta} ${contentType}`);
    const article = extractArticle(bytes, { url: 'http://old.example/news.asp?id=1', contentType: contentType ?? undefined });
    assert.equal(article.title, ARABIC_TITLE);
    assert.ok(article.text.startsWith(ARABIC), article.text.slice(0, 60));
  }
});

test('a genuine French page labelled ISO-8859-1 or windows-1252 stays windows-1252, also under lang="ar"', () => {
  for (const [meta, contentType, root] of [
    ['', 'text/html; charset=ISO-8859-1', ' lang="fr"'],
    ['<meta charset="windows-1252">', null, ''],
    ['<meta charset="iso-8859-1">', 'text/html', ' lang="ar" dir="rtl"'],
  ] as const) {
    const bytes = iconv.encode(page(meta, FRENCH_TITLE, FRENCH, root), 'windows-1252');
    const decoded = decodeHtmlBytes(bytes, contentType);
    assert.equal(decoded.charset, 'windows-1252');
    const article = extractArticle(bytes, { url: 'http://vieux.example/article.php?id=1', contentType: contentType ?? undefined });
    assert.equal(article.title, FRENCH_TITLE);
    assert.ok(article.text.startsWith(FRENCH), article.text.slice(0, 60));
  }
});
