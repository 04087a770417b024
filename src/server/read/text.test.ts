import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lead, paragraphs, truncate } from './text.js';

test('paragraphs split on line breaks, trim, drop empties and control characters', () => {
  assert.deepEqual(paragraphs('  أول \n\n\tثانٍ\u0007 \r\nثالث\n'), ['أول', 'ثانٍ', 'ثالث']);
});

test('a text with no line break is split where a no-break space stands between spaces (the sabq import)', () => {
  assert.deepEqual(paragraphs('أكد المتحدث أهمية المشاركة. \u00A0 وأوضح أن الخدمات أولوية.  \u00A0  وأبان أن اللجنة اعتمدت 1263 مركزاً.'), [
    'أكد المتحدث أهمية المشاركة.',
    'وأوضح أن الخدمات أولوية.',
    'وأبان أن اللجنة اعتمدت 1263 مركزاً.',
  ]);
  // a lone no-break space is part of the sentence; with line breaks, they alone separate paragraphs
  assert.deepEqual(paragraphs('إلى المبادرة\u00A0 الخليجية'), ['إلى المبادرة\u00A0 الخليجية']);
  assert.deepEqual(paragraphs('أول. \u00A0 تابع\nثانٍ'), ['أول. \u00A0 تابع', 'ثانٍ']);
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
