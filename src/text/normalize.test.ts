import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalize, foldRange } from './normalize.js';
import { anyText } from './test-arbitraries.js';

test('alef forms fold to bare alef so أمير, إمير, آمير and امير match', () => {
  for (const w of ['أمير', 'إمير', 'آمير', 'امير', 'ٱمير']) assert.equal(normalize(w), 'امير');
  assert.equal(normalize('الأمير'), 'الامير');
  assert.equal(normalize('آل سعود'), 'ال سعود');
});

test('hamza on waw and yeh fold to the hamza letter so مسؤول and مسئول match', () => {
  assert.equal(normalize('مسؤول'), normalize('مسئول'));
  assert.equal(normalize('مسؤول'), 'مسءول');
  assert.equal(normalize('الشؤون'), normalize('الشئون'));
  // case endings move the seat: أبناؤهم / أبنائهم / أبناءهم are one word
  assert.equal(normalize('أبناؤهم'), normalize('أبنائهم'));
  assert.equal(normalize('أبناؤهم'), normalize('أبناءهم'));
  assert.equal(normalize('رئيس'), 'رءيس');
  // standalone hamza stays: بدء is not بد, بناء is not بنا
  assert.equal(normalize('بدء'), 'بدء');
  assert.equal(normalize('بناء'), 'بناء');
});

test('decomposed hamza (letter + U+0654) folds like the precomposed letter', () => {
  assert.equal(normalize('مسو\u0654ول'), normalize('مسؤول'));
  assert.equal(normalize('ري\u0654يس'), normalize('رئيس'));
  assert.equal(normalize('ا\u0654مير'), 'امير');
  assert.equal(normalize('ا\u0655سلام'), 'اسلام');
  assert.equal(normalize('ا\u0653خر'), 'اخر');
});

test('alef maksura, teh marbuta, Persian letters', () => {
  assert.equal(normalize('على'), 'علي');
  assert.equal(normalize('مستشفى'), 'مستشفي');
  assert.equal(normalize('مدرسة'), 'مدرسه');
  assert.equal(normalize('کتاب'), 'كتاب');
  assert.equal(normalize('فارسی'), 'فارسي');
  assert.equal(normalize('ۀ'), 'ه');
});

test('harakat, tanween, shadda, sukun, superscript alef, Quranic marks and tatweel are removed', () => {
  assert.equal(normalize('مُحَمَّدٌ'), 'محمد');
  assert.equal(normalize('كِتَابًا'), 'كتابا');
  assert.equal(normalize('قُلْ'), 'قل');
  assert.equal(normalize('هٰذا'), 'هذا');
  assert.equal(normalize('الرَّحْمٰنِ'), 'الرحمن');
  assert.equal(normalize('ٱلْعَٰلَمِينَ'), 'العلمين');
  assert.equal(normalize('يَعْلَمُونَ\u06d6'), 'يعلمون');
  assert.equal(normalize('الصّلٰوةَ\u06da'), 'الصلوه');
  assert.equal(normalize('جميــــــل'), 'جميل');
});

test('digits of Arabic-Indic and Persian scripts become ASCII; Arabic separators become . and ,', () => {
  assert.equal(normalize('٠١٢٣٤٥٦٧٨٩'), '0123456789');
  assert.equal(normalize('۰۱۲۳۴۵۶۷۸۹'), '0123456789');
  assert.equal(normalize('٣٫٥'), '3.5');
  assert.equal(normalize('١٬٠٠٠'), '1,000');
  assert.equal(normalize('１２'), '12'); // fullwidth
});

test('presentation forms are decomposed (NFKC)', () => {
  assert.equal(normalize('ﻻ'), 'لا');
  assert.equal(normalize('ﺍﻟﺴﻼﻡ'), 'السلام');
  assert.equal(normalize('ﺃﻣﻴﺮ'), 'امير');
  assert.equal(normalize('ﺭﺋﻴﺲ'), 'رءيس');
  assert.equal(normalize('ﷲ'), 'الله');
  assert.equal(normalize('ﹰ'), ''); // isolated tanween is a mark
  assert.equal(normalize('𞸀'), 'ا'); // Arabic mathematical alef
});

test('zero-width and bidi controls are removed', () => {
  assert.equal(normalize('مي\u200cخواهم'), 'ميخواهم');
  assert.equal(normalize('\u200fالرياض\u200e'), 'الرياض');
  assert.equal(normalize('\u202bنص\u202c \u2067نص\u2069'), 'نص نص');
  assert.equal(normalize('\ufeffكلمة\u00ad'), 'كلمه');
  assert.equal(normalize('\u061cا'), 'ا');
});

test('Latin is lower-cased and loses accents; other text is kept', () => {
  assert.equal(normalize('Saudi ARAMCO'), 'saudi aramco');
  assert.equal(normalize('Café'), 'cafe');
  assert.equal(normalize('Cafe\u0301'), 'cafe');
  assert.equal(normalize('İstanbul'), 'istanbul');
  assert.equal(normalize('قال: «نعم»، ثم؟'), 'قال: «نعم»، ثم؟');
  assert.equal(normalize(''), '');
});

test('every BMP code unit folds to characters that fold to themselves (idempotence by construction)', () => {
  for (let c = 0; c < 0x10000; c++) {
    const once = normalize(String.fromCharCode(c));
    assert.equal(normalize(once), once, `U+${c.toString(16)}`);
  }
});

test('property: normalize is idempotent and never throws', () => {
  fc.assert(
    fc.property(anyText, (s) => {
      const once = normalize(s);
      assert.equal(normalize(once), once);
    }),
    { numRuns: 3000 },
  );
});

test('property: foldRange equals normalize of the slice', () => {
  fc.assert(
    fc.property(anyText, fc.nat(), fc.nat(), (s, a, b) => {
      const start = Math.min(a, b) % (s.length + 1);
      const end = Math.max(start, Math.max(a, b) % (s.length + 1));
      assert.equal(foldRange(s, start, end), normalize(s.slice(start, end)));
    }),
    { numRuns: 2000 },
  );
});
