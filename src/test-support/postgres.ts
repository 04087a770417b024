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
