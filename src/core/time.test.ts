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
