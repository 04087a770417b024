import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NewArticle, Store, TermStatsSnapshot } from './store.js';
import { utcDay } from '../core/time.js';

type ArticleFactory = (sourceId: number, n: number, overrides?: Partial<NewArticle>) => NewArticle;

/** Contract cases of the story engine's storage (StoryEngineStore); run by store-contract.ts for every adapter. */
export function describeStoryEngineContract(getStore: () => Store, article: ArticleFactory, T0: number): void {
  describe('story engine', () => {
    const HOUR = 3_600_000;
    const insert = async (store: Store, src: number, n: number, overrides: Partial<NewArticle> = {}) =>
      (await store.insertArticle(article(src, n, { published: T0 + n * HOUR, ...overrides }))).id;

    it('stores profiles and files articles under candidate keys inside a time window', async () => {
      const store = getStore();
      const src = (await store.ensureImportSource('eng-keys', T0)).id;
      const [a, b, c, d] = [await insert(store, src, 200), await insert(store, src, 201), await insert(store, src, 202), await insert(store, src, 203)];
      const put = (id: number, keys: number[], hours: number, bytes = [id % 256, 7]) =>
        store.putArticleProfile({ articleId: id, profile: Uint8Array.from(bytes), keys, time: T0 + hours * HOUR });
      await put(a!, [1, 2, 3, 0xfffffff0], 0);
      await put(b!, [2, 3, 4], 1);
      await put(c!, [3, 9], 2);
      await put(d!, [1, 2, 3, 4], 200);
      const profiles = await store.getArticleProfiles([a!, b!, 999_999]);
      assert.deepEqual([...profiles.get(a!)!], [a! % 256, 7]);
      assert.equal(profiles.size, 2);

      const window = { from: T0 - HOUR, to: T0 + 10 * HOUR, limit: 10 };
      const found = async (q: Parameters<Store['findStoryCandidates']>[0]) => (await store.findStoryCandidates(q)).map((x) => ({ articleId: x.id, shared: x.shared }));
      assert.deepEqual(await found({ keys: [2, 3, 4], minShared: 2, ...window }), [
        { articleId: b!, shared: 3 },
        { articleId: a!, shared: 2 },
      ]);
      assert.deepEqual(await found({ keys: [2, 3, 4], minShared: 1, ...window, limit: 2, excludeId: b! }), [
        { articleId: a!, shared: 2 },
        { articleId: c!, shared: 1 },
      ]);
      assert.deepEqual(await found({ keys: [0xfffffff0, 0xfffffff0], minShared: 1, ...window }), [{ articleId: a!, shared: 1 }], 'unsigned 32-bit keys; repeated keys count once');
      assert.deepEqual((await store.findStoryCandidates({ keys: [1, 2, 3, 4], minShared: 4, from: T0, to: T0 + 300 * HOUR, limit: 10 })).map((x) => x.id), [d!]);
      assert.deepEqual(await store.findStoryCandidates({ keys: [], minShared: 1, ...window }), []);
      const [first] = await store.findStoryCandidates({ keys: [2, 3, 4], minShared: 3, ...window });
      assert.deepEqual({ ...first }, { ...(await store.getArticleRefs([b!]))[0]!, shared: 3 }, 'candidates come with their references');

      // Replacing a profile replaces its keys and time.
      await put(a!, [9], 2, [1]);
      assert.deepEqual([...(await store.getArticleProfiles([a!])).get(a!)!], [1]);
      assert.deepEqual((await store.findStoryCandidates({ keys: [9], minShared: 1, ...window })).map((x) => x.id).sort(), [a!, c!].sort());
      assert.deepEqual(await found({ keys: [1], minShared: 1, ...window }), []);
    });

    it('reads light references, story members and duplicate groups', async () => {
      const store = getStore();
      const src = (await store.ensureImportSource('eng-refs', T0)).id;
      const root = await insert(store, src, 210);
      const copy = await insert(store, src, 212, { duplicateOf: root });
      const early = await insert(store, src, 211, { duplicateOf: root });
      const other = await insert(store, src, 213, { published: null });
      const story = await store.createStory({ title: 'ق', titleArticleId: root, firstSeen: T0, lastSeen: T0, articles: 4, sources: 1, firstArticleId: root });
      for (const id of [root, copy, early, other]) await store.updateArticle(id!, { storyId: story.id });
      const refs = await store.getArticleRefs([copy!, 999_999, root!]);
      assert.deepEqual(refs, [
        { id: copy, sourceId: src, storyId: story.id, duplicateOf: root, time: T0 + 212 * HOUR, contentHash: 'hash-212' },
        { id: root, sourceId: src, storyId: story.id, duplicateOf: null, time: T0 + 210 * HOUR, contentHash: 'hash-210' },
      ]);
      assert.equal((await store.getArticleRefs([other!]))[0]!.time, T0 + 10 * HOUR, 'unknown publication time: ingestion time');
      assert.deepEqual((await store.storyMembers(story.id, 10)).map((r) => r.id), [other, root, early, copy]);
      assert.deepEqual((await store.storyMembers(story.id, 2)).map((r) => r.id), [early, copy], 'the most recent, oldest first');
      assert.deepEqual((await store.duplicateGroup(root!, 10)).map((r) => r.id), [root, early, copy]);
      assert.deepEqual((await store.duplicateGroup(root!, 2)).map((r) => r.id), [root, early], 'the earliest members');
      assert.deepEqual((await store.duplicateGroup(other!, 10)).map((r) => r.id), [other]);
      await store.updateArticle(copy!, { origin: 'sabq' });
      await store.putArticleProfile({ articleId: copy!, profile: Uint8Array.from([1]), keys: [], time: T0, attribution: 'رويترز' });
      const members = await store.duplicateGroup(root!, 10);
      assert.deepEqual(
        members.map((m) => [m.id, m.source, m.origin, m.attribution]),
        [[root, 'eng-refs', null, null], [early, 'eng-refs', null, null], [copy, 'eng-refs', 'sabq', 'رويترز']],
      );
      assert.deepEqual(await store.getArticleRefs([]), []);
    });

    it('reads the related lists of several articles at once', async () => {
      const store = getStore();
      const src = (await store.ensureImportSource('eng-rel', T0)).id;
      const [a, b, c] = [await insert(store, src, 220), await insert(store, src, 221), await insert(store, src, 222)];
      await store.replaceRelated(a!, 'related', [{ relatedId: c!, rank: 1, score: 0.3 }, { relatedId: b!, rank: 0, score: 0.6 }]);
      await store.replaceRelated(a!, 'same_story', [{ relatedId: b!, rank: 0, score: 0.7 }]);
      const lists = await store.getRelatedLists([a!, b!], 'related');
      assert.deepEqual(lists.get(a!)!.map((e) => [e.relatedId, e.rank, e.score]), [[b, 0, 0.6], [c, 1, 0.3]]);
      assert.deepEqual(lists.get(b!), []);
      assert.deepEqual((await store.getRelatedLists([a!], 'same_story')).get(a!)!.map((e) => e.relatedId), [b]);
    });

    it('counts queued terms exactly once per fold, per day of publication, with versions for incremental reloads', async () => {
      const store = getStore();
      const src = (await store.ensureImportSource('eng-df', T0)).id;
      const start = await store.termStatsVersion();
      // Days far from every other test's articles, so that the counts read back are this test's alone.
      const day = utcDay(T0) + 5000;
      const range = { from: day, to: day + 1 };
      const df = (snapshot: TermStatsSnapshot, d: number, term: number) => snapshot.days.find((x) => x.day === d)?.counts.find(([t]) => t === term)?.[1];
      const docsOf = (snapshot: TermStatsSnapshot, d: number) => snapshot.days.find((x) => x.day === d)?.docs;
      assert.deepEqual((await store.loadTermStats(0, range)).days, []);
      const ids = [await insert(store, src, 230), await insert(store, src, 231), await insert(store, src, 232), await insert(store, src, 233)];
      const terms = [[501, 502, 502], [502, 503], [0xfffffffe], [502]];
      const days = [day, day, day, day + 1];
      for (const [i, id] of ids.entries()) {
        const time = days[i]! * 86_400_000 + 3_600_000 * i;
        await store.putArticleProfile({ articleId: id!, profile: Uint8Array.from([i]), keys: [], time, terms: Uint32Array.from(terms[i]!) });
      }
      const first = await store.foldTermStats(2);
      assert.deepEqual(first, {
        previousVersion: start.version,
        version: start.version + 1,
        docCount: start.docCount + 2,
        folded: 2,
        added: new Map([[day, { docs: 2, counts: new Map([[501, 1], [502, 2], [503, 1]]) }]]),
      });
      const delta = await store.loadTermStats(start.version, range);
      assert.equal(delta.version, start.version + 1);
      assert.equal(delta.docCount, start.docCount + 2);
      assert.equal(docsOf(delta, day), 2);
      assert.equal(df(delta, day, 501), 1);
      assert.equal(df(delta, day, 502), 2, 'a term counts once per article');
      assert.equal(df(delta, day, 0xfffffffe), undefined, 'not folded yet');
      assert.equal(docsOf(delta, day + 1), undefined, 'nothing of the next day folded yet');
      const second = await store.foldTermStats(100);
      assert.equal(second.folded, 2);
      const changed = await store.loadTermStats(first.version, range);
      assert.deepEqual(changed.days, [
        { day, docs: 3, counts: [[0xfffffffe, 1]] },
        { day: day + 1, docs: 1, counts: [[502, 1]] },
      ], 'only what the second fold changed');
      const whole = await store.loadTermStats(0, range);
      assert.deepEqual(whole.days.map((d) => [d.day, d.docs, d.counts.sort((a, b) => a[0] - b[0])]), [
        [day, 3, [[501, 1], [502, 2], [503, 1], [0xfffffffe, 1]]],
        [day + 1, 1, [[502, 1]]],
      ]);
      assert.deepEqual((await store.loadTermStats(0, { from: day + 1, to: day + 1 })).days.map((d) => d.day), [day + 1], 'only the days asked for');
      const idle = await store.foldTermStats(100);
      assert.deepEqual(idle, { previousVersion: second.version, version: second.version, docCount: second.docCount, folded: 0, added: new Map() }, 'nothing queued: no new version');
      assert.deepEqual(await store.termStatsVersion(), { version: second.version, docCount: second.docCount });
      // A text update replaces the profile without queueing the article again.
      await store.putArticleProfile({ articleId: ids[0]!, profile: Uint8Array.from([9]), keys: [], time: T0 });
      assert.equal((await store.foldTermStats(100)).folded, 0);
    });

    it('counts each article once when folds run concurrently', async () => {
      const store = getStore();
      const src = (await store.ensureImportSource('eng-df2', T0)).id;
      const before = await store.termStatsVersion();
      const term = 777_001;
      const day = utcDay(T0);
      const countOf = (snapshot: TermStatsSnapshot) => snapshot.days.find((d) => d.day === day)?.counts.find(([t]) => t === term)?.[1] ?? 0;
      const prior = countOf(await store.loadTermStats(0, { from: day, to: day }));
      for (let n = 240; n < 250; n++) {
        const id = await insert(store, src, n);
        await store.putArticleProfile({ articleId: id, profile: Uint8Array.from([1]), keys: [], time: T0, terms: Uint32Array.from([term]) });
      }
      const folds = await Promise.all([1, 2, 3].map(() => store.transaction((tx) => tx.foldTermStats(4))));
      const after = await store.loadTermStats(0, { from: day, to: day });
      assert.equal(folds.reduce((s, f) => s + f.folded, 0), 10);
      assert.equal(after.docCount, before.docCount + 10);
      assert.equal(countOf(after), prior + 10);
    });
  });
}
