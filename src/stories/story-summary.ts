/** A story member as the story summary sees it. */
export interface StoryMember {
  id: number;
  sourceId: number;
  /** Root of its duplicate group, or null when it is a root. */
  duplicateOf: number | null;
  time: number;
}

export interface StorySummary {
  articles: number;
  sources: number;
  firstSeen: number;
  lastSeen: number;
  /** The earliest article: the first report. */
  firstArticleId: number;
  /**
   * Whose headline represents the story: the first article of the report most outlets carried (the largest
   * duplicate group); among equally large groups, the one reported first. For a story of separate
   * write-ups that is the first report.
   */
  representativeId: number;
}

const byTime = (a: StoryMember, b: StoryMember) => a.time - b.time || a.id - b.id;

/** Summarises a story from its members (any order); null for an empty story. */
export function summarizeStory(members: readonly StoryMember[]): StorySummary | null {
  if (members.length === 0) return null;
  const sorted = [...members].sort(byTime);
  const groups = new Map<number, { size: number; first: StoryMember }>();
  for (const m of sorted) {
    const key = m.duplicateOf ?? m.id;
    const g = groups.get(key);
    if (g) g.size++;
    else groups.set(key, { size: 1, first: m });
  }
  let best: { size: number; first: StoryMember } | null = null;
  for (const g of groups.values()) if (!best || g.size > best.size || (g.size === best.size && byTime(g.first, best.first) < 0)) best = g;
  return {
    articles: members.length,
    sources: new Set(members.map((m) => m.sourceId)).size,
    firstSeen: sorted[0]!.time,
    lastSeen: sorted.at(-1)!.time,
    firstArticleId: sorted[0]!.id,
    representativeId: best!.first.id,
  };
}
