import { startFixtureServer, type FixtureServer } from './http-fixture.js';

/**
 * A site of many synthetic Arabic RSS feeds for scale-out tests and benchmarks: `sources` feeds of `items` items
 * each, where every `copyEvery`-th item is a wire copy of another source's original (same body, its own
 * headline and URL). Texts are built from a large pseudo-word vocabulary so that unrelated originals share
 * almost nothing, while copies share their whole body.
 */
export interface SyntheticFeedsOptions {
  sources: number;
  items: number;
  /** One item in `copyEvery` is a copy (5: a fifth). */
  copyEvery: number;
  seed?: number;
}

export interface SyntheticItem {
  source: number;
  index: number;
  url: string;
  title: string;
  body: string;
  published: number;
  /** For a copy: the URL of the original it reprints. */
  copyOf: string | null;
}

export interface SyntheticFeeds {
  server: FixtureServer;
  items: SyntheticItem[];
  feedUrl(source: number): string;
  /** GET requests per feed path so far. */
  feedFetches(): Map<string, number>;
  close(): Promise<void>;
}

const LETTERS = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

function vocabulary(random: () => number, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const length = 3 + Math.floor(random() * 4);
    let w = '';
    for (let i = 0; i < length; i++) w += LETTERS[Math.floor(random() * LETTERS.length)];
    words.add(w);
  }
  return [...words];
}

function sentence(random: () => number, vocab: string[], words: number): string {
  return `${Array.from({ length: words }, () => vocab[Math.floor(random() * vocab.length)]).join(' ')}.`;
}

export function buildSyntheticItems(origin: string, options: SyntheticFeedsOptions): SyntheticItem[] {
  const random = rng(options.seed ?? 20240101);
  const vocab = vocabulary(random, 6000);
  const start = Date.UTC(2024, 0, 10, 6, 0, 0);
  const items: SyntheticItem[] = [];
  for (let s = 0; s < options.sources; s++) {
    for (let i = 0; i < options.items; i++) {
      const url = `${origin}/s${s}/news/${i}.html`;
      const published = start + (s * options.items + i) * 60_000;
      items.push({ source: s, index: i, url, title: `خبر ${sentence(random, vocab, 6).slice(0, -1)}`, body: Array.from({ length: 4 }, () => sentence(random, vocab, 30)).join('\n\n'), published, copyOf: null });
    }
  }
  // Copies reprint an original from another source, published an hour later, under a new headline.
  for (const item of items) {
    if ((item.index + 1) % options.copyEvery !== 0) continue;
    // The original is another source's item i-1, which is never itself a copy (so no copy of a copy).
    const sourceOfOriginal = (item.source + 1 + (item.index % Math.max(1, options.sources - 1))) % options.sources;
    const original = items[sourceOfOriginal * options.items + item.index - 1];
    if (!original || original.source === item.source || original.copyOf !== null) continue;
    item.body = original.body;
    item.copyOf = original.url;
    item.published = original.published + 3_600_000;
  }
  return items;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function feedXml(origin: string, source: number, items: SyntheticItem[]): string {
  const entries = items
    .filter((i) => i.source === source)
    .map(
      (i) => `<item><title>${escapeXml(i.title)}</title><link>${i.url}</link><guid>${i.url}</guid><pubDate>${new Date(i.published).toUTCString()}</pubDate>` +
        `<description>${escapeXml(i.body.slice(0, 80))}</description><content:encoded><![CDATA[${i.body.split('\n\n').map((p) => `<p>${p}</p>`).join('')}]]></content:encoded></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>مصدر ${source}</title><link>${origin}/s${source}/</link><description>مصدر تجريبي</description>\n${entries}\n</channel></rss>`;
}

export async function startSyntheticFeeds(options: SyntheticFeedsOptions & { latencyMs?: number }): Promise<SyntheticFeeds> {
  let items: SyntheticItem[] = [];
  const feeds = new Map<string, string>();
  const server = await startFixtureServer(async (req, res) => {
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const body = feeds.get((req.url ?? '').split('?')[0]!);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body);
  });
  items = buildSyntheticItems(server.origin, options);
  for (let s = 0; s < options.sources; s++) feeds.set(`/s${s}/feed.xml`, feedXml(server.origin, s, items));
  return {
    server,
    items,
    feedUrl: (s) => `${server.origin}/s${s}/feed.xml`,
    feedFetches() {
      const counts = new Map<string, number>();
      for (const r of server.requests) if (r.path.endsWith('/feed.xml')) counts.set(r.path, (counts.get(r.path) ?? 0) + 1);
      return counts;
    },
    close: () => server.close(),
  };
}
