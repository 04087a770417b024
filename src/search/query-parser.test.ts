import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_CLAUSES, MAX_QUERY_CHARS, parseQuery, wordsQuery } from './query-parser.js';
import { parseDateBound } from './date-bounds.js';

describe('query parser', () => {
  it('makes a headline a query of optional words, whatever syntax characters it holds', () => {
    const q = wordsQuery('«هاكرز» يستغلون -«ويندوز 10» لطلب فدية | source:okaz OR "وكالات"');
    assert.equal(q, 'هاكرز يستغلون ويندوز 10 لطلب فدية source okaz وكالات');
    assert.deepEqual(parseQuery(q).clauses.map((c) => c.kind), Array(9).fill('words'));
    assert.equal(wordsQuery('«مُحَمَّد» - العالمـيّة:'), 'مُحَمَّد العالمـيّة');
    assert.equal(wordsQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')).split(' ').length, 16);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const parsed = parseQuery(wordsQuery(text));
        assert.ok(parsed.clauses.every((c) => c.kind === 'words'));
        assert.deepEqual([parsed.excluded, parsed.sources, parsed.from, parsed.to, parsed.warnings], [[], [], null, null, []]);
      }),
      { numRuns: 300 },
    );
  });

  it('reads words, phrases, exclusions, OR and fields', () => {
    const q = parseQuery('امير مكه "سوق عكاظ" -الطائف -"خيمة قديمة" حج OR عمرة source:okaz from:2015-08-01 to:2015-08-04');
    assert.deepEqual(q.clauses, [
      { kind: 'words', text: 'امير' },
      { kind: 'words', text: 'مكه' },
      { kind: 'phrase', text: 'سوق عكاظ' },
      { kind: 'or', alternatives: [{ kind: 'words', text: 'حج' }, { kind: 'words', text: 'عمرة' }] },
    ]);
    assert.deepEqual(q.excluded, [
      { kind: 'words', text: 'الطائف' },
      { kind: 'phrase', text: 'خيمة قديمة' },
    ]);
    assert.deepEqual(q.sources, ['okaz']);
    assert.equal(q.from, '2015-08-01');
    assert.equal(q.to, '2015-08-04');
    assert.deepEqual(q.warnings, []);
  });

  it('accepts Arabic and typographic quotes, chains OR, and | as OR', () => {
    const q = parseQuery('«ليبيا على حافة الهاوية» “قناة السويس” a | b OR c');
    assert.deepEqual(q.clauses.map((c) => c.kind), ['phrase', 'phrase', 'or']);
    const or = q.clauses[2]!;
    assert.equal(or.kind === 'or' && or.alternatives.length, 3);
  });

  it('keeps hyphenated words and a lone minus as text', () => {
    const q = parseQuery('كوفيد-19 - ابها');
    assert.deepEqual(q.clauses, [
      { kind: 'words', text: 'كوفيد-19' },
      { kind: 'words', text: '-' },
      { kind: 'words', text: 'ابها' },
    ]);
    assert.deepEqual(q.excluded, []);
  });

  it('survives unbalanced quotes, dangling OR and empty fields with warnings', () => {
    const q = parseQuery('"امير مكه OR source: OR');
    assert.deepEqual(q.clauses, [
      { kind: 'words', text: 'امير' },
      { kind: 'words', text: 'مكه' },
    ]);
    assert.equal(q.warnings.length, 3, q.warnings.join('; '));
    assert.deepEqual(parseQuery('OR').clauses, []);
    assert.deepEqual(parseQuery('').clauses, []);
    assert.deepEqual(parseQuery('   ').warnings, []);
  });

  it('treats SQL and FTS syntax as plain text', () => {
    const q = parseQuery(`'; DROP TABLE articles; -- NEAR(a b) title:* ^x (a AND b)`);
    assert.ok(q.clauses.length > 0);
    assert.ok(q.clauses.every((c) => c.kind === 'words'));
    assert.ok(q.excluded.every((c) => c.kind === 'words'));
  });

  it('cuts very long input and too many parts', () => {
    const q = parseQuery('كلمة '.repeat(2_000));
    assert.ok(q.clauses.length <= MAX_CLAUSES);
    assert.ok(q.warnings.some((w) => w.includes(String(MAX_QUERY_CHARS))));
    assert.ok(q.warnings.some((w) => w.includes(String(MAX_CLAUSES))));
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.string({ unit: fc.constantFrom('"', '«', '»', '“', '”', '-', ' ', 'O', 'R', '|', ':', 'ا', 's', '\ud800'), maxLength: 60 }),
          fc.anything(),
        ), (input) => {
        const q = parseQuery(input);
        assert.ok(Array.isArray(q.clauses) && Array.isArray(q.warnings));
      }),
      { numRuns: 500 },
    );
  });
});

describe('date bounds', () => {
  it('covers whole periods for bare dates', () => {
    assert.equal(parseDateBound('2015-08-04', 'from'), Date.parse('2015-08-04T00:00:00Z'));
    assert.equal(parseDateBound('2015-08-04', 'to'), Date.parse('2015-08-05T00:00:00Z') - 1);
    assert.equal(parseDateBound('2015-08', 'to'), Date.parse('2015-09-01T00:00:00Z') - 1);
    assert.equal(parseDateBound('2015', 'from'), Date.parse('2015-01-01T00:00:00Z'));
    assert.equal(parseDateBound('2015-08-04T10:00:00Z', 'to'), Date.parse('2015-08-04T10:00:00Z'));
    // Years before 100 are those years, not 1900–1999.
    assert.equal(parseDateBound('0050-03-01', 'from'), Date.parse('0050-03-01T00:00:00Z'));
    assert.equal(parseDateBound('0099', 'to'), Date.parse('0100-01-01T00:00:00Z') - 1);
  });

  it('rejects what is not a date', () => {
    for (const bad of ['yesterday', '2015-13-01', '2015-02-30', '', '20150804x']) assert.equal(parseDateBound(bad, 'from'), null, bad);
    // what only V8's legacy Date.parse reads (2001-12-01, 2015-03-03 rolled over, US month first)
    for (const bad of ['foo 12', 'Tue, 31 Feb 2015 10:00:00 GMT', '8/1/2015', '2015-08-04T25:00']) assert.equal(parseDateBound(bad, 'to'), null, bad);
  });
});
