import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { AppError } from '../core/errors.js';
import { isStoreFailure } from './store-failure.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

test('a read-only SQLite database is a store failure; a refused row is not', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)');
  db.prepare('INSERT INTO t (v) VALUES (?)').run('a');
  const duplicate = thrown(() => db.prepare('INSERT INTO t (v) VALUES (?)').run('a'));
  const notNull = thrown(() => db.prepare('INSERT INTO t (v) VALUES (NULL)').run());
  db.pragma('query_only = ON');
  const readOnly = thrown(() => db.prepare('INSERT INTO t (v) VALUES (?)').run('b'));
  db.close();
  assert.equal(isStoreFailure(readOnly), true);
  assert.equal(isStoreFailure(new AppError('STORAGE', 'wrapped', { cause: readOnly })), true);
  assert.equal(isStoreFailure(duplicate), false);
  assert.equal(isStoreFailure(notNull), false);
});

test('PostgreSQL connection, resource and privilege failures are store failures; bad values are not', () => {
  const pg = (code: string) => Object.assign(new Error('pg'), { code });
  for (const code of ['08006', '53100', '57P01', '58030', '25006', '42501']) assert.equal(isStoreFailure(pg(code)), true, code);
  for (const code of ['23505', '22P02', '22021', '54000']) assert.equal(isStoreFailure(pg(code)), false, code);
  assert.equal(isStoreFailure(new Error('Connection terminated unexpectedly')), true);
  assert.equal(isStoreFailure(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })), true);
  assert.equal(isStoreFailure(new AppError('BAD_INPUT', 'a title too long')), false);
  assert.equal(isStoreFailure('not an error'), false);
});
