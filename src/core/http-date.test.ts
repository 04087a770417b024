import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHttpDate } from './http-date.js';

const NOW = Date.parse('2026-12-01T06:00:00Z');
const T = Date.parse('1994-11-06T08:49:37Z');

test('the three forms of RFC 9110 are read, case-insensitively', () => {
  assert.equal(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT', NOW), T);
  assert.equal(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW), T);
  assert.equal(parseHttpDate('Sun Nov  6 08:49:37 1994', NOW), T);
  assert.equal(parseHttpDate('  sun, 06 nov 1994 08:49:37 gmt ', NOW), T);
  assert.equal(parseHttpDate('Wed, 31 Dec 2025 23:59:60 GMT', NOW), Date.parse('2026-01-01T00:00:00Z'));
});

test('an RFC 850 year is placed within 50 years of now', () => {
  assert.equal(parseHttpDate('Tuesday, 01-Dec-26 06:00:00 GMT', NOW), NOW);
  assert.equal(parseHttpDate('Friday, 01-Dec-76 06:00:00 GMT', NOW), Date.parse('2076-12-01T06:00:00Z'));
  assert.equal(parseHttpDate('Friday, 01-Dec-77 06:00:00 GMT', NOW), Date.parse('1977-12-01T06:00:00Z'));
});

test('junk, other forms and impossible days are not dates', () => {
  // each of these is a date to Date.parse's legacy reading
  for (const value of ['1 2', '0', '12', 'Aug 1', '2026-12-01T06:00:00Z', 'Sun, 06 Nov 1994 08:49:37 +0000',
    'Tue, 31 Feb 2015 10:00:00 GMT', 'Sun, 06 Nov 1994 24:00:00 GMT', 'Sun, 6 Nov 1994 08:49:37 GMT',
    'Sun, 06 Nov 1994 08:49 GMT', 'Sunny, 06 Nov 1994 08:49:37 GMT', '', 'soon']) {
    assert.equal(parseHttpDate(value, NOW), null, value);
  }
  assert.equal(parseHttpDate(undefined, NOW), null);
});
