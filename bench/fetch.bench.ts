/**
 * One `sada fetch` round over 200 local feeds × 50 items (served on 127.0.0.1 by this process), then a second
 * round that must be conditional GETs only. Peers in the same run: a bare undici fetch of the same 200 feeds
 * (the I/O floor) and feedsmith's own parser on the same documents (the parsing floor).
 *
 *   npm run bench -- fetch
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseFeed as feedsmithParse } from 'feedsmith';
import { fetch as undiciFetch, Agent } from 'undici';
import { startFixtureServer } from '../src/test-support/http-fixture.js';
import { SADA_BIN } from '../src/test-support/cli.js';
import { fixturePath } from '../src/test-support/paths.js';
import { parseFeed } from '../src/feeds/index.js';

const FEEDS = 200;
const ITEMS = 50;
const WORDS = ['الحكومة', 'وزير', 'المالية', 'مشروع', 'جديد', 'المدينة', 'افتتاح', 'مؤتمر', 'الصحة', 'التعليم', 'الاقتصاد', 'ميزانية', 'سوق', 'النفط', 'الأمطار', 'الطرق'];

function feedXml(f: number): string {
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const words = Array.from({ length: 220 }, (_, j) => WORDS[(f * 13 + i * 7 + j * 3 + ((i * j) % 5)) % WORDS.length]);
    const paragraphs = [0, 1, 2, 3].map((p) => `<p>${words.slice(p * 55, p * 55 + 55).join(' ')}.</p>`).join('');
    const date = new Date(Date.UTC(2024, 0, 8, 12) - (f * ITEMS + i) * 60_000).toUTCString();
    return `<item><title>خبر ${f}-${i}: ${words.slice(0, 6).join(' ')}</title><link>/feeds/${f}/articles/${i}</link><guid>f${f}-i${i}</guid><pubDate>${date}</pubDate><description>${words.slice(0, 25).join(' ')}</description><content:encoded><![CDATA[${paragraphs}]]></content:encoded></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>مصدر ${f}</title><link>/feeds/${f}/</link>${items.join('')}</channel></rss>`;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  peakRssMb: number;
}

/** Runs the CLI as a child process, sampling its peak RSS (VmHWM) until it exits. */
function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, [SADA_BIN, ...args], { env: { ...process.env, CI: 'true', SADA_LOG_LEVEL: 'error', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let peakKb = 0;
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const sampler = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
    } catch {
      /* exited */
    }
  }, 20);
  return new Promise((resolve) =>
    child.on('close', (status) => {
      clearInterval(sampler);
      resolve({ status, stdout, stderr, seconds: (performance.now() - started) / 1000, peakRssMb: peakKb / 1024 });
    }),
  );
}

async function main(): Promise<void> {
  const documents = Array.from({ length: FEEDS }, (_, f) => Buffer.from(feedXml(f)));
  const etags = documents.map((d) => `"${createHash('sha1').update(d).digest('hex').slice(0, 16)}"`);
  const server = await startFixtureServer((req, res) => {
    const f = Number(/^\/feeds\/(\d+)\.xml$/.exec(req.url ?? '')?.[1] ?? -1);
    if (!(f >= 0 && f < FEEDS)) {
      res.writeHead(404);
      return res.end();
    }
    if (req.headers['if-none-match'] === etags[f]) {
      res.writeHead(304, { etag: etags[f] });
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: etags[f] });
    return res.end(documents[f]);
  });
  const dir = mkdtempSync(join(tmpdir(), 'sada-bench-fetch-'));
  const db = join(dir, 'bench.db');
  // All 200 feeds live on one host here, so per-host politeness is relaxed to measure Sada, not the pause.
  const env = { SADA_HOST_DELAY_MS: '0', SADA_HOST_CONCURRENCY: '8', SADA_FETCH_CONCURRENCY: '8', SADA_ALLOW_PRIVATE: '1' };
  try {
    const opml = join(dir, 'feeds.opml');
    const outlines = documents.map((_, f) => `<outline text="مصدر ${f}" xmlUrl="${server.origin}/feeds/${f}.xml"/>`).join('');
    writeFileSync(opml, `<?xml version="1.0"?><opml version="2.0"><head><title>bench</title></head><body>${outlines}</body></opml>`);
    const imported = await runCli(['sources', 'import-opml', opml, '--db', db, '--json'], env);
    if (imported.status !== 0) throw new Error(imported.stderr);

    const first = await runCli(['fetch', '--once', '--json', '--db', db], env);
    if (first.status !== 0) throw new Error(first.stderr);
    const round1 = JSON.parse(first.stdout) as { new_articles: number; errors: number; fetched: number };
    const requestsBefore = server.requests.length;
    const second = await runCli(['fetch', '--once', '--json', '--db', db], env);
    const round2 = JSON.parse(second.stdout) as { not_modified: number; fetched: number; new_articles: number };
    const secondRequests = server.requests.slice(requestsBefore);
    const conditional = secondRequests.filter((r) => r.headers['if-none-match']).length;

    // Peer 1: the I/O floor — undici fetch of the same feeds, 8 at a time, bodies read, nothing else.
    const agent = new Agent({ connections: 8 });
    const ioStart = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < FEEDS) {
          const f = next++;
          await (await undiciFetch(`${server.origin}/feeds/${f}.xml`, { dispatcher: agent })).arrayBuffer();
        }
      }),
    );
    const ioSeconds = (performance.now() - ioStart) / 1000;
    await agent.close();

    // Peer 2: the parsing floor — feedsmith alone vs Sada's parseFeed (decode, safety, normalisation).
    const t0 = performance.now();
    for (const d of documents) feedsmithParse(d.toString('utf8'));
    const feedsmithSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    for (const [f, d] of documents.entries()) parseFeed(d, { url: `${server.origin}/feeds/${f}.xml` });
    const sadaParseSeconds = (performance.now() - t1) / 1000;

    const items = FEEDS * ITEMS;
    console.log(`feeds ${FEEDS} × items ${ITEMS} = ${items} items, ${(documents.reduce((n, d) => n + d.length, 0) / 1e6).toFixed(1)} MB of RSS`);
    console.log(`round 1 (sada fetch --once, child process): ${first.seconds.toFixed(2)} s, ${round1.new_articles} new articles, ${round1.errors} errors, ${(round1.new_articles / first.seconds).toFixed(0)} items/s, peak RSS ${first.peakRssMb.toFixed(0)} MB`);
    console.log(`round 2: ${second.seconds.toFixed(2)} s, ${secondRequests.length} requests, ${conditional} conditional, ${round2.not_modified} not modified, ${round2.fetched} fetched, ${round2.new_articles} new`);
    console.log(`peer I/O floor (undici fetch, 8 at a time): ${ioSeconds.toFixed(2)} s → sada round 1 / floor = ${(first.seconds / ioSeconds).toFixed(1)}×`);
    console.log(`parse: sada parseFeed ${sadaParseSeconds.toFixed(2)} s vs feedsmith ${feedsmithSeconds.toFixed(2)} s → ratio ${(sadaParseSeconds / feedsmithSeconds).toFixed(2)}× (${(items / sadaParseSeconds).toFixed(0)} items/s)`);
    await hostileRound(dir, env);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A round over hostile sources: every one must fail with a recorded error and memory must stay bounded. */
async function hostileRound(dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const bomb = gzipSync(Buffer.alloc(256 * 1024 * 1024), { level: 1 });
  const lol = readFileSync(fixturePath('feeds', 'hostile', 'billion-laughs.xml'));
  const truncated = readFileSync(fixturePath('feeds', 'hostile', 'truncated.xml'));
  const chunk = Buffer.alloc(1 << 20, 0x61);
  const server = await startFixtureServer(async (req, res) => {
    switch (req.url) {
      case '/gzip-bomb.xml':
        res.writeHead(200, { 'content-type': 'application/xml', 'content-encoding': 'gzip' });
        return res.end(bomb);
      case '/huge.xml':
        res.writeHead(200, { 'content-type': 'application/xml' });
        for (let i = 0; i < 50 && !res.destroyed; i++) if (!res.write(chunk)) await new Promise((r) => setTimeout(r, 5));
        return res.end();
      case '/stall.xml':
        res.writeHead(200, { 'content-type': 'application/xml' });
        return res.write('<rss version="2.0"><channel>');
      case '/lol.xml':
        res.writeHead(200, { 'content-type': 'application/xml' });
        return res.end(lol);
      case '/truncated.xml':
        res.writeHead(200, { 'content-type': 'application/xml' });
        return res.end(truncated);
      default:
        res.writeHead(503, { 'retry-after': '3600' });
        return res.end();
    }
  });
  try {
    const db = join(dir, 'hostile.db');
    const names = ['gzip-bomb', 'huge', 'stall', 'lol', 'truncated', 'unavailable'];
    const opml = join(dir, 'hostile.opml');
    writeFileSync(opml, `<?xml version="1.0"?><opml version="2.0"><body>${names.map((n) => `<outline text="${n}" xmlUrl="${server.origin}/${n}.xml"/>`).join('')}</body></opml>`);
    await runCli(['sources', 'import-opml', opml, '--db', db], env);
    const round = await runCli(['fetch', '--once', '--json', '--db', db], { ...env, SADA_FETCH_TIMEOUT_MS: '2000' });
    const summary = JSON.parse(round.stdout) as { errors: number; fetched: number; failures: Array<{ slug: string; error: string }> };
    console.log(`hostile round (gzip bomb of 256 MB, 50 MB body, stalling server, billion laughs, truncated XML, 503): ${round.seconds.toFixed(2)} s, peak RSS ${round.peakRssMb.toFixed(0)} MB, ${summary.fetched} fetched, ${summary.errors} errors`);
    for (const f of summary.failures) console.log(`  ${f.error.slice(0, 110)}`);
  } finally {
    await server.close();
  }
}

await main();
