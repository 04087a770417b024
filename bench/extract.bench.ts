/**
 * Extraction quality and speed against the peer (Readability over linkedom), in the same run.
 *   npm run bench -- extract
 * For each dataset of ../shared/data/extraction: list pages with ../shared/eval/extraction.mjs, run
 * `sada extract --batch` and the peer batch as child processes (timed, same input), score both with the
 * shared script, then print per-dataset figures, the speed ratio, and a per-site table for arabic-dev.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, openSync, closeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, sharedData } from '../src/test-support/paths.js';

const datasets = ['scrapinghub', 'trafilatura-eval', 'wcxb-dev', 'arabic-dev'];
const evalScript = sharedData('eval', 'extraction.mjs');
const dataRoot = sharedData('data', 'extraction');
if (evalScript.skip || dataRoot.skip) {
  console.log(`skipped: ${evalScript.skip || dataRoot.skip}`);
  process.exit(0);
}
const cache = join(REPO_ROOT, '.bench-cache', 'extract');
mkdirSync(cache, { recursive: true });

/** Runs a command with stdout to a file (a pipe could be cut short when the child exits) and times it. */
function runToFile(args: string[], out: string): number {
  const fd = openSync(out, 'w');
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', fd, 'inherit'], cwd: REPO_ROOT, env: { ...process.env, CI: 'true' } });
  const ms = performance.now() - start;
  closeSync(fd);
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return ms;
}

function score(dir: string, out: string): Record<string, unknown> {
  const r = spawnSync(process.execPath, [evalScript.path, 'score', dir, out, '--json'], { encoding: 'utf8' });
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

const rows: string[] = [];
for (const name of datasets) {
  const dir = join(dataRoot.path, name);
  const list = join(cache, `${name}.list.jsonl`);
  runToFile([evalScript.path, 'list', dir], list);
  const pages = readFileSync(list, 'utf8').split('\n').filter(Boolean).length;
  const sadaOut = join(cache, `${name}.sada.jsonl`);
  const peerOut = join(cache, `${name}.peer.jsonl`);
  const sadaMs = runToFile([join(REPO_ROOT, 'bin', 'sada.js'), 'extract', '--batch', list], sadaOut);
  const peerMs = runToFile([join(REPO_ROOT, 'dist', 'bench', 'extract-peer.js'), list], peerOut);
  const s = score(dir, sadaOut);
  const p = score(dir, peerOut);
  console.log(`\n### ${name} (${pages} pages)`);
  console.log(`sada: ${JSON.stringify(s)}`);
  console.log(`peer: ${JSON.stringify(p)}`);
  console.log(`batch time: sada ${(sadaMs / 1000).toFixed(1)} s (${((pages * 1000) / sadaMs).toFixed(1)} pages/s), peer ${(peerMs / 1000).toFixed(1)} s (${((pages * 1000) / peerMs).toFixed(1)} pages/s), speed ratio ${(peerMs / sadaMs).toFixed(2)}x`);
  const f1 = (r: Record<string, unknown>): unknown => r.f1 ?? (r.snippets as Record<string, unknown> | undefined)?.f1;
  rows.push(`| ${name} | ${pages} | ${f1(s)} | ${f1(p)} | ${s.title_exact ?? '–'} | ${p.title_exact ?? '–'} | ${((pages * 1000) / sadaMs).toFixed(1)} | ${((pages * 1000) / peerMs).toFixed(1)} |`);
  if (name === 'arabic-dev') perSite(dir, sadaOut, peerOut);
}
console.log('\n| dataset | pages | Sada F1 | peer F1 | Sada title | peer title | Sada pages/s | peer pages/s |\n|---|---|---|---|---|---|---|---|');
console.log(rows.join('\n'));

/** Per page (= per site) snippet precision/recall, title and date, for Sada and the peer. */
function perSite(dir: string, sadaOut: string, peerOut: string): void {
  const HARAKAT = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;
  const squash = (t: unknown): string => (String(t ?? '').replace(HARAKAT, '').match(/[\p{L}\p{N}_]+/gu) ?? []).join(' ').toLowerCase();
  const load = (p: string) => new Map(readFileSync(p, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>).map((r) => [String(r.id), r]));
  const sys = { sada: load(sadaOut), peer: load(peerOut) };
  console.log('\n| page | system | snippet P | snippet R | title | date |\n|---|---|---|---|---|---|');
  for (const line of readFileSync(join(dir, 'gold.jsonl'), 'utf8').split('\n').filter(Boolean)) {
    const g = JSON.parse(line) as { id: string; title: string; published: string; with: string[]; without: string[] };
    for (const [label, outputs] of Object.entries(sys)) {
      const r = outputs.get(g.id) ?? {};
      const text = squash(r.text);
      const tp = g.with.filter((s) => text.includes(squash(s))).length;
      const fp = g.without.filter((s) => text.includes(squash(s))).length;
      const title = squash(r.title) === squash(g.title) ? 'yes' : 'no';
      const date = String(r.published ?? '').slice(0, 10) === g.published.slice(0, 10) ? 'yes' : 'no';
      console.log(`| ${g.id} | ${label} | ${(tp / (tp + fp || 1)).toFixed(2)} | ${(tp / g.with.length).toFixed(2)} | ${title} | ${date} |`);
    }
  }
}
