import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeBareAmpersands, prepareXml, stripDoctype } from './xml-safety.js';

test('the DOCTYPE is removed with its internal subset, quoted ]> and comments included', () => {
  const xml = '<?xml version="1.0"?>\n<!DOCTYPE r [ <!ENTITY a "x]>y"> <!-- ]> --> <!ENTITY b \'>\'> ]>\n<r>&a;</r>';
  assert.equal(stripDoctype(xml), '<?xml version="1.0"?>\n\n<r>&a;</r>');
  assert.equal(stripDoctype('<!DOCTYPE rss PUBLIC "-//x//EN" "http://x/y.dtd"><rss/>'), '<rss/>');
  assert.throws(() => stripDoctype('<!DOCTYPE r [ <!ENTITY a "open'), { code: 'PARSE_FAILED' });
});

test('a DOCTYPE after the root element is refused', () => {
  assert.throws(() => prepareXml('<r>x</r><!DOCTYPE r [<!ENTITY a "b">]>'), { code: 'PARSE_FAILED' });
});

test('bare ampersands are escaped outside CDATA and comments only', () => {
  assert.equal(escapeBareAmpersands('<a>x & y &amp; &#1575; &#x627; &nbsp;</a>'), '<a>x &amp; y &amp; &#1575; &#x627; &nbsp;</a>');
  assert.equal(escapeBareAmpersands('<a><![CDATA[x & y]]> & <!-- & --></a>'), '<a><![CDATA[x & y]]> &amp; <!-- & --></a>');
});

test('control characters XML forbids are dropped; structure errors carry line and column', () => {
  assert.equal(prepareXml('<r>a\u0001b\u0008</r>'), '<r>ab</r>');
  assert.throws(() => prepareXml('<r>\n<a></b></r>'), /line 2/);
});

test('a billion-laughs document stays the size it was', () => {
  const levels = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
  const xml = `<!DOCTYPE r [<!ENTITY l0 "lol">${levels}]><r>&l10;</r>`;
  assert.equal(prepareXml(xml), '<r>&l10;</r>');
});
