import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { REPO_ROOT } from './paths.js';

/**
 * PostgreSQL for tests: `SADA_TEST_PG` names a database the tests may create schemas in
 * (`.ci/run` starts a throwaway cluster with scripts/pg-test-cluster.sh and sets it).
 */
export const TEST_PG_URL = process.env.SADA_TEST_PG ?? '';

export const PG_SKIP: string | false = TEST_PG_URL
  ? false
  : 'PostgreSQL tests skipped: SADA_TEST_PG is not set (eval "$(scripts/pg-test-cluster.sh start)" starts a throwaway server)';

let counter = 0;

/** A fresh schema name for one test store; `dropTestSchemas` removes them afterwards. */
export function freshSchema(prefix = 't'): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
}

export async function dropTestSchemas(schemas: string[]): Promise<void> {
  if (!TEST_PG_URL || schemas.length === 0) return;
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * A PostgreSQL for benchmarks: SADA_TEST_PG when set, else a throwaway cluster started with
 * scripts/pg-test-cluster.sh (stopped by `stop`); null when neither is possible.
 */
export function benchPostgres(): { url: string; stop: () => void } | null {
  if (TEST_PG_URL) return { url: TEST_PG_URL, stop: () => undefined };
  const script = join(REPO_ROOT, 'scripts', 'pg-test-cluster.sh');
  try {
    const out = execFileSync(script, ['start'], { encoding: 'utf8' });
    const url = /SADA_TEST_PG=(\S+)/.exec(out)?.[1];
    const dir = /SADA_PG_CLUSTER_DIR=(\S+)/.exec(out)?.[1];
    if (!url || !dir) return null;
    return { url, stop: () => execFileSync(script, ['stop', dir]) };
  } catch {
    return null;
  }
}

/** `url` as another role (the test cluster trusts local connections, so no password is needed). */
export function asRole(url: string, role: string): string {
  const u = new URL(url);
  u.username = role;
  u.password = '';
  return u.href;
}

/**
 * Creates a login role for one test and runs `grants` (SQL with `%ROLE%` for its name) on `admin`'s
 * database. Roles belong to the whole cluster: the name is unique, and `dropTestRole` removes it.
 */
export async function createTestRole(admin: pg.Client, prefix: string, grants: string[] = []): Promise<string> {
  const role = freshSchema(prefix);
  await admin.query(`CREATE ROLE ${role} LOGIN`);
  for (const sql of grants) await admin.query(sql.replaceAll('%ROLE%', role));
  return role;
}

/** Drops a test role: first what it holds in each database named (privileges, owned objects), then the role. */
export async function dropTestRole(role: string, databaseUrls: readonly string[] = [TEST_PG_URL]): Promise<void> {
  for (const url of databaseUrls) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`DROP OWNED BY ${role} CASCADE`);
    } finally {
      await client.end();
    }
  }
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(`DROP ROLE IF EXISTS ${role}`);
  } finally {
    await client.end();
  }
}
