import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Article, SourceKind } from '../../core/types.js';
import type { Store } from '../../store/store.js';

/**
 * Builds a reader database from a hand-written JSON corpus (test/fixtures/server/*) through the Store API:
 * sources, articles (with copies and their origin), stories and related lists, as the pipeline would.
 * Used by the server's tests and the browser test.
 */

interface FixtureArticle {
  key: string;
  source: string;
  minutesAgo: number;
  title: string;
  text: string;
  url?: string;
  author?: string;
  summary?: string;
  copyOf?: string;
  origin?: string;
}

interface FixtureCorpus {
  now: string;
  sources: { slug: string; title: string; kind: SourceKind; url?: string; lastError?: string }[];
  stories: { key: string; articles: FixtureArticle[] }[];
  loose?: FixtureArticle[];
  related?: Record<string, string[]>;
}

export interface FixtureDb {
  now: number;
  articles: Map<string, number>;
  stories: Map<string, number>;
  sources: Map<string, number>;
}

export async function loadFixtureDb(store: Store, file: string): Promise<FixtureDb> {
  const corpus = JSON.parse(readFileSync(file, 'utf8')) as FixtureCorpus;
  const now = Date.parse(corpus.now);
  const out: FixtureDb = { now, articles: new Map(), stories: new Map(), sources: new Map() };
  await store.transaction(async (tx) => {
    for (const s of corpus.sources) {
      const url = s.url ?? `import:${s.slug}`;
      const source = await tx.addSource({ slug: s.slug, url, feedUrl: url, kind: s.kind, title: s.title, homepage: s.url ? new URL(s.url).origin : null }, now - 86_400_000);
      out.sources.set(s.slug, source.id);
      if (s.kind !== 'import') {
        await tx.updateFetchState(source.id, { lastFetch: now - 600_000, lastError: s.lastError ?? null, nextCheck: now + 1_800_000, consecutiveErrors: s.lastError ? 2 : 0 });
      }
    }
    const insert = async (a: FixtureArticle, storyId: number | null) => {
      const sourceId = out.sources.get(a.source);
      if (sourceId === undefined) throw new Error(`fixture article ${a.key}: unknown source ${a.source}`);
      const published = now - a.minutesAgo * 60_000;
      const url = a.url ?? `https://${a.source}.example.com/news/${a.key}`;
      const { id } = await tx.insertArticle({
        sourceId,
        url,
        canonicalUrl: a.url ? `https://${a.source}.example.com/odd/${a.key}` : url,
        externalId: a.key,
        title: a.title,
        text: a.text,
        summary: a.summary ?? null,
        author: a.author ?? null,
        category: null,
        tags: [],
        image: null,
        lang: 'ar',
        published,
        ingestedAt: published + 60_000,
        contentHash: createHash('sha256').update(a.text).digest('hex'),
        storyId,
        origin: a.origin ?? null,
        duplicateOf: a.copyOf ? (out.articles.get(a.copyOf) ?? null) : null,
      });
      if (!a.copyOf) await tx.updateArticle(id, { duplicateOf: id });
      out.articles.set(a.key, id);
      return { id, published, sourceId };
    };
    for (const s of corpus.stories) {
      const [head] = s.articles;
      if (!head) continue;
      const story = await tx.createStory({ title: head.title, titleArticleId: null, firstSeen: 0, lastSeen: 0, articles: 0, sources: 0, firstArticleId: null });
      out.stories.set(s.key, story.id);
      const members = [];
      for (const a of s.articles) members.push({ ...(await insert(a, story.id)), key: a.key });
      members.sort((x, y) => x.published - y.published);
      const first = members[0]!;
      await tx.updateStory(story.id, {
        titleArticleId: first.id,
        firstArticleId: first.id,
        firstSeen: first.published,
        lastSeen: members[members.length - 1]!.published,
        articles: members.length,
        sources: new Set(members.map((m) => m.sourceId)).size,
      });
      for (const m of members) {
        const others = members.filter((o) => o.id !== m.id).map((o, rank) => ({ relatedId: o.id, rank, score: 0.9 - rank * 0.05 }));
        await tx.replaceRelated(m.id, 'same_story', others);
      }
    }
    for (const a of corpus.loose ?? []) await insert(a, null);
    for (const [key, targets] of Object.entries(corpus.related ?? {})) {
      const id = out.articles.get(key);
      if (id === undefined) throw new Error(`fixture related: unknown article ${key}`);
      const entries = targets.map((t, rank) => {
        const relatedId = out.articles.get(t);
        if (relatedId === undefined) throw new Error(`fixture related: unknown article ${t}`);
        return { relatedId, rank, score: 0.6 - rank * 0.1 };
      });
      await tx.replaceRelated(id, 'related', entries);
    }
  });
  return out;
}

/** All stored articles (tests use it to check what pages must show). */
export async function allArticles(store: Store): Promise<Article[]> {
  return store.listArticles({ limit: 10_000 });
}
