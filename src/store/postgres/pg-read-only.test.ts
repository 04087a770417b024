import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { PgStore } from './pg-store.js';
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

  test('a role that may write rows but not change the schema opens a current schema for writing, without changing it', async () => {
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
  });

}
