import { wordsQuery } from '../../search/query-parser.js';
import type { ArticleDetail } from '../read/reader.js';
import { sortTime } from '../read/reader.js';
import { paragraphs } from '../read/text.js';
import { textDir } from './direction.js';
import { Layout, When, safeHttpUrl, type PageEnv } from './layout.js';
import { ArticleLine, ArticleLinks, CoverageLink } from './parts.js';

export function ArticlePage(props: { env: PageEnv; detail: ArticleDetail }) {
  const { env, detail } = props;
  const { fmt } = env;
  const { article } = detail.view;
  const time = sortTime(article);
  const original = safeHttpUrl(article.url);
  const hijri = fmt.hijri(time);
  // Some imported articles came with no text at all: the page says so rather than showing a blank.
  const body = paragraphs(article.text);
  // Stored similar articles come from the days around this one; the headline's words search the rest.
  const topic = wordsQuery(article.title);
  return (
    <Layout env={env} title={article.title || 'مقال'}>
      <div class="article-page">
        <article class="reading">
          {/* not to a story of this article alone (4,362 of the 5,626 imported stories): its page only repeats it */}
          {detail.story && detail.story.articles > 1 ? (
            <p class="meta">
              <CoverageLink fmt={fmt} story={detail.story} />
            </p>
          ) : null}
          <h1 dir={textDir(article.title || 'بلا عنوان')}>{article.title || 'بلا عنوان'}</h1>
          <div class="meta">
            <a href={`/source/${article.sourceId}`}>
              <bdi>{detail.view.outlet}</bdi>
            </a>
            {detail.view.origin ? (
              <span class="origin">
                نقلاً عن <bdi>{detail.view.origin}</bdi>
              </span>
            ) : null}
            {article.author ? <bdi>{article.author}</bdi> : null}
            <When fmt={fmt} time={time} />
            <span>{fmt.dateTime(time)}</span>
            {hijri ? <span>{hijri}</span> : null}
          </div>
          <div class="body">
            {body.length > 0 ? body.map((p) => <p dir={textDir(p)}>{p}</p>) : <p class="muted">{original ? 'لم يُحفظ نص هذا الخبر؛ نصه في موقعه الأصلي.' : 'لم يُحفظ نص هذا الخبر.'}</p>}
          </div>
          {original ? (
            <p>
              <a href={original} rel="noopener noreferrer nofollow" referrerpolicy="no-referrer">
                اقرأ الخبر في موقعه الأصلي
              </a>
            </p>
          ) : null}
        </article>
        <aside>
          {detail.readAlso ? (
            <section>
              <h2>اقرأ أيضاً</h2>
              <div class="panel">
                <ArticleLine fmt={fmt} view={detail.readAlso} />
              </div>
            </section>
          ) : null}
          <section>
            <h2>تغطيات أخرى للخبر</h2>
            <ArticleLinks fmt={fmt} views={detail.otherCoverage} empty="لم تنشر مصادر أخرى هذا الخبر بعد." />
          </section>
          {detail.similar.length > 0 || topic ? (
            <section>
              <h2>مقالات مشابهة</h2>
              <ArticleLinks fmt={fmt} views={detail.similar} empty="لا مقالات مشابهة من الأيام القريبة." />
              {topic ? (
                <p>
                  <a href={`/search?${new URLSearchParams({ q: topic }).toString()}`}>ابحث عن الموضوع في الأرشيف كله</a>
                </p>
              ) : null}
            </section>
          ) : null}
          {/* the outlet's name in quotes, as the press writes it: «المزيد من اليوم», «كل مقالات الرياض» or «كل
              مقالات العربية» read as more from today, all articles about Riyadh, all Arabic articles */}
          {detail.fromOutlet.length > 0 ? (
            <section>
              <h2>
                المزيد من «<bdi>{detail.view.outlet}</bdi>»
              </h2>
              <ArticleLinks fmt={fmt} views={detail.fromOutlet} />
              <p>
                <a href={`/source/${article.sourceId}`}>
                  كل مقالات «<bdi>{detail.view.outlet}</bdi>»
                </a>
              </p>
            </section>
          ) : null}
        </aside>
      </div>
    </Layout>
  );
}
