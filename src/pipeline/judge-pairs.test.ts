import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from '../test-support/paths.js';
import { JUDGE_MODEL, STORY_WITH_TIME } from '../stories/model.js';
import { judgePairs, PairBackground, type PairProblem } from './judge-pairs.js';
import { analyzeForEngine } from './article-text.js';

const dir = mkdtempSync(join(tmpdir(), 'sada-judge-pairs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function side(name: string, date?: unknown, field = 'date') {
  const [title = '', ...rest] = readFileSync(fixturePath('stories', 'airport', `${name}.txt`), 'utf8').trim().split('\n');
  return { url: `https://example.com/${name}`, source: 'x', title, content: rest.join('\n'), ...(date === undefined ? {} : { [field]: date }) };
}

test('sada pairs passes both publication times to the judgement, as the pipeline does (time-aware model); a missing or unreadable date counts as published together', async () => {
  const file = join(dir, 'pairs.jsonl');
  const lines = [
    { pair: 'together', a: side('original', '2015-08-03 20:17:51'), b: side('rewrite', '2015-08-03T22:00:00Z') },
    { pair: 'apart', a: side('original', '2015-08-03 20:17:51'), b: side('rewrite', '2015-08-08 20:17:51') },
    { pair: 'apart-published', a: side('original', 'Mon, 03 Aug 2015 20:17:51 +0000', 'published'), b: side('rewrite', Date.UTC(2015, 7, 8, 20, 17, 51), 'published') },
    { pair: 'undated', a: side('original'), b: side('rewrite', '2015-08-08 20:17:51') },
    { pair: 'unreadable', a: side('original', 'next Tuesday'), b: side('rewrite', '2015-08-08 20:17:51') },
  ];
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  const problems: PairProblem[] = [];
  const out = new Map((await judgePairs(file, { model: { ...JUDGE_MODEL, story: STORY_WITH_TIME }, onProblem: (p) => problems.push(p) })).map((r) => [r.pair, r]));
  assert.equal(out.size, 5, 'a pair with an unreadable date is still judged');
  assert.deepEqual(problems.map((p) => [p.lineNumber, p.reason.startsWith('unreadable date of "a"')]), [[5, true]]);
  const score = (k: string) => out.get(k)!.score;
  assert.ok(score('apart') < score('together'), `${score('apart')} < ${score('together')}`);
  assert.equal(score('apart-published'), score('apart'));
  assert.equal(score('undated'), score('unreadable'));
  assert.ok(score('undated') > score('apart'));
});

test('sada pairs weighs each pair with the background articles published around its later article', async () => {
  const day = Date.UTC(2015, 7, 3, 12);
  const DAY = 86_400_000;
  const original = side('original');
  // Twenty articles of one day that use the pair's words, and one unrelated article on the same day.
  const echoes = Array.from({ length: 20 }, (_, i) => ({ url: `https://echo.example/${i}`, source: 'echo', title: original.title, text: original.content, published: day }));
  const other = { url: 'https://other.example/1', source: 'other', title: 'طقس', text: 'أمطار غزيرة على المرتفعات الجنوبية خلال الأيام المقبلة', published: day };
  const busy = join(dir, 'busy.jsonl');
  const quiet = join(dir, 'quiet.jsonl');
  writeFileSync(busy, [...echoes, other].map((l) => JSON.stringify(l)).join('\n'));
  writeFileSync(quiet, JSON.stringify(other));
  const file = join(dir, 'windows.jsonl');
  const at = (t: number) => ({ a: side('original', t, 'published'), b: side('rewrite', t + 3_600_000, 'published') });
  writeFileSync(file, [{ pair: 'near', ...at(day + DAY) }, { pair: 'far', ...at(day + 100 * DAY) }].map((l) => JSON.stringify(l)).join('\n'));
  const scores = async (background: string) => new Map((await judgePairs(file, { background: [background] })).map((r) => [r.pair, r.score]));
  const withBusy = await scores(busy);
  const withQuiet = await scores(quiet);
  assert.notEqual(withBusy.get('near'), withQuiet.get('near'), 'the busy day is in the near pair’s window');
  assert.equal(withBusy.get('far'), withQuiet.get('far'), 'a hundred days later, neither background has an article in the window');
});

test('the background window widens a day at a time on both sides while it holds too few articles, as the pipeline’s does', () => {
  const DAY = 86_400_000;
  const text = analyzeForEngine('أمطار غزيرة', 'أمطار غزيرة على المرتفعات الجنوبية', JUDGE_MODEL);
  const background = (minDocs: number) => {
    const bg = new PairBackground({ windowDays: 3, windowMinDocs: minDocs, windowMaxDays: 30 });
    // Ten articles on day 100, ten on day 110, five on day 200; one without a date (in every window).
    for (const [day, n] of [[100, 10], [110, 10], [200, 5]] as const) for (let i = 0; i < n; i++) bg.add(`https://x.example/${day}/${i}`, text, day * DAY + i);
    bg.add('https://x.example/undated', text, null);
    return bg;
  };
  assert.equal(background(0).window(100).docCount, 11, '±3 days: its own day and the undated one');
  assert.equal(background(15).window(100).docCount, 21, 'widened to ±10 days, where day 110 joins');
  assert.equal(background(15).window(104).docCount, 21, 'widened to ±6 days');
  assert.equal(background(100).window(100).docCount, 21, 'at most ±30 days: day 200 stays out');
  assert.equal(background(100).window(null).docCount, 26, 'no time: everything');
});

test('a side whose title or text is not a string is reported and read without that field; the other pairs are judged', async () => {
  const file = join(dir, 'odd-fields.jsonl');
  const good = { pair: 'good', a: side('original'), b: side('rewrite') };
  const lines = [
    good,
    { pair: 'number-title', a: side('original'), b: { ...side('rewrite'), title: 123 } },
    { pair: 'array-content', a: { ...side('original'), content: ['نص'] }, b: side('rewrite') },
    { pair: 'object-text', a: side('original'), b: { url: 'https://example.com/t', title: 'عنوان', text: { x: 1 } } },
  ];
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  const problems: PairProblem[] = [];
  const out = await judgePairs(file, { onProblem: (p) => problems.push(p) });
  assert.deepEqual(out.map((r) => r.pair), ['good', 'number-title', 'array-content', 'object-text']);
  assert.deepEqual(problems.map((p) => p.lineNumber), [2, 3, 4]);
  assert.match(problems[0]!.reason, /"title" of "b"/);
  assert.match(problems[1]!.reason, /"content" of "a"/);
  assert.match(problems[2]!.reason, /"text" of "b"/);
});
