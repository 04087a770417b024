/** A piece of the original text with the spans (UTF-16 offsets into `text`) that matched the query. */
export interface Snippet {
  text: string;
  highlights: [number, number][];
}

export const SNIPPET_CHARS = 220;
const ELLIPSIS = '…';

/** A word of the text that matched the query: its offsets (from the analyzer), which query word, how much it weighs. */
export interface SnippetHit {
  start: number;
  end: number;
  key: string;
  weight: number;
}

/**
 * Picks the window of the ORIGINAL text that covers the most (and the best) query words and marks them.
 * `hits`, in text order, carry the query word they matched, so that a window holding three different
 * words beats one repeating a single word. Offsets come from the analyzer, so highlights fall on the words
 * as written, whatever their spelling.
 */
export function makeSnippet(text: string, hits: readonly SnippetHit[], maxChars = SNIPPET_CHARS): Snippet {
  if (hits.length === 0) return excerpt(text, 0, Math.min(text.length, maxChars), []);

  // Slide a window over the hits whose span fits in maxChars; score = sum of distinct keys' weights,
  // plus a little for repeats.
  const inWindow = new Map<string, number>();
  let best = { score: -1, from: 0, to: 0 };
  let left = 0;
  let score = 0;
  for (let right = 0; right < hits.length; right++) {
    const h = hits[right]!;
    const n = inWindow.get(h.key) ?? 0;
    inWindow.set(h.key, n + 1);
    score += n === 0 ? h.weight : h.weight * 0.1;
    while (h.end - hits[left]!.start > maxChars) {
      const out = hits[left]!;
      const m = inWindow.get(out.key)!;
      inWindow.set(out.key, m - 1);
      score -= m === 1 ? out.weight : out.weight * 0.1;
      left++;
    }
    if (score > best.score + 1e-9) best = { score, from: left, to: right };
  }
  const first = hits[best.from]!.start;
  const last = hits[best.to]!.end;
  // Centre the window on the chosen hits, then snap to word boundaries.
  const slack = Math.max(0, maxChars - (last - first));
  let start = Math.max(0, first - Math.floor(slack / 3));
  let end = Math.min(text.length, Math.max(last, start + maxChars));
  start = Math.max(0, Math.min(start, end - maxChars));
  start = snapStart(text, start, first);
  end = snapEnd(text, end, last);
  const marks = hits.filter((h) => h.start >= start && h.end <= end).map((h) => [h.start, h.end] as [number, number]);
  return excerpt(text, start, end, marks);
}

function snapStart(text: string, start: number, limit: number): number {
  if (start === 0) return 0;
  // Move forward to the start of a word, but never past the first hit.
  let i = start;
  while (i < limit && !/\s/u.test(text[i - 1]!)) i++;
  return i;
}

function snapEnd(text: string, end: number, limit: number): number {
  if (end >= text.length) return text.length;
  let i = end;
  while (i > limit && !/\s/u.test(text[i]!)) i--;
  return i;
}

/** Cuts [start, end) out of the text, collapses white space, adds ellipses, and shifts the marks. */
function excerpt(text: string, start: number, end: number, marks: readonly [number, number][]): Snippet {
  const map: number[] = [];
  let out = start > 0 ? ELLIPSIS : '';
  let space = false;
  for (let i = start; i < end; i++) {
    const ch = text[i]!;
    if (/\s/u.test(ch)) {
      map[i - start] = out.length;
      if (!space && out.length > 0 && out !== ELLIPSIS) out += ' ';
      space = true;
      continue;
    }
    space = false;
    map[i - start] = out.length;
    out += ch;
  }
  map[end - start] = out.length;
  out = out.trimEnd();
  if (end < text.length) out += ELLIPSIS;
  const highlights = marks.map(([s, e]) => [map[s - start]!, Math.min(map[e - start]!, out.length)] as [number, number]).filter(([s, e]) => e > s);
  return { text: out, highlights };
}
