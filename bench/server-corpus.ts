import type { Article } from '../src/core/types.js';
import type { Store } from '../src/store/store.js';
import { normalizeTerm } from '../src/server/testing/memory-search.js';

/**
 * Gives an imported benchmark database the stories and related lists the reader shows, until the story
 * engine lands on main: exact copies and identical headlines form a story; related reading is the five
 * articles of other stories with the most shared headline words within two days. Crude, but it makes each
 * page do the same reads as with the real engine (story members, same-story and related lists).
 */
export async function formBenchStories(store: Store): Promise<{ stories: number }> {
  const articles = await store.listArticles({ limit: 10_000_000 });
  const groupOf = new Map<number, number>();
  const byTitle = new Map<string, number>();
  const groups = new Map<number, Article[]>();
  for (const a of [...articles].sort((x, y) => x.id - y.id)) {
    const titleKey = a.title.split(/\s+/).map(normalizeTerm).join(' ');
    const group = (a.duplicateOf != null ? groupOf.get(a.duplicateOf) : undefined) ?? byTitle.get(titleKey) ?? a.id;
    groupOf.set(a.id, group);
    if (titleKey.length > 10) byTitle.set(titleKey, group);
    const list = groups.get(group) ?? [];
    list.push(a);
    groups.set(group, list);
  }
  const time = (a: Article) => a.published ?? a.ingestedAt;
  const terms = new Map<number, string[]>();
  const postings = new Map<string, number[]>();
  for (const a of articles) {
    const t = [...new Set(a.title.split(/[^\p{L}\p{N}]+/u).map(normalizeTerm).filter((w) => w.length > 2))];
    terms.set(a.id, t);
    for (const w of t) (postings.get(w) ?? postings.set(w, []).get(w)!).push(a.id);
  }
  const byId = new Map(articles.map((a) => [a.id, a]));
  let stories = 0;
  await store.transaction(async (tx) => {
    const storyOfGroup = new Map<number, number>();
    for (const [key, members] of groups) {
      members.sort((x, y) => time(x) - time(y));
      const first = members[0]!;
      const story = await tx.createStory({
        title: first.title,
        titleArticleId: first.id,
        firstSeen: time(first),
        lastSeen: time(members[members.length - 1]!),
        articles: members.length,
        sources: new Set(members.map((m) => m.sourceId)).size,
        firstArticleId: first.id,
      });
      storyOfGroup.set(key, story.id);
      stories++;
      for (const m of members) {
        await tx.updateArticle(m.id, { storyId: story.id });
        const others = members.filter((o) => o.id !== m.id).slice(0, 10);
        if (others.length > 0) await tx.replaceRelated(m.id, 'same_story', others.map((o, rank) => ({ relatedId: o.id, rank, score: 0.9 })));
      }
    }
    for (const a of articles) {
      const overlap = new Map<number, number>();
      for (const w of terms.get(a.id) ?? []) {
        const list = postings.get(w)!;
        if (list.length > 300) continue;
        for (const other of list) if (groupOf.get(other) !== groupOf.get(a.id)) overlap.set(other, (overlap.get(other) ?? 0) + 1);
      }
      const near = [...overlap.entries()]
        .filter(([id, n]) => n >= 2 && Math.abs(time(byId.get(id)!) - time(a)) < 2 * 86_400_000)
        .sort((x, y) => y[1] - x[1] || y[0] - x[0])
        .slice(0, 5);
      if (near.length > 0) await tx.replaceRelated(a.id, 'related', near.map(([id, n], rank) => ({ relatedId: id, rank, score: n / 10 })));
    }
  });
  return { stories };
}
