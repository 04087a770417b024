import type { Article } from '../core/types.js';
import { EXACT_PREFIX, SKELETON_PREFIX, STEM_PREFIX, exactForm, skeletonKey, wholeNumber } from './index-keys.js';
import { isContentTerm } from './index-document.js';
import type { QueryPlan } from './query-plan.js';
import { makeSnippet, type Snippet, type SnippetHit } from './snippet.js';
import type { Terms } from '../text/index.js';
import type { AnalyzeTerms } from './types.js';

/**
 * Analysis is the costly part of presenting a hit, so only the text up to the snippet is analysed: the
 * index's positions say where the query's words are (in content words), and the text is analysed in
 * growing chunks until that position is reached.
 */
const CHARS_PER_WORD = 9;
const MIN_CHUNK = 400;
const MAX_SCAN_CHARS = 60_000;
/** A snippet shows about this many content words (220 characters). */
const WINDOW_WORDS = 28;

export interface HitSnippets {
  snippet: Snippet;
  /** Spans of the title (UTF-16 offsets) that matched. */
  titleHighlights: [number, number][];
}

/** The query's words as raw stems and exact forms (without the index key prefixes). */
export class QueryWords {
  private readonly stems = new Set<string>();
  private readonly exacts = new Set<string>();
  /** Skeleton keys of the words seen, for marking other spellings (words repeat: each is computed once). */
  private readonly skeletons = new Map<string, string | null>();

  /** `variantKeys`: skeleton keys of query words whose other spellings matched (they are marked too). */
  constructor(
    plan: QueryPlan,
    private readonly variantKeys: ReadonlySet<string> = new Set(),
  ) {
    for (const unit of plan.units) {
      for (const alt of unit.alternatives) {
        for (const t of alt.terms) {
          this.stems.add(t.stemKey.slice(STEM_PREFIX.length));
          this.exacts.add(t.exactKey.slice(EXACT_PREFIX.length));
        }
      }
    }
  }

  get size(): number {
    return this.stems.size;
  }

  /** Term i's match: the stem it shares with the query, weighted up when the form is the one typed. */
  match(terms: Terms, i: number, offset = 0): SnippetHit | null {
    if (!isContentTerm(terms, i)) return null;
    let stem = terms.stems[i]!;
    // 8820.65 is filed under 8820 too (see wholeNumber), so it is marked for a query that says 8820
    if (!this.stems.has(stem)) stem = wholeNumberMatch(terms.norms[i]!, this.stems) ?? stem;
    if (!this.stems.has(stem)) {
      if (this.variantKeys.size === 0) return null;
      const norm = terms.norms[i]!;
      let variant = this.skeletons.get(norm);
      if (variant === undefined) this.skeletons.set(norm, (variant = skeletonKey(norm)));
      if (variant === null || !this.variantKeys.has(variant)) return null;
      return { start: terms.starts[i]! + offset, end: terms.ends[i]! + offset, key: variant.slice(SKELETON_PREFIX.length), weight: 1 };
    }
    return { start: terms.starts[i]! + offset, end: terms.ends[i]! + offset, key: stem, weight: this.exacts.has(exactForm(terms.norms[i]!)) ? 1.5 : 1 };
  }
}

function wholeNumberMatch(norm: string, stems: ReadonlySet<string>): string | null {
  const whole = wholeNumber(norm);
  return whole !== null && stems.has(whole) ? whole : null;
}

/**
 * Snippet and title marks for one hit, located by re-analysing the original title and text.
 * `bodyPositions` are the content-word positions of the query's words in the body (from the index).
 */
export function buildHitSnippets(article: Article, words: QueryWords, analyze: AnalyzeTerms, bodyPositions: readonly number[] = []): HitSnippets {
  const needed = wordsNeeded(bodyPositions);
  const hits: SnippetHit[] = [];
  let done = 0;
  let content = 0;
  let chunk = Math.max(MIN_CHUNK, needed * CHARS_PER_WORD);
  while (done < article.text.length && done < MAX_SCAN_CHARS) {
    const end = cutPoint(article.text, done + chunk);
    const terms = analyze(article.text.slice(done, end));
    for (let i = 0; i < terms.count; i++) {
      if (isContentTerm(terms, i)) content++;
      const hit = words.match(terms, i, done);
      if (hit) hits.push(hit);
    }
    done = end;
    if (content >= needed) break;
    chunk *= 2;
  }
  const snippet = makeSnippet(article.text.slice(0, done), hits);
  if (done < article.text.length && !snippet.text.endsWith('…')) snippet.text += '…';
  const titleHighlights: [number, number][] = [];
  const title = analyze(article.title);
  for (let i = 0; i < title.count; i++) if (words.match(title, i)) titleHighlights.push([title.starts[i]!, title.ends[i]!]);
  return { snippet, titleHighlights };
}

/** How many content words must be analysed to reach the densest run of query words (plus some context). */
function wordsNeeded(positions: readonly number[]): number {
  if (positions.length === 0) return 0;
  const sorted = [...positions].sort((a, b) => a - b);
  let best = { count: 0, end: sorted[0]! };
  let left = 0;
  for (let right = 0; right < sorted.length; right++) {
    while (sorted[right]! - sorted[left]! > WINDOW_WORDS) left++;
    if (right - left + 1 > best.count) best = { count: right - left + 1, end: sorted[right]! };
  }
  return best.end + 8;
}

/** Where to cut the text near `limit` characters: at a space, so that no word is split. */
function cutPoint(text: string, limit: number): number {
  if (text.length <= limit) return text.length;
  const space = text.lastIndexOf(' ', limit);
  return space > limit / 2 ? space : limit;
}
