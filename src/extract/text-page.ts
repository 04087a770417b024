import type { ReadAlsoItem, SegmentedTextPage } from './types.js';
import { isCueHeading, normalizeCue } from './boilerplate.js';
import { attributionOfParagraphs, withoutStandaloneAttribution } from './attribution.js';

/**
 * Splits the text of a whole page (what a reader copies, or a crawler's text dump) into the article, its
 * attribution, pasted "read also" articles and lists of related headlines. The cues are structural:
 * furniture headings (اقرأ أيضاً، مقالات مشابهة، الأكثر قراءة…), list bullets, standalone source lines,
 * and the shape of a headline (one short line without a closing full stop).
 */

type CueKind = 'read-also' | 'related' | 'other';

const READ_ALSO = /^(اقرا|اقرئي|طالع|شاهد|شاهدي|لا تفوتك|قد يهمك|قد يعجبك|read also|also read|see also|read more)/;
const RELATED = /(ذات صله|مشابهه|متعلقه|مرتبطه|اخري|مقترحه|related|similar|recommended|you may also like|more stories)/;
const BULLET = /^\s*(?:[•·▪●◦‣∙*\-–—]|\d{1,2}[.)-]|[٠-٩]{1,2}[.)-])\s+/;

function cueKind(line: string): CueKind | null {
  if (!isCueHeading(line)) {
    // "اقرأ أيضاً: عنوان" on one line
    const inline = /^(.{3,25}?)\s*[:：]\s*(.+)$/.exec(line.trim());
    if (inline && isCueHeading(inline[1]!) && READ_ALSO.test(normalizeCue(inline[1]!))) return 'read-also';
    return null;
  }
  const norm = normalizeCue(line).replace(/[:：.]+$/, '').trim();
  if (READ_ALSO.test(norm)) return 'read-also';
  if (RELATED.test(norm)) return 'related';
  return 'other';
}

/** A headline: one line, not too long, no sentence-final full stop. */
function looksLikeTitle(line: string): boolean {
  const t = line.trim();
  return t.length >= 8 && t.length <= 220 && !/[.!؟?:]$/.test(t) && t.split(/\s+/).length <= 30;
}

function stripBullet(line: string): string {
  return line.replace(BULLET, '').trim();
}

export function segmentTextPage(input: string): SegmentedTextPage {
  // Lines are kept as written (the text is never altered); only blank-looking lines are dropped.
  const lines = input.replace(/\r\n?/g, '\n').split('\n').map((l) => (/[^\s\u200b\u200e\u200f]/.test(l) ? l.trim() : ''));
  const article: string[] = [];
  const readAlso: ReadAlsoItem[] = [];
  const relatedTitles: string[] = [];
  let mode: CueKind | 'article' = 'article';
  let current: ReadAlsoItem | null = null;
  const closeItem = (): void => {
    if (current && (current.title || current.text)) readAlso.push(current);
    current = null;
  };
  for (const line of lines) {
    if (!line) continue;
    const cue = cueKind(line);
    if (cue) {
      closeItem();
      mode = cue;
      if (cue === 'read-also') {
        current = { title: '', text: '' };
        const inline = /^.{3,25}?\s*[:：]\s*(.+)$/.exec(line);
        if (inline && !isCueHeading(line)) current.title = inline[1]!.trim();
      }
      continue;
    }
    if (mode === 'article') {
      article.push(line);
    } else if (mode === 'read-also' && current) {
      const item: ReadAlsoItem = current;
      if (!item.title && looksLikeTitle(line)) item.title = stripBullet(line);
      else if (!item.text && BULLET.test(line) && looksLikeTitle(stripBullet(line))) {
        // a list of read-also headlines: each is an item of its own
        closeItem();
        readAlso.push({ title: stripBullet(line), text: '' });
        current = { title: '', text: '' };
      } else item.text = item.text ? `${item.text}\n\n${line}` : line;
    } else if (mode === 'related') {
      const title = stripBullet(line);
      if (title.length <= 220) relatedTitles.push(title);
      else mode = 'other';
    }
  }
  closeItem();
  const attribution = attributionOfParagraphs(article);
  const text = withoutStandaloneAttribution(article, attribution).join('\n\n');
  return { text, attribution: { sources: attribution.sources, lines: attribution.lines }, readAlso, relatedTitles };
}
