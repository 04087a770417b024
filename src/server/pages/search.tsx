import type { SourceWithStatus } from '../../core/types.js';
import type { ArticleView } from '../read/reader.js';
import { outletName } from '../read/source-names.js';
import type { SnippetSpan } from '../services.js';
import { feedAddress } from '../feeds/feed-format.js';
import { NOUNS } from './format.js';
import { textDir } from './direction.js';
import { Layout, type PageEnv } from './layout.js';
import { ArticleLine, Pager } from './parts.js';

export interface SearchPageData {
  q: string;
  source: string;
  from: string;
  to: string;
  /** `newest`: the articles with every word, newest first. */
  sort: 'relevance' | 'newest';
  page: number;
  pageSize: number;
  sources: SourceWithStatus[];
  /** Null before a query is given. */
  /** `more`: another page of hits follows. */
  result: { total: number; hits: { view: ArticleView; snippet: string; highlights: SnippetSpan[]; alsoIn: number }[]; more: boolean; suggestion?: string; notes?: string[] } | null;
  /** Shown instead of results (search unavailable, bad filter). */
  message?: string;
}

export function SearchPage(props: { env: PageEnv; data: SearchPageData }) {
  const { env, data } = props;
  const { fmt } = env;
  // The feed follows the search with its outlet filter (dates would freeze it).
  const feedHref = data.q ? `/feeds/search.xml?${new URLSearchParams({ q: data.q, ...(data.source ? { source: data.source } : {}) }).toString()}` : undefined;
  // With a query and no filter, the filters fold away so that a phone shows the results on its first screen.
  const optionsOpen = !data.q || Boolean(data.source || data.from || data.to || data.message) || data.sort === 'newest';
  const first = (data.page - 1) * data.pageSize + 1;
  // Search reads `source` in any case, several slugs by commas, and removed outlets too (their articles stay);
  // the menu lists followed outlets only, so a filter it lacks is shown as searched, not as «كل المصادر».
  const chosen = data.source.trim().toLowerCase();
  const unlisted = chosen && !data.sources.some((s) => s.slug === chosen) ? chosen.split(',').map((slug) => slug.trim()).filter(Boolean).map((slug) => outletName(slug)).join('، ') : '';
  return (
    <Layout env={env} title={data.q ? `بحث: ${data.q}` : 'البحث'} section="/search" searchBox={false} {...(feedHref ? { feed: { href: feedHref, title: `صدى: ${data.q}` } } : {})}>
      <h1>البحث</h1>
      <form class="panel search-form" action="/search" method="get" role="search">
        <div class="query">
          <label>
            الكلمات
            <input type="search" name="q" value={data.q} dir="auto" maxlength={200} required />
          </label>
          <button type="submit">بحث</button>
        </div>
        <details class="options" open={optionsOpen}>
          <summary>المصدر والتاريخ والترتيب</summary>
          <div class="filters">
            <label>
              المصدر
              <select name="source">
                <option value="">كل المصادر</option>
                {unlisted ? (
                  <option value={data.source} selected>
                    {unlisted}
                  </option>
                ) : null}
                {data.sources.map((s) => (
                  <option value={s.slug} selected={s.slug === chosen}>
                    {outletName(s.slug, s.title)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              من تاريخ
              <input type="date" name="from" value={dateInputValue(data.from)} />
            </label>
            <label>
              إلى تاريخ
              <input type="date" name="to" value={dateInputValue(data.to)} />
            </label>
            <label>
              الترتيب
              <select name="sort">
                <option value="relevance" selected={data.sort === 'relevance'}>
                  الأقرب إلى البحث
                </option>
                <option value="newest" selected={data.sort === 'newest'}>
                  الأحدث أولاً (كل الكلمات)
                </option>
              </select>
            </label>
          </div>
        </details>
      </form>
      {data.message ? (
        <p class="panel status-error">
          <IsolatedDates text={data.message} />
        </p>
      ) : null}
      {data.result ? (
        <section aria-label="النتائج">
          {data.result.suggestion ? (
            <p class="suggestion">
              هل تقصد:{' '}
              <a href={searchLink({ ...data, q: data.result.suggestion }, 1)} dir={textDir(data.result.suggestion)}>
                {data.result.suggestion}
              </a>
              ؟
            </p>
          ) : null}
          {(data.result.notes ?? []).map((note) => (
            <p class="notice">{note}</p>
          ))}
          <p class="muted">
            {data.result.total > 0 ? fmt.count(data.result.total, NOUNS.result) : data.sort === 'newest' ? 'لا مقال يحوي كل كلمات البحث. ' : 'لا نتائج لهذا البحث.'}
            {data.result.total === 0 && data.sort === 'newest' ? <a href={searchLink(data, 1, 'relevance')}>اعرض الأقرب إلى البحث</a> : null}
          </p>
          {/* not under a note that says why nothing was found: «أضف كلمة مميزة» above «جرّب كلمات أقل» contradicted it */}
          {data.result.total === 0 && data.sort !== 'newest' && data.page === 1 && (data.result.notes ?? []).length === 0 ? <p class="muted">جرّب كلمات أقل أو أعمّ، أو تحقق من كتابتها.</p> : null}
          {data.result.hits.length === 0 && data.result.total > 0 && data.page > 1 ? (
            <p class="muted">
              لا نتائج أخرى لهذا البحث. <a href={searchLink(data, 1)}>العودة إلى أول النتائج</a>
            </p>
          ) : null}
          {data.result.hits.length > 0 ? (
            <ol class="plain links results" start={first}>
              {data.result.hits.map((hit) => (
                <li>
                  <ArticleLine fmt={fmt} view={hit.view} />
                  <p class="snippet" dir={textDir(hit.snippet)}>
                    <Highlighted text={hit.snippet} spans={hit.highlights} />
                  </p>
                  {hit.alsoIn > 0 ? <p class="muted">ونُشر التقرير نفسه في {fmt.count(hit.alsoIn, NOUNS.otherOutlet)}</p> : null}
                </li>
              ))}
            </ol>
          ) : null}
          <ResultPager data={data} />
          {feedHref ? (
            <p class="muted">
              <a href={feedHref}>تابع هذا البحث بخلاصة Atom</a> · <a href={feedAddress(feedHref, 'rss')}>خلاصة RSS</a>
            </p>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}

/**
 * A date filter as the date field can hold it (yyyy-mm-dd), else empty: Chromium refuses any other value
 * with a console warning and shows an empty field anyway. The query string keeps what was asked.
 */
function dateInputValue(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return '';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? value : '';
}

/**
 * Text with every yyyy-mm-dd date kept left to right on one line: in Arabic text the bidi algorithm and line
 * breaking otherwise show «2015-08-03» cut at a hyphen across two lines.
 */
export function IsolatedDates(props: { text: string }) {
  const parts = props.text.split(/(\d{4}-\d{2}-\d{2})/);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <bdi dir="ltr" class="nowrap">{part}</bdi> : part))}</>;
}

/** The search page's address for these filters, at `page`, in `sort` order. */
function searchLink(data: SearchPageData, page: number, sort = data.sort): string {
  const params = new URLSearchParams({ q: data.q });
  if (data.source) params.set('source', data.source);
  if (data.from) params.set('from', data.from);
  if (data.to) params.set('to', data.to);
  if (sort === 'newest') params.set('sort', 'newest');
  if (page > 1) params.set('page', String(page));
  return `/search?${params.toString()}`;
}

/**
 * «التالي» only when the search found a hit beyond this page (`more`): the total counts every copy of a report
 * while the hits fold copies into one, so on real data the pages ran out well before the total did (432
 * results, 33 pages, «التالي» on to eleven empty ones). A page past the last one links back to the first
 * rather than to another empty page.
 */
function ResultPager(props: { data: SearchPageData }) {
  const { data } = props;
  if (!data.result) return null;
  const link = (page: number) => searchLink(data, page);
  const shown = data.result.hits.length;
  return <Pager back={data.page > 1 && shown > 0 ? { href: link(data.page - 1), label: 'السابق' } : null} on={data.result.more ? { href: link(data.page + 1), label: 'التالي' } : null} />;
}

/** Splits a snippet at its highlight spans; every part stays text, matches are wrapped in <mark>. */
export function Highlighted(props: { text: string; spans: SnippetSpan[] }) {
  const parts: (string | { mark: string })[] = [];
  let at = 0;
  const spans = [...props.spans].filter((s) => s.start >= 0 && s.end <= props.text.length && s.start < s.end).sort((a, b) => a.start - b.start);
  for (const s of spans) {
    if (s.start < at) continue;
    if (s.start > at) parts.push(props.text.slice(at, s.start));
    parts.push({ mark: props.text.slice(s.start, s.end) });
    at = s.end;
  }
  if (at < props.text.length) parts.push(props.text.slice(at));
  return <>{parts.map((p) => (typeof p === 'string' ? p : <mark>{p.mark}</mark>))}</>;
}
