import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { AppError } from '../../core/errors.js';
import { openStore } from '../open.js';
import { PgStore } from './pg-store.js';
import { pgSchemaState } from './pg-migrate.js';
import { insertPlainArticles } from '../../test-support/new-article.js';
import { PG_SKIP, TEST_PG_URL, asRole, createTestRole, dropTestRole, dropTestSchemas, freshSchema } from '../../test-support/postgres.js';

/**
 * Roles that may read but not write, or write rows but not change the schema, as operators hand them to
 * web nodes and workers. Each test makes its own schema and role.
 */
const schemas: string[] = [];
const roles: string[] = [];
let admin: pg.Client;

if (PG_SKIP) {
  test('PostgreSQL read-only roles', { skip: PG_SKIP }, () => {});
} else {
  before(async () => {
    admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
  });
  after(async () => {
    await admin.end();
    await dropTestSchemas(schemas);
    for (const role of roles) await dropTestRole(role);
  });

  /** A migrated schema holding one source and two articles, written by the cluster's own (writing) role. */
  async function filledSchema(prefix: string): Promise<string> {
    const schema = freshSchema(prefix);
    schemas.push(schema);
    const writer = await PgStore.open({ url: TEST_PG_URL, schema });
    await insertPlainArticles(writer, 'ro.test', 1, 3);
    await writer.close();
    return schema;
  }

  async function role(prefix: string, grants: string[]): Promise<string> {
    const name = await createTestRole(admin, prefix, grants);
    roles.push(name);
    return name;
  }

  const isStorage = (pattern: RegExp) => (e: unknown) => e instanceof AppError && e.code === 'STORAGE' && pattern.test(e.message);

  test('a role granted SELECT only opens a current schema for reading: reads work and nothing can be written', async () => {
    const schema = await filledSchema('ro_select');
    // Writing one table does not make the role a writer: the store is read-only, and so are its sessions.
    const reader = await role('ro_select', [
      `GRANT USAGE ON SCHEMA ${schema} TO %ROLE%`,
      `GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO %ROLE%`,
      `GRANT INSERT, UPDATE, DELETE ON ${schema}.sources TO %ROLE%`,
      `GRANT USAGE ON ${schema}.sources_id_seq TO %ROLE%`,
    ]);
    const store = await PgStore.open({ url: asRole(TEST_PG_URL, reader), schema, access: 'read' });
    try {
      assert.equal(store.readOnly?.access, 'read-only');
      assert.match(store.readOnly.reason, new RegExp(`role ${reader} may not write to it \\(no INSERT, UPDATE and DELETE on tables article_profiles, articles, fingerprints and \\d+ more\\): it is open for reading only$`));
      assert.deepEqual((await store.listSources()).map((s) => [s.slug, s.articles]), [['s', 2]]);
      assert.equal((await store.listArticles({ limit: 10 })).length, 2);
      assert.equal((await store.searchStats()).docs, 0);
      await assert.rejects(store.transaction(() => Promise.resolve()), isStorage(/^cannot write to the database: \S+ cannot be written with this connection, role \w+ may not write to it /));
      await assert.rejects(store.addSource({ slug: 'x', url: 'https://x.test/', feedUrl: 'https://x.test/feed', kind: 'feed', title: 'x' }, 1), (e: { code?: string }) => e.code === '25006');
    } finally {
      await store.close();
    }
    const { rows } = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.sources`);
    assert.equal(Number(rows[0]!.n), 1);
    await assert.rejects(
      PgStore.open({ url: asRole(TEST_PG_URL, reader), schema }),
      isStorage(/^cannot open PostgreSQL database \S+ for writing: role \w+ may not write to it .*; commands that only read \(search, articles, stories, related, sources list, sources export-opml, serve --no-fetch\) can use it as it is$/),
    );
  });

  test('read-only sessions (default_transaction_read_only) open for reading and are refused for writing, whatever the role', async () => {
    const schema = await filledSchema('ro_session');
    const url = new URL(TEST_PG_URL);
    url.searchParams.set('options', `-c search_path=${schema} -c default_transaction_read_only=on`);
    const store = await openStore(url.href, { access: 'read' });
    try {
      assert.match(store.readOnly?.reason ?? '', /its sessions are read-only \(default_transaction_read_only is on\)/);
      assert.equal((await store.listArticles({ limit: 10 })).length, 2);
    } finally {
      await store.close();
    }
    await assert.rejects(openStore(url.href), isStorage(/for writing: its sessions are read-only/));
  });

  test('a connection that cannot write refuses a schema it would have to upgrade or create, saying what would', async () => {
    const schema = await filledSchema('ro_old');
    const reader = await role('ro_old', [`GRANT USAGE ON SCHEMA ${schema} TO %ROLE%`, `GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO %ROLE%`]);
    const { rows } = await admin.query<{ v: number }>(`DELETE FROM ${schema}.schema_migrations WHERE version = (SELECT max(version) FROM ${schema}.schema_migrations) RETURNING version AS v`);
    await assert.rejects(
      PgStore.open({ url: asRole(TEST_PG_URL, reader), schema, access: 'read' }),
      isStorage(new RegExp(`was written by an older Sada \\(schema version \\d+; this one needs ${rows[0]!.v}\\), and this connection cannot upgrade it: role ${reader} may not write to it \\(no INSERT, UPDATE and DELETE on any of its \\d+ tables\\)\\. Run \`sada migrate\` once with a role that may change its schema \\(its owner, say\\)$`)),
    );
    const empty = freshSchema('ro_empty');
    schemas.push(empty);
    await admin.query(`CREATE SCHEMA ${empty}`);
    await admin.query(`GRANT USAGE ON SCHEMA ${empty} TO ${reader}`);
    await assert.rejects(
      PgStore.open({ url: asRole(TEST_PG_URL, reader), schema: empty, access: 'read' }),
      isStorage(new RegExp(`holds no Sada schema \\(no schema_migrations table in its search path\\), and this connection cannot create one: role ${reader} may not create tables in schema ${empty} \\(it lacks CREATE on it\\)\\. Run \`sada migrate\` once with a role that may create tables there$`)),
    );
  });

  test('a role that may write rows but not change the schema opens a current schema for writing, and cannot upgrade an older one', async () => {
    const schema = await filledSchema('rw_rows');
    const writer = await role('rw_rows', [
      `GRANT USAGE ON SCHEMA ${schema} TO %ROLE%`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO %ROLE%`,
      `GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${schema} TO %ROLE%`,
    ]);
    const store = await PgStore.open({ url: asRole(TEST_PG_URL, writer), schema });
    try {
      assert.equal(store.readOnly, null);
      await insertPlainArticles(store, 'rw.test', 1, 2);
      assert.equal((await store.listArticles({ limit: 10 })).length, 3);
    } finally {
      await store.close();
    }
    await admin.query(`DELETE FROM ${schema}.schema_migrations WHERE version = (SELECT max(version) FROM ${schema}.schema_migrations)`);
    await assert.rejects(PgStore.open({ url: asRole(TEST_PG_URL, writer), schema }), isStorage(new RegExp(`role ${writer} may not create tables in schema ${schema} \\(it lacks CREATE on it\\)`)));
  });

  test('a reading command with a role that may write still sets up and upgrades the schema, as any command does', async () => {
    const schema = freshSchema('ro_upgrades');
    schemas.push(schema);
    const store = await openStore(TEST_PG_URL, { schema, access: 'read' });
    try {
      assert.equal(store.readOnly, null);
    } finally {
      await store.close();
    }
    const client = new pg.Client({ connectionString: TEST_PG_URL, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      assert.deepEqual((await pgSchemaState(client)).pending, []);
    } finally {
      await client.end();
    }
  });
}
