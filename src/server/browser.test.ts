/// <reference lib="dom" />
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { fixturePath, REPO_ROOT } from '../test-support/paths.js';
import { testApp, type TestApp } from './testing/test-app.js';
import { startServer, type RunningServer } from './listen.js';
import { addIndexedArticle } from '../test-support/search.js';

/**
 * The reader in a real browser (Debian's Chromium driven by playwright-core): every page of the fixture
 * database at phone and desktop widths, each also checked by axe-core (WCAG 2.1 A/AA) in the light and dark
 * themes. Screenshots go to test-artifacts/browser/; with UPDATE_SCREENSHOTS=1 the home, story, article and
 * latest ones are also copied to docs/screenshots/.
 */

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `Chromium not found at ${CHROMIUM} (install Debian's chromium package; .ci/run does)`;
const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'browser');
const DOCS = join(REPO_ROOT, 'docs', 'screenshots');
/** axe-core's script, injected into each page from node_modules (nothing is fetched). */
const AXE = skip ? '' : readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** The rules checked: WCAG 2.0 and 2.1, levels A and AA. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let t: TestApp;
let server: RunningServer;
let browser: Browser;
let profile: string;
let latinFirst: number;
let removedSource: number;

before(async () => {
  if (skip) return;
  t = await testApp(fixturePath('server', 'reader', 'corpus.json'), { adminToken: 'browser-token' });
  // An Arabic headline that starts with a Latin word (as «stc تزور مرضى كلانا» in SaudiNewsNet), and an outlet
  // no longer followed whose page stays.
  latinFirst = await addIndexedArticle(t.store, { name: 'stc', source: 'alriyadh', title: 'stc تزور مرضى كلانا في مستشفى الملك فهد بالرياض', text: 'قام وفد من stc بزيارة مرضى الفشل الكلوي.\nhttp://www.example.com.sa/thursday_meeting_login.asp', published: t.now() - 20 * 60_000 });
  const gone = await addIndexedArticle(t.store, { name: 'gone', source: 'cnn', title: 'بـ120 ثانية.. هكذا صنعت "ناسا" التاريخ خلال 60 عاما', text: 'نص المقال.', published: t.now() - 3 * 3600_000 });
  removedSource = (await t.store.getArticle(gone))!.sourceId;
  await t.store.removeSource(removedSource);
  server = await startServer(t.app, { host: '127.0.0.1', port: 0 });
  profile = mkdtempSync(join(tmpdir(), 'sada-chromium-'));
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    // playwright gives every launch a fresh temporary profile (it refuses --user-data-dir here); TMPDIR points
    // it at our own directory, removed afterwards
    env: { ...process.env, TMPDIR: profile },
  });
  mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  if (skip) return;
  await browser?.close();
  await server?.close();
  await t?.store.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

// 360 px: the narrowest common Android phone width; 1366 px: the commonest laptop screen
const VIEWPORTS = { mobile: { width: 360, height: 740 }, desktop: { width: 1366, height: 900 } } as const;

interface Visit {
  page: Page;
  context: BrowserContext;
  consoleErrors: string[];
  dialogs: string[];
  foreign: string[];
}

async function visit(path: string, viewport: keyof typeof VIEWPORTS, colorScheme: 'light' | 'dark' = 'light', status = 200): Promise<Visit> {
  const context = await browser.newContext({ viewport: VIEWPORTS[viewport], colorScheme, locale: 'ar', javaScriptEnabled: true });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const dialogs: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => {
    // an error page's own status is reported as a console error; anything else is the page's fault
    // warnings too: Chromium warns of a value a form field refuses
    if ((m.type() === 'error' || m.type() === 'warning') && !(status !== 200 && m.text().startsWith(`Failed to load resource: the server responded with a status of ${status}`))) consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.hostname === '127.0.0.1') return route.continue();
    foreign.push(url.href);
    return route.abort();
  });
  const res = await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
  assert.equal(res?.status(), status, path);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return { page, context, consoleErrors, dialogs, foreign };
}

/** The checks every page must pass. */
async function checkPage(v: Visit, name: string, viewport: keyof typeof VIEWPORTS) {
  const layout = await v.page.evaluate(() => {
    const brand = document.querySelector('.brand')!.getBoundingClientRect();
    const heading = document.querySelector('h1')!;
    const h1 = heading.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(heading);
    const rects = Array.from(range.getClientRects());
    // mixed Arabic/Latin text breaks into bidi runs: the line's right end is the rightmost run
    const text = { right: Math.max(...rects.map((r) => r.right)), left: Math.min(...rects.map((r) => r.left)) };
    return {
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      direction: getComputedStyle(document.body).direction,
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      brandRight: brand.right,
      h1Right: h1.right,
      h1Left: h1.left,
      h1Rtl: heading.matches(':dir(rtl)'),
      h1Centered: getComputedStyle(heading).textAlign === 'center',
      textRight: text.right,
      textLeft: text.left,
      font: document.fonts.check('16px "Noto Naskh Arabic"', 'صدى'),
      images: document.images.length,
      brokenWords: brokenWordsIn('th, td'),
      spills: spillsOf('.story-card, .panel, .outlets'),
      // the widest paragraph of running text, in ems of its own font size
      measure: Math.max(0, ...Array.from(document.querySelectorAll('p.lead, p.snippet, article.reading .body p')).map((p) => p.getBoundingClientRect().width / parseFloat(getComputedStyle(p).fontSize))),
    };

    /**
     * Elements drawn outside the box (card, panel, list of outlets) that holds them. The document-wide
     * scrollWidth check misses these: in RTL a chip wider than its card spilled leftwards over the card's
     * border and into the page margin without widening the page.
     */
    function spillsOf(selector: string): string[] {
      const spills: string[] = [];
      for (const box of Array.from(document.querySelectorAll(selector))) {
        const outer = box.getBoundingClientRect();
        for (const el of Array.from(box.querySelectorAll('*'))) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || clipped(el, box)) continue;
          if (r.left < outer.left - 1 || r.right > outer.right + 1) spills.push(`${el.tagName.toLowerCase()} «${(el.textContent ?? '').slice(0, 40)}» ${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(outer.left)}–${Math.round(outer.right)}`);
        }
      }
      return spills;
    }

    /** Whether an element between el and box (el excluded) hides what overflows it. */
    function clipped(el: Element, box: Element): boolean {
      for (let up = el.parentElement; up && up !== box; up = up.parentElement) if (getComputedStyle(up).overflowX !== 'visible') return true;
      return false;
    }

    /** Words of these elements that the layout split across two lines (a column squeezed below a word). */
    function brokenWordsIn(selector: string): string[] {
      const broken: string[] = [];
      for (const cell of Array.from(document.querySelectorAll(selector))) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          // runs of letters and digits: punctuation such as / or ) is a legitimate place to wrap
          for (const m of text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
            const word = document.createRange();
            word.setStart(node, m.index);
            word.setEnd(node, m.index + m[0].length);
            const lines = new Set(Array.from(word.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            if (lines.size > 1) broken.push(m[0]);
          }
        }
      }
      return broken;
    }
  });
  assert.equal(layout.lang, 'ar', name);
  assert.equal(layout.dir, 'rtl', name);
  assert.equal(layout.direction, 'rtl', name);
  assert.ok(layout.scrollWidth <= layout.clientWidth, `${name} (${viewport}): no horizontal overflow (${layout.scrollWidth} > ${layout.clientWidth})`);
  assert.ok(layout.brandRight > layout.clientWidth / 2, `${name}: the brand sits on the right in RTL`);
  // dir="auto": an Arabic heading is right-to-left and starts at the right; a Latin-only one starts at the left
  assert.equal(layout.h1Rtl, name !== 'hostile', `${name}: heading direction`);
  if (layout.h1Centered) assert.ok(layout.h1Rtl, `${name}: centered heading`);
  else if (layout.h1Rtl) assert.ok(Math.abs(layout.h1Right - layout.textRight) < 2, `${name}: the heading's first line starts at its right edge`);
  else assert.ok(Math.abs(layout.textLeft - layout.h1Left) < 2, `${name}: the Latin heading starts at its left edge`);
  assert.ok(layout.textLeft >= 0, `${name}: the heading is not pushed off screen`);
  assert.ok(layout.font, `${name}: the self-hosted Arabic font loaded`);
  assert.equal(layout.images, 0, `${name}: no images (nothing fetched from third parties)`);
  assert.deepEqual(layout.brokenWords, [], `${name} (${viewport}): words split across lines in a table`);
  assert.deepEqual(layout.spills, [], `${name} (${viewport}): elements drawn outside their card`);
  // about 45 ems is some 90 Arabic letters a line; leads ran to 60 ems on a 1366 px screen
  assert.ok(layout.measure <= 45, `${name} (${viewport}): running text ${layout.measure.toFixed(1)}em wide`);
  assert.deepEqual(v.consoleErrors, [], `${name}: console errors`);
  assert.deepEqual(v.dialogs, [], `${name}: dialogs`);
  assert.deepEqual(v.foreign, [], `${name}: requests leaving 127.0.0.1`);
  const file = join(ARTIFACTS, `${name}-${viewport}.png`);
  await v.page.screenshot({ path: file, fullPage: true });
  if (process.env.UPDATE_SCREENSHOTS === '1' && ['home', 'story', 'article', 'latest'].includes(name)) {
    mkdirSync(DOCS, { recursive: true });
    copyFileSync(file, join(DOCS, `${name}-${viewport}.png`));
  }
  await checkAccessibility(v.page, `${name} (${viewport})`);
}

/**
 * axe-core's WCAG 2.1 A and AA rules, in the light theme and then the dark one (the same page, its colour
 * scheme switched), with folded <details> opened so that what they hide is checked too; and the borders of
 * form fields, which axe leaves alone (WCAG 1.4.11 asks 3:1 against what is on either side of them).
 */
async function checkAccessibility(page: Page, name: string) {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  // evaluated through the DevTools protocol, which the pages' CSP (script-src 'none') does not restrict
  await page.evaluate(AXE);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const found = await page.evaluate(async (tags) => {
      const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`).join('\n')}`);
    }, WCAG_AA);
    assert.deepEqual(found, [], `${name}, ${scheme} theme: axe-core WCAG 2.1 AA violations`);
    const borders = await page.evaluate(() => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const luminance = (c: number[]) => {
        const [r, g, b] = c.slice(0, 3).map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const ratio = (a: string, b: string) => {
        const [x, y] = [luminance(rgb(a)), luminance(rgb(b))].sort((p, q) => q - p);
        return (x! + 0.05) / (y! + 0.05);
      };
      // the first opaque background from el up (the page's own at the top)
      const background = (el: Element | null): string => {
        for (; el; el = el.parentElement) {
          const c = getComputedStyle(el).backgroundColor;
          if (rgb(c)[3] !== 0) return c;
        }
        return 'rgb(255, 255, 255)';
      };
      const weak: string[] = [];
      for (const field of Array.from(document.querySelectorAll('input:not([type=hidden]), select'))) {
        const style = getComputedStyle(field);
        if (field.getClientRects().length === 0 || parseFloat(style.borderTopWidth) === 0) continue;
        const border = style.borderTopColor;
        const inside = ratio(border, background(field));
        const outside = ratio(border, background(field.parentElement));
        if (inside < 3 || outside < 3) weak.push(`${field.getAttribute('name')}: border ${border} is ${inside.toFixed(2)}:1 inside, ${outside.toFixed(2)}:1 outside`);
      }
      return weak;
    });
    assert.deepEqual(borders, [], `${name}, ${scheme} theme: form field borders under 3:1 (WCAG 1.4.11)`);
  }
}

const pages = () => ({
  home: '/',
  story: `/story/${t.fx.stories.get('rain')}`,
  article: `/article/${t.fx.articles.get('rain-okaz')}`,
  'article-mixed': `/article/${t.fx.articles.get('phone-tech')}`,
  'story-mixed': `/story/${t.fx.stories.get('phone')}`,
  search: `/search?q=${encodeURIComponent('أمطار مكة')}`,
  latest: '/latest',
  source: `/source/${t.fx.sources.get('okaz')}`,
  sources: '/sources',
  hostile: `/article/${t.fx.articles.get('xss-hostile')}`,
  'latin-first': `/article/${latinFirst}`,
  'source-removed': `/source/${removedSource}`,
  'search-none': `/search?q=${encodeURIComponent('زززقق')}`,
  'search-typo': `/search?q=${encodeURIComponent('مباراة الهلل')}`,
  'search-common': `/search?q=${encodeURIComponent('في من على')}`,
  'search-bad-date': `/search?q=${encodeURIComponent('أمطار')}&from=notadate`,
  'not-found': '/story/999999',
  'bad-request': '/latest?before=zzz',
});

/** Pages answered with another status than 200. */
const STATUS: Record<string, number> = { 'search-bad-date': 400, 'not-found': 404, 'bad-request': 400 };

for (const viewport of ['mobile', 'desktop'] as const) {
  test(`every page in Chromium at ${viewport} width: RTL, no overflow, no console errors, no third-party requests, WCAG 2.1 AA (axe-core) in both themes`, { skip }, async () => {
    for (const [name, path] of Object.entries(pages())) {
      const v = await visit(path, viewport, 'light', STATUS[name] ?? 200);
      try {
        await checkPage(v, name, viewport);
      } finally {
        await v.context.close();
      }
    }
  });
}

test('an article titled <img src=x onerror=alert(1)> shows the title as text and fires no dialog', { skip }, async () => {
  const v = await visit(pages().hostile, 'mobile');
  try {
    const title = await v.page.textContent('h1');
    assert.equal(title, '<img src=x onerror=alert(1)>');
    const hostile = await v.page.evaluate(() => document.querySelectorAll('img, iframe, svg, script, a[href^="javascript"]').length);
    assert.equal(hostile, 0);
    await v.page.waitForTimeout(200);
    assert.deepEqual(v.dialogs, []);
    const home = await visit('/', 'desktop');
    try {
      assert.ok((await home.page.textContent('body'))?.includes('<img src=x onerror=alert(1)>'));
      assert.deepEqual(home.dialogs, []);
    } finally {
      await home.context.close();
    }
  } finally {
    await v.context.close();
  }
});

test('search: results start on a phone’s first screen, unnumbered like every list; the button sits beside the words', { skip }, async () => {
  for (const viewport of ['mobile', 'desktop'] as const) {
    const v = await visit(pages().search, viewport);
    try {
      const m = await v.page.evaluate(() => {
        const first = document.querySelector('ol.results > li')!;
        const input = document.querySelector('form.search-form input[name=q]')!.getBoundingClientRect();
        const button = document.querySelector('form.search-form button')!.getBoundingClientRect();
        const list = getComputedStyle(document.querySelector('ol.results')!);
        return { firstTop: first.getBoundingClientRect().top, height: window.innerHeight, marker: list.listStyleType, padding: list.paddingInlineStart, inputBottom: input.bottom, buttonBottom: button.bottom };
      });
      // before, the five filter fields filled a phone's first screen and the results began below it
      assert.ok(m.firstTop < m.height * 0.75, `${viewport}: first result at ${m.firstTop}px of ${m.height}`);
      // an <ol class="plain"> kept its markers: Latin «1.» beside Arabic-Indic counts, restarting on every page
      assert.equal(m.marker, 'none');
      assert.equal(m.padding, '0px');
      // the desktop grid had five columns for six controls: the button wrapped alone onto a second row
      assert.ok(Math.abs(m.inputBottom - m.buttonBottom) < 8, `${viewport}: button beside the words field`);
    } finally {
      await v.context.close();
    }
  }
});

test('dark theme follows the system setting', { skip }, async () => {
  const colors: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    const v = await visit('/', 'mobile', scheme);
    try {
      colors.push(await v.page.evaluate(() => getComputedStyle(document.body).backgroundColor));
      await v.page.screenshot({ path: join(ARTIFACTS, `home-mobile-${scheme}.png`), fullPage: true });
      if (process.env.UPDATE_SCREENSHOTS === '1' && scheme === 'dark') copyFileSync(join(ARTIFACTS, 'home-mobile-dark.png'), join(DOCS, 'home-mobile-dark.png'));
    } finally {
      await v.context.close();
    }
  }
  assert.notEqual(colors[0], colors[1]);
});

test('the search form and the story pages work without JavaScript', { skip }, async () => {
  const context = await browser.newContext({ viewport: VIEWPORTS.mobile, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.fill('header input[name=q]', 'الهلال');
    await Promise.all([page.waitForURL(/\/search\?q=/), page.click('header button[type=submit]')]);
    assert.ok((await page.locator('mark').count()) > 0, 'highlighted results');
    await page.click('ol.links a[href^="/article/"]');
    await page.waitForURL(/\/article\/\d+$/);
    assert.ok((await page.textContent('h1'))?.includes('الهلال'));
  } finally {
    await context.close();
  }
});
