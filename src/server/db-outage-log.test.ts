import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../core/errors.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { createServer } from './create-server.js';
import { DatabaseOutageLog, OUTAGE_WARNING_EVERY_MS, reportingOutages } from './db-outage-log.js';

interface Line {
  level: 'info' | 'warn' | 'error';
  obj: Record<string, unknown>;
  msg: string | undefined;
}

function recorder(): { lines: Line[]; logger: { info(o: object, m?: string): void; warn(o: object, m?: string): void; error(o: object, m?: string): void } } {
  const lines: Line[] = [];
  const at = (level: Line['level']) => (obj: object, msg?: string) => lines.push({ level, obj: obj as Record<string, unknown>, msg });
  return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error') } };
}

const DB = 'postgres://sada:hunter2secret@db.internal:5432/sada';

/** PgStore's error for a database out of reach, its cause naming a URL with a password as a driver might. */
function unavailable(): AppError {
  return new AppError('UNAVAILABLE', 'the database does not answer; try again shortly', {
    cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432 (postgres://sada:hunter2secret@db.internal/sada)'), { code: 'ECONNREFUSED' }),
  });
}

test('an outage is logged once when met, at most once a minute while it lasts, and once when the database answers again', () => {
  let now = 1_000_000;
  const { lines, logger } = recorder();
  const log = new DatabaseOutageLog({ logger, clock: () => now, db: DB });
  log.answered();
  assert.equal(lines.length, 0, 'nothing while all is well');

  log.failed(unavailable());
  assert.equal(log.down, true);
  for (const later of [1, 1_000, 30_000, OUTAGE_WARNING_EVERY_MS - 1]) {
    now = 1_000_000 + later;
    log.failed(unavailable());
  }
  now = 1_000_000 + OUTAGE_WARNING_EVERY_MS;
  log.failed(unavailable());
  now += 5_000;
  log.failed(unavailable());
  now += OUTAGE_WARNING_EVERY_MS;
  log.failed(unavailable());
  now += 10_000;
  log.answered();
  log.answered();
  assert.equal(log.down, false);

  assert.deepEqual(
    lines.map((l) => [l.level, l.msg, l.obj['downSeconds'], l.obj['failedCalls']]),
    [
      ['warn', 'the database does not answer: requests that need it get 503 until it does', undefined, undefined],
      ['warn', 'the database still does not answer', 60, 5],
      ['warn', 'the database still does not answer', 125, 2],
      ['info', 'the database answers again', 135, 8],
    ],
  );
  for (const line of lines) assert.equal(line.obj['db'], 'postgres://sada:***@db.internal:5432/sada');
  assert.equal(lines[0]!.obj['reason'], 'connect ECONNREFUSED 10.0.0.5:5432 (postgres://sada:***@db.internal/sada)');
  assert.doesNotMatch(JSON.stringify(lines), /hunter2secret/);

  // a later outage is a new one: warned at once
  now += 1_000;
  log.failed(unavailable());
  assert.equal(lines.length, 5);
  assert.equal(lines[4]!.msg, 'the database does not answer: requests that need it get 503 until it does');
});

test('a web node logs the outage its requests meet and the database answering again, through the store its routes use', async () => {
  const inner = await SqliteStore.open({ path: ':memory:' });
  let down = false;
  // the database of a PgStore going away: every call fails with UNAVAILABLE while `down`
  const flaky = new Proxy(inner, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => (down ? Promise.reject(unavailable()) : (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  }) as Store;
  let now = Date.UTC(2026, 11, 1, 9);
  const clock = () => now;
  const { lines, logger } = recorder();
  const app = createServer({ store: reportingOutages(flaky, new DatabaseOutageLog({ logger, clock, db: DB })), clock });
  try {
    assert.equal((await app.request('/api/v1/stories')).status, 200);
    assert.equal(lines.length, 0);

    down = true;
    // (the story listing just read is served from the reader's cache for a while, and is left out here)
    assert.equal((await app.request('/healthz')).status, 503);
    assert.equal((await app.request('/api/v1/articles/1')).status, 503);
    assert.equal((await app.request('/article/1')).status, 503);
    assert.deepEqual(
      lines.map((l) => [l.level, l.msg]),
      [['warn', 'the database does not answer: requests that need it get 503 until it does']],
    );
    now += OUTAGE_WARNING_EVERY_MS;
    assert.equal((await app.request('/healthz')).status, 503);
    assert.equal(lines.length, 2);
    assert.equal(lines[1]!.msg, 'the database still does not answer');

    down = false;
    now += 1_000;
    assert.equal((await app.request('/api/v1/articles/1')).status, 404);
    assert.equal((await app.request('/healthz')).status, 200);
    assert.deepEqual(
      lines.map((l) => [l.level, l.msg]),
      [
        ['warn', 'the database does not answer: requests that need it get 503 until it does'],
        ['warn', 'the database still does not answer'],
        ['info', 'the database answers again'],
      ],
    );
    assert.doesNotMatch(JSON.stringify(lines), /hunter2secret/);
  } finally {
    await inner.close();
  }
});

test('a call that succeeds during an outage without reaching the database does not end it in the log', async () => {
  const { lines, logger } = recorder();
  const log = new DatabaseOutageLog({ logger, clock: () => 0, db: DB });
  let pingFails = true;
  const fake = {
    dialect: 'postgres',
    readOnly: null,
    ping: () => (pingFails ? Promise.reject(unavailable()) : Promise.resolve()),
    listSources: () => Promise.reject(unavailable()),
    getFingerprints: () => Promise.resolve(new Map()), // nothing asked, nothing to look up
  } as unknown as Store;
  const store = reportingOutages(fake, log);
  await assert.rejects(store.listSources(), AppError);
  assert.deepEqual(await store.getFingerprints([]), new Map());
  assert.equal(log.down, true);
  assert.deepEqual(lines.map((l) => l.level), ['warn']);
  pingFails = false;
  await store.getFingerprints([]);
  assert.equal(log.down, false);
  assert.deepEqual(lines.map((l) => l.level), ['warn', 'info']);
  assert.equal(store.dialect, 'postgres', 'plain properties pass unchanged');
});
