import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, CONFIG_TABLE } from './config.js';
import { AppError } from '../core/errors.js';

test('defaults apply when nothing is set', () => {
  const config = loadConfig({});
  assert.equal(config.db, './data/sada.db');
  assert.equal(config.port, 8080);
  assert.equal(config.allowPrivate, false);
});

test('environment overrides defaults and flags override the environment', () => {
  const config = loadConfig({ SADA_DB: '/tmp/x.db', SADA_PORT: '9000', SADA_ALLOW_PRIVATE: '1' }, { db: '/tmp/y.db' });
  assert.equal(config.db, '/tmp/y.db');
  assert.equal(config.port, 9000);
  assert.equal(config.allowPrivate, true);
});

test('invalid values are refused with the variable named', () => {
  assert.throws(() => loadConfig({ SADA_PORT: 'eighty' }), (e: unknown) => e instanceof AppError && e.code === 'BAD_USAGE' && /SADA_PORT/.test(e.message));
  assert.throws(() => loadConfig({ SADA_LOG_LEVEL: 'loud' }), AppError);
  // numbers are plain digits: z.coerce read ' ' as 0 (a random port), 0x50 as 80 and 1e7 as 10000000
  for (const value of [' ', '0x50', '1e3', '80.0']) {
    assert.throws(() => loadConfig({ SADA_PORT: value }), (e: unknown) => e instanceof AppError && e.message === `invalid SADA_PORT: ${JSON.stringify(value)} (expected a whole number in plain digits)`, value);
  }
  assert.throws(() => loadConfig({}, { port: '' }), (e: unknown) => e instanceof AppError && /^invalid --port: ""/.test(e.message));
  assert.equal(loadConfig({ SADA_PORT: '8081' }).port, 8081);
});

test('an invalid flag is refused with the flag named as typed', () => {
  assert.throws(() => loadConfig({}, { logLevel: 'loud' }), (e: unknown) => e instanceof AppError && e.code === 'BAD_USAGE' && /^invalid --log-level: "loud"/.test(e.message));
  assert.throws(() => loadConfig({}, { db: '' }), (e: unknown) => e instanceof AppError && /^invalid --db: ""/.test(e.message));
});

test('a refused database URL is named without its password', () => {
  for (const [env, overrides, origin] of [
    [{ SADA_DB: 'postgress://sada:s3cret@db.internal/sada' }, {}, 'SADA_DB'],
    [{}, { db: 'mysql://sada:s3cret@db.internal/sada' }, '--db'],
  ] as const) {
    assert.throws(
      () => loadConfig(env, overrides),
      (e: unknown) => e instanceof AppError && e.message.startsWith(`invalid ${origin}: "`) && e.message.includes('sada:***@db.internal/sada') && !e.message.includes('s3cret'),
    );
  }
});

test('every key has a distinct SADA_ environment variable', () => {
  const envs = Object.values(CONFIG_TABLE).map((e) => e.env);
  assert.equal(new Set(envs).size, envs.length);
  for (const e of envs) assert.match(e, /^SADA_[A-Z_]+$/);
});

test('the public URL is an http(s) origin or nothing', () => {
  assert.equal(loadConfig({}).publicUrl, '');
  assert.equal(loadConfig({ SADA_PUBLIC_URL: 'https://news.example' }).publicUrl, 'https://news.example');
  assert.equal(loadConfig({ SADA_PUBLIC_URL: 'https://news.example/' }).publicUrl, 'https://news.example/');
  for (const bad of ['news.example', 'ftp://news.example', 'https://news.example/sada', 'https://news.example/?a=1', 'javascript:alert(1)']) {
    assert.throws(() => loadConfig({ SADA_PUBLIC_URL: bad }), (e: unknown) => e instanceof AppError && /SADA_PUBLIC_URL/.test(e.message), bad);
  }
});

test('--db takes a file path or a postgres:// URL, not a SQLite URI or another scheme', () => {
  for (const ok of ['./data/sada.db', '/tmp/x.db', 'news.db', 'postgres://u@localhost/sada', 'postgresql://localhost/sada', 'C:\\sada\\x.db']) assert.equal(loadConfig({}, { db: ok }).db, ok);
  for (const [bad, reason] of [
    ['file:/tmp/x.db?mode=ro', /^invalid --db: "file:\/tmp\/x\.db\?mode=ro" \(SQLite URI filenames are not supported: give the database file's path \(\/tmp\/x\.db\) or a postgres:\/\/ URL/],
    ['file:///tmp/my%20news.db', /path \(\/tmp\/my news\.db\)/],
    ['FILE:x.db', /path \(x\.db\)/],
    ['file://otherhost/x.db', /not supported: give the database file's path or a postgres/],
    ['sqlite:///tmp/x.db', /\(sqlite:\/\/ is not a database Sada opens/],
  ] as const) {
    assert.throws(() => loadConfig({}, { db: bad }), (e: unknown) => e instanceof AppError && e.code === 'BAD_USAGE' && reason.test(e.message), bad);
  }
  assert.throws(() => loadConfig({ SADA_DB: 'file:x.db' }), (e: unknown) => e instanceof AppError && /^invalid SADA_DB: "file:x\.db"/.test(e.message));
});

test('the PostgreSQL pool size is 10 unless SADA_PG_POOL_SIZE says otherwise, a whole number from 1', () => {
  assert.equal(loadConfig({}).pgPoolSize, 10);
  assert.equal(loadConfig({ SADA_PG_POOL_SIZE: '3' }).pgPoolSize, 3);
  for (const [value, reason] of [
    ['0', /\(Too small: expected number to be >=1\)$/],
    ['-2', /\(expected a whole number in plain digits\)$/],
    ['2.5', /\(expected a whole number in plain digits\)$/],
    ['ten', /\(expected a whole number in plain digits\)$/],
    ['100000', /\(Too big: expected number to be <=1000\)$/],
  ] as const) {
    assert.throws(
      () => loadConfig({ SADA_PG_POOL_SIZE: value }),
      (e: unknown) => e instanceof AppError && e.code === 'BAD_USAGE' && e.message.startsWith(`invalid SADA_PG_POOL_SIZE: ${JSON.stringify(value)} `) && reason.test(e.message),
      value,
    );
  }
});
