import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { storableInput, storableText } from './storable-text.js';
import { analyzeTerms } from '../text/index.js';

test('a NUL becomes a space: same length, same words and offsets for the analyzer', () => {
  assert.equal(storableText('سوق\u0000المزارعين'), 'سوق المزارعين');
  fc.assert(
    fc.property(fc.array(fc.constantFrom('سوق', 'المزارعين', '\u0000', ' ', 'x', '٣', '\n')), (parts) => {
      const text = parts.join('');
      const clean = storableText(text);
      assert.equal(clean.length, text.length);
      assert.ok(!clean.includes('\u0000'));
      const a = analyzeTerms(text);
      const b = analyzeTerms(clean);
      assert.deepEqual([a.norms, a.starts, a.ends], [b.norms, b.starts, b.ends]);
    }),
  );
});

test('an input without NUL is returned as it is; one with NUL in any text field is cleaned', () => {
  const input = { url: 'https://a.example/1', source: 'a', title: 'عنوان', text: 'نص', published: null, tags: ['وسم'] };
  assert.equal(storableInput(input), input);
  const dirty = { ...input, title: 'عن\u0000وان', author: 'كاتب\u0000', tags: ['و\u0000سم'] };
  assert.deepEqual(storableInput(dirty), { ...input, title: 'عن وان', author: 'كاتب ', tags: ['و سم'], summary: undefined, category: undefined, image: undefined, lang: undefined, externalId: undefined });
});
