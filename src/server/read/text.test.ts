import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lead, paragraphs, truncate } from './text.js';

test('paragraphs split on line breaks, trim, drop empties and control characters', () => {
  assert.deepEqual(paragraphs('  أول \n\n\tثانٍ\u0007 \r\nثالث\n'), ['أول', 'ثانٍ', 'ثالث']);
});

test('lead prefers the summary and cuts at a word boundary', () => {
  assert.equal(lead('  ملخص قصير ', 'نص'), 'ملخص قصير');
  const long = 'كلمة '.repeat(100);
  const cut = lead(null, long, 50);
  assert.ok(cut.endsWith('…') && Array.from(cut).length <= 51);
  assert.ok(!cut.includes('كلم…'), 'no word is cut in half');
});

test('truncate never exceeds its limit plus the ellipsis and keeps surrogate pairs whole', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 80 }), (s, max) => {
      const out = truncate(s, max);
      assert.ok(Array.from(out).length <= max + 1);
      assert.ok(!/[\uD800-\uDBFF]$|^[\uDC00-\uDFFF]/.test(out.replace(/…$/, '')));
    }),
  );
});
