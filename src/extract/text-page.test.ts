import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fixturePath, sharedData } from '../test-support/paths.js';
import { segmentTextPage, toTextPageJson } from './index.js';
import { isCueHeading } from './boilerplate.js';

const seed = sharedData('data', 'seed-page.txt');

test('seed page: the Blinken article alone, its two sources, one read-also article, ten similar titles', { skip: seed.skip }, () => {
  const raw = readFileSync(seed.path, 'utf8');
  const page = segmentTextPage(raw);
  const paragraphs = raw.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  // The article is what precedes the source lines, unchanged, paragraph by paragraph.
  const expectedText = paragraphs.slice(0, paragraphs.findIndex((p) => p.startsWith('المصدر'))).join('\n\n');
  assert.ok(expectedText.startsWith('واشنطن – أكد وزير الخارجية الأمريكي أنتوني بلينكن'));
  assert.equal(page.text, expectedText);
  assert.equal(page.text.split('\n\n').length, 5);
  assert.deepEqual(page.attribution.sources, ['RT', 'صحيفة المرصد الليبية']);
  assert.deepEqual(page.attribution.lines, ['المصدر: RT', 'المصدر: صحيفة المرصد الليبية']);
  assert.equal(page.readAlso.length, 1);
  assert.equal(page.readAlso[0]!.title, 'الجيش الإسرائيلي يعلن تنفيذ عملية برية “محدودة” في قطاع غزة');
  assert.ok(page.readAlso[0]!.text.startsWith('أعلن الجيش الإسرائيلي أنه شن “عملية برية محددة” في غزة'));
  assert.ok(page.readAlso[0]!.text.endsWith('مؤكداً ضرورة “استعادة وقف إطلاق النار واستئناف تدفق المساعدات فوراً”.'));
  assert.ok(!page.readAlso[0]!.text.includes('مقالات مشابهة'));
  assert.equal(page.relatedTitles.length, 10);
  assert.equal(page.relatedTitles[0], 'الناطق الرسمي باسم الجيش: تحرير (القصر) ردٌ سريع على كذب وتطاول “حميدتي”');
  assert.equal(page.relatedTitles[9], 'الجيش الإسرائيلي يعلن تنفيذ عملية برية “محدودة” في قطاع غزة');
  assert.ok(!page.text.includes('إقرأ') && !page.text.includes('المصدر'));
});

const dir = fixturePath('extract', 'text-pages');
for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
  test(`plain-text page ${file}`, () => {
    const expected = JSON.parse(readFileSync(fixturePath('extract', 'text-pages', file.replace(/\.txt$/, '.expected.json')), 'utf8')) as unknown;
    assert.deepEqual(toTextPageJson(segmentTextPage(readFileSync(fixturePath('extract', 'text-pages', file), 'utf8'))), expected);
  });
}

test('a page without furniture is all article; an empty page is empty', () => {
  const page = segmentTextPage('سطر أول من الخبر.\n\nسطر ثان من الخبر.');
  assert.equal(page.text, 'سطر أول من الخبر.\n\nسطر ثان من الخبر.');
  assert.deepEqual(page.readAlso, []);
  assert.equal(segmentTextPage('').text, '');
});

test('cue headings are recognised through marks, tatweel, spaces and edge punctuation, and a long paragraph never is one', () => {
  // isCueHeading skips normalising a paragraph whose kept characters already exceed the longest heading.
  const padded = `اقـــــرأ   أيضـــاً ${'\u064e'.repeat(60)} :${' '.repeat(80)}…`;
  assert.equal(isCueHeading(padded), true);
  assert.equal(isCueHeading(`${'ـ'.repeat(100)}مقالات ذات صلة${'.'.repeat(100)}`), true);
  assert.equal(isCueHeading('اقرأ أيضاً: الأمير يفتتح مشروع توسعة المطار الجديد في المدينة المنورة'), false);
  const page = segmentTextPage(['نص الخبر الأول.', padded, 'عنوان خبر آخر منشور', 'نص الخبر الآخر.'].join('\n'));
  assert.equal(page.text, 'نص الخبر الأول.');
  assert.deepEqual(page.readAlso, [{ title: 'عنوان خبر آخر منشور', text: 'نص الخبر الآخر.' }]);
});
