import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runCli, SADA_BIN, servingOrigin } from '../test-support/cli.js';
import { fixturePath, REPO_ROOT } from '../test-support/paths.js';
import { PG_SKIP, TEST_PG_URL, asRole, createTestRole, dropTestRole } from '../test-support/postgres.js';

/**
 * A web node's set-up on PostgreSQL: a database filled by a writing role, read by a role granted nothing
 * but CONNECT, USAGE on the schema and SELECT on its tables (as README's deployment section says).
 */
const database = `sada_ro_${process.pid}_${Date.now().toString(36)}`;
const dir = mkdtempSync(join(tmpdir(), 'sada-ro-pg-'));
let writerUrl = '';
let readerUrl = '';
let reader = '';

before(async () => {
  if (PG_SKIP) return;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${database}`;
  writerUrl = url.href;
  const imported = runCli(['import', fixturePath('server', 'import', 'articles.jsonl'), '--db', writerUrl, '--json']);
  assert.equal(imported.status, 0, imported.stderr);
  const owner = new pg.Client({ connectionString: writerUrl });
  await owner.connect();
  try {
    reader = await createTestRole(owner, 'sada_reader', [
      `GRANT CONNECT ON DATABASE ${database} TO %ROLE%`,
      // PostgreSQL before 15 lets every role create tables in public: a SELECT-only role must not.
      'REVOKE CREATE ON SCHEMA public FROM PUBLIC',
      'GRANT USAGE ON SCHEMA public TO %ROLE%',
      'GRANT SELECT ON ALL TABLES IN SCHEMA public TO %ROLE%',
    ]);
  } finally {
    await owner.end();
  }
  readerUrl = asRole(writerUrl, reader);
});

after(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (PG_SKIP || !writerUrl) return;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  if (reader) await dropTestRole(reader, []);
});

async function count(table: string): Promise<number> {
  const client = new pg.Client({ connectionString: writerUrl });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
  } finally {
    await client.end();
  }
}

test('reading commands work with a role granted only SELECT, and print what the writing role reads', { skip: PG_SKIP }, () => {
  const queries = join(dir, 'queries.jsonl');
  writeFileSync(queries, `${JSON.stringify({ id: 'q1', query: 'Gemini' })}\n${JSON.stringify({ id: 'q2', query: 'مجلس الوزراء' })}\n`);
  const cases = [
    ['articles', '--json'],
    ['articles', '--no-copies', '--source', 'okaz', '--json'],
    ['stories', '--json'],
    ['related', '1', '--json'],
    ['sources', 'list', '--json'],
    ['sources', 'export-opml'],
    ['search', 'Gemini', '--json'],
    ['search', '--queries', queries, '--json'],
    ['search', '--sort', 'newest', 'مجلس'],
  ];
  for (const args of cases) {
    const read = runCli([...args, '--db', readerUrl]);
    assert.equal(read.status, 0, `${args.join(' ')}: ${read.stderr}`);
    assert.equal(read.stderr, '', args.join(' '));
    const written = runCli([...args, '--db', writerUrl]);
    assert.equal(written.status, 0, written.stderr);
    // Scores carry the recency prior of the moment and the OPML its date: the same hits and lines otherwise.
    const stable = (out: string) => out.replace(/"score":[\d.e-]+/g, '"score":_').replace(/<dateCreated>[^<]*<\/dateCreated>/, '');
    assert.equal(stable(read.stdout), stable(written.stdout), args.join(' '));
  }
  assert.equal((JSON.parse(runCli(['search', 'Gemini', '--json', '--db', readerUrl]).stdout) as { total: number }).total, 1);
});

test('commands that write are refused at once with a role granted only SELECT, naming the commands that can use it', { skip: PG_SKIP }, async () => {
  const opml = join(dir, 'sources.opml');
  writeFileSync(opml, '<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body><outline type="rss" text="x" xmlUrl="https://x.test/feed"/></body></opml>');
  const before = { articles: await count('articles'), sources: await count('sources') };
  for (const args of [
    ['import', fixturePath('server', 'import', 'articles.jsonl')],
    ['search', '--reindex'],
    ['sources', 'add', 'https://x.test/feed'],
    ['sources', 'remove', '1'],
    ['sources', 'import-opml', opml],
    ['fetch', '--once'],
    ['worker'],
    ['serve', '--port', '0'],
  ]) {
    const r = runCli([...args, '--db', readerUrl]);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(
      r.stderr,
      new RegExp(
        `^sada: cannot open PostgreSQL database postgres://${reader}@\\S+ for writing: role ${reader} may not write to it \\(no INSERT, UPDATE and DELETE on any of its \\d+ tables\\); commands that only read \\(search, articles, stories, related, sources list, sources export-opml, serve --no-fetch\\) can use it as it is\\n$`,
      ),
      args.join(' '),
    );
  }
  assert.deepEqual({ articles: await count('articles'), sources: await count('sources') }, before);
});

test('`sada serve --no-fetch` with a role granted only SELECT serves every reading route; admin actions are refused, not failed', { timeout: 60_000, skip: PG_SKIP }, async () => {
  // with a password (the test server trusts local connections): the log names the database without it
  const withPassword = new URL(readerUrl);
  withPassword.password = 'never-logged-41';
  const child = spawn(process.execPath, [SADA_BIN, 'serve', '--no-fetch', '--port', '0', '--db', withPassword.href], {
    cwd: REPO_ROOT,
    env: { ...process.env, SADA_LOG_LEVEL: 'info', SADA_ADMIN_TOKEN: 'tok' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { origin, log, exited } = await servingOrigin(child);
  try {
    assert.match(log(), /the database cannot be written: serving it read-only/);
    assert.match(log(), new RegExp(`"db":"postgres://${reader}:\\*\\*\\*@`));
    assert.doesNotMatch(log(), /never-logged-41/);
    const json = async <T>(path: string) => (await (await fetch(`${origin}${path}`)).json()) as T;
    const article = (await json<{ articles: { id: number }[] }>('/api/v1/articles')).articles[0]!.id;
    const story = (await json<{ stories: { id: number }[] }>('/api/v1/stories')).stories[0]!.id;
    const source = (await json<{ sources: { id: number }[] }>('/api/v1/sources')).sources[0]!.id;
    for (const path of [
      '/',
      '/latest',
      `/story/${story}`,
      `/article/${article}`,
      '/search?q=Gemini',
      '/search?q=Gemini&sort=newest',
      '/sources',
      `/source/${source}`,
      '/api/v1/stories',
      `/api/v1/stories/${story}`,
      '/api/v1/articles?copies=false',
      `/api/v1/articles/${article}`,
      `/api/v1/articles/${article}/related`,
      '/api/v1/search?q=Gemini&suggest=true',
      '/feeds/top.xml',
      '/feeds/latest.xml',
      '/feeds/search.xml?q=Gemini',
      `/feeds/story/${story}.xml`,
      `/feeds/source/${source}.xml`,
      '/healthz',
      '/metrics',
      '/api/openapi.json',
    ]) {
      const response: Response = await fetch(`${origin}${path}`);
      assert.equal(response.status, 200, `${path}: ${await response.text()}`);
    }
    const found = await json<{ hits: { title: string }[] }>('/api/v1/search?q=Gemini');
    assert.match(found.hits[0]?.title ?? '', /Gemini/);
    // The token is right, but the database cannot take the change: a refusal that says so, not a 500.
    const auth = { authorization: 'Bearer tok', 'content-type': 'application/json' };
    const added = await fetch(`${origin}/api/v1/sources`, { method: 'POST', headers: auth, body: JSON.stringify({ url: 'https://x.test/feed' }) });
    assert.equal(added.status, 403);
    assert.match(((await added.json()) as { error: { message: string } }).error.message, /this server reads a database it cannot write/);
    assert.equal((await fetch(`${origin}/api/v1/sources/${source}`, { method: 'DELETE', headers: auth })).status, 403);
    const form = await fetch(`${origin}/sources/remove`, { method: 'POST', body: new URLSearchParams({ id: String(source), token: 'tok' }), redirect: 'manual' });
    assert.equal(form.status, 403);
    assert.match(await form.text(), /قاعدة بياناته للقراءة فقط/);
    assert.doesNotMatch(log(), /"level":50/, 'nothing failed in the database');
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0, log());
});

test('a role granted only SELECT on a database of an older schema is told to upgrade it with a role that can', { skip: PG_SKIP }, async () => {
  const owner = new pg.Client({ connectionString: writerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query<{ version: number; name: string; applied_at: number }>(
      'DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations) RETURNING version, name, applied_at',
    );
    const newest = rows[0]!;
    try {
      const r = runCli(['stories', '--db', readerUrl]);
      assert.equal(r.status, 1, r.stderr);
      assert.match(
        r.stderr,
        new RegExp(
          `^sada: PostgreSQL database postgres://${reader}@\\S+ was written by an older Sada \\(schema version \\d+; this one needs ${newest.version}\\), and this connection cannot upgrade it: role ${reader} may not write to it \\(no INSERT, UPDATE and DELETE on any of its \\d+ tables\\)\\. Run \`sada migrate\` once with a role that may change its schema \\(its owner, say\\)\\n$`,
        ),
      );
    } finally {
      await owner.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [newest.version, newest.name, newest.applied_at]);
    }
  } finally {
    await owner.end();
  }
});
