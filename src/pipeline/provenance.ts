import { bylineAgencies, canonicalAgency } from '../extract/index.js';
import type { Source } from '../core/types.js';
import type { ArticleRef, Store } from '../store/store.js';

/**
 * Outlet keys (source slugs) that are themselves news agencies: their articles are the agency's own
 * reports, so copies of them name the agency as origin. Other outlets are named by their slug, which the
 * reader turns into a display name.
 */
const AGENCY_SLUGS: Record<string, string> = { was: 'واس', spa: 'واس' };

/** How an outlet is named as an origin. */
export function originOfSource(slug: string): string {
  return remembered(originMemo, slug, () => AGENCY_SLUGS[slug.toLowerCase()] ?? canonicalAgency(slug) ?? slug);
}

/**
 * Bylines and outlets repeat from article to article (an import sees a few thousand distinct bylines in
 * 26,000 articles): what they name is remembered, up to MEMO entries each (then forgotten all at once).
 */
const MEMO = 8192;
const bylineMemo = new Map<string, readonly string[]>();
const ownMemo = new Map<string, readonly (string | null)[]>();
const originMemo = new Map<string, string>();

function remembered<T>(memo: Map<string, T>, key: string, make: () => T): T {
  let value = memo.get(key);
  if (value === undefined) {
    if (memo.size >= MEMO) memo.clear();
    memo.set(key, (value = make()));
  }
  return value;
}

/**
 * The first agency an article's byline names (`واس - الرياض`, `لندن - رويترز`) other than the article's own
 * outlet: an outlet signing its own report (`أبوظبي - سكاي نيوز عربية`) says nothing about where it came from,
 * and `الجزيرة - واس` in al-Jazirah's byline names واس.
 */
export function attributionOfByline(byline: string | null | undefined, source: Pick<Source, 'slug' | 'title'>): string | null {
  if (!byline) return null;
  const title = source.title ?? '';
  const own = remembered(ownMemo, `${source.slug}\u0000${title}`, () => [originOfSource(source.slug), title ? canonicalAgency(title) : null]);
  return remembered(bylineMemo, byline, () => bylineAgencies(byline)).find((agency) => !own.includes(agency)) ?? null;
}

/** Members of a duplicate group read for provenance at most (the earliest ones). */
const GROUP_LIMIT = 20;

/**
 * Decides the origin of a new article and keeps its duplicate group consistent. A report's origin is the
 * first agency or outlet named by attribution in any copy (earliest copy first), else the outlet of the
 * earliest copy; an article whose own text names a source keeps that one. `self.origin` is what was
 * stored with the article (its own attribution, else its outlet), right for an article that is no copy.
 * Only members whose origin changes are written, so a growing group costs one bounded read per copy.
 */
export async function settleOrigin(tx: Store, self: ArticleRef & { origin: string }): Promise<string> {
  if (self.duplicateOf === null) return self.origin;
  const group = await tx.duplicateGroup(self.duplicateOf, GROUP_LIMIT);
  if (group.length === 0) return self.origin;
  const groupOrigin = group.find((m) => m.attribution)?.attribution ?? originOfSource(group[0]!.source);
  let own = groupOrigin;
  for (const m of group) {
    const origin = m.attribution ?? groupOrigin;
    if (m.id === self.id) own = origin;
    if (m.origin !== origin) await tx.updateArticle(m.id, { origin });
  }
  return own;
}
