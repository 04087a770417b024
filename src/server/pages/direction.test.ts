import { test } from 'node:test';
import assert from 'node:assert/strict';
import { textDir } from './direction.js';

test('text with any right-to-left letter is right-to-left, whatever comes first', () => {
  for (const text of ['stc تزور مرضى كلانا', '«Oppo» تطلق هاتف «Mirror 5s»', 'IMF: هذه خسائر أوروبا', '11.5 مليار دولار', 'http://example.com/a رابط', 'שלום world']) {
    assert.equal(textDir(text), 'rtl', text);
  }
});

test('text without right-to-left letters is left to the browser (dir="auto")', () => {
  // Arabic-Indic digits are not letters: a Latin title with them stays Latin.
  for (const text of ['<img src=x onerror=alert(1)>', 'http://cdn.example.net/a.mp4', 'iPhone ١٧', '', '2015-08-03', null, undefined]) {
    assert.equal(textDir(text), 'auto', String(text));
  }
});
