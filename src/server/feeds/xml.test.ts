import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writableTime, xmlEscape } from './xml.js';

test('xmlEscape removes characters XML forbids and escapes markup', () => {
  assert.equal(xmlEscape('a<b>&"\'\u0007\uFFFE\uD800z'), 'a&lt;b&gt;&amp;&quot;&apos;z');
  assert.equal(xmlEscape('😀 عربي'), '😀 عربي', 'valid surrogate pairs stay');
});

test('writableTime keeps times within four-digit years', () => {
  assert.equal(writableTime(-8.64e15).toISOString(), '0000-01-01T00:00:00.000Z');
  assert.equal(writableTime(8.64e15).toISOString(), '9999-12-31T23:59:59.999Z');
  assert.equal(writableTime(0).getTime(), 0);
});
