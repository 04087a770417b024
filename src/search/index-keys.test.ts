import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalize } from '../text/index.js';
import { anyText } from '../text/test-arbitraries.js';
import { MIN_SKELETON, articleFree, exactForm, skeleton, skeletonKey, wholeNumber } from './index-keys.js';

const skel = (w: string) => skeleton(articleFree(normalize(w)));

test('the exact form drops clitics, not inflections', () => {
  assert.equal(exactForm(normalize('والطلاق')), exactForm(normalize('طلاق')));
  assert.equal(exactForm(normalize('لأول')), exactForm(normalize('أول')));
  assert.notEqual(exactForm(normalize('الأولى')), exactForm(normalize('أول')));
  assert.notEqual(exactForm(normalize('المعلمون')), exactForm(normalize('معلم')));
});

test('spelling variants of names and loanwords share a skeleton', () => {
  const pairs: [string, string][] = [
    ['بوتين', 'بوتن'],
    ['إنييستا', 'إنيستا'],
    ['الأمريكي', 'الأميركي'],
    ['إنستغرام', 'انستقرام'],
    ['نتنياهو', 'نتانياهو'],
    ['رئيس', 'ريس'],
  ];
  for (const [a, b] of pairs) {
    assert.equal(skel(a), skel(b), `${a} / ${b}`);
  }
  assert.notEqual(skel('بوتين'), skel('بوتفليقة'));
  assert.notEqual(skel('ترامب'), skel('تركيا'));
});

test('no skeleton for short, numeric or non-Arabic words', () => {
  for (const w of ['يد', 'أب', 'وادي', '2018', 'covid', 'g20', '']) assert.equal(skeletonKey(normalize(w)), null, w);
});

test('property: a skeleton is a letter subsequence of the word, at least MIN_SKELETON long', () => {
  fc.assert(
    fc.property(anyText, (text) => {
      const form = normalize(text);
      const s = skeleton(form);
      if (s === null) return;
      assert.ok(s.length >= MIN_SKELETON);
      let i = 0;
      for (const ch of form.replace(/غ/g, 'ق')) if (i < s.length && ch === s[i]) i++;
      assert.equal(i, s.length, `${form} → ${s}`);
    }),
    { numRuns: 2000 },
  );
});

test('numbers with separators or decimals are also filed under the whole number a reader types', () => {
  assert.equal(wholeNumber('8820.65'), '8820');
  assert.equal(wholeNumber('1,949'), '1949');
  assert.equal(wholeNumber('12,500.75'), '12500');
  for (const w of ['8820', '1,5', '12,50', '2015', 'نقطه', '1.2.3', '.5', '5.']) assert.equal(wholeNumber(w), null, w);
});
