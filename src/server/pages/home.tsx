import type { ArticleView, StoryCard } from '../read/reader.js';
import { Layout, type PageEnv } from './layout.js';
import { ArticleLinks, Pager, StoryCardItem } from './parts.js';

export interface HomeData {
  cards: StoryCard[];
  page: number;
  more: boolean;
  /** Newest articles, shown when articles exist but no stories were formed yet. */
  latest: ArticleView[];
  articleCount: number;
}

export function HomePage(props: { env: PageEnv; data: HomeData }) {
  const { env, data } = props;
  const { fmt } = env;
  return (
    <Layout env={env} title="أهم القصص" section="/">
      <h1>أهم القصص</h1>
      {data.cards.length > 0 ? (
        <>
          <ol class="stories">
            {data.cards.map((card) => (
              <StoryCardItem fmt={fmt} card={card} />
            ))}
          </ol>
          <Pager back={data.page > 1 ? { href: data.page === 2 ? '/' : `/?page=${data.page - 1}`, label: 'السابق' } : null} on={data.more ? { href: `/?page=${data.page + 1}`, label: 'المزيد' } : null} />
        </>
      ) : data.latest.length > 0 ? (
        <section>
          <p class="muted">لم تتشكل قصص بعد؛ هذه أحدث المقالات.</p>
          <ArticleLinks fmt={fmt} views={data.latest} />
        </section>
      ) : data.page > 1 ? (
        <p class="muted">
          لا مزيد من القصص. <a href="/">العودة إلى الصفحة الأولى</a>
        </p>
      ) : (
        <EmptyState />
      )}
    </Layout>
  );
}

function EmptyState() {
  return (
    <section class="panel empty">
      <h2>لا توجد أخبار بعد</h2>
      <p>أضف مصدراً (رابط خلاصة أو صفحة موقع إخباري) ليبدأ صدى بجلب أخباره:</p>
      <p>
        <code>sada sources add https://example.com/feed.xml</code>
      </p>
      <p>أو استورد ملف مقالات (JSONL أو JSONL.gz):</p>
      <p>
        <code>sada import FILE.jsonl.gz</code>
      </p>
      <p class="muted">
        يمكن أيضاً إضافة المصادر من صفحة <a href="/sources">المصادر</a> باستخدام رمز الإدارة.
      </p>
    </section>
  );
}
