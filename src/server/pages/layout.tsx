import type { Child } from 'hono/jsx';
import { toIso } from '../../core/time.js';
import { feedAddress } from '../feeds/feed-format.js';
import type { Formatter } from './format.js';

/** What every page needs besides its data. */
export interface PageEnv {
  fmt: Formatter;
  stylesheet: string;
  /** The search box's current query. */
  q?: string;
}

/** The site's sections, as the header's navigation lists them. */
const SECTIONS = [
  { href: '/', label: 'أهم القصص' },
  { href: '/latest', label: 'آخر الأخبار' },
  { href: '/search', label: 'البحث' },
  { href: '/sources', label: 'المصادر' },
] as const;

export type Section = (typeof SECTIONS)[number]['href'];

/**
 * Every page's frame. `searchBox: false` leaves the header's search box out where the page is itself the
 * search form (two query boxes holding the same words, and two search landmarks, otherwise). `section` marks
 * the page's own link in the navigation (aria-current), so that a screen reader says where the reader is.
 */
export function Layout(props: { env: PageEnv; title: string; children: Child; feed?: { href: string; title: string }; searchBox?: boolean; section?: Section }) {
  const { env } = props;
  return (
    <html lang="ar" dir="rtl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="referrer" content="no-referrer" />
        {/* The page's title isolated (FSI … PDI): a stored title's bidi overrides must not reorder the suffix. */}
        <title>{`\u2068${props.title}\u2069 — صدى`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={env.stylesheet} />
        {/* each feed announced in both formats: readers that take no Atom find the RSS one */}
        <link rel="alternate" type="application/atom+xml" title="صدى: أهم القصص" href="/feeds/top.xml" />
        <link rel="alternate" type="application/rss+xml" title="صدى: أهم القصص (RSS)" href={feedAddress('/feeds/top.xml', 'rss')} />
        {props.feed ? <link rel="alternate" type="application/atom+xml" title={props.feed.title} href={props.feed.href} /> : null}
        {props.feed ? <link rel="alternate" type="application/rss+xml" title={`${props.feed.title} (RSS)`} href={feedAddress(props.feed.href, 'rss')} /> : null}
      </head>
      <body>
        <a class="skip" href="#content">
          انتقل إلى المحتوى
        </a>
        <header class="site">
          <div class="wrap">
            <a class="brand" href="/">
              صدى<small>أصداء الخبر في الصحافة العربية</small>
            </a>
            <nav class="main" aria-label="الأقسام">
              {SECTIONS.map((s) => (
                <a href={s.href} aria-current={s.href === props.section ? 'page' : undefined}>
                  {s.label}
                </a>
              ))}
            </nav>
            {props.searchBox === false ? null : (
              <form class="search-box" action="/search" method="get" role="search">
                <input type="search" name="q" value={env.q ?? ''} placeholder="ابحث في الأخبار" aria-label="كلمات البحث" dir="auto" maxlength={200} />
                <button type="submit">بحث</button>
              </form>
            )}
          </div>
        </header>
        <main id="content" class="wrap">
          {props.children}
        </main>
        <footer class="site">
          <div class="wrap">
            صدى يجمع الأخبار من مصادرها ويعرض من نشرها أولاً. <a href="/feeds/top.xml">خلاصة أهم القصص (Atom)</a> · <a href={feedAddress('/feeds/top.xml', 'rss')}>خلاصة أهم القصص (RSS)</a> · <a href="/api/openapi.json">واجهة البرمجة</a>
          </div>
        </footer>
      </body>
    </html>
  );
}

/**
 * A relative time within the week, else the date, with the full date (and Hijri date) as its tooltip and a
 * machine-readable datetime.
 */
export function When(props: { fmt: Formatter; time: number | null }) {
  if (props.time === null) return <span class="muted">تاريخ غير معروف</span>;
  const hijri = props.fmt.hijri(props.time);
  const full = props.fmt.dateTime(props.time);
  return (
    <time datetime={toIso(props.time) ?? ''} title={hijri ? `${full} — ${hijri}` : full}>
      {props.fmt.moment(props.time)}
    </time>
  );
}

/** Only http(s) links to the outside are ever rendered; anything else (javascript:, data:) becomes null. */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
