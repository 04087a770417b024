import fc from 'fast-check';

/**
 * Strings for property tests: biased towards what breaks Arabic text handling (letters, hamza forms,
 * harakat, tatweel, digits of three scripts, separators, zero-width and bidi controls, presentation forms,
 * astral letters, lone surrogates). Test-only module: imported from *.test.ts files only.
 */
const PIECES = [
  'ا', 'أ', 'إ', 'آ', 'ٱ', 'ء', 'ؤ', 'ئ', 'ى', 'ي', 'ة', 'ه', 'و', 'ب', 'ل', 'ك', 'ف', 'س', 'م', 'ن', 'ت',
  'ال', 'وال', 'لل', 'ين', 'ات', 'ون', 'ها', 'هم',
  '\u064b', '\u064e', '\u0650', '\u0651', '\u0652', '\u0670', '\u0654', '\u0655', '\u06d6', '\u0640',
  '٠', '٣', '٩', '۴', '۷', '0', '5', '٫', '٬', '.', ',', '،', '؛', '؟', '«', '»', '#', '_', '-', '/', ':',
  '\u200c', '\u200d', '\u200f', '\u200e', '\u202b', '\u2067', '\u00ad', '\ufeff', '\u061c',
  'ﻻ', 'ﺃ', 'ﺋ', 'ﷲ', 'ﷺ', 'ﹰ', 'ک', 'ی', 'A', 'z', 'É', 'e\u0301', 'İ', 'ß',
  '𝐀', '𞸀', '😀', ' ', '\n', '\t', '\u00a0',
  '\ud800', '\udc00', '\udbff',
];

const piece = fc.constantFrom(...PIECES);
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Mostly Arabic-looking text with every kind of troublesome character mixed in. */
export const arabicish = fc.array(fc.oneof({ weight: 4, arbitrary: piece }, { weight: 1, arbitrary: anyUnit }), { maxLength: 60 }).map((parts) => parts.join(''));

/** Any sequence of UTF-16 code units, lone surrogates included. */
export const anyUtf16 = fc.string({ unit: anyUnit, maxLength: 60 });

/** Any sequence of valid code points. */
export const anyCodePoints = fc.string({ unit: 'binary', maxLength: 40 });

export const anyText = fc.oneof(arabicish, anyUtf16, anyCodePoints);
