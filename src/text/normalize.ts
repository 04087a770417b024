import { COMBINING_HAMZA_ABOVE, DELETE, EXPAND, HAMZA, TABLES, foldAstral } from './char-table.js';

const WAW = 0x0648;
const YEH = 0x064a;

/**
 * The matching form of a text (never shown to readers): hamza seats and alef forms folded (أ إ آ ٱ → ا,
 * ؤ ئ → ء), ى → ي, ة → ه, harakat, tanween, shadda, sukun, superscript alef, Quranic marks and tatweel
 * removed, Arabic-Indic and Persian digits → ASCII, Persian ک ی → ك ي, presentation forms and other
 * compatibility characters decomposed (NFKC), accents of other scripts dropped, zero-width and bidi controls
 * removed, letters lower-cased. A standalone ء is kept (it is the canonical hamza letter).
 *
 * Works per character (plus one rule: a combining hamza above after و or ي makes ء, as precomposed ؤ ئ do),
 * so it is idempotent, total (lone surrogates pass through) and never throws.
 */
export function normalize(text: string): string {
  return foldRange(text, 0, text.length);
}

/** `normalize(text.slice(start, end))` without the intermediate string. */
export function foldRange(text: string, start: number, end: number): string {
  const fold = TABLES.fold;
  let out = '';
  let run = start; // text[run, i) is copied unchanged
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const f = fold[c] as number;
    if (f === c) {
      if (c < 0xd800 || c > 0xdbff || i + 1 === end) continue;
      const d = text.charCodeAt(i + 1);
      if (d < 0xdc00 || d > 0xdfff) continue; // a lone surrogate is kept as it is
      const folded = foldAstral(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
      if (folded.length !== 2 || folded.charCodeAt(0) !== c || folded.charCodeAt(1) !== d) {
        out += text.slice(run, i) + folded;
        run = i + 2;
      }
      i++;
      continue;
    }
    out += text.slice(run, i);
    run = i + 1;
    if (f === DELETE) {
      if (c === COMBINING_HAMZA_ABOVE) {
        const last = out.charCodeAt(out.length - 1);
        if (last === WAW || last === YEH) out = out.slice(0, -1) + String.fromCharCode(HAMZA);
      }
    } else if (f === EXPAND) {
      out += TABLES.expansions.get(c) as string;
    } else {
      out += String.fromCharCode(f);
    }
  }
  return run === start ? text.slice(start, end) : out + text.slice(run, end);
}
