import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../test-support/paths.js';
import { COMMON_FEED_PATHS, discoverFeedLinks, feedCandidates } from './discover.js';
import { detectFormat } from './detect.js';
import { finishesWithin } from '../test-support/finishes.js';

const homepage = readFileSync(fixturePath('feeds', 'homepage', 'index.html'), 'utf8');

test('announced feeds: <base href>, unquoted attributes, comments ignored, comment feeds last', () => {
  const found = discoverFeedLinks(homepage, 'https://alsahel.example/');
  assert.deepEqual(found.map((c) => c.url), [
    'https://alsahel.example/feed/',
    'https://alsahel.example/ar/atom.xml',
    'https://alsahel.example/feed.json',
    'https://alsahel.example/comments/feed/',
  ]);
  assert.equal(found[0]?.title, 'آخر الأخبار');
  assert.equal(found[0]?.type, 'application/rss+xml');
  assert.ok(found.every((c) => c.origin === 'link'));
});

test('candidates: announced feeds first, then the common paths without duplicates', () => {
  const all = feedCandidates(homepage, 'https://alsahel.example/ar/index.html');
  assert.equal(all[0]?.url, 'https://alsahel.example/feed/');
  const guesses = all.filter((c) => c.origin === 'guess').map((c) => new URL(c.url).pathname);
  assert.deepEqual(guesses, COMMON_FEED_PATHS.filter((p) => p !== '/feed/'));
  assert.deepEqual(feedCandidates(null, 'http://127.0.0.1:8080/x').map((c) => c.url).slice(0, 2), ['http://127.0.0.1:8080/feed', 'http://127.0.0.1:8080/rss']);
});

test('format detection', () => {
  const cases: Array<[string, string]> = [
    ['<?xml version="1.0"?>\n<!-- c --><rss version="2.0"/>', 'rss'],
    ['\uFEFF<?xml version="1.0"?><rdf:RDF xmlns:rdf="x"/>', 'rdf'],
    ['<feed xmlns="http://www.w3.org/2005/Atom"/>', 'atom'],
    ['<!DOCTYPE rss PUBLIC "a" "b"><rss/>', 'rss'],
    ['<urlset/>', 'sitemap'],
    ['<sitemapindex/>', 'sitemap-index'],
    ['<opml version="2.0"/>', 'opml'],
    ['<!doctype html><html><body/></html>', 'html'],
    ['{"version":"https://jsonfeed.org/version/1.1","title":"x","items":[]}', 'json'],
    ['{"hello":1}', 'unknown'],
    ['plain text', 'unknown'],
  ];
  for (const [text, format] of cases) assert.equal(detectFormat(text), format, text);
  assert.equal(detectFormat('<p>مرحبا</p><body>', 'text/html; charset=utf-8'), 'unknown');
  assert.equal(detectFormat('مرحبا <body>', 'text/html'), 'html');
});

test('a homepage of start tags that never end is searched in linear time', () => {
  // quadratic before: each `<link` was read again to the end of the tag that failed (`/x>`), or of the head
  for (const html of [`${'<link rel=alternate '.repeat(60_000)}/x>`, '<script '.repeat(60_000), `${'<link a= '.repeat(60_000)}>`]) {
    assert.deepEqual(finishesWithin(10, () => discoverFeedLinks(html, 'https://x.example/')), []);
  }
  assert.deepEqual(
    discoverFeedLinks('<link rel=alternate type=application/rss+xml href=/rss.xml><link rel="alternate" type="application/atom+xml" href="a>b.xml" title="x">', 'https://x.example/').map((c) => c.url),
    ['https://x.example/rss.xml', 'https://x.example/a%3Eb.xml'],
  );
});
