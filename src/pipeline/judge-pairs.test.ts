import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from '../test-support/paths.js';
import { JUDGE_MODEL, STORY_WITH_TIME } from '../stories/model.js';
import { judgePairs, type PairProblem } from './judge-pairs.js';

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
