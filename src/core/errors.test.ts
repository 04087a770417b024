import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError, errorMessage } from './errors.js';

/** A 600-character absolute path (no component over 255, as file systems require). */
const LONG_PATH = `/srv/${'أ'.repeat(200)}/${'b'.repeat(200)}/${'c'.repeat(185)}/sada.db`;

test('a message is one line; a short one is kept as it is', () => {
  assert.equal(errorMessage(new Error(' cannot read\n  x.jsonl:\tgone ')), 'cannot read x.jsonl: gone');
  assert.equal(errorMessage('x'.repeat(500)), 'x'.repeat(500));
  assert.equal(errorMessage(new AppError('STORAGE', `cannot create SQLite database /tmp/x.db: unable to open database file`)), 'cannot create SQLite database /tmp/x.db: unable to open database file');
});

test('a path or URL named in a long message is never cut: the prose is capped, the names are kept whole', () => {
  assert.equal(LONG_PATH.length, 600);
  const error = new AppError('STORAGE', `cannot open SQLite database ${LONG_PATH} for writing: EACCES: permission denied, open '${LONG_PATH}'. Nothing was changed: the file cannot be written by this user`);
  assert.equal(errorMessage(error), error.message, 'two 600-character paths and 120 characters of prose: all kept');
  const url = `https://news.example/${'x'.repeat(1500)}?page=2`;
  assert.equal(errorMessage(`${url}: HTTP 404 (not found): nothing to poll at this URL`), `${url}: HTTP 404 (not found): nothing to poll at this URL`);
  // the reason from untrusted content is what gets cut, after the path
  const hostile = `cannot parse ${LONG_PATH}: ${'كلمة '.repeat(1000)}`;
  const capped = errorMessage(hostile);
  assert.ok(capped.startsWith(`cannot parse ${LONG_PATH}: كلمة `));
  assert.ok(capped.endsWith('…'));
  assert.ok(capped.length <= `${LONG_PATH}: `.length + 500, `${capped.length}`);
});

test('names are kept whole up to 4,096 characters in all; past that a name is left out whole, and what is kept is bounded', () => {
  const many = Array.from({ length: 20 }, () => LONG_PATH).join(' and ');
  const capped = errorMessage(`cannot open ${many}`);
  assert.ok(capped.length <= 500 + 4096 + 1, `${capped.length}`);
  assert.ok(capped.startsWith('cannot open ') && capped.endsWith(' and…'), capped.slice(-20));
  const kept = capped.slice('cannot open '.length, -' and…'.length).split(' and ');
  assert.ok(kept.length >= 6, `${kept.length} paths kept`);
  assert.ok(kept.every((path) => path === LONG_PATH), 'whole paths only');
  // one name longer than every budget, first in the message: cut rather than dropped to nothing
  const huge = errorMessage(`/${'x'.repeat(100_000)}`);
  assert.ok(huge.length <= 500 && huge.endsWith('…') && huge.startsWith('/xxx'));
});

test('a message cut in prose ends with "…" at 500 characters, never between the halves of a surrogate pair', () => {
  const capped = errorMessage('ك '.repeat(10_000));
  assert.ok(capped.length <= 500 && capped.endsWith('…'));
  for (const prefix of ['', 'x']) {
    const emoji = errorMessage(`${prefix}${'😀'.repeat(1000)}`);
    assert.ok(emoji.length <= 500 && emoji.endsWith('…'));
    assert.ok((emoji as string & { isWellFormed(): boolean }).isWellFormed(), prefix);
  }
});
