import { errorMessage } from '../core/errors.js';
import { cappedTitle } from '../core/storable-text.js';
import { parseIsoLike } from '../core/time.js';
import { parseFeedDate } from '../feeds/dates.js';
import { canonicalUrl } from '../dedup/canonical-url.js';
import { judgeArticles } from '../stories/assign.js';
import type { Relation } from '../stories/judge.js';
import { JUDGE_MODEL, type JudgeModel } from '../stories/model.js';
import { weighProfile, weighTerms } from '../stories/profile.js';
import { TermCounter, type TermStats } from '../stories/term-stats.js';
import { utcDay } from '../core/time.js';
import { DEFAULT_CORPUS_STATS, type CorpusStatsOptions } from './corpus-stats.js';
import { pairDay } from './stats-window.js';

export type WindowOptions = Pick<CorpusStatsOptions, 'windowDays' | 'windowMinDocs' | 'windowMaxDays'>;
import { analyzeForEngine, type EngineText } from './article-text.js';
import { parseImportLine } from './import-record.js';
import { lineTooLong, readLines, readLinesNamingFile } from './read-lines.js';

/** One side of an input pair: the SaudiNewsNet-like fields `sada pairs` reads. */
interface PairSide {
  url?: string;
  title?: string;
  content?: string;
  text?: string;
  /** Publication time: ISO-like or RFC 822 string, or epoch ms (`published` as in the import formats). */
  date?: unknown;
  published?: unknown;
}

export interface PairResult {
  pair: unknown;
  score: number;
  relation: Relation;
}

export interface PairProblem {
  file: string;
  lineNumber: number;
  reason: string;
}

export interface JudgePairsOptions {
  /** Files in any import format: corpus statistics, nothing stored. Without them the pairs' own articles are the corpus. */
  background?: readonly string[];
  model?: JudgeModel;
  /** Which articles weigh a pair: those of the days around its later article (default: the pipeline's window). */
  window?: Partial<WindowOptions>;
  onProblem?: (problem: PairProblem) => void;
}

interface ParsedPair {
  pair: unknown;
  a: EngineText;
  b: EngineText;
  timeA: number | null;
  timeB: number | null;
}

function side(value: unknown): PairSide | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as PairSide) : null;
}

/**
 * Articles counted once each, by canonical URL when they have one (as the pipeline stores them), per UTC day
 * of publication, so that a pair is weighed with the articles of the days around its later article, as
 * the pipeline weighs it (CorpusStats). Articles without a time count in every window.
 */
export class PairBackground {
  private readonly days = new Map<number, TermCounter>();
  private readonly undated = new TermCounter();
  private readonly windows = new Map<number | null, TermCounter>();
  private readonly seen = new Set<string>();

  constructor(private readonly options: WindowOptions = DEFAULT_CORPUS_STATS) {}

  add(key: string | null, text: EngineText, time: number | null | undefined): void {
    if (key !== null) {
      if (this.seen.has(key)) return;
      this.seen.add(key);
    }
    let counter = this.undated;
    if (time != null) {
      const day = utcDay(time);
      counter = this.days.get(day) ?? new TermCounter();
      this.days.set(day, counter);
    }
    counter.addDocument(text.analysis.profile.keys);
    this.windows.clear();
  }

  /** The statistics of the window around `day` (null: a pair without any time, weighed with everything). */
  window(day: number | null): TermStats {
    let w = this.windows.get(day);
    if (w) return w;
    w = new TermCounter();
    w.addCounts(this.undated.docCount, this.undated.entries());
    const o = this.options;
    // The pipeline's window (CorpusStats.window): ±windowDays, widened while it holds too few articles.
    let radius = o.windowDays;
    const docsAt = (d: number) => this.days.get(d)?.docCount ?? 0;
    let docs = this.undated.docCount;
    if (day !== null) {
      for (let d = day - radius; d <= day + radius; d++) docs += docsAt(d);
      for (; docs < o.windowMinDocs && radius < o.windowMaxDays; radius++) docs += docsAt(day - radius - 1) + docsAt(day + radius + 1);
    }
    for (const [d, counter] of this.days) if (day === null || Math.abs(d - day) <= radius) w.addCounts(counter.docCount, counter.entries());
    this.windows.set(day, w);
    return w;
  }
}

/** A side's publication time; undefined when it has one that cannot be read. */
function sideTime(s: PairSide): number | null | undefined {
  const value = s.date ?? s.published;
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  return parseIsoLike(value) ?? parseFeedDate(value) ?? undefined;
}

function urlKey(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  try {
    return canonicalUrl(url);
  } catch {
    return null;
  }
}

/**
 * Judges article pairs with the pipeline's own reading (`analyzeForEngine`), weighting (`weighProfile`, in
 * the window of the pair's later article) and decision (`judgeArticles`, with the two publication times), so the figures of `sada pairs` describe
 * what ingestion does.
 */
export async function judgePairs(file: string, options: JudgePairsOptions = {}): Promise<PairResult[]> {
  const model = options.model ?? JUDGE_MODEL;
  const report = (p: PairProblem) => options.onProblem?.(p);
  const { windowDays, windowMinDocs, windowMaxDays } = { ...DEFAULT_CORPUS_STATS, ...options.window };
  const corpus = new PairBackground({ windowDays, windowMinDocs, windowMaxDays });
  for (const path of options.background ?? []) {
    try {
      for await (const { lineNumber, line, tooLong } of readLines(path)) {
        if (line === null) {
          report({ file: path, lineNumber, reason: lineTooLong(tooLong) });
          continue;
        }
        const parsed = parseImportLine(line);
        if (!parsed.ok) {
          if (!parsed.skip) report({ file: path, lineNumber, reason: parsed.reason });
          continue;
        }
        corpus.add(urlKey(parsed.article.url), analyzeForEngine(cappedTitle(parsed.article.title), parsed.article.text, model), parsed.article.published);
      }
    } catch (error) {
      report({ file: path, lineNumber: 0, reason: errorMessage(error) });
    }
  }
  const pairs: ParsedPair[] = [];
  for await (const { lineNumber, line, tooLong } of readLinesNamingFile(file)) {
    if (line === null) {
      report({ file, lineNumber, reason: lineTooLong(tooLong) });
      continue;
    }
    let value: { pair?: unknown; a?: unknown; b?: unknown };
    try {
      value = JSON.parse(line) as typeof value;
    } catch (error) {
      report({ file, lineNumber, reason: `not JSON: ${errorMessage(error)}` });
      continue;
    }
    const a = side(value?.a);
    const b = side(value?.b);
    if (!a || !b || value.pair === undefined) {
      report({ file, lineNumber, reason: 'expected {"pair", "a": {title, content}, "b": {title, content}}' });
      continue;
    }
    // A field that is not a string (a number, an array) is reported and read as missing, as import reads it.
    const field = (s: PairSide, key: 'title' | 'content' | 'text', name: string): string | undefined => {
      const v: unknown = s[key];
      if (v === undefined || v === null || typeof v === 'string') return v ?? undefined;
      report({ file, lineNumber, reason: `"${key}" of "${name}" is not a string` });
      return undefined;
    };
    // the title as the pipeline stores and reads it (cut past MAX_TITLE_LENGTH)
    const read = (s: PairSide, name: string) => analyzeForEngine(cappedTitle(field(s, 'title', name) ?? ''), field(s, 'content', name) ?? field(s, 'text', name) ?? '', model);
    // A date that cannot be read is reported; the pair is still judged, as if both appeared together.
    const time = (s: PairSide, name: string) => {
      const t = sideTime(s);
      if (t === undefined) report({ file, lineNumber, reason: `unreadable date of "${name}": ${String(s.date ?? s.published).slice(0, 80)}` });
      return t ?? null;
    };
    pairs.push({ pair: value.pair, a: read(a, 'a'), b: read(b, 'b'), timeA: time(a, 'a'), timeB: time(b, 'b') });
    if (!options.background?.length) {
      const p = pairs.at(-1)!;
      corpus.add(urlKey(a.url), p.a, p.timeA);
      corpus.add(urlKey(b.url), p.b, p.timeB);
    }
  }
  const text = (t: EngineText, time: number | null) => ({
    contentHash: t.analysis.contentHash,
    shingles: { minhash: t.analysis.minhash, count: t.analysis.shingles },
    time,
  });
  return pairs.map(({ pair, a, b, timeA, timeB }) => {
    const stats = corpus.window(pairDay(timeA, timeB));
    const self = { ...text(a, timeA), profile: weighProfile(a.analysis.profile, stats, model) };
    const j = judgeArticles(self, { ...text(b, timeB), weighing: weighTerms(b.analysis.profile, stats, model) }, model);
    return { pair, score: Math.round(j.score * 1e6) / 1e6, relation: j.relation };
  });
}
