import type { SourceRecord } from '../../core/types.js';
import type { LatestItem } from '../read/reader.js';
import { outletName } from '../read/source-names.js';
import { feedAddress } from '../feeds/feed-format.js';
import { NOUNS } from './format.js';
import { textDir } from './direction.js';
import { Layout, safeHttpUrl, type PageEnv } from './layout.js';
import { ArticleLine, Pager } from './parts.js';

export interface LatestPageData {
  items: LatestItem[];
  /** Query string of the next (older) page, when there is one. */
  older: string | null;
  /** Whether this is a later page (the list then links back to its start). */
  paged: boolean;
  /** One outlet's page (also of an outlet no longer followed); absent for the newest reports of every outlet. */
  source?: SourceRecord;
}

/** The newest reports of every outlet (`/latest`), or one outlet's articles (`/source/:id`). */
export function LatestPage(props: { env: PageEnv; data: LatestPageData }) {
  const { env, data } = props;
  const { fmt } = env;
  const source = data.source;
  const name = source ? outletName(source.slug, source.title) : null;
  const path = source ? `/source/${source.id}` : '/latest';
  const feed = source ? { href: `/feeds/source/${source.id}.xml`, title: `صدى: ${name}` } : { href: '/feeds/latest.xml', title: 'صدى: آخر الأخبار' };
  const home = source ? safeHttpUrl(source.homepage ?? source.url) : null;
  return (
    <Layout env={env} title={name ?? 'آخر الأخبار'} feed={feed} {...(source ? {} : { section: '/latest' as const })}>
      <h1 dir={textDir(name ?? 'آخر الأخبار')}>{name ?? 'آخر الأخبار'}</h1>
      {source && source.removedAt !== null ? (
        <p class="notice">
          لم يعد صدى يتابع هذا المصدر منذ {fmt.date(source.removedAt)}: لا تصل منه مقالات جديدة، وهذه مقالاته المحفوظة.
        </p>
      ) : null}
      <p class="meta">
        {source ? (
          <>
            <span>{fmt.count(source.articles, NOUNS.article)}</span>
            {home ? (
              <a href={home} rel="noopener noreferrer nofollow">
                موقع المصدر
              </a>
            ) : null}
          </>
        ) : (
          <span class="muted">كل خبر مرة واحدة: النسخ المنقولة عنه في صفحة قصته.</span>
        )}
        <a href={feed.href}>خلاصة Atom</a>
        <a href={feedAddress(feed.href, 'rss')}>خلاصة RSS</a>
      </p>
      {data.items.length === 0 ? (
        <p class="muted">
          {data.paged ? 'لا مقالات أقدم.' : source ? (source.removedAt !== null ? 'لا مقالات محفوظة من هذا المصدر.' : 'لا مقالات من هذا المصدر بعد.') : 'لا مقالات بعد.'} {data.paged ? <a href={path}>العودة إلى الأحدث</a> : null}
        </p>
      ) : (
        <ul class="plain links">
          {data.items.map((item) => (
            <li>
              <ArticleLine fmt={fmt} view={item.view} story={item.story} outlet={!source} />
            </li>
          ))}
        </ul>
      )}
      <Pager back={data.paged ? { href: path, label: 'الأحدث' } : null} on={data.older ? { href: `${path}?${data.older}`, label: 'أقدم' } : null} />
    </Layout>
  );
}
