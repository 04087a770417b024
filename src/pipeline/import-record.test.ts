import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { parseImportLine, sourceSlug } from './import-record.js';
import { storableInput } from '../core/storable-text.js';
import { sharedDataFiles } from '../test-support/paths.js';

test('SaudiNewsNet lines: crawl time as UTC, content as text', () => {
  const r = parseImportLine(JSON.stringify({ source: 'okaz', url: 'http://www.okaz.com.sa/new/1.htm', date_extracted: '2015-08-03 10:15:00', title: ' عنوان ', author: '', content: 'نص\nفقرة' }));
  assert.ok(r.ok);
  assert.equal(r.format, 'saudinewsnet');
  assert.equal(r.article.published, Date.parse('2015-08-03T10:15:00Z'));
  assert.equal(r.article.title, 'عنوان');
  assert.equal(r.article.text, 'نص\nفقرة');
  assert.equal(r.article.author, null);
});

test('SaudiNewsNet titles and bylines are read as HTML text: character references decoded, other fields left as written', () => {
  const r = parseImportLine(JSON.stringify({ source: 'okaz', url: 'http://www.okaz.com.sa/new/2.htm', date_extracted: '2015-07-21 10:15:00', title: 'توزيع &#8220;موسوعة&#8221; &amp; &quot;كتب&quot;', author: '&nbsp;أ ف ب (بيروت)', content: 'نص &amp; نص' }));
  assert.ok(r.ok);
  assert.equal(r.article.title, 'توزيع \u201cموسوعة\u201d & "كتب"');
  assert.equal(r.article.author, 'أ ف ب (بيروت)');
  assert.equal(r.article.text, 'نص &amp; نص');
  // Sada's own lines are plain text: an ampersand sequence there is what the writer meant
  const own = parseImportLine(JSON.stringify({ url: 'https://a.test/2', source: 's', title: 'A &amp; B', text: 'x', author: '&nbsp;x' }));
  assert.ok(own.ok);
  assert.equal(own.article.title, 'A &amp; B');
  assert.equal(own.article.author, '&nbsp;x');
});

test('ANT lines: RFC 822 dates with offsets, docno as external id, abstract as summary', () => {
  const r = parseImportLine(JSON.stringify({ docno: 'AL-culture-547-20180709', url: 'https://www.alarabiya.net/x.html', source: 'alarabia', category: 'culture', title: 't', published: 'Mon, 09 Jul 2018 10:38:31 +0400', author: 'نيويورك - فرانس برس', abstract: 'a', content: 'c' }));
  assert.ok(r.ok);
  assert.equal(r.format, 'ant');
  assert.equal(r.article.published, Date.parse('2018-07-09T06:38:31Z'));
  assert.equal(r.article.externalId, 'AL-culture-547-20180709');
  assert.equal(r.article.summary, 'a');
  assert.equal(r.article.category, 'culture');
});

test('Sada lines and source slugs', () => {
  const r = parseImportLine(JSON.stringify({ url: 'https://a.test/1', source: 'BBC Arabic', title: 't', text: 'x', published: '2024-01-02T03:04:05+03:00', tags: ['a', 3, ''] }));
  assert.ok(r.ok);
  assert.equal(r.format, 'sada');
  assert.equal(r.article.source, 'bbc-arabic');
  assert.deepEqual(r.article.tags, ['a']);
  assert.equal(r.article.published, Date.parse('2024-01-02T00:04:05Z'));
  assert.equal(sourceSlug('BBC'), 'bbc');
  assert.equal(sourceSlug('صحيفة  سبق'), 'صحيفة-سبق');
  assert.equal(sourceSlug('***'), '');
});

test('bad lines give reasons; empty articles are skips, not errors', () => {
  const cases: [string, RegExp][] = [
    ['not json', /not JSON/],
    ['[1]', /not a JSON object/],
    ['{"url":"https://a.test"}', /unknown format/],
    ['{"source":"s","content":"x"}', /missing `url`/],
    ['{"url":"ftp://a.test/x","source":"s","content":"x"}', /http/],
    ['{"url":"https://a.test/x","content":"x"}', /missing `source`/],
    ['{"url":"https://a.test/x","source":"s","content":"x","date_extracted":"soon"}', /unreadable date/],
    ['{"url":"https://a.test/x","source":"s","content":"x","date_extracted":"2015-02-30 10:00:00"}', /unreadable date/],
    // Epoch milliseconds that no Date can hold: stored, they broke every list that shows the date.
    ['{"url":"https://a.test/x","source":"s","text":"x","published":-1e20}', /unreadable date/],
    ['{"url":"https://a.test/x","source":"s","text":"x","published":8640000000000001}', /unreadable date/],
  ];
  for (const [line, reason] of cases) {
    const r = parseImportLine(line);
    assert.ok(!r.ok, line);
    assert.match(r.reason, reason, line);
    assert.ok(!r.skip);
  }
  const empty = parseImportLine('{"url":"https://a.test/x","source":"s","title":" ","content":"\\n"}');
  assert.ok(!empty.ok && empty.skip);
});

test('epoch-ms dates are whole milliseconds, as a Date holds them', () => {
  // A fraction of a millisecond stored as is made the API's next_cursor one the API then refused.
  for (const [published, expected] of [
    [1714550400000.5, 1714550400000],
    [1714550400000.9, 1714550400000],
    [-0.5, 0],
    [-1714550400000.5, -1714550400000],
  ]) {
    const r = parseImportLine(JSON.stringify({ url: 'https://a.test/x', source: 's', text: 'x', published }));
    assert.ok(r.ok);
    assert.ok(Object.is(r.article.published, expected), `${published} -> ${r.article.published}`);
    assert.equal(r.article.published, new Date(published!).getTime());
  }
});

test('a content line without date_extracted is dated by its published (it was imported undated)', () => {
  const r = parseImportLine(JSON.stringify({ url: 'https://a.test/x', source: 's', title: 't', content: 'x', published: '2015-08-03T10:00:00Z' }));
  assert.ok(r.ok);
  assert.equal(r.format, 'saudinewsnet');
  assert.equal(r.article.published, Date.parse('2015-08-03T10:00:00Z'));
  // SaudiNewsNet's own field still decides when present
  const both = parseImportLine(JSON.stringify({ url: 'https://a.test/x', source: 's', title: 't', content: 'x', date_extracted: '2015-08-01 09:00:00', published: '2015-08-03T10:00:00Z' }));
  assert.ok(both.ok);
  assert.equal(both.article.published, Date.parse('2015-08-01T09:00:00Z'));
});

test('dates: RFC 822 as ANT writes it and the other forms feeds write are read; junk and days that do not exist are errors', () => {
  const published = (value: string) => {
    const r = parseImportLine(JSON.stringify({ url: 'https://a.test/x', source: 's', title: 't', text: 'x', published: value }));
    return r.ok ? r.article.published : r.reason;
  };
  assert.equal(published('Tue, 10 Dec 2024 08:00:00 GMT'), Date.parse('2024-12-10T08:00:00Z'));
  assert.equal(published('Mon, 09 Jul 2018 10:38:31 +0400'), Date.parse('2018-07-09T06:38:31Z'));
  assert.equal(published('10 Dec 2024 08:00 -0130'), Date.parse('2024-12-10T09:30:00Z'));
  assert.equal(published('29 Feb 2016 23:59:59 GMT'), Date.parse('2016-02-29T23:59:59Z'));
  assert.equal(published('الاثنين 9 يوليو 2018'), Date.parse('2018-07-09T00:00:00Z'));
  // V8's legacy Date.parse read these as 2015-03-03, 2015-05-01, 2001-12-01 and 2001-08-01
  for (const bad of ['Tue, 31 Feb 2015 10:00:00 GMT', '31 Apr 2015 10:00 +0300', '30 Apr 2015 25:00 +0300', 'Tue, 10 Foo 2024 08:00:00 GMT', 'garbage', '12', 'foo 12', 'Aug 1']) {
    assert.equal(published(bad), `unreadable date: ${bad}`, bad);
  }
});

test('any JSON line is answered without throwing', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (v) => {
      const r = parseImportLine(JSON.stringify(v));
      assert.equal(typeof r.ok, 'boolean');
    }),
  );
  fc.assert(
    fc.property(fc.oneof(fc.double(), fc.integer(), fc.string()), (published) => {
      const r = parseImportLine(JSON.stringify({ url: 'https://a.test/x', source: 's', text: 'x', published }));
      if (r.ok && r.article.published !== null) {
        assert.doesNotThrow(() => new Date(r.article.published!).toISOString());
        assert.ok(Number.isSafeInteger(r.article.published), String(r.article.published));
      }
    }),
  );
  fc.assert(fc.property(fc.string(), (s) => void parseImportLine(s)));
});

const realRecords = [sharedDataFiles('data', 'saudinewsnet'), sharedDataFiles('data', 'ant-multisource')];

test('every importable record of the shared SaudiNewsNet and ANT data passes storableInput as it is: the caps and checks of every field keep all real values', { skip: realRecords.find((d) => d.skip)?.skip ?? false }, async () => {
  let importable = 0;
  const changed: string[] = [];
  for (const file of realRecords.flatMap((d) => d.files)) {
    for await (const line of createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })) {
      const r = line.trim() ? parseImportLine(line) : null;
      if (!r?.ok) continue;
      importable++;
      if (storableInput(r.article) !== r.article) changed.push(`${file}: ${r.article.url}`);
    }
  }
  assert.ok(importable > 50_000, `${importable} records read`);
  assert.deepEqual(changed.slice(0, 5), []);
});
