import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { storableInput, storableText } from './storable-text.js';
import { analyzeTerms } from '../text/index.js';

test('a NUL becomes a space and a lone surrogate U+FFFD: same length, same words and offsets for the analyzer', () => {
  assert.equal(storableText('سوق\u0000المزارعين'), 'سوق المزارعين');
  assert.equal(storableText('سوق\ud800 \udc00x 😀'), 'سوق\ufffd \ufffdx 😀', 'a whole pair is kept');
  fc.assert(
    fc.property(fc.array(fc.constantFrom('سوق', 'المزارعين', '\u0000', ' ', 'x', '٣', '\n', '\ud800', '\udc00', '😀')), (parts) => {
      const text = parts.join('');
      const clean = storableText(text);
      assert.equal(clean.length, text.length);
      assert.ok(!clean.includes('\u0000'));
      assert.ok((clean as string & { isWellFormed(): boolean }).isWellFormed());
      const a = analyzeTerms(text);
      const b = analyzeTerms(clean);
      assert.deepEqual([a.norms, a.starts, a.ends], [b.norms, b.starts, b.ends]);
    }),
  );
});

test('an input without NUL is returned as it is; one with NUL in any text field is cleaned', () => {
  const input = { url: 'https://a.example/1', source: 'a', title: 'عنوان', text: 'نص', published: null, tags: ['وسم'] };
  assert.equal(storableInput(input), input);
  const dirty = { ...input, title: 'عن\u0000وان', author: 'كاتب\u0000', tags: ['و\u0000سم', 'وسم\ud800'] };
  assert.deepEqual(storableInput(dirty), { ...input, title: 'عن وان', author: 'كاتب ', tags: ['و سم', 'وسم\ufffd'], summary: undefined, category: undefined, image: undefined, lang: undefined, externalId: undefined });
});
