import type { TermStats } from '../stories/term-stats.js';
import { TermTable } from '../stories/term-table.js';
import type { DayTermCounts, Store } from '../store/store.js';
import { type DayCounts, Window, type WindowStats } from './stats-window.js';

export interface CorpusStatsOptions {
  /**
   * Statistics of a reference corpus added to every window (a prior for a new, nearly empty database;
   * tests use a synthetic one). Default: none.
   */
  background?: TermStats;
  /** A pair is weighed with the articles published within this many days of its later article (the candidate window)... */
  windowDays: number;
  /**
   * ... widened a day at a time on both sides while it holds fewer articles than this (a thin stream), up to
   * `windowMaxDays`: the judgement's parameters were fitted on statistics of about 4,000 articles, and its
   * "rare" (1 in 200 articles) and IDF scale mean something else over a few hundred.
   */
  windowMinDocs: number;
  windowMaxDays: number;
  /**
   * Fold queued terms once the articles stored since the last fold reach this share of the window around the
   * article just stored (of the articles counted in it)...
   */
  foldFraction: number;
  /** ... and at least this many (while the corpus is tiny, the PRIOR_DOCS prior carries the weights). */
  foldMin: number;
  /** Queued articles counted per fold at most. */
  foldLimit: number;
}

export const DEFAULT_CORPUS_STATS: CorpusStatsOptions = { windowDays: 3, windowMinDocs: 4_000, windowMaxDays: 30, foldFraction: 0.1, foldMin: 20, foldLimit: 50_000 };

/** Windows kept summed in memory (a window is rebuilt from its days when it was evicted). */
const WINDOWS_KEPT = 8;
/** Days kept in memory beyond those of the kept windows, besides the widest window's. */
const DAYS_SPARE = 16;

/**
 * The process's copy of the stored document frequencies, at one stored version, counted per UTC day of
 * publication. A pair of articles is weighed with the articles of the days within `windowDays` of its later
 * one (`window`), so that a name common in the week of an event counts as common for that event whatever
 * the database's history (docs/STORIES.md, "Window-local statistics"). Statistics change only by folds
 * (Store.foldTermStats): every process that reads version v weighs with the same numbers, and between folds
 * they do not move at all, so weighings can be cached per version and window. Folds come every
 * `foldMin` articles while the window being stored is small and every 10% of it later.
 *
 * Only the days of recently used windows are held: a window is the sum of its days, kept up to date by the
 * folds of this process; after a fold by another process the held days take the rows it changed (`catchUp`),
 * and after a rollback everything is dropped and the days are read again as windows need them.
 */
export class CorpusStats {
  private readonly days = new Map<number, DayCounts>();
  /** Summed windows by centre day. Every day a kept window covers is in `days`. */
  private readonly windows = new Map<number, Window>();
  private uses = 0;
  private corpusDocs = 0;
  private loadedVersion = -1;
  /**
   * Articles stored since the last fold; null when not known in this process (at start, after a rollback
   * or a fold) and then read from the store's queue, so that folds fall at the same articles whether an
   * import ran in one go or was interrupted and resumed.
   */
  private sinceFold: number | null = null;
  /** This process's articles since `sinceFold` was last read from the store. */
  private countedHere = 0;

  constructor(private readonly options: CorpusStatsOptions = DEFAULT_CORPUS_STATS) {}

  /** Articles counted in the whole corpus. */
  get corpusSize(): number {
    return this.corpusDocs;
  }

  /** The stored version these numbers are (-1 before the first load). */
  get version(): number {
    return this.loadedVersion;
  }

  /** Brings the numbers up to the stored version; true when they changed. */
  async sync(store: Store): Promise<boolean> {
    const head = await store.termStatsVersion();
    if (head.version === this.loadedVersion) return false;
    if (!(await this.catchUp(store))) this.forget(head.version, head.docCount);
    return true;
  }

  /**
   * Another process folded: the held days are brought to the stored version by the rows its folds changed
   * (each row carries the version that last changed it, and holds the whole count), not read again whole.
   * With several PostgreSQL workers every fold by one made the others read all their days again.
   */
  private async catchUp(store: Store): Promise<boolean> {
    if (this.loadedVersion < 0 || this.days.size === 0) return false;
    let from = Infinity;
    let to = -Infinity;
    for (const day of this.days.keys()) {
      from = Math.min(from, day);
      to = Math.max(to, day);
    }
    // Days held far apart (windows of two periods): the read would scan every day between; read afresh.
    if (to - from > 2 * this.options.windowMaxDays + DAYS_SPARE) return false;
    const snapshot = await store.loadTermStats(this.loadedVersion, { from, to });
    for (const changed of snapshot.days) {
      const held = this.days.get(changed.day);
      if (!held) continue;
      held.docs = changed.docs;
      for (const [term, df] of changed.counts) if (df > 0) held.df.set(term, df);
    }
    // Windows are summed again from the days when next asked for (no store read: their days are held).
    this.windows.clear();
    this.loadedVersion = snapshot.version;
    this.corpusDocs = snapshot.docCount;
    this.sinceFold = null;
    return true;
  }

  /** The window around `day` when it is held (no store read needed), else undefined: `window` reads it. */
  heldWindow(day: number): WindowStats | undefined {
    const kept = this.windows.get(day);
    if (kept) {
      kept.used = true;
      kept.lastUse = ++this.uses;
    }
    return kept;
  }

  /** The statistics of the window around `day` (a UTC day number) at the version held, its days read as needed. */
  async window(store: Store, day: number): Promise<WindowStats> {
    const kept = this.heldWindow(day);
    if (kept) return kept;
    const o = this.options;
    let radius: number;
    for (;;) {
      const version = this.loadedVersion;
      await this.ensureDays(store, day - o.windowDays, day + o.windowDays);
      radius = o.windowDays;
      let docs = this.docsIn(day, radius);
      while (docs < o.windowMinDocs && radius < o.windowMaxDays && this.loadedVersion === version) {
        // Read ahead a week on each side: a thin stream usually needs several.
        const reach = Math.min(o.windowMaxDays, radius + 7);
        await this.ensureDays(store, day - reach, day + reach);
        for (; radius < reach && docs < o.windowMinDocs; radius++) docs += this.days.get(day - radius - 1)!.docs + this.days.get(day + radius + 1)!.docs;
      }
      // Another process folded while the days were read: count again at the version read last.
      if (this.loadedVersion === version) break;
    }
    const parts: DayCounts[] = [];
    for (let d = day - radius; d <= day + radius; d++) parts.push(this.days.get(d)!);
    const window = new Window(day, radius, 2 * parts.reduce((most, p) => Math.max(most, p.df.size), 16), o.background);
    for (const p of parts) {
      window.docs += p.docs;
      window.df.addTable(p.df);
    }
    window.lastUse = ++this.uses;
    this.windows.set(day, window);
    this.evict();
    return window;
  }

  /**
   * Called once per stored article, inside its transaction, with the UTC day of its window: folds queued terms
   * when enough have arrived. Enough is a share of that window, not of the corpus: a pair is weighed with its
   * window's articles, and a share of a large corpus is weeks of articles, all missing from the window of the
   * days being stored (importing ANT after the 26,316 SaudiNewsNet articles judged 1,870 of its articles with
   * no statistics at all). The window at a given version is the same in every process, so folds still fall
   * at the same articles in an import interrupted and run again.
   */
  async afterArticle(store: Store, day: number): Promise<void> {
    const window = this.windows.get(day) ?? (await this.window(store, day));
    const threshold = Math.max(this.options.foldMin, Math.floor(window.docs * this.options.foldFraction));
    // The article's own terms are queued by now, inside the same transaction. Counting here alone would miss
    // what other processes (PostgreSQL workers) queue, so the store's count is read again every eighth of the
    // way to a fold; alone, the store says what this process counted, and folds fall at the same articles.
    if (this.sinceFold === null || this.countedHere >= Math.max(1, Math.floor(threshold / 8))) {
      this.sinceFold = await store.pendingTermCount();
      this.countedHere = 0;
    } else {
      this.sinceFold++;
    }
    this.countedHere++;
    if (this.sinceFold < threshold) return;
    this.sinceFold = null;
    const fold = await store.foldTermStats(this.options.foldLimit);
    // A fold from the version held here is applied as it is (what a reload would read back); otherwise another
    // process folded in between and the store has the rest.
    if (fold.folded > 0 && fold.previousVersion === this.loadedVersion) {
      // A widened window may need fewer days now: it is counted again when next used, as a process reading
      // this version afresh would count it. A window of the base width stays that width as it grows. A window
      // not asked for since the last fold (the import has moved on) is dropped rather than updated: updating
      // every kept window at every fold cost more than summing the few that are asked for again.
      for (const [centre, w] of this.windows) {
        if (w.radius > this.options.windowDays || !w.used) this.windows.delete(centre);
        else w.used = false;
      }
      for (const [day, added] of fold.added) {
        const held = this.days.get(day);
        if (held) {
          held.docs += added.docs;
          for (const [term, n] of added.counts) held.df.add(term, n);
        }
        // A day no kept window covers may be absent; it is read at the new version when a window needs it.
        for (const w of this.windows.values()) if (Math.abs(w.centre - day) <= w.radius) w.add(added.docs, added.counts);
      }
      this.loadedVersion = fold.version;
      this.corpusDocs = fold.docCount;
    } else {
      await this.sync(store);
    }
  }

  /** Forgets everything (after a rolled-back transaction): the next sync reloads from the store. */
  reset(): void {
    this.forget(-1, 0);
  }

  private forget(version: number, corpusDocs: number): void {
    this.days.clear();
    this.windows.clear();
    this.loadedVersion = version;
    this.corpusDocs = corpusDocs;
    // Another process may have folded: what is still queued is the store's to say.
    this.sinceFold = null;
  }

  /** Reads the days from..to that are not held, a run of consecutive days at a time. */
  private async ensureDays(store: Store, from: number, to: number): Promise<void> {
    for (;;) {
      let start = from;
      while (start <= to && this.days.has(start)) start++;
      if (start > to) return;
      let end = start;
      while (end < to && !this.days.has(end + 1)) end++;
      const range = { from: start, to: end };
      const snapshot = await store.loadTermStats(0, range);
      // Another process folded since: what is held is older than what was read, so start again from this read.
      if (snapshot.version !== this.loadedVersion) this.forget(snapshot.version, snapshot.docCount);
      this.install(range, snapshot.days);
    }
  }

  private docsIn(centre: number, radius: number): number {
    let docs = 0;
    for (let d = centre - radius; d <= centre + radius; d++) docs += this.days.get(d)!.docs;
    return docs;
  }

  /** Holds the days of `range` as read (a day the read did not return has no articles counted). */
  private install(range: { from: number; to: number }, read: readonly DayTermCounts[]): void {
    const byDay = new Map(read.map((d) => [d.day, d]));
    for (let d = range.from; d <= range.to; d++) {
      const counts = byDay.get(d);
      const df = new TermTable(Math.max(8, counts?.counts.length ?? 0));
      if (counts) for (const [term, n] of counts.counts) if (n > 0) df.set(term, n);
      this.days.set(d, { docs: counts?.docs ?? 0, df });
    }
  }

  private evict(): void {
    while (this.windows.size > WINDOWS_KEPT) {
      let oldest: Window | undefined;
      for (const w of this.windows.values()) if (!oldest || w.lastUse < oldest.lastUse) oldest = w;
      this.windows.delete(oldest!.centre);
    }
    if (this.days.size <= 2 * this.options.windowMaxDays + 1 + DAYS_SPARE) return;
    const windows = [...this.windows.values()];
    for (const d of [...this.days.keys()]) if (!windows.some((w) => Math.abs(w.centre - d) <= w.radius)) this.days.delete(d);
  }
}
