import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIsoLike } from './time.js';

test('parseIsoLike reads ISO dates, date-times with zones and the SaudiNewsNet form', () => {
  assert.equal(parseIsoLike('2015-08-03'), Date.UTC(2015, 7, 3));
  assert.equal(parseIsoLike('2015-08-03 20:17:51'), Date.UTC(2015, 7, 3, 20, 17, 51));
  assert.equal(parseIsoLike(' 2015-08-03T20:17:51+03:00 '), Date.UTC(2015, 7, 3, 17, 17, 51));
  assert.equal(parseIsoLike('2016-02-29'), Date.UTC(2016, 1, 29));
  assert.equal(parseIsoLike('2015-12-31T23:30:00-05:00'), Date.UTC(2016, 0, 1, 4, 30));
  for (const bad of ['', '  ', 'yesterday', '2015-13-01', '2015-08-32']) assert.equal(parseIsoLike(bad), null, bad);
});

test('parseIsoLike refuses calendar days that do not exist instead of rolling them into the next month', () => {
  for (const bad of ['2015-02-29', '2015-02-30', '2015-02-31T10:00:00Z', '2015-04-31', '2015-06-31 08:00:00', '1900-02-29']) {
    assert.equal(parseIsoLike(bad), null, bad);
  }
  assert.equal(parseIsoLike('2000-02-29'), Date.UTC(2000, 1, 29));
});

test('parseIsoLike reads reduced precision, fractions and zones as ISO 8601 writes them', () => {
  assert.equal(parseIsoLike('2015'), Date.UTC(2015, 0, 1));
  assert.equal(parseIsoLike('2015-08'), Date.UTC(2015, 7, 1));
  assert.equal(parseIsoLike('2015-08-03T20:17'), Date.UTC(2015, 7, 3, 20, 17));
  assert.equal(parseIsoLike('2015-08-03t20:17:51.25z'), Date.UTC(2015, 7, 3, 20, 17, 51, 250));
  assert.equal(parseIsoLike('2015-08-03T20:17:51.123456789Z'), Date.UTC(2015, 7, 3, 20, 17, 51, 123));
  assert.equal(parseIsoLike('2015-08-03T20:17:51+0330'), Date.UTC(2015, 7, 3, 16, 47, 51));
  assert.equal(parseIsoLike('2015-08-03T20:17:51-05'), Date.UTC(2015, 7, 4, 1, 17, 51));
  assert.equal(parseIsoLike('0099-08-03'), new Date(0).setUTCFullYear(99, 7, 3), 'year 99 is not 1999');
});

test('parseIsoLike refuses what only V8\'s legacy date parser reads: junk and typos are not dates', () => {
  // Date.parse: 2001-12-01, 2001-01-01, 2001-08-01, 2015-03-03 (rolled), 2015-08-01 (US order), 1970 …
  for (const bad of ['12', '1', 'foo 12', 'Aug 1', 'Tue, 31 Feb 2015 10:00:00 GMT', '8/1/2015', 'Sat Aug 01 2015', '2015-8-1', '20150801']) {
    assert.equal(parseIsoLike(bad), null, bad);
  }
  for (const bad of ['2015-08-03T24:00', '2015-08-03T10:60', '2015-08-03T10:00:60', '2015-08-03T10:00+15:00', '2015-08-03T10:00+03:60', '2015-08-03Z', '2015-00-10']) {
    assert.equal(parseIsoLike(bad), null, bad);
  }
});
