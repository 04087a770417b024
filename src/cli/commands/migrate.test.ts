import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runCli, runCliAsync } from '../../test-support/cli.js';
import { PG_SKIP, TEST_PG_URL } from '../../test-support/postgres.js';
import { Connection } from '../../store/sqlite/connection.js';
import { migrate, readMigrations } from '../../store/sqlite/migrate.js';
import { readPgMigrations } from '../../store/postgres/pg-migrate.js';

const dir = mkdtempSync(join(tmpdir(), 'sada-migrate-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Applied {
  version: number;
  applied: { version: number; name: string }[];
}
interface Checked {
  version: number;
  latest: number;
  current: boolean;
  pending: { version: number; name: string }[];
}

function versionsOf(path: string): number[] {
  const c = Connection.open(path);
  try {
    return (c.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
  } finally {
    c.close();
  }
}

test('sada migrate --check on SQLite changes nothing and exits 1 while migrations are pending; sada migrate applies them and says which', () => {
  const db = join(dir, 'new.db');
  const migrations = readMigrations();
  const latest = migrations.at(-1)!.version;

  const unborn = runCli(['migrate', '--check', '--json', '--db', db]);
  assert.equal(unborn.status, 1, unborn.stderr);
  assert.deepEqual(JSON.parse(unborn.stdout) as Checked, { version: 0, latest, current: false, pending: migrations.map(({ version, name }) => ({ version, name })) });
  assert.equal(existsSync(db), false, 'checking creates no database');

  // a database of an older Sada: the first three migrations only
  const c = Connection.open(db);
  migrate(c.db, migrations.slice(0, 3), 1);
  c.close();
  const behind = runCli(['migrate', '--check', '--db', db]);
  assert.equal(behind.status, 1, behind.stderr);
  assert.equal(behind.stdout, `${db}: schema version ${migrations[2]!.version}; ${migrations.length - 3} migrations pending (this Sada needs ${latest}): ${migrations.slice(3).map((m) => m.name).join(', ')}\n`);
  assert.deepEqual(versionsOf(db), migrations.slice(0, 3).map((m) => m.version), 'checking applies nothing');

  const applied = runCli(['migrate', '--json', '--db', db]);
  assert.equal(applied.status, 0, applied.stderr);
  assert.deepEqual(JSON.parse(applied.stdout) as Applied, { version: latest, applied: migrations.slice(3).map(({ version, name }) => ({ version, name })) });
  assert.deepEqual(versionsOf(db), migrations.map((m) => m.version));

  const current = runCli(['migrate', '--check', '--json', '--db', db]);
  assert.equal(current.status, 0, current.stderr);
  assert.deepEqual(JSON.parse(current.stdout) as Checked, { version: latest, latest, current: true, pending: [] });
  const again = runCli(['migrate', '--db', db]);
  assert.equal(again.status, 0, again.stderr);
  assert.equal(again.stdout, `${db}: schema version ${latest}, current (nothing to apply)\n`);
});

test('sada migrate names each migration it applies to a new SQLite database', () => {
  const db = join(dir, 'human.db');
  const r = runCli(['migrate', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  const migrations = readMigrations();
  assert.equal(r.stdout, `${migrations.map((m) => `applied ${m.name}\n`).join('')}${db}: schema version ${migrations.at(-1)!.version}, current\n`);
});

test('a SQLite database newer than this Sada fails sada migrate and sada migrate --check alike', () => {
  const db = join(dir, 'newer.db');
  assert.equal(runCli(['migrate', '--db', db]).status, 0);
  const c = Connection.open(db);
  c.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(9999, '9999_future', 1);
  c.close();
  for (const args of [['migrate', '--check'], ['migrate']]) {
    const r = runCli([...args, '--db', db]);
    assert.equal(r.status, 1, args.join(' '));
    assert.match(r.stderr, /schema version 9999, newer than this Sada knows \(\d+\); upgrade Sada/);
  }
});

test('sada migrate on PostgreSQL: --check creates nothing; four at once apply each migration once; the URL is shown without its password', { skip: PG_SKIP }, async () => {
  const database = `sada_migrate_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  try {
    const url = new URL(TEST_PG_URL);
    url.pathname = `/${database}`;
    // the test cluster trusts local connections: the password is only there to be hidden
    url.password = 'hunter2secret';
    const db = url.href;
    const migrations = readPgMigrations();
    const latest = migrations.at(-1)!.version;

    const unborn = runCli(['migrate', '--check', '--db', db]);
    assert.equal(unborn.status, 1, unborn.stderr);
    assert.match(unborn.stdout, /^postgres:\/\/[^:@/]+:\*\*\*@\S+: no Sada schema yet; \d+ migrations pending \(this Sada needs \d+\): 001_initial, /);
    assert.doesNotMatch(unborn.stdout + unborn.stderr, /hunter2secret/);
    const probe = new pg.Client({ connectionString: db });
    await probe.connect();
    try {
      assert.equal((await probe.query("SELECT to_regclass('schema_migrations') IS NULL AS absent")).rows[0].absent, true, 'checking creates nothing');
    } finally {
      await probe.end();
    }

    const runs = await Promise.all([0, 1, 2, 3].map(() => runCliAsync(['migrate', '--json', '--db', db])));
    for (const r of runs) assert.equal(r.status, 0, r.stderr);
    const applied = runs.flatMap((r) => (JSON.parse(r.stdout) as Applied).applied.map((m) => m.version));
    assert.deepEqual(applied.sort((a, b) => a - b), migrations.map((m) => m.version), 'each migration applied once, by one of them');

    const current = runCli(['migrate', '--check', '--json', '--db', db]);
    assert.equal(current.status, 0, current.stderr);
    assert.deepEqual(JSON.parse(current.stdout) as Checked, { version: latest, latest, current: true, pending: [] });
    const again = runCli(['migrate', '--db', db]);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`^postgres://[^:@/]+:\\*\\*\\*@\\S+: schema version ${latest}, current \\(nothing to apply\\)\\n$`));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
});
