/**
 * Text analysis throughput on real news: SaudiNewsNet (../shared/data/saudinewsnet/*.jsonl.gz), titles and
 * bodies, all files. Sada = analyzeTerms (tokenise with offsets + normalise + stem + stopword flags).
 * Peer, in the same process and interleaved round by round: @orama/stemmers Arabic (Snowball) behind a plain
 * Unicode split (`/[^\p{L}\p{N}]+/u`) — the way a search library would use it; Snowball normalises by itself.
 *   npm run bench -- text            (SADA_BENCH_ROUNDS=5 for more rounds)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { stemmer as snowball } from '@orama/stemmers/arabic';
import { analyze, analyzeTerms } from '../src/text/analyze.js';
import { foldRange, normalize } from '../src/text/normalize.js';
import { tokenSpans } from '../src/text/tokenize.js';
import { sharedData } from '../src/test-support/paths.js';

const data = sharedData('data', 'saudinewsnet');
if (data.skip) {
  console.log(`skipped: ${data.skip}`);
  process.exit(0);
}

const files = readdirSync(data.path).filter((f) => f.endsWith('.jsonl.gz')).sort();
const texts: string[] = [];
let chars = 0;
for (const f of files) {
  for (const line of gunzipSync(readFileSync(join(data.path, f))).toString('utf8').split('\n')) {
    if (!line) continue;
    const doc = JSON.parse(line) as { title?: string; content?: string };
    const text = `${doc.title ?? ''}\n${doc.content ?? ''}`;
    texts.push(text);
    chars += text.length;
  }
}
const rssAfterLoad = process.memoryUsage().rss;

type Engine = { name: string; run: () => { tokens: number; check: number } };
const SPLIT = /[^\p{L}\p{N}]+/u;
const engines: Engine[] = [
  {
    name: 'Sada analyzeTerms (tokenise+normalise+stem+stop flags)',
    run: () => {
      let tokens = 0;
      let check = 0;
      for (const t of texts) {
        const terms = analyzeTerms(t);
        tokens += terms.count;
        for (let i = 0; i < terms.count; i++) check += (terms.stems[i] as string).length;
      }
      return { tokens, check };
    },
  },
  {
    name: 'peer: Unicode split + @orama/stemmers Arabic',
    run: () => {
      let tokens = 0;
      let check = 0;
      for (const t of texts) {
        for (const w of t.split(SPLIT)) {
          if (w.length === 0) continue;
          tokens++;
          check += snowball(w).length;
        }
      }
      return { tokens, check };
    },
  },
];
const parts: Engine[] = [
  {
    name: 'Sada tokenSpans only',
    run: () => {
      let tokens = 0;
      for (const t of texts) tokens += tokenSpans(t).count;
      return { tokens, check: tokens };
    },
  },
  {
    name: 'Sada tokenSpans + normalise',
    run: () => {
      let tokens = 0;
      let check = 0;
      for (const t of texts) {
        const s = tokenSpans(t);
        tokens += s.count;
        for (let i = 0; i < s.count; i++) check += foldRange(t, s.starts[i] as number, s.ends[i] as number).length;
      }
      return { tokens, check };
    },
  },
  {
    name: 'Sada analyze (one object per token)',
    run: () => {
      let tokens = 0;
      for (const t of texts) tokens += analyze(t).length;
      return { tokens, check: tokens };
    },
  },
];

/**
 * CPU seconds of this process (user + system) as well as wall seconds: the machine is shared (2 cores, other
 * jobs), so wall time swings with the load while CPU time measures the work. Ratios use CPU time.
 */
function time(engine: Engine): { seconds: number; wall: number; tokens: number; check: number } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const r = engine.run();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  return { ...r, seconds: (c.user + c.system) / 1e6, wall };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const rounds = Number(process.env.SADA_BENCH_ROUNDS ?? 3);
console.log(`SaudiNewsNet: ${files.length} files, ${texts.length} articles, ${(chars / 1e6).toFixed(1)} M characters; node ${process.version}; ${rounds} rounds, median`);
for (const e of [...engines, ...parts]) time(e); // warm-up

type Result = { seconds: number[]; wall: number[]; tokens: number };
const results = new Map<string, Result>();
for (let r = 0; r < rounds; r++) {
  for (const e of [...engines, ...parts]) {
    gc();
    const m = time(e);
    const entry = results.get(e.name) ?? { seconds: [], wall: [], tokens: m.tokens };
    entry.seconds.push(m.seconds);
    entry.wall.push(m.wall);
    results.set(e.name, entry);
  }
}

console.log('\n| engine | tokens | CPU seconds | tokens/s (CPU) | wall seconds | tokens/s (wall) |');
console.log('|---|---|---|---|---|---|');
for (const [name, r] of results) {
  const s = median(r.seconds);
  const w = median(r.wall);
  const rate = (x: number) => `${(r.tokens / x / 1e6).toFixed(2)} M`;
  console.log(`| ${name} | ${r.tokens.toLocaleString('en')} | ${s.toFixed(2)} | ${rate(s)} | ${w.toFixed(2)} | ${rate(w)} |`);
}
const sada = results.get(engines[0]?.name as string) as Result;
const peer = results.get(engines[1]?.name as string) as Result;
const ratioTime = median(peer.seconds) / median(sada.seconds);
const ratioRate = sada.tokens / median(sada.seconds) / (peer.tokens / median(peer.seconds));
const ratioWall = median(peer.wall) / median(sada.wall);
console.log(`\nSada vs peer on the same texts: ${ratioTime.toFixed(2)}× less CPU time (${ratioWall.toFixed(2)}× wall), ${ratioRate.toFixed(2)}× tokens/s counting each one's own tokens`);
console.log(`load average during the run: ${loadavg().map((x) => x.toFixed(1)).join(' ')} (2 cores shared)`);
{
  const c0 = process.cpuUsage();
  let check = 0;
  for (const t of texts) check += normalize(t).length;
  const c = process.cpuUsage(c0);
  console.log(`normalize(text) over every whole article: ${(chars / ((c.user + c.system) / 1e6) / 1e6).toFixed(0)} M characters/s (CPU) [${check}]`);
}
console.log(`RSS after loading the texts ${(rssAfterLoad / 2 ** 20).toFixed(0)} MiB; peak RSS of the run ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
