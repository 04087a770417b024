import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndexDocument } from '../search/index-document.js';
import { SEARCH_KEY_VERSION, exactKey, skeletonKey, stemKey } from '../search/index-keys.js';
import { BULK_MERGE_FACTOR, MERGE_FACTOR } from '../search/merge-policy.js';
import { PostingsCursor } from '../search/postings.js';
import { analyzeTerms } from '../text/index.js';
import type { NewArticle, Store } from './store.js';
import { encodeSegment } from './search-index-core.js';

/** Sada's analyzer without stemming (each word its own stem): the keys below stay predictable. */
const terms = (text: string) => analyzeTerms(text, { stemmer: (norm) => norm });

/**
 * The search-index part of the storage contract: postings survive merges, re-indexing replaces, removal
 * hides, and the article facts the ranking needs come back right.
 */
export function describeSearchIndexContract(adapter: string, openEmpty: () => Promise<Store>): void {
  const T0 = Date.parse('2015-08-01T08:00:00Z');

  describe(`Search index contract: ${adapter}`, () => {
    let store: Store;
    let okaz: number;
    let was: number;
    before(async () => {
      store = await openEmpty();
      okaz = (await store.ensureImportSource('okaz', T0)).id;
      was = (await store.ensureImportSource('was', T0)).id;
    });
    after(async () => {
      await store.close();
    });

    const article = (sourceId: number, n: number, extra: Partial<NewArticle> = {}): NewArticle => ({
      sourceId,
      url: `https://news.test/${n}`,
      canonicalUrl: `https://news.test/${n}`,
      externalId: null,
      title: `خبر ${n}`,
      text: 'نص',
      summary: null,
      author: null,
      category: null,
      tags: [],
      image: null,
      lang: 'ar',
      published: T0 + n * 3_600_000,
      ingestedAt: T0,
      contentHash: `h${n}`,
      ...extra,
    });

    const index = (id: number, title: string, body: string) => store.indexDocument(buildIndexDocument(id, terms(title), terms(body)));

    async function docsWith(key: string): Promise<number[]> {
      const docs: number[] = [];
      for (const part of (await store.searchPostings([key])).get(key) ?? []) {
        const cursor = new PostingsCursor(part.bytes, key.startsWith('s'));
        while (cursor.next()) if (!part.stale?.has(cursor.doc)) docs.push(cursor.doc);
      }
      return docs.sort((a, b) => a - b);
    }

    it('finds every document under its keys across segment merges', async () => {
      const ids: number[] = [];
      const count = MERGE_FACTOR * 3 + 3;
      for (let n = 1; n <= count; n++) {
        const { id } = await store.insertArticle(article(n % 2 ? okaz : was, n));
        ids.push(id);
        await index(id, `امير مكه ${n % 3 === 0 ? 'عكاظ' : 'جده'}`, `الامير يفتتح سوق عكاظ في يوم ${n}`);
      }
      assert.deepEqual(await docsWith(stemKey('امير')), ids);
      assert.deepEqual(await docsWith(stemKey('جده')), ids.filter((_, i) => (i + 1) % 3 !== 0));
      assert.deepEqual(await docsWith(exactKey('الامير')), ids, 'the exact key drops the article');
      assert.deepEqual(await docsWith(stemKey('في')), [], 'stopwords are not indexed');
      assert.deepEqual(await docsWith(stemKey('غير-موجود')), []);
      const stats = await store.searchStats();
      assert.equal(stats.docs, count);
      assert.equal(stats.titleTokens, count * 3);
      const parts = (await store.searchPostings([stemKey('امير')])).get(stemKey('امير'))!;
      assert.ok(parts.length < count, 'segments were merged');
      assert.equal(parts.reduce((n, p) => n + p.df, 0), count);
    });

    it('indexes a batch as one segment, the last version of a repeated document winning', async () => {
      const a = (await store.insertArticle(article(okaz, 400))).id;
      const b = (await store.insertArticle(article(was, 401))).id;
      const before = await store.searchStats();
      await store.indexDocuments([
        buildIndexDocument(a, terms('بركان'), terms('ثوران بركان')),
        buildIndexDocument(b, terms('بركان'), terms('رماد')),
        buildIndexDocument(a, terms('اعصار'), terms('رياح')),
      ]);
      assert.deepEqual(await docsWith(stemKey('بركان')), [b]);
      assert.deepEqual(await docsWith(stemKey('اعصار')), [a]);
      assert.equal((await store.searchStats()).docs, before.docs + 2);
      await store.indexDocuments([]);
      // An article with no words to index is accepted (and counted) all the same.
      const empty = (await store.insertArticle(article(okaz, 402))).id;
      await index(empty, '', '... !!!');
      assert.ok(!(await store.unindexedArticleIds(0, 10_000)).includes(empty));
    });

    it('indexes a segment encoded by the caller as it indexes the documents', async () => {
      const a = (await store.insertArticle(article(okaz, 500))).id;
      const b = (await store.insertArticle(article(was, 501))).id;
      await index(a, 'سيل', 'سيل جارف');
      const before = await store.searchStats();
      await store.indexSegment(encodeSegment([buildIndexDocument(a, terms('مطر'), terms('مطر غزير')), buildIndexDocument(b, terms('مطر'), terms('برق'))]));
      assert.deepEqual(await docsWith(stemKey('مطر')), [a, b]);
      assert.deepEqual(await docsWith(stemKey('سيل')), [], 'the earlier version of a is replaced');
      const after = await store.searchStats();
      assert.equal(after.docs, before.docs + 1);
      assert.equal(after.titleTokens, before.titleTokens - 1 + 2);
      await store.indexSegment(encodeSegment([]));
      assert.deepEqual(await store.searchStats(), after);
    });

    it('reads and merges segments written before key filters (no filter in the directory)', async () => {
      const a = (await store.insertArticle(article(okaz, 550))).id;
      const b = (await store.insertArticle(article(was, 551))).id;
      const { filter: _dropped, ...old } = encodeSegment([buildIndexDocument(a, terms('غبار'), terms('غبار كثيف'))]);
      await store.indexSegment(old, BULK_MERGE_FACTOR);
      await store.indexSegment(encodeSegment([buildIndexDocument(b, terms('غبار'), terms('زوابع'))]), BULK_MERGE_FACTOR);
      assert.deepEqual(await docsWith(stemKey('غبار')), [a, b]);
      assert.deepEqual(await docsWith(stemKey('كثيف')), [a]);
      assert.deepEqual(await docsWith(stemKey('زوابع')), [b], 'a key only the filtered segment holds');
      await store.optimizeSearchIndex();
      assert.deepEqual(await docsWith(stemKey('غبار')), [a, b]);
      assert.deepEqual(await docsWith(stemKey('كثيف')), [a], 'the merged segment (now filtered) keeps the old segment\'s keys');
    });

    it('lets a bulk load (a larger merge factor) keep its segments until the index is merged', async () => {
      const parts = async () => ((await store.searchPostings([stemKey('زلزال')])).get(stemKey('زلزال')) ?? []).length;
      const ids: number[] = [];
      for (let n = 0; n < MERGE_FACTOR + 1; n++) {
        const { id } = await store.insertArticle(article(okaz, 600 + n));
        ids.push(id);
        await store.indexSegment(encodeSegment([buildIndexDocument(id, terms('زلزال'), terms(`زلزال قوي ${n}`))]), BULK_MERGE_FACTOR);
      }
      assert.equal(await parts(), MERGE_FACTOR + 1, 'no merge below the bulk factor');
      const { id } = await store.insertArticle(article(was, 700));
      await index(id, 'زلزال', 'هزة ارتدادية');
      assert.ok((await parts()) <= 3, 'indexing with the usual factor merges the neighbours');
      await store.optimizeSearchIndex();
      assert.equal(await parts(), 1);
      assert.deepEqual(await docsWith(stemKey('زلزال')), [...ids, id]);
    });

    it('merges segments of many blocks (read a few at a time) without losing a key', async () => {
      // Two segments of 64 and 65 blocks: a merge reads them in several rounds, one ending on a round's edge.
      // Distinct words of letters the analyzer leaves as they are (digits would split a word in two).
      const LETTERS = 'بتثجحخدذرزسشصضطظعغفقكلمن';
      const word = (segment: number, n: number) => {
        let w = LETTERS[segment]!;
        for (let k = 0; k < 3; k++, n = Math.floor(n / LETTERS.length)) w += LETTERS[n % LETTERS.length]!;
        return w;
      };
      /** A one-document segment of exactly `blocks` blocks (more words, more blocks). */
      const sized = async (segment: number, blocks: number) => {
        const { id } = await store.insertArticle(article(okaz, 800 + segment));
        const build = (words: number) =>
          encodeSegment([buildIndexDocument(id, terms('حصاد'), terms(Array.from({ length: words }, (_, n) => word(segment, n)).join(' ')))]);
        // Blocks grow in proportion to the words: start from an estimate, then walk to the exact count.
        let words = Math.round((blocks * 3000) / build(3000).blocks.length);
        for (let step = 0; step < 200; step++) {
          const built = build(words);
          if (built.blocks.length === blocks) return { id, built, words };
          words += built.blocks.length < blocks ? 5 : -5;
        }
        throw new Error(`no word count makes ${blocks} blocks`);
      };
      const first = await sized(0, 64);
      const second = await sized(1, 65);
      await store.indexSegment(first.built, BULK_MERGE_FACTOR);
      await store.indexSegment(second.built, BULK_MERGE_FACTOR);
      // Each word is filed under its stem, its exact form and its skeleton, in key ranges far apart: every
      // key found before the merge must be found after it (a block skipped by a read would lose some).
      const keys = [first, second].flatMap((s, segment) =>
        Array.from({ length: s.words }, (_, n) => word(segment, n)).flatMap((w) => [stemKey(w), exactKey(w), skeletonKey(w) ?? stemKey(w)]),
      );
      const documentsOf = async () => {
        const found = await store.searchPostings(keys);
        const docs: Record<string, number[]> = {};
        for (const key of keys) {
          docs[key] = [];
          for (const part of found.get(key) ?? []) {
            const cursor = new PostingsCursor(part.bytes, key.startsWith('s'));
            while (cursor.next()) if (!part.stale?.has(cursor.doc)) docs[key].push(cursor.doc);
          }
        }
        return docs;
      };
      const before = await documentsOf();
      assert.ok(Object.values(before).filter((d) => d.length > 0).length > 2 * (first.words + second.words), 'most keys are filed');
      await store.optimizeSearchIndex();
      const after = await documentsOf();
      const changed = keys.filter((key) => after[key]!.join() !== before[key]!.join());
      assert.deepEqual(changed.slice(0, 5), [], `${changed.length} of ${keys.length} keys changed by the merge`);
      assert.deepEqual(await docsWith(stemKey('حصاد')), [first.id, second.id]);
      assert.equal((await store.searchPostings([stemKey('حصاد')])).get(stemKey('حصاد'))!.length, 1, 'one segment');
    });

    it('replaces a re-indexed document and hides a removed one', async () => {
      const { id } = await store.insertArticle(article(okaz, 100));
      await index(id, 'زلزال في ايران', 'زلزال بقوه 5');
      assert.ok((await docsWith(stemKey('زلزال'))).includes(id));
      await index(id, 'فيضان في الهند', 'فيضان');
      assert.ok(!(await docsWith(stemKey('زلزال'))).includes(id), 'old words are gone');
      assert.deepEqual(await docsWith(stemKey('فيضان')), [id]);
      const before = await store.searchStats();
      await store.removeDocument(id);
      await store.removeDocument(id);
      assert.deepEqual(await docsWith(stemKey('فيضان')), []);
      assert.equal((await store.searchStats()).docs, before.docs - 1);
    });

    it('lists the stored articles the index lacks', async () => {
      const { id } = await store.insertArticle(article(okaz, 300));
      const missing = await store.unindexedArticleIds(0, 1000);
      assert.ok(missing.includes(id));
      assert.deepEqual(await store.unindexedArticleIds(id, 10), []);
      await index(id, 'خبر', 'نص');
      assert.ok(!(await store.unindexedArticleIds(0, 1000)).includes(id));
    });

    it('reads further keys chosen from the first ones, from the same segments', async () => {
      const asked: string[][] = [];
      const out = await store.searchPostings([stemKey('امير')], (found) => {
        asked.push([...found.keys()]);
        return [stemKey('عكاظ'), stemKey('امير'), stemKey('غير-موجود')];
      });
      assert.deepEqual(asked, [[stemKey('امير')]]);
      assert.deepEqual([...out.keys()].sort(), [stemKey('امير'), stemKey('عكاظ')].sort());
      const alone = (await store.searchPostings([stemKey('عكاظ')])).get(stemKey('عكاظ'))!;
      assert.deepEqual(
        out.get(stemKey('عكاظ'))!.map((p) => p.df),
        alone.map((p) => p.df),
      );
      assert.deepEqual([...(await store.searchPostings([stemKey('غير-موجود')], () => [stemKey('امير')])).keys()], [stemKey('امير')]);
    });

    it('optimizes into one segment without losing postings', async () => {
      const before = await docsWith(stemKey('امير'));
      await store.optimizeSearchIndex();
      const parts = (await store.searchPostings([stemKey('امير')])).get(stemKey('امير'))!;
      assert.equal(parts.length, 1);
      assert.equal(parts[0]!.stale, undefined);
      assert.deepEqual(await docsWith(stemKey('امير')), before);
      assert.deepEqual(await docsWith(stemKey('فيضان')), [], 'removed documents stay removed after the merge');
    });

    it('answers the facts ranking needs: sources, dates, reports', async () => {
      const first = await store.insertArticle(article(was, 200));
      const copy = await store.insertArticle(article(okaz, 201, { duplicateOf: first.id }));
      await store.updateArticle(first.id, { duplicateOf: first.id });
      const info = await store.searchDocInfo([first.id, copy.id, 999_999]);
      assert.equal(info.size, 2);
      assert.equal(info.get(copy.id)?.reportId, first.id);
      assert.equal(info.get(first.id)?.reportId, first.id);
      assert.equal(info.get(copy.id)?.sourceId, okaz);
      assert.equal(info.get(copy.id)?.sortTime, T0 + 201 * 3_600_000);
      assert.deepEqual([...(await store.searchReportOutlets([first.id]))], [[first.id, 2]]);
      const bySource = await store.searchFilterIds({ sourceIds: [was] });
      assert.ok(bySource.has(first.id) && !bySource.has(copy.id));
      const byDate = await store.searchFilterIds({ from: T0 + 201 * 3_600_000, to: T0 + 201 * 3_600_000 });
      assert.deepEqual([...byDate], [copy.id]);
      assert.deepEqual([...(await store.searchSourceIds(['okaz', 'nope']))], [['okaz', okaz]]);
    });

    it('walks the articles newest first, ties by id, page after page', async () => {
      const late = Date.parse('2030-01-01T00:00:00Z');
      const tied: number[] = [];
      for (const n of [9100, 9101, 9102]) tied.push((await store.insertArticle(article(okaz, n, { published: late }))).id);
      const newer: number[] = [];
      for (const n of [9103, 9104]) newer.push((await store.insertArticle(article(was, n, { published: late + 3_600_000 }))).id);
      // No publication time: placed by its ingestion time, the newest of all.
      const undated = (await store.insertArticle(article(was, 9105, { published: null, ingestedAt: late + 7_200_000 }))).id;
      const first = await store.searchNewest(null, 6);
      assert.deepEqual(first.map((a) => a.id), [undated, ...newer.reverse(), ...tied.reverse()]);
      assert.equal(first[0]!.sortTime, late + 7_200_000);
      // Pages of two, each after the last one's place, give the same walk as one long page.
      const all = await store.searchNewest(null, 100_000);
      const walked: number[] = [];
      for (let page = await store.searchNewest(null, 2); page.length > 0; page = await store.searchNewest(page[page.length - 1]!, 2)) walked.push(...page.map((a) => a.id));
      assert.deepEqual(walked, all.map((a) => a.id));
      assert.equal(new Set(walked).size, walked.length);
      for (let i = 1; i < all.length; i++) {
        const [a, b] = [all[i - 1]!, all[i]!];
        assert.ok(a.sortTime > b.sortTime || (a.sortTime === b.sortTime && a.id > b.id), `order at ${i}`);
      }
    });

    it('records the key version, and empties the index for a rebuild', async () => {
      assert.equal((await store.searchStats()).keyVersion, SEARCH_KEY_VERSION);
      const indexed = await docsWith(stemKey('امير'));
      assert.ok(indexed.length > 0);
      await store.resetSearchIndex();
      const stats = await store.searchStats();
      assert.deepEqual(stats, { docs: 0, titleTokens: 0, bodyTokens: 0, keyVersion: SEARCH_KEY_VERSION });
      assert.deepEqual(await docsWith(stemKey('امير')), []);
      const missing = new Set(await store.unindexedArticleIds(0, 100_000));
      assert.ok(indexed.every((id) => missing.has(id)), 'every article is unindexed again');
      await index(indexed[0]!, 'امير', 'نص');
      assert.deepEqual(await docsWith(stemKey('امير')), [indexed[0]]);
      assert.equal((await store.searchStats()).docs, 1);
    });
  });
}
