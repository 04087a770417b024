import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { fixturePath } from '../test-support/paths.js';
import { charsetFromContentType, decodeBytes } from './decode.js';

const ARABIC = 'عودة الحركة إلى مرفأ المدينة';

test('windows-1256 without any charset: the windows-1256 fallback, not mojibake', () => {
  const bytes = iconv.encode(`<p>${ARABIC}</p>`, 'windows-1256');
  const decoded = decodeBytes(bytes);
  assert.equal(decoded.text, `<p>${ARABIC}</p>`);
  assert.equal(decoded.source, 'fallback');
});

test('HTTP charset, XML declaration and meta charset', () => {
  const xml = iconv.encode(`<?xml version="1.0" encoding="ISO-8859-6"?><t>${ARABIC}</t>`, 'iso-8859-6');
  assert.deepEqual([decodeBytes(xml).encoding, decodeBytes(xml).source], ['iso-8859-6', 'document']);
  assert.ok(decodeBytes(xml).text.includes(ARABIC));

  const page = readFileSync(fixturePath('feeds', 'legacy-encodings', 'page-windows-1256.html'));
  assert.ok(decodeBytes(page).text.includes('مرحباً بكم في جريدة الأرز'));

  const plain = iconv.encode(ARABIC, 'windows-1256');
  assert.equal(decodeBytes(plain, { contentType: 'text/html; charset="Windows-1256"' }).source, 'http');
  assert.equal(decodeBytes(plain, { contentType: 'text/html; charset=cp1256' }).text, ARABIC);
});

test('a server default of ISO-8859-1 loses to the document declaration; a UTF-8 claim loses to invalid bytes', () => {
  const declared = iconv.encode(`<?xml version="1.0" encoding="windows-1256"?><t>${ARABIC}</t>`, 'windows-1256');
  assert.ok(decodeBytes(declared, { contentType: 'text/xml; charset=ISO-8859-1' }).text.includes(ARABIC));
  assert.ok(decodeBytes(declared, { contentType: 'text/xml; charset=utf-8' }).text.includes(ARABIC));
  const utf8 = Buffer.from(`<t>${ARABIC}</t>`);
  assert.equal(decodeBytes(utf8, { contentType: 'text/xml; charset=iso-8859-1' }).text, `<t>${ARABIC}</t>`);
});

test('byte order marks win and are removed', () => {
  const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARABIC)]);
  assert.deepEqual(decodeBytes(bom8, { contentType: 'text/plain; charset=windows-1256' }), { text: ARABIC, encoding: 'utf-8', source: 'bom' });
  const bom16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ARABIC, 'utf16le')]);
  assert.equal(decodeBytes(bom16).text, ARABIC);
});

test('unknown charset labels are ignored', () => {
  assert.equal(decodeBytes(Buffer.from(ARABIC), { contentType: 'text/html; charset=klingon' }).text, ARABIC);
  assert.equal(charsetFromContentType('application/rss+xml;charset=UTF-8'), 'UTF-8');
  assert.equal(charsetFromContentType('text/html'), null);
});

test('a server-wide charset default loses to the bytes: UTF-8 under a legacy label, windows-1256 under a UTF-8 label', () => {
  const feed = (decl: string) => `<?xml version="1.0"${decl}?><rss version="2.0"><channel><title>${ARABIC}</title></channel></rss>`;
  const utf8 = Buffer.from(feed(' encoding="utf-8"'));
  assert.ok(decodeBytes(utf8, { contentType: 'application/rss+xml; charset=windows-1256' }).text.includes(ARABIC));
  assert.ok(decodeBytes(Buffer.from(feed(' encoding="windows-1256"')), { contentType: 'text/xml; charset=windows-1256' }).text.includes(ARABIC), 'a stale declaration too');

  const legacy = iconv.encode(feed(''), 'windows-1256');
  const decoded = decodeBytes(legacy, { contentType: 'application/rss+xml; charset=utf-8' });
  assert.ok(decoded.text.includes(ARABIC), decoded.text);
  assert.equal(decoded.encoding, 'windows-1256');

  // A UTF-8 feed with one broken sequence stays UTF-8.
  const damaged = Buffer.concat([Buffer.from(`<rss><title>${ARABIC}`), Buffer.from([0xff]), Buffer.from(` ${ARABIC.repeat(4)}</title></rss>`)]);
  const kept = decodeBytes(damaged, { contentType: 'application/rss+xml; charset=utf-8' });
  assert.equal(kept.encoding, 'utf-8');
  assert.ok(kept.text.includes(ARABIC));
});

test('windows-1256 Arabic labelled ISO-8859-1 or windows-1252 (HTTP or declaration) is read as Arabic; a French feed so labelled stays Latin', () => {
  const feed = (decl: string, title: string) => `<?xml version="1.0"${decl}?><rss version="2.0"><channel><title>${title}</title><item><title>${title}</title><description>${title}</description></item></channel></rss>`;
  const arabic = `${ARABIC}، وأعلنت وزارة الصحة السعودية افتتاح مستشفى جديد في الرياض`;
  const french = "L'été à Paris : le Conseil a décidé d'élargir l'accès aux crèches, près de l'Hôtel de Ville";
  const cases: Array<[string, string | null]> = [
    ['', 'text/xml; charset=ISO-8859-1'],
    ['', 'text/xml; charset=windows-1252'],
    [' encoding="ISO-8859-1"', 'text/xml'],
    [' encoding="windows-1252"', 'application/rss+xml; charset=iso-8859-1'],
  ];
  for (const [decl, contentType] of cases) {
    const decoded = decodeBytes(iconv.encode(feed(decl, arabic), 'windows-1256'), { contentType });
    assert.ok(decoded.text.includes(arabic), `${decl} ${contentType}: ${decoded.text.slice(0, 120)}`);
    assert.equal(decoded.encoding, 'windows-1256');
    const latin = decodeBytes(iconv.encode(feed(decl, french), 'windows-1252'), { contentType });
    assert.ok(latin.text.includes(french), `${decl} ${contentType}: ${latin.text.slice(0, 120)}`);
    assert.notEqual(latin.encoding, 'windows-1256');
  }
});
