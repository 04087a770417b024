import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { AppError } from '../../core/errors.js';
import type { SourceRecord } from '../../core/types.js';
import { NO_ARTICLE_HOLDS_ALL_WORDS } from '../../search/engine.js';
import type { Store } from '../../store/store.js';
import { checkAdminToken } from '../auth.js';
import { wholeNumber } from '../../core/whole-number.js';
import { NewSourceBody, SearchQuery } from '../api/schemas.js';
import { decodeCursor, encodeCursor, keysetOf } from '../api/cursor.js';
import { errorStatus, toHttpError } from '../http-errors.js';
import { sendCached } from '../http-cache.js';
import type { Reader } from '../read/reader.js';
import { outletName } from '../read/source-names.js';
import { EMPTY_DATE_RANGE, type SearchRunner } from '../search-runner.js';
import type { AddSource } from '../services.js';
import { ArticlePage } from './article.js';
import { HomePage } from './home.js';
import { LatestPage } from './latest.js';
import { SearchPage, type SearchPageData } from './search.js';
import { SourcesPage, type SourcesPageData } from './sources.js';
import { StoryPage } from './story.js';
import type { PageEnv } from './layout.js';

export interface PageDeps {
  store: Store;
  reader: Reader;
  search: SearchRunner;
  addSource: AddSource;
  adminToken: string;
  /** Builds the formatting environment for a request (locale from Accept-Language, time from the clock). */
  env(c: Context, q?: string): PageEnv;
  searchLimit: MiddlewareHandler;
  onSourcesChanged(): void;
}

const PAGE_SIZE = 20;
const SEARCH_PAGE_SIZE = 10;
const LAST_PAGE = 500;
const Page = wholeNumber(1, LAST_PAGE, 1);
const Id = wholeNumber(1, Number.MAX_SAFE_INTEGER);

/** Renders a page as a complete HTML document. */
export async function html(c: Context, element: unknown, status = 200) {
  return sendHtml(c, await render(element), status);
}

async function render(element: unknown): Promise<string> {
  return `<!DOCTYPE html>${String(await (element as Promise<string> | string))}`;
}

function sendHtml(c: Context, document: string, status = 200) {
  return sendCached(c, document, 'text/html; charset=utf-8', status);
}

/** The `before` position of a newest-first listing page (the API's opaque cursor). */
function beforeOf(value: string | undefined): { time: number; id: number } | undefined {
  try {
    return keysetOf(decodeCursor(value));
  } catch {
    throw new AppError('BAD_INPUT', 'رابط الصفحة غير صالح');
  }
}

function parseOr400<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('BAD_INPUT', `${what} غير صالح`);
  return parsed.data;
}

export function mountPages(app: Hono, deps: PageDeps): void {
  const { reader, store } = deps;

  // The front page is the same for every reader of one locale while the reader reuses its listing and the
  // formatter its minute: keep the rendered document beside both (weak keys: dropped when either is replaced).
  const renderedHome = new WeakMap<object, WeakMap<object, string>>();

  app.get('/', async (c) => {
    const page = parseOr400(Page, c.req.query('page'), 'رقم الصفحة');
    const top = await reader.topStories((page - 1) * PAGE_SIZE, PAGE_SIZE);
    const { cards, more } = top;
    const env = deps.env(c);
    const cached = renderedHome.get(top)?.get(env.fmt);
    if (cached) return sendHtml(c, cached);
    let latest: Awaited<ReturnType<Reader['view']>>[] = [];
    let articleCount = 0;
    if (cards.length === 0 && page === 1) {
      articleCount = await store.countArticles();
      if (articleCount > 0) latest = await Promise.all((await store.listArticles({ limit: PAGE_SIZE })).map((a) => reader.view(a)));
    }
    const document = await render(<HomePage env={env} data={{ cards, page, more, latest, articleCount }} />);
    if (cards.length > 0) {
      const byFormatter = renderedHome.get(top) ?? new WeakMap<object, string>();
      byFormatter.set(env.fmt, document);
      renderedHome.set(top, byFormatter);
    }
    return sendHtml(c, document);
  });

  // A river of news: every report once, newest first; and one outlet's own articles.
  const latestPage = async (c: Context, source?: SourceRecord) => {
    const before = beforeOf(c.req.query('before'));
    const { items, next } = await reader.latest({ limit: PAGE_SIZE, ...(source ? { sourceId: source.id } : {}), ...(before ? { before } : {}) });
    const older = next ? `before=${encodeCursor({ t: next.time, id: next.id })}` : null;
    return html(c, <LatestPage env={deps.env(c)} data={{ items, older, paged: before !== undefined, ...(source ? { source } : {}) }} />);
  };

  app.get('/latest', (c) => latestPage(c));

  app.get('/source/:id', async (c) => {
    const id = parseOr400(Id, c.req.param('id'), 'رقم المصدر');
    // A removed outlet's page stays: article pages link to it, and its stored articles are still here.
    const source = await store.findSource({ id });
    if (!source) throw new AppError('NOT_FOUND', 'لا يوجد مصدر بهذا الرقم.');
    return latestPage(c, source);
  });

  app.get('/story/:id', async (c) => {
    const id = parseOr400(Id, c.req.param('id'), 'رقم القصة');
    const detail = await reader.storyDetail(id);
    if (!detail) throw new AppError('NOT_FOUND', 'لا توجد قصة بهذا الرقم.');
    return html(c, <StoryPage env={deps.env(c)} detail={detail} />);
  });

  app.get('/article/:id', async (c) => {
    const id = parseOr400(Id, c.req.param('id'), 'رقم المقال');
    const detail = await reader.articleDetail(id);
    if (!detail) throw new AppError('NOT_FOUND', 'لا يوجد مقال بهذا الرقم.');
    return html(c, <ArticlePage env={deps.env(c)} detail={detail} />);
  });

  app.get('/search', deps.searchLimit, async (c) => {
    const raw = c.req.query();
    const data: SearchPageData = {
      q: (raw.q ?? '').trim().slice(0, 200),
      source: raw.source ?? '',
      from: raw.from ?? '',
      to: raw.to ?? '',
      sort: raw.sort === 'newest' ? 'newest' : 'relevance',
      page: 1,
      pageSize: SEARCH_PAGE_SIZE,
      sources: await store.listSources(),
      result: null,
    };
    let status = 200;
    const page = Page.safeParse(raw.page);
    if (data.q && !page.success) {
      status = 400;
      data.message = 'رقم صفحة النتائج غير صالح.';
    } else if (data.q) {
      try {
        data.page = page.data ?? 1;
        // "Did you mean" on the first page only: a reader paging on has already chosen the query.
        const suggest = data.page === 1 ? 'true' : 'false';
        const query = parseOr400(SearchQuery, { q: data.q, limit: String(SEARCH_PAGE_SIZE), source: raw.source || undefined, from: raw.from || undefined, to: raw.to || undefined, sort: raw.sort || undefined, suggest }, 'البحث');
        const result = await deps.search.page(query, (data.page - 1) * SEARCH_PAGE_SIZE);
        const views = await Promise.all(result.hits.map((h) => reader.view(h.article)));
        data.result = {
          total: result.total,
          hits: result.hits.map((h, i) => ({ view: views[i]!, snippet: h.snippet, highlights: h.highlights, alsoIn: h.alsoIn })),
          more: result.more && data.page < LAST_PAGE,
          ...(result.suggestion !== undefined ? { suggestion: result.suggestion } : {}),
          // The page says itself, with a link, that no article holds every word in newest-first order.
          notes: (result.warnings ?? []).filter((w) => w !== NO_ARTICLE_HOLDS_ALL_WORDS),
        };
      } catch (error) {
        const e = toHttpError(error);
        if (e.code === 'INTERNAL' || e.code === 'STORAGE') throw e;
        status = errorStatus(e);
        data.message = e.code === 'UNAVAILABLE' ? 'البحث غير متاح على هذا الخادم حالياً.' : e.code === 'BAD_INPUT' ? badSearchMessage(e) : e.message;
      }
    }
    return html(c, <SearchPage env={deps.env(c, data.q)} data={data} />, status);
  });

  const sourcesPage = async (c: Context, notice?: SourcesPageData['notice'], status = 200, refused?: SourcesPageData['refused']) => {
    c.header('Cache-Control', 'no-store');
    const data: SourcesPageData = { sources: await store.listSources(), adminEnabled: deps.adminToken !== '' && store.readOnly === null, ...(store.readOnly ? { readOnly: true } : {}), ...(notice ? { notice } : {}), ...(refused ? { refused } : {}) };
    return html(c, <SourcesPage env={deps.env(c)} data={data} />, status);
  };

  app.get('/sources', async (c) => sourcesPage(c, await outcomeNotice(c.req.query('added'), c.req.query('removed'))));

  /**
   * The note after an admin form's redirect (`?added=ID`, `?removed=ID`). Anyone can write such a link, so
   * the note claims no action: it states what the stored source is now, and only when that is so (a link
   * naming a source that is not followed, or one that is, says nothing).
   */
  const outcomeNotice = async (added: string | undefined, removed: string | undefined): Promise<SourcesPageData['notice']> => {
    const id = Id.safeParse(added ?? removed);
    const source = id.success ? await store.findSource({ id: id.data }) : null;
    if (!source) return undefined;
    const name = outletName(source.slug, source.title);
    // an outlet known only from imported articles is listed but never polled: it is not followed
    if (added !== undefined && source.removedAt === null && source.kind !== 'import') return { ok: true, text: `«${name}» من المصادر المتابَعة.` };
    if (added === undefined && source.removedAt !== null) return { ok: true, text: `لم يعد «${name}» من المصادر المتابَعة؛ مقالاته المحفوظة باقية في صفحته.` };
    return undefined;
  };

  /**
   * Admin forms: the token travels in the form body; a refused form re-renders the page with the reason at
   * that form and what was typed kept (never the token). After success the page opens at the outcome note.
   */
  const adminForm = (name: 'add' | 'remove', action: (form: Record<string, string>) => Promise<string>) => async (c: Context) => {
    let form: Record<string, string> = {};
    try {
      const body = await c.req.parseBody();
      form = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      checkAdminToken(deps.adminToken, form.token, { readOnly: store.readOnly !== null });
      const outcome = await action(form);
      deps.onSourcesChanged();
      return c.redirect(`/sources?${outcome}#outcome`, 303);
    } catch (error) {
      const e = toHttpError(error);
      if (e.code === 'INTERNAL' || e.code === 'STORAGE') throw e;
      const typed = name === 'add' ? { url: (form.url ?? '').slice(0, 2048) } : { id: (form.id ?? '').slice(0, 20) };
      return sourcesPage(c, undefined, errorStatus(e), { form: name, text: adminMessage(e), ...typed });
    }
  };

  app.post(
    '/sources',
    adminForm('add', async (form) => {
      // the API's rule (http and https only), so the form refuses what the API refuses before anything is fetched
      const source = await deps.addSource(parseOr400(NewSourceBody.shape.url, form.url, 'الرابط'));
      return `added=${source.id}`;
    }),
  );

  app.post(
    '/sources/remove',
    adminForm('remove', async (form) => {
      const id = parseOr400(Id, form.id, 'رقم المصدر');
      if (!(await store.removeSource(id))) throw new AppError('NOT_FOUND', 'لا يوجد مصدر بهذا الرقم.');
      return `removed=${id}`;
    }),
  );
}

/**
 * Why a search was refused. Two well-formed dates in the wrong order get their own words: the general advice
 * to check the dates' format sent a reader who had picked both from the date fields looking for a typo.
 */
function badSearchMessage(e: AppError): string {
  if (e.details?.reason === EMPTY_DATE_RANGE) return 'تاريخ البداية بعد تاريخ النهاية: اجعل «من تاريخ» قبل «إلى تاريخ» أو مثله.';
  return 'تحقق من كلمات البحث والتواريخ (بصيغة 2015-08-03).';
}

function adminMessage(e: AppError): string {
  switch (e.code) {
    case 'FORBIDDEN':
      return 'الإدارة معطلة على هذا الخادم.';
    case 'UNAUTHORIZED':
      return 'رمز الإدارة غير صحيح.';
    case 'CONFLICT':
      return 'هذا المصدر مضاف من قبل.';
    default:
      return e.message;
  }
}
