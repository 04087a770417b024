import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../core/errors.js';
import type { NewArticle, Store } from './store.js';
import { describeSearchIndexContract } from './search-index-contract.js';
import { describeStoryEngineContract } from './story-engine-contract.js';

/**
 * The storage contract: every Store adapter must pass this suite. Adapters call it from their own test file
 * with a factory that returns a fresh, empty store.
 */
export function describeStoreContract(adapter: string, openEmpty: () => Promise<Store>): void {
  const T0 = Date.parse('2024-12-10T08:00:00Z');

  function article(sourceId: number, n: number, overrides: Partial<NewArticle> = {}): NewArticle {
    return {
      sourceId,
      url: `https://example.com/news/${n}?utm_source=x`,
      canonicalUrl: `https://example.com/news/${n}`,
      externalId: `guid-${n}`,
      title: `خبر رقم ${n}`,
      text: `نص الخبر ${n}.\n\nفقرة ثانية.`,
      summary: null,
      author: null,
      category: null,
      tags: [],
      image: null,
      lang: 'ar',
      published: T0 + n * 60_000,
      ingestedAt: T0 + 10 * 60 * 60_000,
      contentHash: `hash-${n}`,
      ...overrides,
    };
  }

  describe(`Store contract: ${adapter}`, () => {
    let store: Store;
    before(async () => {
      store = await openEmpty();
    });
    after(async () => {
      await store.close();
    });

    describe('sources', () => {
      it('adds, finds and refuses duplicates', async () => {
        const s = await store.addSource({ slug: 'okaz', url: 'https://okaz.test/', feedUrl: 'https://okaz.test/rss', kind: 'feed', title: 'عكاظ', country: 'SA' }, T0);
        assert.ok(s.id > 0);
        assert.equal(s.title, 'عكاظ');
        assert.deepEqual(await store.getSource(s.id), s);
        assert.deepEqual(await store.getSourceBySlug('okaz'), s);
        assert.deepEqual(await store.getSourceByFeedUrl('https://okaz.test/rss'), s);
        await assert.rejects(
          store.addSource({ slug: 'okaz2', url: 'https://okaz.test/', feedUrl: 'https://okaz.test/rss', kind: 'feed', title: 'x' }, T0),
          (e: unknown) => e instanceof AppError && e.code === 'CONFLICT',
        );
        await assert.rejects(
          store.addSource({ slug: 'okaz', url: 'https://other.test/', feedUrl: 'https://other.test/rss', kind: 'feed', title: 'x' }, T0),
          (e: unknown) => e instanceof AppError && e.code === 'CONFLICT',
        );
        assert.equal(await store.getSource(999_999), null);
      });

      it('keeps fetch state and lists due sources oldest first', async () => {
        const a = await store.addSource({ slug: 'due-a', url: 'https://a.test/', feedUrl: 'https://a.test/feed', kind: 'feed', title: 'A' }, T0);
        const b = await store.addSource({ slug: 'due-b', url: 'https://b.test/', feedUrl: 'https://b.test/feed', kind: 'feed', title: 'B' }, T0);
        await store.updateFetchState(a.id, { nextCheck: T0 + 5000, etag: '"v1"', lastModified: 'Tue, 10 Dec 2024 08:00:00 GMT', intervalSeconds: 900 });
        await store.updateFetchState(b.id, { nextCheck: T0 + 1000, lastError: 'HTTP 500', consecutiveErrors: 2 });
        const state = await store.getFetchState(a.id);
        assert.equal(state?.etag, '"v1"');
        assert.equal(state?.intervalSeconds, 900);
        assert.equal(state?.paused, false);
        const due = (await store.dueSources(T0 + 6000, 100)).map((s) => s.slug).filter((x) => x.startsWith('due-'));
        assert.deepEqual(due, ['due-b', 'due-a']);
        assert.deepEqual((await store.dueSources(T0 + 2000, 100)).map((s) => s.slug).filter((x) => x.startsWith('due-')), ['due-b']);
        await store.updateFetchState(b.id, { paused: true });
        assert.deepEqual((await store.dueSources(T0 + 6000, 100)).map((s) => s.slug).filter((x) => x.startsWith('due-')), ['due-a']);
        const listed = (await store.listSources()).find((s) => s.id === b.id);
        assert.equal(listed?.lastError, 'HTTP 500');
        assert.equal(listed?.consecutiveErrors, 2);
        assert.equal(listed?.paused, true);
        await assert.rejects(store.updateFetchState(999_999, { paused: true }), (e: unknown) => e instanceof AppError && e.code === 'NOT_FOUND');
      });

      it('leases due sources to one worker at a time until released or expired', async () => {
        const ids: number[] = [];
        for (const n of [1, 2, 3]) {
          const s = await store.addSource({ slug: `lease-${n}`, url: `https://l${n}.test/`, feedUrl: `https://l${n}.test/feed`, kind: 'feed', title: `L${n}` }, T0);
          await store.updateFetchState(s.id, { nextCheck: T0 + n });
          ids.push(s.id);
        }
        const mine = (xs: { id: number }[]) => xs.map((s) => s.id).filter((id) => ids.includes(id));
        const now = T0 + 10;
        const a = mine(await store.claimDueSources(now, 100, 'worker-a', 60_000));
        assert.deepEqual(a, ids);
        assert.deepEqual(mine(await store.claimDueSources(now, 100, 'worker-b', 60_000)), [], 'leased sources are skipped');
        await store.releaseSource(ids[0]!, 'worker-b');
        assert.deepEqual(mine(await store.claimDueSources(now, 100, 'worker-b', 60_000)), [], 'only the owner releases');
        await store.updateFetchState(ids[0]!, { nextCheck: now + 3_600_000 });
        await store.releaseSource(ids[0]!, 'worker-a');
        assert.deepEqual(mine(await store.claimDueSources(now, 100, 'worker-b', 60_000)), [], 'released but not due');
        assert.deepEqual(mine(await store.claimDueSources(now, 100, 'worker-b', 60_000, { force: true, sourceId: ids[0]! })), [ids[0]]);
        await store.renewLeases([ids[1]!], 'worker-a', now + 120_000);
        await store.renewLeases([ids[2]!], 'worker-x', now + 120_000);
        assert.deepEqual(mine(await store.claimDueSources(now + 60_001, 100, 'worker-c', 60_000)), [ids[2]], 'a renewed lease holds; an expired one is claimable');
        assert.deepEqual(mine(await store.claimDueSources(now + 120_000, 100, 'worker-d', 60_000)), [ids[1]], 'the renewed lease ends when renewed to');
        const concurrent = await Promise.all([
          store.claimDueSources(now + 300_000, 100, 'w1', 60_000),
          store.claimDueSources(now + 300_000, 100, 'w2', 60_000),
        ]);
        const claimed = concurrent.flatMap(mine);
        assert.equal(claimed.length, new Set(claimed).size, 'no source leased twice');
        assert.deepEqual([...claimed].sort(), [ids[1], ids[2]].sort());
      });

      it("gives a worker back its own leased sources at once (a round that failed before releasing them)", async () => {
        const s = await store.addSource({ slug: 'own-lease', url: 'https://own.test/', feedUrl: 'https://own.test/feed', kind: 'feed', title: 'Own' }, T0);
        await store.updateFetchState(s.id, { nextCheck: T0 });
        const mine = (xs: { id: number }[]) => xs.map((x) => x.id).filter((id) => id === s.id);
        assert.deepEqual(mine(await store.claimDueSources(T0 + 1, 100, 'host:1', 900_000)), [s.id]);
        assert.deepEqual(mine(await store.claimDueSources(T0 + 2, 100, 'host:2', 900_000)), [], 'another worker still waits for the lease');
        assert.deepEqual(mine(await store.claimDueSources(T0 + 2, 100, 'host:1', 900_000)), [s.id], 'its owner does not');
      });

      it('spaces request starts to one host across callers', async () => {
        assert.equal(await store.reserveHostSlot('news.test', T0, 500), 0);
        assert.equal(await store.reserveHostSlot('news.test', T0 + 100, 500), 400);
        assert.equal(await store.reserveHostSlot('news.test', T0 + 100, 500), 900);
        assert.equal(await store.reserveHostSlot('other.test', T0 + 100, 500), 0);
        assert.equal(await store.reserveHostSlot('news.test', T0 + 10_000, 500), 0, 'an old reservation does not delay later requests');
        const waits = await Promise.all([1, 2, 3].map(() => store.reserveHostSlot('burst.test', T0, 100)));
        assert.deepEqual([...waits].sort((a, b) => a - b), [0, 100, 200]);
      });

      it('creates import sources once and never schedules them', async () => {
        const first = await store.ensureImportSource('sabq', T0);
        const second = await store.ensureImportSource('sabq', T0 + 1);
        assert.equal(first.id, second.id);
        assert.equal(first.kind, 'import');
        assert.ok(!(await store.dueSources(T0 + 1e12, 1000)).some((s) => s.id === first.id));
      });

      it('moves a source to the address its feed moved to, unless another source holds that address', async () => {
        const s = await store.addSource({ slug: 'moving', url: 'https://moving.test/', feedUrl: 'http://moving.test/rss', kind: 'feed', title: 'Moving' }, T0);
        const other = await store.addSource({ slug: 'staying', url: 'https://staying.test/', feedUrl: 'https://staying.test/rss', kind: 'feed', title: 'Staying' }, T0);
        assert.equal(await store.moveSourceFeed(s.id, 'https://moving.test/rss'), true);
        assert.equal((await store.getSource(s.id))?.feedUrl, 'https://moving.test/rss');
        assert.equal((await store.getSourceByFeedUrl('https://moving.test/rss'))?.id, s.id);
        assert.equal(await store.getSourceByFeedUrl('http://moving.test/rss'), null);
        assert.equal((await store.getSource(s.id))?.url, 'https://moving.test/', 'the address the source was added by stays');
        assert.equal(await store.moveSourceFeed(s.id, other.feedUrl), false);
        await store.removeSource(other.id);
        assert.equal(await store.moveSourceFeed(s.id, other.feedUrl), false, 'a removed source keeps its address');
        assert.equal((await store.getSource(s.id))?.feedUrl, 'https://moving.test/rss');
        assert.equal(await store.moveSourceFeed(999_999, 'https://nowhere.test/rss'), false);
      });

      it('removes a source but keeps its articles, and re-adding revives it', async () => {
        const s = await store.addSource({ slug: 'gone', url: 'https://gone.test/', feedUrl: 'https://gone.test/rss', kind: 'feed', title: 'Gone' }, T0);
        const { id } = await store.insertArticle(article(s.id, 9001));
        assert.deepEqual(await store.findSource({ id: s.id }), { ...(await store.listSources()).find((x) => x.id === s.id), removedAt: null });
        assert.equal(await store.removeSource(s.id), true);
        assert.equal(await store.removeSource(s.id), false);
        assert.equal(await store.getSource(s.id), null);
        assert.equal(await store.getSourceBySlug('gone'), null);
        assert.equal((await store.findSource({ slug: 'gone' }))?.id, s.id, 'a removed source still holds its slug');
        assert.ok(!(await store.listSources()).some((x) => x.id === s.id));
        assert.equal((await store.getArticle(id))?.source, 'gone');
        // a removed source is still found, with its articles and when it was removed, by id and by slug
        const removed = await store.findSource({ id: s.id });
        assert.deepEqual({ ...removed, removedAt: 0 }, { ...s, ...(await store.getFetchState(s.id)), articles: 1, removedAt: 0 });
        assert.ok(typeof removed?.removedAt === 'number' && removed.removedAt > 0);
        assert.deepEqual(await store.findSource({ slug: 'gone' }), removed);
        assert.equal(await store.findSource({ id: 999_999 }), null);
        assert.equal(await store.findSource({ slug: 'never-stored' }), null);
        // keys no row can hold (PostgreSQL refuses them as parameters) find nothing on every store
        assert.equal(await store.findSource({ slug: 'gone\u0000' }), null);
        assert.equal(await store.findSource({ id: 2 ** 64 }), null);
        const again = await store.addSource({ slug: 'gone', url: 'https://gone.test/', feedUrl: 'https://gone.test/rss', kind: 'feed', title: 'Gone again' }, T0);
        assert.equal(again.id, s.id);
        assert.equal((await store.listSources()).find((x) => x.id === s.id)?.articles, 1);
        assert.equal((await store.findSource({ id: s.id }))?.removedAt, null);
      });
    });

    describe('articles', () => {
      let sourceId: number;
      before(async () => {
        sourceId = (await store.ensureImportSource('articles-src', T0)).id;
      });

      it('stores text byte-exact and refuses a second copy of a canonical URL', async () => {
        const text = 'أَعْلَنَ   المسؤولُ\r\nـــ «اليوم» ١٢٣ \u200f\u200dنص\n\n\tend ';
        const first = await store.insertArticle(article(sourceId, 1, { text, tags: ['سياسة', 'x'] }));
        assert.equal(first.inserted, true);
        const again = await store.insertArticle(article(sourceId, 1, { title: 'different' }));
        assert.deepEqual(again, { id: first.id, inserted: false });
        const got = await store.getArticle(first.id);
        assert.equal(got?.text, text);
        assert.deepEqual(got?.tags, ['سياسة', 'x']);
        assert.equal(got?.source, 'articles-src');
        assert.equal(got?.canonicalUrl, 'https://example.com/news/1');
        assert.equal(got?.storyId, null);
        assert.deepEqual(await store.getArticleByCanonicalUrl('https://example.com/news/1'), got);
        assert.deepEqual(await store.getArticleByExternalId(sourceId, 'guid-1'), got);
        assert.equal(await store.getArticleByCanonicalUrl('https://example.com/none'), null);
        assert.deepEqual(await store.storedCanonicalUrls(['https://example.com/none', 'https://example.com/news/1']), new Set(['https://example.com/news/1']));
        assert.deepEqual(await store.storedCanonicalUrls([]), new Set());
      });

      it('finds nothing for a key holding a NUL (a request parameter; PostgreSQL refused the query)', async () => {
        const nul = (await store.ensureImportSource('articles-nul', T0)).id;
        await store.insertArticle(article(nul, 30));
        assert.equal(await store.getSourceBySlug('articles-nul\u0000'), null);
        assert.equal(await store.getSourceByFeedUrl('import:articles-nul\u0000'), null);
        assert.equal(await store.getArticleByExternalId(nul, 'guid-30\u0000'), null);
        assert.equal(await store.getArticleByCanonicalUrl('https://example.com/news/30\u0000'), null);
        assert.deepEqual(await store.storedCanonicalUrls(['https://example.com/news/30', 'https://example.com/news/30\u0000']), new Set(['https://example.com/news/30']));
        assert.deepEqual(await store.searchSourceIds(['articles-nul', 'articles-nul\u0000']), new Map([['articles-nul', nul]]));
      });

      it('finds nothing for an id no row can have (a command-line argument; PostgreSQL refused it beyond bigint)', async () => {
        const { id } = await store.insertArticle(article((await store.ensureImportSource('articles-ids', T0)).id, 31));
        assert.equal(await store.getSource(1e20), null);
        assert.equal(await store.getArticle(1e20), null);
        assert.deepEqual((await store.getArticles([1e20, id])).map((a) => a.id), [id]);
        assert.equal(await store.getStory(1e20), null);
      });

      it('lists newest first with keyset pagination and source filter', async () => {
        const other = (await store.ensureImportSource('articles-other', T0)).id;
        for (const n of [10, 12, 11]) await store.insertArticle(article(sourceId, n));
        await store.insertArticle(article(other, 13));
        await store.insertArticle(article(sourceId, 14, { published: null }));
        const mine = await store.listArticles({ sourceId, limit: 10 });
        // unknown publication time sorts by ingestion time, which is later than every published time here
        assert.deepEqual(mine.map((a) => a.externalId), ['guid-14', 'guid-12', 'guid-11', 'guid-10', 'guid-1']);
        const page1 = await store.listArticles({ sourceId, limit: 2 });
        const last = page1[1]!;
        const page2 = await store.listArticles({ sourceId, limit: 2, before: { time: last.published ?? last.ingestedAt, id: last.id } });
        assert.deepEqual(page2.map((a) => a.externalId), ['guid-11', 'guid-10']);
        assert.ok((await store.countArticles()) >= 6);
        const ids = mine.map((a) => a.id).reverse();
        assert.deepEqual((await store.getArticles([...ids, 987_654])).map((a) => a.id), ids);
      });

      it('updates fields and finds exact copies by content hash', async () => {
        const { id } = await store.insertArticle(article(sourceId, 20, { contentHash: 'same' }));
        const { id: id2 } = await store.insertArticle(article(sourceId, 21, { contentHash: 'same' }));
        assert.deepEqual(await store.findByContentHash('same'), [id, id2]);
        await store.updateArticle(id2, { duplicateOf: id, origin: 'واس', published: T0 - 1000 });
        const got = await store.getArticle(id2);
        assert.equal(got?.duplicateOf, id);
        assert.equal(got?.origin, 'واس');
        assert.equal(got?.published, T0 - 1000);
        const oldest = await store.listArticles({ sourceId, limit: 100 });
        assert.equal(oldest.at(-1)?.id, id2, 'changing published moves the article in the list');
        // Each report once: the copy is left out, its root (a null or self duplicate_of) stays.
        await store.updateArticle(id, { duplicateOf: id });
        const reports = await store.listArticles({ sourceId, limit: 100, reportsOnly: true });
        assert.ok(reports.some((a) => a.id === id) && !reports.some((a) => a.id === id2));
        assert.ok(reports.some((a) => a.duplicateOf === null));
        assert.equal(reports.length, oldest.length - 1);
        const titles = await store.listArticles({ sourceId, limit: 100, withText: false });
        assert.deepEqual(titles.map((a) => [a.id, a.title, a.text]), oldest.map((a) => [a.id, a.title, '']), 'the same rows, texts not read');
        assert.ok(oldest.some((a) => a.text !== ''));
        await assert.rejects(store.updateArticle(999_999, { origin: 'x' }), (e: unknown) => e instanceof AppError && e.code === 'NOT_FOUND');
      });
    });

    describe('fingerprints', () => {
      it('round-trips signatures and finds band candidates', async () => {
        const src = (await store.ensureImportSource('fp', T0)).id;
        const ids: number[] = [];
        for (let n = 30; n < 33; n++) ids.push((await store.insertArticle(article(src, n))).id);
        const sig = (seed: number) => Uint32Array.from({ length: 8 }, (_, i) => (seed * 2654435761 + i) >>> 0);
        await store.putFingerprint({ articleId: ids[0]!, minhash: sig(1), bands: [101, 102], shingles: 40 });
        await store.putFingerprint({ articleId: ids[1]!, minhash: sig(2), bands: [102, 103], shingles: 41 });
        await store.putFingerprint({ articleId: ids[2]!, minhash: sig(3), bands: [104], shingles: 5 });
        const got = await store.getFingerprints(ids);
        assert.deepEqual([...got.get(ids[0]!)!.minhash], [...sig(1)]);
        assert.equal(got.get(ids[1]!)!.shingles, 41);
        assert.deepEqual([...got.get(ids[1]!)!.bands].sort(), [102, 103]);
        assert.deepEqual(await store.findBandCandidates([102], ids[0]!, 10), [ids[1]!]);
        assert.deepEqual(new Set(await store.findBandCandidates([101, 103, 104], null, 10)), new Set(ids));
        assert.equal((await store.findBandCandidates([101, 103, 104], null, 1)).length, 1);
        assert.deepEqual(await store.findBandCandidates([], null, 10), []);
        // replacing a fingerprint replaces its bands
        await store.putFingerprint({ articleId: ids[0]!, minhash: sig(4), bands: [105], shingles: 3 });
        assert.deepEqual(await store.findBandCandidates([101], null, 10), []);
      });
    });

    describe('stories and related lists', () => {
      it('creates, updates and lists stories by last update', async () => {
        const src = (await store.ensureImportSource('st', T0)).id;
        const a = (await store.insertArticle(article(src, 40))).id;
        const b = (await store.insertArticle(article(src, 41))).id;
        const s1 = await store.createStory({ title: 'قصة أولى', titleArticleId: a, firstSeen: T0, lastSeen: T0 + 100, articles: 1, sources: 1, firstArticleId: a });
        const s2 = await store.createStory({ title: 'قصة ثانية', titleArticleId: b, firstSeen: T0, lastSeen: T0 + 50, articles: 1, sources: 1, firstArticleId: b });
        await store.updateArticle(a, { storyId: s1.id });
        await store.updateArticle(b, { storyId: s1.id });
        await store.updateStory(s1.id, { articles: 2, lastSeen: T0 + 200 });
        assert.deepEqual(await store.getStory(s1.id), { ...s1, articles: 2, lastSeen: T0 + 200 });
        assert.deepEqual(await store.storyArticleIds(s1.id), [a, b]);
        const listed = (await store.listStories({ limit: 10 })).map((s) => s.id);
        assert.ok(listed.indexOf(s1.id) < listed.indexOf(s2.id));
        assert.deepEqual((await store.recentStories(T0 + 150, 10)).map((s) => s.id), [s1.id]);
        const after1 = await store.listStories({ limit: 10, before: { time: T0 + 200, id: s1.id } });
        assert.ok(after1.some((s) => s.id === s2.id) && !after1.some((s) => s.id === s1.id));
        const state = Uint8Array.from([1, 2, 3, 250]);
        await store.putStoryState(s1.id, state);
        assert.deepEqual([...((await store.getStoryState([s1.id, s2.id])).get(s1.id) ?? [])], [1, 2, 3, 250]);
        assert.equal((await store.getStoryState([s2.id])).size, 0);
        assert.equal(await store.getStory(999_999), null);
      });

      it('replaces related lists per kind', async () => {
        const src = (await store.ensureImportSource('rel', T0)).id;
        const [a, b, c] = [50, 51, 52].map((n) => n);
        const ids = [] as number[];
        for (const n of [a, b, c]) ids.push((await store.insertArticle(article(src, n!))).id);
        await store.replaceRelated(ids[0]!, 'related', [{ relatedId: ids[1]!, rank: 0, score: 0.9 }, { relatedId: ids[2]!, rank: 1, score: 0.5 }]);
        await store.replaceRelated(ids[0]!, 'same_story', [{ relatedId: ids[2]!, rank: 0, score: 0.8 }]);
        await store.replaceRelated(ids[0]!, 'related', [{ relatedId: ids[2]!, rank: 0, score: 0.7 }]);
        const rel = await store.getRelated(ids[0]!);
        assert.deepEqual(
          rel.map((r) => [r.kind, r.rank, r.relatedId]),
          [['related', 0, ids[2]], ['same_story', 0, ids[2]]],
        );
        assert.deepEqual(await store.getRelated(ids[1]!), []);
      });
    });

    describeStoryEngineContract(() => store, article, T0);

    describe('transactions', () => {
      it('commits together or not at all', async () => {
        const src = (await store.ensureImportSource('tx', T0)).id;
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.insertArticle(article(src, 70));
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.equal(await store.getArticleByCanonicalUrl('https://example.com/news/70'), null);
        const id = await store.transaction(async (tx) => {
          const r = await tx.insertArticle(article(src, 71));
          // a nested transaction joins the outer one and sees its writes
          return tx.transaction(async (inner) => {
            assert.ok(await inner.getArticle(r.id));
            return r.id;
          });
        });
        assert.ok(await store.getArticle(id));
      });

      it('isolates a transaction until it commits, and runs concurrent transactions to completion', async () => {
        const src = (await store.ensureImportSource('tx2', T0)).id;
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        let inserted!: () => void;
        const insertedSignal = new Promise<void>((r) => (inserted = r));
        const slow = store.transaction(async (tx) => {
          await tx.insertArticle(article(src, 80));
          inserted();
          await gate;
        });
        await insertedSignal;
        // Outside the open transaction its write is not visible yet.
        assert.equal(await store.getArticleByCanonicalUrl('https://example.com/news/80'), null);
        const other = store.transaction(async (tx) => {
          await tx.insertArticle(article(src, 81));
        });
        const write = store.insertArticle(article(src, 82));
        release();
        await Promise.all([slow, other, write]);
        for (const n of [80, 81, 82]) assert.ok(await store.getArticleByCanonicalUrl(`https://example.com/news/${n}`));
      });

      it('answers ping', async () => {
        await store.ping();
      });
    });
  });
  describeSearchIndexContract(adapter, openEmpty);
}
