import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cappedTitle, MAX_TITLE_LENGTH, storableInput, storableText } from './storable-text.js';
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

test('a title over MAX_TITLE_LENGTH is cut before a space (or at a grapheme boundary) and ends with "…"; shorter ones are untouched', () => {
  const real = 'الوزراء الشباب .. مطالباتٌ بمعالجة الملفات "العالقة" وإدخال التعاملات الإلكترونية والقضاء على الفساد بروح العصر';
  assert.equal(cappedTitle(real), real);
  assert.equal(cappedTitle('ع'.repeat(MAX_TITLE_LENGTH)), 'ع'.repeat(MAX_TITLE_LENGTH));
  const long = `${real} ${'كلمة '.repeat(200_000)}`;
  const capped = cappedTitle(long);
  assert.ok(capped.length <= MAX_TITLE_LENGTH);
  assert.ok(capped.length > MAX_TITLE_LENGTH - 10, 'cut at the last space, not far before it');
  assert.match(capped, /^الوزراء الشباب .* كلمة…$/u, 'whole words only, then the ellipsis');
  // no space: the cut falls between graphemes — a letter keeps its marks, an emoji its pair and joiners
  for (const unit of ['بِّ', '👨‍👩‍👧', '🇸🇦', 'e\u0301']) {
    const cut = cappedTitle(unit.repeat(1000));
    assert.ok(cut.length <= MAX_TITLE_LENGTH && cut.endsWith('…'), unit);
    const kept = cut.slice(0, -1);
    assert.equal(kept, unit.repeat(kept.length / unit.length), `${unit}: whole graphemes only`);
  }
  // one grapheme longer than the cap (a letter under a million marks) is cut between code points
  const zalgo = cappedTitle(`😀${'\u0301'.repeat(1_000_000)}`);
  assert.equal(zalgo.length, MAX_TITLE_LENGTH);
  assert.ok((zalgo as string & { isWellFormed(): boolean }).isWellFormed());
});

test('capped titles are prefixes of the title, never longer than the cap, and well-formed for every store', () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  fc.assert(
    fc.property(fc.array(fc.constantFrom('سوق', 'المزارعين', ' ', '  ', 'بِّ', '😀', '👨‍👩‍👧', '\u0301', 'x', '\n', '…'), { minLength: 50, maxLength: 400, size: 'max' }), (parts) => {
      const title = parts.join('');
      const capped = cappedTitle(title);
      if (title.length <= MAX_TITLE_LENGTH) return assert.equal(capped, title);
      assert.ok(capped.length <= MAX_TITLE_LENGTH && capped.endsWith('…'));
      const kept = capped.slice(0, -1);
      assert.ok(title.startsWith(kept));
      assert.ok((capped as string & { isWellFormed(): boolean }).isWellFormed());
      const segments = [...segmenter.segment(title)];
      if (segments[0]!.segment.length < MAX_TITLE_LENGTH) assert.ok(segments.some((s) => s.index === kept.length), 'cut at a grapheme boundary');
    }),
  );
});

test('storableInput caps the title (and only the title: texts are whole)', () => {
  const input = { url: 'https://a.example/1', source: 'a', title: `عنوان ${'طويل '.repeat(100_000)}`, text: 'نص '.repeat(100_000), published: null };
  const stored = storableInput(input);
  assert.equal(stored.title, cappedTitle(input.title));
  assert.equal(stored.text, input.text);
  const withNul = storableInput({ ...input, title: `عن\u0000وان ${'ب'.repeat(1000)}` });
  assert.ok(withNul.title.startsWith('عن وان') && withNul.title.length <= MAX_TITLE_LENGTH);
});
