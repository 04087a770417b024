import { canonicalAgency, segmentTextPage } from '../extract/index.js';
import type { ArticleRef, Store } from '../store/store.js';

/**
 * Outlet keys (source slugs) that are themselves news agencies: their articles are the agency's own
 * reports, so copies of them name the agency as origin. Other outlets are named by their slug, which the
 * reader turns into a display name.
 */
const AGENCY_SLUGS: Record<string, string> = { was: 'واس', spa: 'واس' };

/** How an outlet is named as an origin. */
export function originOfSource(slug: string): string {
  return AGENCY_SLUGS[slug.toLowerCase()] ?? canonicalAgency(slug) ?? slug;
}

/** The agency or outlet an article's own text names as its source (attribution lines, datelines), if any. */
export function explicitOrigin(text: string): string | null {
  return segmentTextPage(text).attribution.sources[0] ?? null;
}

/** Members of a duplicate group read for provenance at most (the earliest ones). */
const GROUP_LIMIT = 50;

/**
 * Decides the origin of a new article and keeps its duplicate group consistent. A report's origin is the
 * first agency or outlet named by attribution in any copy (earliest copy first), else the outlet of the
 * earliest copy; an article whose own text names a source keeps that one. `self.origin` is what was
 * stored with the article (its own attribution, else its outlet), right for an article that is no copy.
 */
export async function settleOrigin(tx: Store, self: ArticleRef & { source: string; explicit: string | null; origin: string }): Promise<string> {
  if (self.duplicateOf === null) return self.origin;
  const group = (await tx.duplicateGroup(self.duplicateOf)).slice(0, GROUP_LIMIT);
  const others = await tx.getArticles(group.map((m) => m.id).filter((id) => id !== self.id));
  const byId = new Map(others.map((a) => [a.id, { source: a.source, origin: a.origin, explicit: explicitOrigin(a.text) }]));
  byId.set(self.id, { source: self.source, origin: self.origin, explicit: self.explicit });
  const ordered = group.filter((m) => byId.has(m.id)).map((m) => ({ id: m.id, ...byId.get(m.id)! }));
  if (!ordered.some((m) => m.id === self.id)) ordered.push({ id: self.id, ...byId.get(self.id)! });
  const first = ordered[0]!;
  const groupOrigin = ordered.find((m) => m.explicit)?.explicit ?? originOfSource(first.source);
  let own = groupOrigin;
  for (const m of ordered) {
    const origin = m.explicit ?? groupOrigin;
    if (m.id === self.id) own = origin;
    if (m.origin !== origin) await tx.updateArticle(m.id, { origin });
  }
  return own;
}
