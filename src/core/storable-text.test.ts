import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  cappedText,
  cappedTitle,
  MAX_AUTHOR_LENGTH,
  MAX_CATEGORY_LENGTH,
  MAX_EXTERNAL_ID_LENGTH,
  MAX_IMAGE_URL_LENGTH,
  MAX_LANG_LENGTH,
  MAX_SUMMARY_LENGTH,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  MAX_TEXT_LENGTH,
  MAX_TITLE_LENGTH,
  storableInput,
  storableLang,
  storableText,
} from './storable-text.js';
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
    fc.property(fc.array(fc.constantFrom('سوق', 'المزارعين', ' ', '  ', 'بِّ', '😀', '👨‍👩‍👧', '\u0301', 'x', '\n', '\r\n', '\t', '\u0600', '…'), { minLength: 50, maxLength: 400, size: 'max' }), (parts) => {
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

test('a long text without spaces is cut at a grapheme boundary found near the cut, not by segmenting all of it', () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  fc.assert(
    fc.property(fc.array(fc.constantFrom('المزارعين', 'بِّ', '😀', '👨‍👩‍👧', '\u0301', '\u0600', 'x'), { minLength: 400, maxLength: 900, size: 'max' }), (parts) => {
      const text = parts.join('');
      const capped = cappedText(text, 2_500);
      if (text.length <= 2_500) return assert.equal(capped, text);
      const kept = capped.slice(0, -1);
      assert.ok(capped.length <= 2_500 && text.startsWith(kept));
      assert.ok([...segmenter.segment(text)].some((s) => s.index === kept.length), 'cut at a grapheme boundary');
    }),
    { numRuns: 50 },
  );
  // V8's segmenter is quadratic: segmenting the whole of a text this long took minutes
  const dump = 'ب'.repeat(2_000_000);
  assert.equal(cappedText(dump, MAX_TEXT_LENGTH).length, MAX_TEXT_LENGTH);
});

test('storableInput caps the title, and the text only past MAX_TEXT_LENGTH', () => {
  const input = { url: 'https://a.example/1', source: 'a', title: `عنوان ${'طويل '.repeat(100_000)}`, text: 'نص '.repeat(60_000), published: null };
  const stored = storableInput(input);
  assert.equal(stored.title, cappedTitle(input.title));
  assert.equal(stored.text, input.text, 'a text of 180,000 units is whole');
  const dump = storableInput({ ...input, text: 'فقرة طويلة جدا\n'.repeat(1_000_000) });
  assert.ok(dump.text.length <= MAX_TEXT_LENGTH && dump.text.length > MAX_TEXT_LENGTH - 20, `cut near the cap: ${dump.text.length}`);
  assert.ok(dump.text.endsWith('…') && dump.text.startsWith('فقرة طويلة جدا\nفقرة'));
  const withNul = storableInput({ ...input, title: `عن\u0000وان ${'ب'.repeat(1000)}` });
  assert.ok(withNul.title.startsWith('عن وان') && withNul.title.length <= MAX_TITLE_LENGTH);
});

test('storableInput caps author, summary, category, each tag and the number of tags, cut at a word like the title', () => {
  const base = { url: 'https://a.example/1', source: 'a', title: 'عنوان', text: 'نص', published: null };
  const words = (word: string, n: number) => `${word} `.repeat(n).trim();
  const hostile = {
    ...base,
    author: words('محرر', 200_000),
    summary: words('ملخص', 500_000),
    category: words('قسم', 100_000),
    tags: Array.from({ length: 100_000 }, (_, i) => (i === 0 ? words('وسم', 10_000) : `وسم${i}`)),
  };
  const stored = storableInput(hostile);
  // lengths first: a failed comparison of megabyte strings takes minutes to print
  assert.deepEqual([stored.author?.length, stored.summary?.length, stored.category?.length, stored.tags?.length].map((n) => n! <= MAX_SUMMARY_LENGTH), [true, true, true, true]);
  assert.equal(stored.author, cappedText(hostile.author, MAX_AUTHOR_LENGTH));
  assert.equal(stored.summary, cappedText(hostile.summary, MAX_SUMMARY_LENGTH));
  assert.equal(stored.category, cappedText(hostile.category, MAX_CATEGORY_LENGTH));
  for (const [value, max] of [[stored.author, MAX_AUTHOR_LENGTH], [stored.summary, MAX_SUMMARY_LENGTH], [stored.category, MAX_CATEGORY_LENGTH]] as const) {
    assert.ok(value!.length <= max && value!.length > max - 10, `cut near ${max}`);
    assert.match(value!, /^(\S+ )*\S+…$/u, 'whole words, then the ellipsis');
  }
  assert.equal(stored.tags!.length, MAX_TAGS, 'the first tags are kept');
  assert.equal(stored.tags![0], cappedText(hostile.tags[0]!, MAX_TAG_LENGTH));
  assert.deepEqual(stored.tags!.slice(1), hostile.tags.slice(1, MAX_TAGS));
  // a NUL is cleaned before the cut
  assert.equal(storableInput({ ...base, tags: Array.from({ length: MAX_TAGS + 1 }, () => 'وسم') }).tags!.length, MAX_TAGS, 'more tags than the cap alone');
  assert.equal(storableInput({ ...base, category: `قسم\u0000${'ب'.repeat(MAX_CATEGORY_LENGTH)}` }).category, cappedText(`قسم ${'ب'.repeat(MAX_CATEGORY_LENGTH)}`, MAX_CATEGORY_LENGTH));
  assert.equal(storableInput({ ...base, category: `قسم ${'ب'.repeat(MAX_CATEGORY_LENGTH)}` }).category, `قسم ${'ب'.repeat(MAX_CATEGORY_LENGTH - 5)}…`, 'no space in the second half: cut inside the word');
});

test('values as long as the longest real ones, and exactly at the caps, are stored as they are (the same object)', () => {
  const input = {
    url: 'https://a.example/1',
    source: 'a',
    title: 'ع'.repeat(MAX_TITLE_LENGTH),
    text: 'نص',
    published: null,
    author: 'ك'.repeat(MAX_AUTHOR_LENGTH),
    summary: 'م'.repeat(MAX_SUMMARY_LENGTH),
    category: 'internationalNews'.padEnd(MAX_CATEGORY_LENGTH, 'x'),
    tags: Array.from({ length: MAX_TAGS }, () => 'و'.repeat(MAX_TAG_LENGTH)),
    image: `https://cdn.example/${'i'.repeat(MAX_IMAGE_URL_LENGTH - 20)}`,
    lang: 'zh-Hant-TW',
    externalId: 'g'.repeat(MAX_EXTERNAL_ID_LENGTH),
  };
  assert.equal(input.image.length, MAX_IMAGE_URL_LENGTH);
  assert.equal(storableInput(input), input);
  // what the shared data and pages hold at most (see the caps' comment) is far below them
  assert.ok(MAX_AUTHOR_LENGTH >= 255 && MAX_SUMMARY_LENGTH >= 853 && MAX_CATEGORY_LENGTH >= 49 && MAX_TAG_LENGTH >= 60);
  assert.ok(MAX_IMAGE_URL_LENGTH >= 475 && MAX_EXTERNAL_ID_LENGTH >= 399);
});

test('an image URL or external id past its limit is dropped, not cut (a cut URL or id names something else)', () => {
  const base = { url: 'https://a.example/1', source: 'a', title: 'عنوان', text: 'نص', published: null };
  const image = `https://cdn.example/${'i'.repeat(MAX_IMAGE_URL_LENGTH)}`;
  const externalId = `https://a.example/?p=${'1'.repeat(MAX_EXTERNAL_ID_LENGTH)}`;
  const stored = storableInput({ ...base, image, externalId, lang: 'ar' });
  assert.deepEqual([stored.image, stored.externalId, stored.lang], [null, null, 'ar']);
  assert.equal(stored.title, base.title, 'the article itself is kept');
  assert.equal(storableInput({ ...base, image: `data:image/png;base64,${'A'.repeat(1_000_000)}` }).image, null);
  // one over the limit is over it; a NUL is cleaned in what is kept
  assert.equal(storableInput({ ...base, externalId: 'g'.repeat(MAX_EXTERNAL_ID_LENGTH + 1) }).externalId, null);
  assert.equal(storableInput({ ...base, externalId: 'g\u0000h', image: 'https://cdn.example/a\u0000b.jpg' }).externalId, 'g h');
  assert.equal(storableInput({ ...base, image: 'https://cdn.example/a\u0000b.jpg' }).image, 'https://cdn.example/a b.jpg');
});

test('lang is kept when it is a language tag (trimmed) and dropped otherwise', () => {
  // values seen in the shared extraction pages' <html lang> and meta, and in feeds
  for (const tag of ['ar', 'AR', 'ar-SA', 'en-us', 'en-GB', 'de-DE-formal', 'es-419', 'zh-Hant-TW', 'de-ere', 'ar-Ar']) assert.equal(storableLang(tag), tag);
  assert.equal(storableLang(' ar\n'), 'ar');
  assert.equal(storableLang('ar_SA'), 'ar-SA', 'a POSIX-style locale, as some feeds write it');
  for (const junk of ['english', 'spanish', 'lang=', 'ar__SA', 'العربية', 'a', '', 'ar-', 'ar--SA', 'en-toolongsubtag', 'ar SA', `ar-${'x'.repeat(MAX_LANG_LENGTH)}`, 'ar\u0000']) {
    assert.equal(storableLang(junk), null, JSON.stringify(junk));
  }
  const base = { url: 'https://a.example/1', source: 'a', title: 'عنوان', text: 'نص', published: null };
  assert.equal(storableInput({ ...base, lang: 'english' }).lang, null);
  assert.equal(storableInput({ ...base, lang: ' ar ' }).lang, 'ar');
  const tagged = { ...base, lang: 'ar-SA' };
  assert.equal(storableInput(tagged), tagged, 'a tag as it should be: the same object');
  assert.equal(storableInput({ ...base, lang: null }).lang, null);
});
