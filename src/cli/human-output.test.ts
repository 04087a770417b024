import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../test-support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'sada-human-'));
const db = join(dir, 'human.db');
after(() => rmSync(dir, { recursive: true, force: true }));

// Feed and import text is hostile: terminal escapes (set the window title, clear the screen) and line breaks
// that would forge a line of output.
const HOSTILE = {
  url: 'https://hostile.test/1',
  source: 'okaz',
  title: 'افتتاح \u001b]0;pwned\u0007مهرجان\u001b[2J الزهور\n#999 [was] عنوان مزور',
  text: 'افتتح أمير المنطقة مهرجان الزهور\u001b[31m السنوي في الطائف\r\nبمشاركة واسعة\u0085 من الزوار.',
  published: '2015-08-03T10:00:00Z',
};

before(() => {
  const file = join(dir, 'hostile.jsonl');
  writeFileSync(file, JSON.stringify(HOSTILE) + '\n');
  const r = runCli(['import', '--db', db, file]);
  assert.equal(r.status, 0, r.stderr);
});

test('human output of articles, stories, related and search carries no control characters from stored text, one line per entry', () => {
  const controls = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
  for (const args of [['articles'], ['stories'], ['related', '1'], ['search', 'مهرجان', 'الزهور']]) {
    const r = runCli([...args, '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stdout, controls, args.join(' '));
    assert.ok(!r.stdout.split('\n').some((line) => line.startsWith('#999')), `${args.join(' ')}: a forged line`);
  }
});
