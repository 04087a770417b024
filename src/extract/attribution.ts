import type { Attribution } from './types.js';
import { agencyAlternation, canonicalAgency } from './agencies.js';

/**
 * Attribution: who an article says it comes from. Four shapes are recognised, all structural (an agency
 * named inside a sentence, «قالت وكالة فرانس برس إن…», is reporting, not attribution):
 *
 * - source lines: a paragraph `المصدر: RT`, `نقلاً عن: رويترز`, `Source: AFP` (standalone);
 * - datelines opening the first paragraphs: `الرياض - واس`, `القاهرة (رويترز) -`, `WASHINGTON (AP) —`;
 * - an agency tag closing a paragraph: `… (أ ف ب)`, `… - وكالات`;
 * - a credit paragraph that is only an agency: `وكالات`, `(د ب أ)`.
 *
 * Known agencies get their canonical name (see agencies.ts); an unknown outlet in a source line is kept as
 * written (`المصدر: صحيفة المرصد الليبية`).
 */

export interface AttributionLine {
  /** The line or phrase as written. */
  line: string;
  /** Canonical names it gives, in order. */
  sources: string[];
  kind: 'source-line' | 'dateline' | 'agency-tag' | 'credit';
  /** The whole paragraph is the attribution: removing it from the text loses no sentence. */
  standalone: boolean;
  /** Index of the paragraph it was found in. */
  paragraph: number;
}

export interface AttributionResult extends Attribution {
  found: AttributionLine[];
}

const AGENCY = agencyAlternation();
const SOURCE_LINE = /^\s*[-–—•*]?\s*(المصدر|المصادر|مصدر الخبر|مصدر|نقلا عن|نقلاً عن|بالنقل عن|عن|source|sources|via|courtesy of)\s*[:：]\s*(.{1,120}?)\s*[.،]?\s*$/iu;
// Dateline: up to three words of place, a dash or parenthesis, the agency; the sentence may follow.
export const DATELINE = new RegExp(`^\\s*([\\p{L}\\s'’.-]{2,40}?)\\s*(?:[-–—:]\\s*(${AGENCY})(?![\\p{L}])\\s*[-–—:]?|\\(\\s*(${AGENCY})\\s*\\)\\s*[-–—:]?)`, 'iu');
// Optional marks between runs of spaces are written `\\s*(?:X\\s*)?`, not `\\s*X?\\s*`: the same texts match, but a
// failing match tried every way of sharing a run of spaces between the `\\s*` (cubic: «واس» and 4,000 dots
// before a letter, folded to spaces, took 43 s). Folding makes spaces of dots, and pages have paragraphs of them.
export const TAG_END = new RegExp(`(?:\\(\\s*(${AGENCY})\\s*\\)|[-–—]\\s*(${AGENCY}))\\s*(?:[.]\\s*)?$`, 'iu');
export const CREDIT = new RegExp(`^\\s*(?:[(\\[-–—]\\s*)?(${AGENCY})\\s*(?:[)\\]]\\s*)?(?:[.]\\s*)?$`, 'iu');

function splitNames(text: string): string[] {
  return text
    .split(/\s*(?:[,،/|+]|\s-\s|\sو(?=\s*(?:وكال|صحيف|موقع))|\band\b)\s*/iu)
    .map((s) => s.trim().replace(/[.،:]+$/, ''))
    .filter((s) => s.length > 0 && s.length <= 80);
}

/** Labels that also open headlines and sentences («مصدر: الحكومة تدرس…», «عن: …»): only known agencies count. */
const AMBIGUOUS_LABEL = /^(مصدر|عن)$/u;
/** An outlet's name is a few words; a longer value is a sentence that happens to follow a colon. */
const MAX_NAME_WORDS = 6;

/** The canonical names a source line gives, or none when its value does not read as outlet names. */
function sourceLineNames(label: string, value: string): string[] {
  const names = splitNames(value);
  const known = names.map((n) => canonicalAgency(n));
  const strict = AMBIGUOUS_LABEL.test(label.trim());
  const acceptable = names.every((n, i) => known[i] !== null || (!strict && n.split(/\s+/).length <= MAX_NAME_WORDS));
  return acceptable ? names.map((n, i) => known[i] ?? n) : [];
}

function addUnique(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

/** Folds letter variants character for character, so match positions in the folded text hold in the original. */
function fold(text: string): string {
  return text.replace(/[إأآٱ]/g, 'ا').replace(/ة/g, 'ه').replace(/ى/g, 'ي').replace(/[.·]/g, ' ').replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * DATELINE's match in `folded`, with its length counted from the start of `folded`. Only the last 42 spaces of
 * a leading run of spaces are given to the expression: a place of at most 40 characters that starts further
 * back is spaces only, and it matches exactly when one of two spaces just before the first other character
 * does, which the expression tries first. Given the whole run, it tried each of its starts against each
 * length of place and of the spaces after (a paragraph of 20,000 dots took 31 s).
 */
export function datelineOf(folded: string): { place: string; agency: string; length: number } | null {
  const leading = /^\s*/.exec(folded)![0].length;
  const skipped = Math.max(0, leading - 42);
  const m = DATELINE.exec(skipped > 0 ? folded.slice(skipped) : folded);
  return m ? { place: m[1]!, agency: m[2] ?? m[3] ?? '', length: skipped + m[0].length } : null;
}

/** Finds the attribution of one paragraph, or null. `index` is the paragraph's position in the article. */
export function parseAttributionParagraph(paragraph: string, index: number): AttributionLine | null {
  const text = paragraph.trim();
  if (!text) return null;
  const source = SOURCE_LINE.exec(text);
  if (source) {
    const names = sourceLineNames(source[1]!, source[2]!);
    if (names.length > 0) return { line: text, sources: names, kind: 'source-line', standalone: true, paragraph: index };
  }
  const folded = fold(text);
  const credit = CREDIT.exec(folded);
  if (credit) {
    const name = canonicalAgency(credit[1]!);
    if (name) return { line: text, sources: [name], kind: 'credit', standalone: true, paragraph: index };
  }
  // Only the opening paragraphs carry a dateline.
  const dateline = index <= 2 ? datelineOf(folded) : null;
  if (dateline) {
    const place = dateline.place.trim();
    const name = canonicalAgency(dateline.agency);
    if (name && place.split(/\s+/).length <= 3 && !canonicalAgency(place)) {
      return { line: text.slice(0, Math.min(text.length, dateline.length)).trim(), sources: [name], kind: 'dateline', standalone: dateline.length >= folded.length - 1, paragraph: index };
    }
  }
  const tag = TAG_END.exec(folded);
  if (tag) {
    const name = canonicalAgency(tag[1] ?? tag[2] ?? '');
    if (name) return { line: text.slice(Math.max(0, text.length - tag[0].length)).trim(), sources: [name], kind: 'agency-tag', standalone: false, paragraph: index };
  }
  return null;
}

/**
 * Parses the attribution of an article's text (paragraphs separated by blank lines or newlines).
 * Pure and cheap: safe to call on every stored article.
 */
export function parseAttribution(text: string): AttributionResult {
  const paragraphs = text.split(/\n+/).map((p) => p.trim()).filter(Boolean);
  return attributionOfParagraphs(paragraphs);
}

export function attributionOfParagraphs(paragraphs: readonly string[]): AttributionResult {
  const found: AttributionLine[] = [];
  paragraphs.forEach((p, i) => {
    const line = parseAttributionParagraph(p, i);
    if (line) found.push(line);
  });
  const sources: string[] = [];
  const lines: string[] = [];
  for (const f of found) {
    for (const s of f.sources) addUnique(sources, s);
    addUnique(lines, f.line);
  }
  return { sources, lines, found };
}

/** Removes standalone attribution paragraphs; lines that are part of a sentence stay in the text. */
export function withoutStandaloneAttribution(paragraphs: readonly string[], result: AttributionResult): string[] {
  const drop = new Set(result.found.filter((f) => f.standalone).map((f) => f.paragraph));
  return paragraphs.filter((_, i) => !drop.has(i));
}

/**
 * The agencies a byline names, in order (`واس - الرياض`, `الرياض - واس`, `لندن - رويترز`, `الجزيرة - واس:`).
 * A byline is a short field of place, outlet, agency and reporter in any order, so its parts are tried one
 * by one; only known agencies count, never a reporter's name or a place. The caller decides whether one of
 * them is the outlet signing its own report.
 */
export function bylineAgencies(byline: string | null | undefined): string[] {
  if (!byline || byline.length > 120) return [];
  const names: string[] = [];
  for (const part of byline.split(/\s*(?:[-–—ـ:،,/|()«»"]|\sمن\s)\s*/u)) {
    const name = part.trim() ? canonicalAgency(part.trim()) : null;
    if (name) addUnique(names, name);
  }
  return names;
}
