/**
 * The reader's stylesheet: mobile-first, right-to-left with logical properties, light and dark themes from
 * the reader's system setting. Served as a file (the CSP allows no inline styles).
 */
export const STYLES = `
:root {
  color-scheme: light dark;
  --bg: #fbfaf7; --fg: #1d1d1f; --muted: #5f6368; --line: #e3e0d8; --card: #ffffff;
  --accent: #0b6e4f; --accent-fg: #ffffff; --mark: #fff0b3; --warn: #9a3412; --ok: #166534;
  /* a form field's border: 3:1 against the page and the cards (--line, 1.3:1, left the empty fields invisible; WCAG 1.4.11) */
  --field: #8a8d91;
  --radius: 10px; --gap: 1rem; --measure: 44rem;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #121417; --fg: #e8e6e3; --muted: #a0a4aa; --line: #2c3036; --card: #1a1d21;
    --accent: #4cc38a; --accent-fg: #08130e; --mark: #5b4a00; --warn: #fb923c; --ok: #4ade80;
    --field: #737880;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font-family: 'Noto Naskh Arabic', 'Noto Sans Arabic', 'Geeza Pro', Tahoma, sans-serif;
  font-size: 1.0625rem; line-height: 1.8; overflow-wrap: anywhere;
}
a { color: var(--accent); text-decoration: none; }
a:hover, a:focus-visible { text-decoration: underline; }
/* a link inside a line of muted text (footer, the sources table's «الموقع · Atom · RSS», «لا مزيد… العودة») is
   underlined: its green is only 1.03:1 against the grey around it, colour alone does not mark it (WCAG 1.4.1) */
.muted a, footer.site a { text-decoration: underline; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; inset-inline-start: -999px; }
.skip:focus { inset-inline-start: 1rem; top: 1rem; background: var(--card); padding: .5rem; z-index: 2; }
.wrap { max-width: 64rem; margin-inline: auto; padding-inline: var(--gap); }
header.site { border-block-end: 1px solid var(--line); background: var(--card); }
header.site .wrap { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.25rem; padding-block: .6rem; }
.brand { font-size: 1.5rem; font-weight: 700; color: var(--fg); }
.brand small { font-size: .8rem; color: var(--muted); font-weight: 400; margin-inline-start: .4rem; }
nav.main { display: flex; gap: 1rem; flex-wrap: wrap; }
form.search-box { display: flex; gap: .4rem; flex: 1 1 14rem; min-width: 0; }
input, select, button { font: inherit; }
input[type=search], input[type=text], input[type=url], input[type=password], input[type=date], select {
  min-width: 0; flex: 1 1 auto; padding: .35rem .6rem; border: 1px solid var(--field); border-radius: var(--radius);
  background: var(--bg); color: var(--fg);
}
button { padding: .35rem .9rem; border: 0; border-radius: var(--radius); background: var(--accent); color: var(--accent-fg); cursor: pointer; }
button.danger { background: var(--warn); }
main { padding-block: 1.25rem 2.5rem; }
h1 { font-size: 1.6rem; line-height: 1.5; margin: 0 0 .75rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 .75rem; }
.muted, .meta { color: var(--muted); font-size: .9rem; }
.meta { display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: baseline; }
ol.stories, .plain { list-style: none; margin: 0; padding: 0; }
.story-card, .panel {
  background: var(--card); border: 1px solid var(--line); border-radius: var(--radius);
  padding: .9rem 1rem; margin-block-end: .9rem;
}
.story-card h2 { margin: 0 0 .35rem; font-size: 1.2rem; line-height: 1.6; }
.story-card p.lead { margin: .25rem 0 .5rem; }
/* running text keeps a readable line length on wide screens (a lead ran to 140 characters a line at 1366 px) */
p.lead, p.snippet { max-inline-size: 40rem; }
.outlets { display: flex; flex-wrap: wrap; gap: .35rem; margin: .4rem 0 0; padding: 0; list-style: none; }
/* an outlet's name longer than the card (a feed's title can be anything) is cut with an ellipsis, not drawn past it */
.outlets li { border: 1px solid var(--line); border-radius: 999px; padding: 0 .6rem; font-size: .85rem; white-space: nowrap; max-width: 100%; overflow: hidden; text-overflow: ellipsis; }
.badge { display: inline-block; background: var(--accent); color: var(--accent-fg); border-radius: 999px; padding: 0 .55rem; font-size: .8rem; }
.badge.soft { background: transparent; color: var(--muted); border: 1px solid var(--line); }
article.reading { max-width: var(--measure); }
article.reading .body { margin-block-start: 1.25rem; }
article.reading .body p { margin: 0 0 1em; }
.origin { color: var(--warn); font-weight: 700; }
.group { border-inline-start: 3px solid var(--line); padding-inline-start: .75rem; margin-block: .75rem; }
.group.copies { border-inline-start-color: var(--accent); }
.timeline { list-style: none; margin: 0; padding: 0; }
/* the time above its headline: beside it, a date with its clock time and zone took half the sidebar and
   squeezed headlines to three or four words a line */
.timeline li { display: flex; flex-direction: column; gap: .1rem; padding-block: .4rem; border-block-end: 1px dashed var(--line); }
.timeline time { color: var(--muted); font-size: .85rem; }
.links > li { padding-block: .35rem; border-block-end: 1px solid var(--line); }
.links > li:last-child { border: 0; }
mark { background: var(--mark); color: inherit; border-radius: 3px; padding-inline: .1em; }
.suggestion { font-size: 1.05rem; margin-block: .5rem; } .suggestion a { font-weight: 700; }
.notice { margin-block: .5rem; padding: .4rem .6rem; border-inline-start: 3px solid var(--muted); }
/* fields side by side as far as the width allows, the button at the end of the last row */
.filters { display: flex; flex-wrap: wrap; align-items: end; gap: .5rem .75rem; margin-block-end: 1rem; }
.filters label { display: grid; gap: .2rem; flex: 1 1 12rem; min-width: 0; font-size: .9rem; color: var(--muted); }
.filters label:has(input[type=url]) { flex-grow: 3; }
.search-form .query { display: flex; align-items: end; gap: .5rem; }
.search-form .query label { display: grid; gap: .2rem; flex: 1 1 auto; min-width: 0; font-size: .9rem; color: var(--muted); }
.search-form .options { margin-block-start: .6rem; }
.search-form .options summary { cursor: pointer; color: var(--muted); font-size: .9rem; }
.search-form .options .filters { margin: .5rem 0 0; }
.nowrap { white-space: nowrap; }
/* words stay whole in a table: a column never shrinks below its longest word (the wrapper scrolls instead) */
table { width: 100%; border-collapse: collapse; font-size: .92rem; overflow-wrap: break-word; }
th, td { text-align: start; padding: .4rem .3rem; border-block-end: 1px solid var(--line); vertical-align: top; }
.table-scroll { overflow-x: auto; }
/* on a phone a wide table becomes one card per row, each cell named by its column */
@media (max-width: 40rem) {
  table.stack, table.stack tbody { display: block; }
  table.stack thead { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  table.stack tr { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: .1rem 1rem; padding-block: .6rem; border-block-end: 1px solid var(--line); }
  table.stack td { display: flex; flex-wrap: wrap; gap: 0 .5rem; padding: 0; border: 0; }
  table.stack td::before { content: attr(data-label); color: var(--muted); }
  table.stack td:first-child { display: block; grid-column: 1 / -1; font-size: 1rem; }
  table.stack td:first-child::before { content: none; }
}
.status-ok { color: var(--ok); } .status-error { color: var(--warn); }
.empty { text-align: center; padding: 2rem 1rem; }
.empty code, code { direction: ltr; unicode-bidi: isolate; background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 0 .35rem; font-size: .9em; }
.pager { display: flex; justify-content: space-between; margin-block-start: 1rem; }
footer.site { border-block-start: 1px solid var(--line); color: var(--muted); font-size: .85rem; padding-block: 1rem; }
@media (min-width: 48rem) {
  h1 { font-size: 2rem; }
  .story-page { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 2rem; }
  .article-page { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 2rem; }
}
`;
