import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../test-support/cli.js';
import { fixturePath } from '../../test-support/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'sada-story-cli-'));
const db = join(dir, 'stories.db');
after(() => rmSync(dir, { recursive: true, force: true }));

function article(path: string, source: string, hours: number) {
  const [title = '', ...rest] = readFileSync(fixturePath(...path.split('/')), 'utf8').trim().split('\n');
  return { url: `https://${source}.example/${path.replace(/\W+/g, '-')}`, source, title, text: rest.join('\n'), published: new Date(Date.UTC(2024, 10, 3, 6 + hours)).toISOString() };
}

const WIRE = article('stories/airport/original.txt', 'was', 0);
const COPY = article('stories/airport/copy.txt', 'okaz', 1);
const FOOTBALL = article('stories/airport/unrelated.txt', 'arreyadi', 2);

before(() => {
  const file = join(dir, 'articles.jsonl');
  writeFileSync(file, [WIRE, COPY, FOOTBALL, article('pipeline/reuters-original.txt', 'alarabiya', 3)].map((a) => JSON.stringify(a)).join('\n'));
  const r = runCli(['import', '--json', '--db', db, file]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).duplicates, 1);
});

test('sada articles --json: newest first, the contract fields, filtered by outlet', () => {
  const all = JSON.parse(runCli(['articles', '--json', '--db', db]).stdout) as Record<string, unknown>[];
  assert.equal(all.length, 4);
  assert.deepEqual(Object.keys(all[0]!), ['id', 'url', 'canonical_url', 'title', 'source', 'published', 'text', 'origin', 'story_id']);
  assert.deepEqual(all.map((a) => a.source), ['alarabiya', 'arreyadi', 'okaz', 'was']);
  const okaz = JSON.parse(runCli(['articles', '--json', '--db', db, '--source', 'okaz', '--limit', '5']).stdout) as Record<string, unknown>[];
  assert.equal(okaz.length, 1);
  assert.equal(okaz[0]!.origin, 'واس', 'a copy of the agency report names the agency');
  const reports = JSON.parse(runCli(['articles', '--json', '--db', db, '--no-copies']).stdout) as Record<string, unknown>[];
  assert.deepEqual(reports.map((a) => a.source), ['alarabiya', 'arreyadi', 'was'], 'the copy is left out, its original kept');
  assert.equal(runCli(['articles', '--db', db, '--source', 'nobody']).status, 2);
  assert.equal(runCli(['articles', '--db', db, '--limit', '0']).status, 2);
  // Number() read these as 10, 3 and 0; a limit is plain digits
  assert.equal(runCli(['stories', '--db', db, '--limit', '']).status, 2);
  for (const limit of ['1e1', '0x3']) {
    const r = runCli(['stories', '--db', db, '--limit', limit]);
    assert.equal(r.status, 2, limit);
    assert.equal(r.stderr, `sada: --limit must be an integer from 1 to 10000, not ${limit}\n`);
  }
});

test('sada articles --source lists a removed source’s stored articles (its articles stay)', () => {
  const copy = join(dir, 'removed.db');
  copyFileSync(db, copy);
  assert.equal(runCli(['sources', 'remove', '--db', copy, 'arreyadi']).status, 0);
  const listed = runCli(['articles', '--json', '--db', copy, '--source', 'arreyadi']);
  assert.equal(listed.status, 0, listed.stderr);
  assert.deepEqual((JSON.parse(listed.stdout) as { url: string }[]).map((a) => a.url), [FOOTBALL.url]);
});

test('sada stories --json: the contract fields; a copy shares its original’s story', () => {
  const stories = JSON.parse(runCli(['stories', '--json', '--db', db]).stdout) as Record<string, unknown>[];
  assert.deepEqual(Object.keys(stories[0]!), ['id', 'title', 'articles', 'sources', 'first_seen', 'last_seen']);
  const airport = stories.find((s) => s.title === WIRE.title);
  assert.deepEqual([airport?.articles, airport?.sources, airport?.first_seen], [2, 2, WIRE.published]);
  assert.equal(stories.length, 3);
  const human = runCli(['stories', '--db', db, '--limit', '1']);
  assert.equal(human.status, 0);
  assert.equal(human.stdout.trim().split('\n').length, 1);
  assert.equal(runCli(['stories', '--db', db, '--since', 'yesterday']).status, 2);
});

test('sada related: other coverage with copies collapsed, by id or URL; an unknown article is bad input', () => {
  const byUrl = JSON.parse(runCli(['related', '--json', '--db', db, `${FOOTBALL.url}?utm_source=x`]).stdout) as { article: { id: number; source: string }; same_story: unknown[]; related: unknown[] };
  assert.equal(byUrl.article.source, 'arreyadi');
  assert.deepEqual(byUrl.same_story, []);
  const copy = JSON.parse(runCli(['articles', '--json', '--db', db, '--source', 'okaz']).stdout)[0] as { id: number };
  const r = JSON.parse(runCli(['related', '--json', '--db', db, String(copy.id)]).stdout) as { same_story: unknown[]; related: { id: number }[] };
  assert.deepEqual(r.same_story, [], 'the agency report is the copy’s own report, not other coverage');
  assert.ok(!r.related.some((x) => x.id === byUrl.article.id));
  const missing = runCli(['related', '--db', db, '987654']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no stored article/);
});

test('sada pairs: one JSON line per pair with or without --json; bad lines reported, no pairs is bad input', () => {
  const file = join(dir, 'pairs.jsonl');
  const side = (a: ReturnType<typeof article>) => ({ url: a.url, source: a.source, date: a.published, title: a.title, content: a.text });
  writeFileSync(file, [JSON.stringify({ pair: 'copy', a: side(WIRE), b: side(COPY) }), '{broken', JSON.stringify({ pair: 'far', a: side(WIRE), b: side(FOOTBALL) })].join('\n'));
  const r = runCli(['pairs', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /pairs\.jsonl:2: not JSON/);
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { pair: string; score: number; relation: string });
  assert.deepEqual(out.map((o) => Object.keys(o)), [['pair', 'score', 'relation'], ['pair', 'score', 'relation']]);
  assert.deepEqual(out.map((o) => [o.pair, o.relation]), [['copy', 'duplicate'], ['far', 'unrelated']]);
  assert.ok(out[0]!.score >= 0.75 && out[1]!.score < 0.25);
  const background = runCli(['pairs', file, '--json', '--background', join(dir, 'articles.jsonl')]);
  assert.equal(background.status, 0);
  assert.equal(background.stdout.trim().split('\n').length, 2);
  const empty = join(dir, 'empty.jsonl');
  writeFileSync(empty, '{"pair": 1}\n');
  assert.equal(runCli(['pairs', empty]).status, 2);
  // A file that cannot be read is named once, with the reason, and ends the run: judged against a background
  // lacking a file, the scores would silently differ from those asked for (before, they were printed, exit 0).
  const missing = runCli(['pairs', join(dir, 'gone.jsonl')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^sada: \S*gone\.jsonl: cannot read \(ENOENT\)\n$/);
  const missingBackground = runCli(['pairs', file, '--background', join(dir, 'gone.jsonl')]);
  assert.equal(missingBackground.status, 2);
  assert.match(missingBackground.stderr, /^sada: \S*gone\.jsonl: cannot read \(ENOENT\)\n(.*\n)*sada: background file \S*gone\.jsonl could not be read: no pair judged\n$/);
  assert.equal(missingBackground.stdout, '');
});

test('sada sources list shows the outlets articles were imported from, marked as not polled, with counts in good English', () => {
  // Before, an imported database listed "no sources yet" while its articles came from four outlets.
  const rows = JSON.parse(runCli(['sources', 'list', '--json', '--db', db]).stdout) as { slug: string; kind: string; articles: number }[];
  assert.deepEqual(rows.map((r) => [r.slug, r.kind, r.articles]).sort(), [['alarabiya', 'import', 1], ['arreyadi', 'import', 1], ['okaz', 'import', 1], ['was', 'import', 1]]);
  const human = runCli(['sources', 'list', '--db', db]);
  assert.equal(human.status, 0, human.stderr);
  assert.match(human.stdout, /^#\d+ okaz {2}okaz {2}\[imported\] {2}1 article {2}not polled$/m);
  assert.match(human.stdout, /none of these is polled/);
  assert.match(runCli(['stories', '--db', db]).stdout, /1 outlet, 1 article /);
});
