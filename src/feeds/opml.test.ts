import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../test-support/paths.js';
import { buildOpml, parseOpmlSubscriptions } from './opml.js';

test('OPML import: folders become categories, bad and duplicate outlines are reported', () => {
  const result = parseOpmlSubscriptions(readFileSync(fixturePath('feeds', 'opml', 'subscriptions.opml')));
  assert.equal(result.title, 'اشتراكاتي');
  assert.deepEqual(result.entries, [
    { title: 'صحيفة الساحل', xmlUrl: 'https://alsahel.example/feed/', htmlUrl: 'https://alsahel.example/', category: 'أخبار محلية' },
    { title: 'المدينة اليوم', xmlUrl: 'https://almadina.example/ar/atom.xml', htmlUrl: null, category: 'أخبار محلية' },
    { title: 'وكالة النخيل', xmlUrl: 'https://alnakheel.example/rss.rdf', htmlUrl: null, category: 'وكالات' },
  ]);
  assert.equal(result.warnings.length, 3);
});

test('OPML export round-trips through import', () => {
  const entries = [
    { title: 'صحيفة الساحل & الجبل', xmlUrl: 'https://alsahel.example/feed/?a=1&b=2', htmlUrl: 'https://alsahel.example/', category: 'محلي' },
    { title: 'وكالة النخيل', xmlUrl: 'https://alnakheel.example/rss.rdf', htmlUrl: null, category: null },
  ];
  const xml = buildOpml(entries, { title: 'مصادر صدى', now: Date.parse('2024-01-07T00:00:00Z') });
  assert.match(xml, /<opml version="2.0">/);
  const back = parseOpmlSubscriptions(xml);
  assert.equal(back.title, 'مصادر صدى');
  assert.deepEqual(back.entries, entries);
});

test('OPML export of no sources is an empty list that imports as nothing, not a failure', () => {
  const xml = buildOpml([], { title: 'مصادر <صدى>', now: Date.parse('2024-01-07T00:00:00Z') });
  const back = parseOpmlSubscriptions(xml);
  assert.equal(back.title, 'مصادر <صدى>');
  assert.deepEqual(back.entries, []);
});

test('malformed OPML is PARSE_FAILED', () => {
  assert.throws(() => parseOpmlSubscriptions('<opml><body><outline text="x"></body></opml>'), { code: 'PARSE_FAILED' });
});
