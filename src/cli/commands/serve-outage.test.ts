import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { servingOrigin, startCli } from '../../test-support/cli.js';
import { PG_SKIP, TEST_PG_URL, dropTestSchemas, freshSchema } from '../../test-support/postgres.js';
import { tcpRelay } from '../../test-support/tcp-relay.js';

test('sada serve logs a warning when its requests meet PostgreSQL out of reach, and a line when it answers again', { skip: PG_SKIP }, async () => {
  const schema = freshSchema('serve_outage');
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const target = new URL(TEST_PG_URL);
  const relay = await tcpRelay(target.hostname, Number(target.port || 5432));
  const through = new URL(TEST_PG_URL);
  through.hostname = '127.0.0.1';
  through.port = String(relay.port);
  through.password = 'hunter2secret'; // the test cluster trusts local connections: only there to be hidden
  through.searchParams.set('options', `-c search_path=${schema}`);
  const child = startCli(['serve', '--no-fetch', '--port', '0', '--db', through.href], { SADA_LOG_LEVEL: 'info' });
  try {
    const serving = await servingOrigin(child);
    assert.equal((await fetch(`${serving.origin}/healthz`)).status, 200);
    await relay.stop();
    for (let i = 0; i < 3; i++) assert.equal((await fetch(`${serving.origin}/healthz`)).status, 503);
    await relay.start();
    assert.equal((await fetch(`${serving.origin}/healthz`)).status, 200);
    const lines = serving
      .log()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string; db?: string });
    const outage = lines.filter((l) => /database (does not|still does not|answers)/.test(l.msg));
    assert.deepEqual(
      outage.map((l) => [l.level, l.msg]),
      [
        [40, 'the database does not answer: requests that need it get 503 until it does'],
        [30, 'the database answers again'],
      ],
    );
    assert.match(outage[0]!.db!, /^postgres:\/\/[^:@/]+:\*\*\*@127\.0\.0\.1:\d+\//);
    assert.doesNotMatch(serving.log(), /hunter2secret/);
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await relay.stop();
    await dropTestSchemas([schema]);
  }
});
