import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AppError } from '../core/errors.js';
import type { ArticleInput } from '../core/types.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { PgStore } from '../store/postgres/pg-store.js';
import type { Store } from '../store/store.js';
import { fixturePath } from '../test-support/paths.js';
import { PG_SKIP, TEST_PG_URL, dropTestSchemas, freshSchema } from '../test-support/postgres.js';
import { backgroundStats } from '../test-support/story-fixtures.js';
import { createArticlePipeline, type ArticleIndexer } from './process-article.js';
import type { StoryEngineOptions } from './story-engine.js';
import { cappedText, cappedTitle, MAX_AUTHOR_LENGTH, MAX_CATEGORY_LENGTH, MAX_EXTERNAL_ID_LENGTH, MAX_IMAGE_URL_LENGTH, MAX_SUMMARY_LENGTH, MAX_TAG_LENGTH, MAX_TAGS, MAX_TITLE_LENGTH } from '../core/storable-text.js';
import { encodeProfile } from '../stories/profile-codec.js';
import { JUDGE_MODEL } from '../stories/model.js';
import { indexDocumentFor } from '../search/index-document.js';
import { prepareText } from './prepared-text.js';
import { DEFAULT_CORPUS_STATS } from './corpus-stats.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 10, 3, 6);

/** A hand-written fixture article: first line the headline, the rest the text. */
function fixture(path: string): { title: string; text: string } {
  const [title = '', ...rest] = readFileSync(fixturePath(...path.split('/')), 'utf8').trim().split('\n');
  return { title, text: rest.join('\n') };
}

function input(path: string, source: string, hours: number, extra: Partial<ArticleInput> = {}): ArticleInput {
  const { title, text } = fixture(`${path}.txt`);
  return { url: `https://${source}.example/news/${path.replace(/\W+/g, '-')}`, source, title, text, published: T0 + hours * HOUR, ...extra };
}

/**
 * A synthetic reference corpus (a handful of test articles alone give no sensible term weights); and
 * every article sharing one candidate key is judged, so these tests exercise placement and reading lists
 * rather than the recall of the candidate lookup (measured on real data in docs/STORIES.md).
 */
const engine = { minSharedKeys: 1, stats: { ...DEFAULT_CORPUS_STATS, background: backgroundStats([]) } };

/** Eight articles of five stories: an airport event (wire, copy, rewrite), its follow-up, a football result, an Aramco contract (and its copy), a transfer. */
function fiveStories(): ArticleInput[] {
  return [
    input('stories/airport/original', 'was', 0),
    input('stories/airport/copy', 'okaz', 1),
    input('stories/airport/rewrite', 'alriyadh', 3),
    input('stories/airport/related', 'alwatan', 30),
    input('stories/airport/unrelated', 'arreyadi', 2),
    input('pipeline/reuters-original', 'alarabiya', 4),
    input('pipeline/reuters-copy', 'skynews', 6),
    input('pipeline/read-also', 'alyaum', 5),
  ];
}

const schemas: string[] = [];
after(() => dropTestSchemas(schemas));

const adapters: Array<{ name: string; open: () => Promise<Store>; skip: string | false }> = [
  { name: 'sqlite', open: () => SqliteStore.open({ path: ':memory:' }), skip: false },
  {
    name: 'postgres',
    open: () => {
      const schema = freshSchema('pipe');
      schemas.push(schema);
      return PgStore.open({ url: TEST_PG_URL, schema });
    },
    skip: PG_SKIP,
  },
];

for (const adapter of adapters) {
  describe(`article pipeline (${adapter.name})`, { skip: adapter.skip }, () => {
    async function setup(options: { index?: ArticleIndexer; engine?: Partial<StoryEngineOptions> } = {}) {
      const store = await adapter.open();
      const process = createArticlePipeline({ now: () => T0 + 1000 * HOUR, index: options.index, engine: { ...engine, ...options.engine } });
      const ingest = async (...items: ArticleInput[]) => {
        const ids: number[] = [];
        for (const item of items) {
          await store.transaction((tx) => process(tx, item));
          ids.push((await store.getArticleByCanonicalUrl(item.url.replace(/^https:\/\//, 'https://')))!.id);
        }
        return ids;
      };
      return { store, process, ingest };
    }

    it('a NUL is stored as a space and a lone surrogate as U+FFFD (PostgreSQL refuses both; the article was lost there)', async () => {
      const { store, ingest } = await setup();
      const wire = input('stories/airport/original', 'was', 1);
      const [id] = await ingest({ ...wire, title: `${wire.title}\u0000`, text: wire.text.replace(' ', '\u0000'), author: 'واس\u0000', tags: ['مطار\ud800'] });
      const [stored] = await store.getArticles([id!]);
      assert.equal(stored!.title, `${wire.title} `);
      assert.equal(stored!.text, wire.text.replace(' ', ' '));
      assert.equal(stored!.author, 'واس ');
      // PostgreSQL refuses a lone surrogate in JSON (tags): U+FFFD, as UTF-8 storage makes of it in text.
      assert.deepEqual(stored!.tags, ['مطار\ufffd']);
      await store.close();
    });

    it('a title of a million characters is stored cut at MAX_TITLE_LENGTH, and what is analysed and indexed is the stored title', async () => {
      const { store, ingest } = await setup();
      const wire = input('stories/airport/original', 'was', 1);
      const long = `${wire.title} ${'كلمة '.repeat(200_000)}نهايةفريدة`;
      const [id] = await ingest({ ...wire, title: long });
      const [stored] = await store.getArticles([id!]);
      assert.equal(stored!.title, cappedTitle(long));
      assert.ok(stored!.title.length <= MAX_TITLE_LENGTH && stored!.title.startsWith(`${wire.title} كلمة`));
      // the profile the story engine stored is the one of the stored title, the same on every store
      const expected = encodeProfile(prepareText(stored!.title, stored!.text, JUDGE_MODEL).prepared.profile);
      assert.deepEqual((await store.getArticleProfiles([id!])).get(id!), expected);
      const indexed = async (word: string) => (await store.searchPostings(indexDocumentFor(0, word, '').terms.map((t) => t.key))).size > 0;
      assert.equal(await indexed('كلمة'), true);
      assert.equal(await indexed('نهايةفريدة'), false, 'a word past the cut is not in the search index');
      await store.close();
    });

    it('author, summary, category and tags of megabytes (or 100,000 tags) are stored capped, as storableInput cuts them', async () => {
      const { store, ingest } = await setup();
      const wire = input('stories/airport/original', 'was', 1);
      const words = (word: string, n: number) => `${word} `.repeat(n).trim();
      const hostile = { author: words('محرر', 200_000), summary: words('ملخص', 500_000), category: words('قسم', 100_000), tags: [words('وسم', 10_000), ...Array.from({ length: 100_000 }, (_, i) => `وسم${i}`)] };
      const [id] = await ingest({ ...wire, ...hostile });
      const [stored] = await store.getArticles([id!]);
      // lengths first: a failed comparison of megabyte strings takes minutes to print
      assert.deepEqual([stored!.author!.length <= MAX_AUTHOR_LENGTH, stored!.summary!.length <= MAX_SUMMARY_LENGTH, stored!.category!.length <= MAX_CATEGORY_LENGTH, stored!.tags.length], [true, true, true, MAX_TAGS]);
      assert.equal(stored!.author, cappedText(hostile.author, MAX_AUTHOR_LENGTH));
      assert.equal(stored!.summary, cappedText(hostile.summary, MAX_SUMMARY_LENGTH));
      assert.equal(stored!.category, cappedText(hostile.category, MAX_CATEGORY_LENGTH));
      assert.deepEqual(stored!.tags, [cappedText(hostile.tags[0]!, MAX_TAG_LENGTH), ...hostile.tags.slice(1, MAX_TAGS)]);
      await store.close();
    });

    it('a URL too long to be a key is refused, and an external id too long is not kept (PostgreSQL refused both in its unique index; SQLite stored them)', async () => {
      const { store, process, ingest } = await setup();
      const wire = input('stories/airport/original', 'was', 1);
      const longUrl = `https://was.example/news/${'x'.repeat(3000)}`;
      await assert.rejects(
        store.transaction((tx) => process(tx, { ...wire, url: longUrl })),
        (e: unknown) => e instanceof AppError && e.code === 'BAD_INPUT' && /longer than 2000/.test(e.message),
      );
      assert.equal(await store.countArticles(), 0);
      const [id] = await ingest({ ...wire, externalId: `guid-${'ع'.repeat(1500)}` });
      const [stored] = await store.getArticles([id!]);
      assert.equal(stored!.externalId, null);
      assert.equal(stored!.title, wire.title);
      await store.close();
    });

    it('an image URL or external id past its limit is not kept, nor a lang that is no language tag; the article is', async () => {
      const { store, ingest } = await setup();
      const wire = input('stories/airport/original', 'was', 1);
      const copy = input('stories/airport/copy', 'okaz', 2);
      const [id, kept] = await ingest(
        { ...wire, image: `https://cdn.was.example/${'i'.repeat(MAX_IMAGE_URL_LENGTH)}.jpg`, externalId: `https://was.example/?p=${'1'.repeat(MAX_EXTERNAL_ID_LENGTH)}`, lang: 'Arabic' },
        { ...copy, image: 'https://cdn.okaz.example/1.jpg', externalId: 'okaz-1', lang: ' ar-SA ' },
      );
      const [stored, other] = await store.getArticles([id!, kept!]);
      assert.deepEqual([stored!.image, stored!.externalId, stored!.lang, stored!.title], [null, null, null, wire.title]);
      assert.deepEqual([other!.image, other!.externalId, other!.lang], ['https://cdn.okaz.example/1.jpg', 'okaz-1', 'ar-SA']);
      await store.close();
    });

    it('an article dated after it arrived is stored as published when it arrived, and does not become its story\'s last update', async () => {
      const { store, ingest } = await setup();
      const received = T0 + 1000 * HOUR;
      // The copy's outlet writes its local time as UTC, or a scheduled time: a week ahead of the clock.
      const [wire, copy] = await ingest(input('stories/airport/original', 'was', 999), input('stories/airport/copy', 'okaz', 1000 + 7 * 24));
      const [w, c] = await store.getArticles([wire!, copy!]);
      assert.equal(c!.published, received);
      assert.equal(w!.published, T0 + 999 * HOUR, 'a date in the past is kept as given');
      assert.equal(c!.duplicateOf, w!.id);
      const story = await store.getStory(w!.storyId!);
      assert.deepEqual({ first: story!.firstSeen, last: story!.lastSeen, firstArticle: story!.firstArticleId }, { first: w!.published, last: received, firstArticle: w!.id });
      const newest = await store.listArticles({ limit: 1 });
      assert.equal(newest[0]!.id, c!.id);
      await store.close();
    });

    it('a wire copy with a new headline and an extra paragraph is a duplicate of the agency report, with the agency as origin', async () => {
      const { store, ingest } = await setup();
      const [wire, copy, rewrite] = await ingest(
        input('stories/airport/original', 'was', 0),
        input('stories/airport/copy', 'okaz', 1),
        input('stories/airport/rewrite', 'alriyadh', 3),
      );
      const [w, c, r] = await store.getArticles([wire!, copy!, rewrite!]);
      assert.equal(c!.duplicateOf, w!.id);
      assert.equal(w!.duplicateOf, null);
      assert.equal(c!.origin, 'واس');
      assert.equal(w!.origin, 'واس');
      assert.equal(r!.duplicateOf, null, 'a separate write-up is not a copy');
      assert.equal(r!.origin, 'alriyadh');
      assert.ok(w!.storyId !== null && c!.storyId === w!.storyId && r!.storyId === w!.storyId, 'one story');
      const story = await store.getStory(w!.storyId!);
      assert.deepEqual({ articles: story!.articles, sources: story!.sources, first: story!.firstArticleId, title: story!.title }, {
        articles: 3,
        sources: 3,
        first: w!.id,
        title: w!.title,
      });
      // Other coverage, copies collapsed: the rewrite lists the agency report once (not its copy), and the
      // earlier articles received the rewrite when it arrived.
      const sameStory = async (id: number) => (await store.getRelated(id)).filter((e) => e.kind === 'same_story').map((e) => e.relatedId);
      assert.deepEqual(await sameStory(r!.id), [w!.id]);
      assert.deepEqual(await sameStory(w!.id), [r!.id]);
      assert.deepEqual(await sameStory(c!.id), [r!.id]);
      await store.close();
    });

    it('a copy stored before its original: the earliest copy decides the origin, and explicit attribution overrides it', async () => {
      const { store, ingest } = await setup();
      // The copy names no source and arrives first; the original, published two hours earlier, has a Reuters dateline.
      const [copy, original] = await ingest(input('pipeline/reuters-copy', 'skynews', 2), input('pipeline/reuters-original', 'alarabiya', 0));
      const [c, o] = await store.getArticles([copy!, original!]);
      assert.equal(o!.duplicateOf, c!.id, 'the group is rooted at the first stored copy');
      assert.equal(o!.origin, 'رويترز');
      assert.equal(c!.origin, 'رويترز', 'the group takes the attribution found in any copy');

      // Without any attribution, the outlet of the earliest copy is the origin, whatever the arrival order.
      const plain = (source: string, hours: number) => {
        const base = input('stories/airport/copy', source, hours);
        return { ...base, url: `${base.url}-plain`, text: base.text.replace('المصدر: واس', '') };
      };
      const [late, early] = await ingest(plain('okaz', 5), plain('sabq', 1));
      const [l, e] = await store.getArticles([late!, early!]);
      assert.equal(e!.duplicateOf, l!.id);
      assert.equal(l!.origin, 'سبق', 'an outlet keyed sabq is the outlet سبق');
      assert.equal(e!.origin, 'سبق');
      await store.close();
    });

    it('a byline naming an agency is attribution; an outlet signing its own report is not', async () => {
      const { store, ingest } = await setup();
      const plain = (source: string, hours: number, author: string, tag: string) => {
        const base = input('stories/airport/copy', source, hours, { author });
        return { ...base, url: `${base.url}-${tag}`, text: base.text.replace('المصدر: واس', '') };
      };
      // The earliest copy signs itself; a later copy's byline names the agency both took the text from.
      const [own, wire] = await ingest(plain('skynews', 1, 'أبوظبي - سكاي نيوز عربية', 'own'), plain('okaz', 3, 'واس - الرياض', 'wire'));
      const [o, w] = await store.getArticles([own!, wire!]);
      assert.equal(w!.duplicateOf, o!.id);
      assert.equal(w!.origin, 'واس');
      assert.equal(o!.origin, 'واس', 'the group takes the agency named in any copy');
      const [alone] = await ingest({ ...input('pipeline/read-also', 'skynews', 9), author: 'أبوظبي - سكاي نيوز عربية' });
      assert.equal((await store.getArticles([alone!]))[0]!.origin, 'سكاي نيوز عربية', 'its own byline leaves the outlet as origin');
      await store.close();
    });

    it('an unrelated article that pastes a "read also" item never becomes its related reading', async () => {
      const { store, ingest } = await setup();
      const [airport, football, followUp] = await ingest(
        input('stories/airport/original', 'was', 0),
        input('pipeline/read-also', 'alyaum', 2),
        input('stories/airport/related', 'alwatan', 30),
      );
      const [a, f, u] = await store.getArticles([airport!, football!, followUp!]);
      assert.notEqual(f!.storyId, a!.storyId);
      assert.equal(f!.duplicateOf, null);
      const listed = async (id: number) => (await store.getRelated(id)).map((e) => e.relatedId);
      assert.ok(!(await listed(f!.id)).includes(a!.id), 'the pasted item is not related reading of the football article');
      assert.ok(!(await listed(a!.id)).includes(f!.id), 'nor the other way round');
      // The airport's genuine follow-up is related reading of the opening, from another story.
      assert.notEqual(u!.storyId, a!.storyId);
      const related = (await store.getRelated(a!.id)).filter((e) => e.kind === 'related').map((e) => e.relatedId);
      assert.deepEqual(related, [u!.id], 'the follow-up entered the earlier article’s list when it arrived');
      assert.deepEqual((await store.getRelated(u!.id)).filter((e) => e.kind === 'related').map((e) => e.relatedId), [a!.id]);
      await store.close();
    });

    it('related reading reaches a development ten days away, in either arrival order, and nothing unrelated', async () => {
      const DAYS_10 = 240;
      for (const followUpFirst of [false, true]) {
        for (const distantWindowMs of [30 * 24 * HOUR, 0]) {
          const { store, ingest } = await setup({ engine: { minDistantSharedKeys: 1, distantWindowMs } });
          const items = [input('stories/airport/original', 'was', 0), input('stories/airport/related', 'alwatan', DAYS_10), input('pipeline/read-also', 'alyaum', DAYS_10 + 2)];
          const ids = await ingest(...(followUpFirst ? [items[1]!, items[2]!, items[0]!] : items));
          const [a, u, f] = await store.getArticles(followUpFirst ? [ids[2]!, ids[0]!, ids[1]!] : ids);
          assert.notEqual(u!.storyId, a!.storyId, 'ten days apart, the follow-up is another story');
          const related = async (id: number) => (await store.getRelated(id)).filter((e) => e.kind === 'related').map((e) => e.relatedId);
          const expected = distantWindowMs > 0 ? { a: [u!.id], u: [a!.id] } : { a: [], u: [] };
          assert.deepEqual(await related(a!.id), expected.a, `the opening's list (follow-up first: ${followUpFirst}, window ${distantWindowMs})`);
          assert.deepEqual(await related(u!.id), expected.u, `the follow-up's list (follow-up first: ${followUpFirst}, window ${distantWindowMs})`);
          assert.ok(!(await related(f!.id)).includes(a!.id), 'the football article that pastes the airport item does not list it');
          await store.close();
        }
      }
    });

    it('stores each URL once, updates a corrected text from its own outlet, and indexes through the injected indexer', async () => {
      const indexed: Array<[number, string, number]> = [];
      const { store, process, ingest } = await setup({ index: async (_tx, article, text) => void indexed.push([article.id, article.title, text.body.count]) });
      const item = input('pipeline/reuters-original', 'alarabiya', 0);
      const [id] = await ingest(item);
      assert.equal(await store.transaction((tx) => process(tx, item)), 'exists');
      assert.equal(await store.transaction((tx) => process(tx, { ...item, url: `${item.url}?utm_source=x` })), 'exists');
      const extended = `${item.text}\nوأضافت الشركة أن أعمال البناء ستبدأ في الربع الأول من العام المقبل.`;
      assert.equal(await store.transaction((tx) => process(tx, { ...item, text: extended })), 'exists');
      assert.equal((await store.getArticle(id!))!.text, extended);
      // Another outlet's copy of the URL, or a bare summary, does not replace the text.
      await store.transaction((tx) => process(tx, { ...item, source: 'other', text: 'نص آخر' }));
      await store.transaction((tx) => process(tx, { ...item, text: 'أرامكو توقع عقدا لمحطة تحلية.' }));
      assert.equal((await store.getArticle(id!))!.text, extended);
      assert.deepEqual(indexed.map(([i]) => i), [id, id]);
      assert.ok(indexed[1]![2] > indexed[0]![2], 'the indexer received the new analysis');
      assert.equal(await store.countArticles(), 1);
      await store.close();
    });

    it('places the same articles in the same stories whatever their order within a batch', async () => {
      const items = fiveStories();
      const partition = async (order: ArticleInput[]) => {
        const { store } = await setup();
        const process = createArticlePipeline({ now: () => T0, engine });
        await store.transaction(async (tx) => {
          for (const item of order) await process(tx, item);
        });
        const articles = await store.listArticles({ limit: 100 });
        const byStory = new Map<number, string[]>();
        for (const a of articles) byStory.set(a.storyId!, [...(byStory.get(a.storyId!) ?? []), a.url].sort());
        await store.close();
        return [...byStory.values()].map((urls) => urls.join(' ')).sort();
      };
      const forward = await partition(items);
      assert.deepEqual(await partition([...items].reverse()), forward);
      assert.equal(forward.length, 5, 'airport event, follow-up, football result, Aramco contract, transfer');
    });

    it('a pipeline started afresh halfway (a resumed import) folds the corpus statistics at the same articles', async () => {
      const items = fiveStories();
      const folding = { ...engine, stats: { ...engine.stats, foldMin: 3 } };
      /** The statistics version after each article, with a fresh pipeline (a new process) from `restartAt` on. */
      const versions = async (restartAt: number | null) => {
        const { store } = await setup();
        let process = createArticlePipeline({ now: () => T0, engine: folding });
        const out: number[] = [];
        for (const [i, item] of items.entries()) {
          if (i === restartAt) process = createArticlePipeline({ now: () => T0, engine: folding });
          await store.transaction((tx) => process(tx, item));
          out.push((await store.termStatsVersion()).version);
        }
        await store.close();
        return out;
      };
      const straight = await versions(null);
      assert.ok(new Set(straight).size >= 3, `folds happened: ${straight.join(' ')}`);
      for (const restartAt of [1, 4, 5]) assert.deepEqual(await versions(restartAt), straight, `restarted before article ${restartAt + 1}`);
    });

    it('two pipelines taking turns on one store (two workers) fold the corpus statistics at the same articles as one', async () => {
      const items = fiveStories();
      const folding = { ...engine, stats: { ...engine.stats, foldMin: 3 } };
      const versions = async (pipelines: number) => {
        const { store } = await setup();
        const processes = Array.from({ length: pipelines }, () => createArticlePipeline({ now: () => T0, engine: folding }));
        const out: number[] = [];
        for (const [i, item] of items.entries()) {
          await store.transaction((tx) => processes[i % pipelines]!(tx, item));
          out.push((await store.termStatsVersion()).version);
        }
        await store.close();
        return out;
      };
      const alone = await versions(1);
      assert.ok(new Set(alone).size >= 3, `folds happened: ${alone.join(' ')}`);
      assert.deepEqual(await versions(2), alone);
    });
  });
}
