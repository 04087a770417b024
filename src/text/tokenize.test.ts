import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tokenize, tokenSpans } from './tokenize.js';
import { normalize } from './normalize.js';
import { anyText } from './test-arbitraries.js';

const words = (text: string) => tokenize(text).map((t) => t.token);

test('Arabic words keep their diacritics and tatweel inside the token', () => {
  assert.deepEqual(words('قالَ الأمـــيرُ إنَّ'), ['قالَ', 'الأمـــيرُ', 'إنَّ']);
  assert.deepEqual(words('مي\u200cخواهم'), ['مي\u200cخواهم']);
});

test('Arabic punctuation, guillemets and Latin punctuation separate words', () => {
  assert.deepEqual(words('قال:«نعم»، ثم؛ لماذا؟ (حسنا) [هنا] - و/أو'), ['قال', 'نعم', 'ثم', 'لماذا', 'حسنا', 'هنا', 'و', 'أو']);
});

test('numbers keep decimals and separators, in every digit script', () => {
  assert.deepEqual(words('ارتفع 1.5% إلى ١٫٧٥ و10,000 ريال و۱۲'), ['ارتفع', '1.5', 'إلى', '١٫٧٥', 'و', '10,000', 'ريال', 'و', '۱۲']);
  assert.deepEqual(words('في 2015م و1436هـ.'), ['في', '2015', 'م', 'و', '1436', 'هـ']);
  assert.deepEqual(words('1. 2, 3.'), ['1', '2', '3']);
});

test('Latin words stay whole with their digits; Arabic and Latin never share a token', () => {
  assert.deepEqual(words('قمة G20 وCOVID-19 و4G وiPhone'), ['قمة', 'G20', 'و', 'COVID', '19', 'و', '4G', 'و', 'iPhone']);
  assert.deepEqual(words('Café déjà'), ['Café', 'déjà']);
});

test('URLs, e-mails and hashtags yield their words', () => {
  assert.deepEqual(words('#خادم_الحرمين @spa_news https://www.spa.gov.sa/ar?id=12'), ['خادم', 'الحرمين', 'spa', 'news', 'https', 'www', 'spa', 'gov', 'sa', 'ar', 'id', '12']);
});

test('format characters are trimmed at token edges, marks are not', () => {
  const text = '\u200fالرياض\u200f كتابٌ';
  const tokens = tokenize(text);
  assert.deepEqual(tokens.map((t) => t.token), ['الرياض', 'كتابٌ']);
  assert.equal(tokens[0]?.start, 1);
});

test('marks and format characters alone are not words; empty text has no tokens', () => {
  assert.deepEqual(words(''), []);
  assert.deepEqual(words('\u064e\u0651 \u200c ـــ ، .'), []);
  assert.deepEqual(words('ﷺ'), []);
});

test('presentation forms and astral letters are words', () => {
  assert.deepEqual(words('ﻻ ﺍﻟﺴﻼﻡ 𝐀𝐁 😀'), ['ﻻ', 'ﺍﻟﺴﻼﻡ', '𝐀𝐁']);
});

test('property: tokens slice the original text, in order, without overlap, each with a non-empty matching form', () => {
  fc.assert(
    fc.property(anyText, (s) => {
      const tokens = tokenize(s);
      let last = 0;
      for (const t of tokens) {
        assert.ok(t.start >= last && t.end > t.start && t.end <= s.length);
        assert.equal(s.slice(t.start, t.end), t.token);
        assert.notEqual(normalize(t.token), '');
        last = t.end;
      }
      assert.equal(tokenSpans(s).count, tokens.length);
    }),
    { numRuns: 3000 },
  );
});
