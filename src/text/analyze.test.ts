import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from '../test-support/paths.js';
import { analyze, analyzeTerms, TERM_BOILERPLATE, TERM_NUMBER, TERM_STOP } from './analyze.js';
import { contentTerms, ngrams, phrases } from './phrases.js';
import { isNewsBoilerplate, isStopword } from './stopwords.js';
import { normalize } from './normalize.js';
import { stem } from './stem.js';
import { anyText } from './test-arbitraries.js';

test('analyze gives surface, matching form, stem, offsets and stop flag for every word', () => {
  const text = 'وبالأمير والمسئولين في الرياض';
  assert.deepEqual(analyze(text), [
    { token: 'وبالأمير', norm: 'وبالامير', stem: 'امير', start: 0, end: 8, stop: false },
    { token: 'والمسئولين', norm: 'والمسءولين', stem: 'مسءول', start: 9, end: 19, stop: false },
    { token: 'في', norm: 'في', stem: 'في', start: 20, end: 22, stop: true },
    { token: 'الرياض', norm: 'الرياض', stem: 'رياض', start: 23, end: 29, stop: false },
  ]);
});

test('search finds أمير, امير and الأمير alike: they share a stem', () => {
  const stems = analyze('أمير امير الأمير إمير للأمير').map((t) => t.stem);
  assert.equal(new Set(stems).size, 1);
});

test('empty and wordless text give no tokens', () => {
  assert.deepEqual(analyze(''), []);
  assert.deepEqual(analyze(' ،؛؟ «» ... \n\t'), []);
  assert.equal(analyzeTerms('').count, 0);
});

test('stopwords can be removed; boilerplate counts as stop only when asked', () => {
  const text = 'وقال الوزير إن المشروع في مرحلته الأخيرة';
  assert.deepEqual(analyze(text, { removeStopwords: true }).map((t) => t.token), ['وقال', 'الوزير', 'المشروع', 'مرحلته', 'الأخيرة']);
  assert.deepEqual(analyze(text, { removeStopwords: true, boilerplate: true }).map((t) => t.token), ['الوزير', 'المشروع', 'مرحلته', 'الأخيرة']);
});

test('analyzeTerms flags stopwords, boilerplate and numbers', () => {
  const terms = analyzeTerms('أكد الوزير أمس في ١٠ مواقع');
  assert.deepEqual([...terms.flags], [TERM_BOILERPLATE, 0, TERM_BOILERPLATE, TERM_STOP, TERM_NUMBER, 0]);
  assert.deepEqual(terms.norms, ['اكد', 'الوزير', 'امس', 'في', '10', 'مواقع']);
});

test('stopword and boilerplate lists are normalised and take و / ف', () => {
  for (const w of ['في', 'وفي', 'فإن', 'الذي', 'هؤلاء', 'على', 'إلى', 'لكل', 'بهذا', 'و', 'م']) assert.ok(isStopword(normalize(w)), w);
  for (const w of ['وزير', 'مسؤول', 'الرياض', 'قال']) assert.ok(!isStopword(normalize(w)), w);
  for (const w of ['قال', 'وقال', 'أضاف', 'وأضاف', 'أكد', 'وأكد', 'وفق', 'وفقا', 'ذكر', 'أشار', 'أوضح', 'أمس']) {
    assert.ok(isNewsBoilerplate(normalize(w)), w);
  }
  for (const w of ['وزير', 'الرياض', 'في']) assert.ok(!isNewsBoilerplate(normalize(w)), w);
});

test('phrases are n-grams of consecutive content words; stopwords and boilerplate break them', () => {
  const terms = analyzeTerms('قال وزير الخارجية في مؤتمر صحفي إن خادم الحرمين الشريفين');
  assert.deepEqual(phrases(terms), ['وزير الخارجيه', 'مءتمر صحفي', 'خادم الحرمين', 'الحرمين الشريفين']);
  assert.deepEqual(phrases(terms, { n: 3 }), ['خادم الحرمين الشريفين']);
  assert.deepEqual(phrases(terms, { use: 'stem' })[0], 'وزير خارج');
  assert.deepEqual(phrases(terms, { boilerplate: false })[0], 'قال وزير');
  assert.deepEqual(contentTerms(terms, { use: 'stem' }), ['وزير', 'خارج', 'مءتمر', 'صحف', 'خادم', 'حرم', 'شريف']);
});

test('ngrams', () => {
  assert.deepEqual(ngrams(['a', 'b', 'c'], 2), ['a b', 'b c']);
  assert.deepEqual(ngrams(['a'], 2), []);
  assert.deepEqual(ngrams(['a', 'b'], 1), ['a', 'b']);
  assert.throws(() => ngrams(['a'], 0), RangeError);
});

test('property: offsets slice the original text; norm and stem agree with normalize and stem', () => {
  fc.assert(
    fc.property(anyText, (text) => {
      for (const t of analyze(text)) {
        assert.equal(text.slice(t.start, t.end), t.token);
        assert.equal(t.norm, normalize(t.token));
        assert.equal(t.stem, stem(t.norm));
        assert.ok(t.norm.length > 0 && t.stem.length > 0);
      }
    }),
    { numRuns: 2000 },
  );
});

test('golden: a news paragraph analyses as recorded (test/fixtures/text/news-paragraph)', () => {
  const dir = fixturePath('text', 'news-paragraph');
  const text = readFileSync(join(dir, 'input.txt'), 'utf8');
  const expected = readFileSync(join(dir, 'expected.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line.length > 0 && !line.startsWith('#'))
    .map((line) => {
      const [token, norm, stem, start, end, stop] = line.split('\t');
      return { token, norm, stem, start: Number(start), end: Number(end), stop: stop === 'stop' };
    });
  assert.deepEqual(analyze(text), expected);
});
