/**
 * Story assignment: determinism and stability under a different arrival order within a batch.
 *
 *   npm run bench -- stories-stability
 *
 * For each corpus (SaudiNewsNet 2015-08-02..04; ANT 2018-07, five outlets writing the same events in their
 * own words), the articles are imported three times into fresh SQLite databases: in file order, again in
 * file order (must be identical), and with the lines of every 1,000-article batch shuffled (fixed seed).
 * Two ways: `sada import` (importFiles, which places each batch oldest first), and the bare online pipeline
 * fed the lines in the order given (what one-article-at-a-time ingestion sees).
 * Reported: pairwise agreement of story co-membership between file order and shuffled order (precision and
 * recall of "these two articles share a story", and B-cubed F1), the share of articles whose story has the
 * same members, the same for duplicate groups, and story statistics. The peer is the file-order run itself.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sharedData } from '../src/test-support/paths.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { importFiles } from '../src/pipeline/import-files.js';
import { parseImportLine } from '../src/pipeline/import-record.js';
import { createArticlePipeline } from '../src/pipeline/process-article.js';
import { splitmix32 } from '../src/dedup/hash32.js';

const BATCH = 1000;

function lines(path: string): string[] {
  return gunzipSync(readFileSync(path)).toString('utf8').split('\n').filter((l) => l.trim());
}

function shuffledWithinBatches(all: string[], seed: number): string[] {
  const next = splitmix32(seed);
  const out: string[] = [];
  for (let i = 0; i < all.length; i += BATCH) {
    const batch = all.slice(i, i + BATCH);
    for (let j = batch.length - 1; j > 0; j--) {
      const k = next() % (j + 1);
      [batch[j], batch[k]] = [batch[k]!, batch[j]!];
    }
    out.push(...batch);
  }
  return out;
}

interface Partition {
  /** url → story key and duplicate-group key */
  story: Map<string, number>;
  group: Map<string, number>;
  stories: number;
  multiOutlet: number;
  largest: number;
  seconds: number;
}

async function importLines(dir: string, name: string, content: string[], mode: 'import' | 'as-given'): Promise<Partition> {
  const file = join(dir, `${name}.jsonl`);
  writeFileSync(file, content.join('\n'));
  const store = await SqliteStore.open({ path: join(dir, `${name}.db`) });
  const started = performance.now();
  const pipeline = createArticlePipeline({ now: () => Date.UTC(2020, 0, 1) });
  if (mode === 'import') await importFiles(store, [file], { process: pipeline, batchSize: BATCH });
  else {
    const inputs = content.map((l) => parseImportLine(l)).flatMap((r) => (r.ok ? [r.article] : []));
    for (let i = 0; i < inputs.length; i += BATCH) {
      await store.transaction(async (tx) => {
        for (const input of inputs.slice(i, i + BATCH)) await pipeline(tx, input);
      });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const articles = await store.listArticles({ limit: 1_000_000 });
  const story = new Map(articles.map((a) => [a.url, a.storyId ?? -a.id]));
  const group = new Map(articles.map((a) => [a.url, a.duplicateOf ?? a.id]));
  const list = await store.listStories({ limit: 1_000_000 });
  await store.close();
  return { story, group, stories: list.length, multiOutlet: list.filter((s) => s.sources > 1).length, largest: Math.max(...list.map((s) => s.articles)), seconds };
}

function clusters(assignment: Map<string, number>): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const [url, key] of assignment) {
    let set = out.get(key);
    if (!set) out.set(key, (set = new Set()));
    set.add(url);
  }
  return out;
}

/** Agreement of two clusterings of the same items (pairs and B-cubed), and the share of identical clusters. */
function agreement(a: Map<string, number>, b: Map<string, number>) {
  const ca = clusters(a);
  const cb = clusters(b);
  let pairsA = 0;
  let pairsB = 0;
  let both = 0;
  let bcubedP = 0;
  let bcubedR = 0;
  let same = 0;
  for (const [url, key] of a) {
    const inA = ca.get(key)!;
    const inB = cb.get(b.get(url)!)!;
    let shared = 0;
    for (const u of inA) if (inB.has(u)) shared++;
    pairsA += inA.size - 1;
    pairsB += inB.size - 1;
    both += shared - 1;
    bcubedP += shared / inB.size;
    bcubedR += shared / inA.size;
    if (shared === inA.size && shared === inB.size) same++;
  }
  const n = a.size;
  const p = bcubedP / n;
  const r = bcubedR / n;
  return { pairPrecision: pairsB ? both / pairsB : 1, pairRecall: pairsA ? both / pairsA : 1, bcubedF1: (2 * p * r) / (p + r), identical: same / n };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

async function main(): Promise<void> {
  const snn = sharedData('data', 'saudinewsnet');
  const ant = sharedData('data', 'ant-multisource');
  if (snn.skip || ant.skip) {
    console.log(`skipped: ${snn.skip || ant.skip}`);
    return;
  }
  const corpora = [
    { name: 'SaudiNewsNet 2015-08-02..04', files: ['2015-08-02', '2015-08-03', '2015-08-04'].map((d) => join(snn.path, `${d}.jsonl.gz`)) },
    { name: 'ANT 2018-07', files: [join(ant.path, '2018-07.jsonl.gz')] },
  ];
  const dir = mkdtempSync(join(tmpdir(), 'sada-stability-'));
  try {
    console.log('| corpus | order | articles | stories | multi-outlet | largest | same order twice | shuffled: pair P / R | B-cubed F1 | identical stories | identical copy groups | s (file order) |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const [i, c] of corpora.entries()) for (const mode of ['import', 'as-given'] as const) {
      const all = c.files.flatMap(lines);
      const first = await importLines(dir, `a${i}${mode}`, all, mode);
      const again = await importLines(dir, `b${i}${mode}`, all, mode);
      const shuffled = await importLines(dir, `c${i}${mode}`, shuffledWithinBatches(all, 2015 + i), mode);
      const repeat = agreement(first.story, again.story).identical === 1 && agreement(first.group, again.group).identical === 1;
      const s = agreement(first.story, shuffled.story);
      const g = agreement(first.group, shuffled.group);
      console.log(
        `| ${c.name} | ${mode === 'import' ? 'sada import (batch oldest first)' : 'online, as given'} | ${first.story.size} | ${first.stories} | ${first.multiOutlet} | ${first.largest} | ${repeat ? 'identical' : 'DIFFERENT'} | ` +
          `${pct(s.pairPrecision)} / ${pct(s.pairRecall)} | ${s.bcubedF1.toFixed(3)} | ${pct(s.identical)} | ${pct(g.identical)} | ${first.seconds.toFixed(1)} |`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
