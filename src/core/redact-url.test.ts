import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactUrlPasswords } from './redact-url.js';

test('passwords in URLs are hidden, whatever the scheme and whether the URL parses', () => {
  assert.equal(redactUrlPasswords('postgres://sada:s3cret@db.internal:5432/sada'), 'postgres://sada:***@db.internal:5432/sada');
  assert.equal(redactUrlPasswords('invalid SADA_DB: "postgress://sada:s3cret@h/db" (postgress:// is not …)'), 'invalid SADA_DB: "postgress://sada:***@h/db" (postgress:// is not …)');
  assert.equal(redactUrlPasswords('postgresql+psycopg://u:p@ss/w#rd@h/db'), 'postgresql+psycopg://u:***@h/db');
  assert.equal(redactUrlPasswords('postgres://h/db?user=sada&password=s3cret&sslmode=require'), 'postgres://h/db?user=sada&password=***&sslmode=require');
});

test('text without a password is left as it is', () => {
  for (const text of ['postgres://sada@db/sada', './data/sada.db', 'https://news.example:8443/feed.xml', 'connect ECONNREFUSED 127.0.0.1:5432', 'a: b@c']) assert.equal(redactUrlPasswords(text), text);
});
