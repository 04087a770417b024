import type { StoryDetail } from '../read/reader.js';
import { sortTime } from '../read/reader.js';
import { feedAddress } from '../feeds/feed-format.js';
import { NOUNS } from './format.js';
import { textDir } from './direction.js';
import { Layout, When, type PageEnv } from './layout.js';
import { ArticleLine, OutletList } from './parts.js';

export function StoryPage(props: { env: PageEnv; detail: StoryDetail }) {
  const { env, detail } = props;
  const { fmt } = env;
  const { story } = detail;
  const firstId = detail.firstReport?.article.id;
  return (
    <Layout env={env} title={story.title} feed={{ href: `/feeds/story/${story.id}.xml`, title: `صدى: ${story.title}` }}>
      <div class="story-page">
        <section>
          <p class="muted">التغطية الكاملة</p>
          <h1 dir={textDir(story.title)}>{story.title}</h1>
          <div class="meta">
            <span class="badge">{fmt.count(story.sources, NOUNS.source)}</span>
            <span>{fmt.count(story.articles, NOUNS.article)}</span>
            <span>
              آخر تحديث <When fmt={fmt} time={story.lastSeen} />
            </span>
            {/* the Gregorian date beside the Hijri one, as on article pages: not every reader counts in Hijri */}
            <span>{fmt.date(story.lastSeen)}</span>
            {fmt.hijri(story.lastSeen) ? <span>{fmt.hijri(story.lastSeen)}</span> : null}
          </div>
          <OutletList fmt={fmt} outlets={detail.outlets} max={20} />

          {detail.firstReport ? (
            <>
              <h2>أول من نشر</h2>
              <div class="panel">
                <ArticleLine fmt={fmt} view={detail.firstReport} mark="الأسبق" />
              </div>
            </>
          ) : null}

          <h2>التغطية</h2>
          {detail.groups.map((group) => {
            const [head, ...copies] = group.members;
            if (!head) return null;
            const isCopies = copies.length > 0 && group.outlets > 1;
            return (
              <div class={isCopies ? 'group copies' : 'group'}>
                {isCopies ? (
                  <p>
                    <span class="badge">{`نفس النص في ${fmt.count(group.outlets, NOUNS.siteGenitive)}`}</span>
                  </p>
                ) : null}
                <ArticleLine fmt={fmt} view={head} {...(head.article.id === firstId ? { mark: 'الأسبق' } : {})} />
                {copies.length > 0 ? (
                  <details>
                    <summary>{`النسخ الأخرى (${fmt.number(copies.length)})`}</summary>
                    <ul class="plain links">
                      {copies.map((v) => (
                        <li>
                          <ArticleLine fmt={fmt} view={v} />
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : null}
              </div>
            );
          })}
          <p class="muted">
            <a href={`/feeds/story/${story.id}.xml`}>تابع هذه القصة بخلاصة Atom</a> · <a href={feedAddress(`/feeds/story/${story.id}.xml`, 'rss')}>خلاصة RSS</a>
          </p>
        </section>

        <aside>
          <h2>التسلسل الزمني</h2>
          <ol class="timeline">
            {detail.timeline.map((v) => (
              <li>
                <time datetime={new Date(sortTime(v.article)).toISOString()}>{`${fmt.date(sortTime(v.article))} ${fmt.time(sortTime(v.article))}`}</time>
                <span>
                  <bdi>{v.outlet}</bdi>
                  {': '}
                  <a href={`/article/${v.article.id}`} dir={textDir(v.article.title)}>
                    {v.article.title}
                  </a>
                </span>
              </li>
            ))}
          </ol>
          {detail.relatedStories.length > 0 ? (
            <>
              <h2>قصص ذات صلة</h2>
              <ul class="plain links">
                {detail.relatedStories.map((s) => (
                  <li>
                    <a href={`/story/${s.id}`} dir={textDir(s.title)}>
                      {s.title}
                    </a>
                    <div class="meta">
                      <span>{fmt.count(s.sources, NOUNS.source)}</span>
                      <When fmt={fmt} time={s.lastSeen} />
                    </div>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </aside>
      </div>
    </Layout>
  );
}
