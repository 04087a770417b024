import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath, REPO_ROOT } from '../test-support/paths.js';

const SADA = join(REPO_ROOT, 'bin', 'sada.js');

test('`sada import` then `sada serve --no-fetch`: the real CLI serves the imported articles and stops on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sada-serve-'));
  const db = join(dir, 'sada.db');
  try {
    const imported = spawnSync(process.execPath, [SADA, 'import', fixturePath('server', 'import', 'articles.jsonl'), '--db', db, '--json'], { encoding: 'utf8' });
    assert.equal(imported.status, 0, imported.stderr);
    assert.equal((JSON.parse(imported.stdout) as { inserted: number }).inserted, 4);

    const server = spawn(process.execPath, [SADA, 'serve', '--db', db, '--port', '0', '--no-fetch'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SADA_LOG_LEVEL: 'info' } });
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let log = '';
        server.stderr!.on('data', (d: Buffer) => {
          log += d.toString();
          const match = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
          if (match) resolve(match[1]!);
        });
        void exited.then((code) => reject(new Error(`serve exited early (${code}): ${log}`)));
      });
      const home = await (await fetch(`${url}/`)).text();
      assert.match(home, /<html lang="ar" dir="rtl">/);
      assert.match(home, /مجلس الوزراء يوافق على نظام النقل العام الجديد/);
      assert.ok(home.includes('&lt;img src=x onerror=alert(1)&gt;'));
      const id = /href="\/article\/(\d+)" dir="auto">Google/.exec(home)?.[1];
      assert.ok(id, 'the home page links the imported articles');
      const article = await (await fetch(`${url}/article/${id}`)).text();
      assert.match(article, /<h1 dir="auto">Google تطلق خدمة Gemini باللغة العربية في 12 دولة<\/h1>/);
      assert.match(article, /<bdi>techwire<\/bdi>/);
      const api = (await (await fetch(`${url}/api/v1/articles/${id}`)).json()) as { source: string; published: string };
      assert.deepEqual([api.source, api.published], ['techwire', '2026-03-09T10:00:00.000Z']);
      assert.equal((await fetch(`${url}/healthz`)).status, 200);
    } finally {
      server.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('`sada serve --port` refuses an invalid port with exit code 2', () => {
  const result = spawnSync(process.execPath, [SADA, 'serve', '--port', 'x', '--db', ':memory:'], { encoding: 'utf8' });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /invalid --port/);
});
