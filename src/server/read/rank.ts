import type { Story } from '../../core/types.js';

export interface RankOptions {
  /** Hours after which a story's recency weight halves. */
  halfLifeHours: number;
  /** Weight of extra articles beyond one per outlet (copies and follow-ups count a little). */
  extraArticleWeight: number;
}

export const DEFAULT_RANK: RankOptions = { halfLifeHours: 12, extraArticleWeight: 0.1 };

/**
 * Orders stories for the front page: coverage breadth (distinct outlets) decayed by age. Age is measured from
 * the newest story in the window, so the order of an archive does not depend on when it is viewed
 * (exponential decay keeps ratios between stories the same at any "now").
 */
export function rankStories(stories: readonly Story[], options: RankOptions = DEFAULT_RANK): Story[] {
  if (stories.length === 0) return [];
  const newest = Math.max(...stories.map((s) => s.lastSeen));
  const halfLife = options.halfLifeHours * 3_600_000;
  const score = (s: Story) => {
    const breadth = Math.max(1, s.sources) + options.extraArticleWeight * Math.max(0, s.articles - s.sources);
    return breadth * Math.pow(0.5, (newest - s.lastSeen) / halfLife);
  };
  return stories
    .map((s) => ({ s, score: score(s) }))
    .sort((a, b) => b.score - a.score || b.s.lastSeen - a.s.lastSeen || b.s.id - a.s.id)
    .map((x) => x.s);
}
