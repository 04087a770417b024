import type { Story } from '../../core/types.js';
import type { ArticleView, OutletCount, StoryCard } from '../read/reader.js';
import { sortTime } from '../read/reader.js';
import { lead } from '../read/text.js';
import { NOUNS, type Formatter } from './format.js';
import { textDir } from './direction.js';
import { When } from './layout.js';

/** Shared pieces of the pages. Third-party strings appear only as JSX text or attributes (escaped). */

export function OutletList(props: { fmt: Formatter; outlets: OutletCount[]; max?: number }) {
  const shown = props.outlets.slice(0, props.max ?? 8);
  const rest = props.outlets.length - shown.length;
  return (
    <ul class="outlets" aria-label="المصادر">
      {shown.map((o) => (
        <li>
          <bdi>{o.name}</bdi>
          {o.articles > 1 ? <span class="muted"> ({props.fmt.number(o.articles)})</span> : null}
        </li>
      ))}
      {rest > 0 ? <li class="muted">{`+${props.fmt.number(rest)}`}</li> : null}
    </ul>
  );
}

export function StoryCardItem(props: { fmt: Formatter; card: StoryCard }) {
  const { fmt, card } = props;
  const h = card.headline;
  const title = card.story.title || h?.article.title || 'قصة بلا عنوان';
  const leadText = h ? lead(h.article.summary, h.article.text) : null;
  return (
    <li class="story-card">
      <h2>
        <a href={`/story/${card.story.id}`} dir={textDir(title)}>
          {title}
        </a>
      </h2>
      {leadText !== null ? (
        <p class="lead" dir={textDir(leadText)}>
          {leadText}
        </p>
      ) : null}
      <div class="meta">
        <span class="badge">{fmt.count(card.story.sources, NOUNS.source)}</span>
        <span>{fmt.count(card.story.articles, NOUNS.article)}</span>
        <When fmt={fmt} time={card.story.lastSeen} />
      </div>
      <OutletList fmt={fmt} outlets={card.outlets} />
    </li>
  );
}

/** «التغطية الكاملة: 5 مصادر», linking to the story page. */
export function CoverageLink(props: { fmt: Formatter; story: Story }) {
  return <a href={`/story/${props.story.id}`}>{`التغطية الكاملة: ${props.fmt.count(props.story.sources, NOUNS.source)}`}</a>;
}

/**
 * One article as a line: title link, outlet, origin and time; with `story`, a link to its full coverage.
 * `outlet: false` on the outlet's own page, where its name on every line says nothing.
 */
export function ArticleLine(props: { fmt: Formatter; view: ArticleView; mark?: string; story?: Story | null; outlet?: boolean }) {
  const { fmt, view } = props;
  return (
    <div class="article-line">
      <a href={`/article/${view.article.id}`} dir={textDir(view.article.title || 'بلا عنوان')}>
        {view.article.title || 'بلا عنوان'}
      </a>
      <div class="meta">
        {props.mark ? <span class="badge">{props.mark}</span> : null}
        {props.outlet === false ? null : <bdi>{view.outlet}</bdi>}
        {view.origin ? (
          <span class="origin">
            نقلاً عن <bdi>{view.origin}</bdi>
          </span>
        ) : null}
        <When fmt={fmt} time={sortTime(view.article)} />
        {props.story ? <CoverageLink fmt={fmt} story={props.story} /> : null}
      </div>
    </div>
  );
}

/**
 * Links to the neighbouring pages of a listing: «→ back» at the start (right), «on ←» at the end. Nothing at
 * all when there is neither: an empty «الصفحات» landmark is still announced by screen readers.
 */
export function Pager(props: { back?: { href: string; label: string } | null; on?: { href: string; label: string } | null }) {
  const { back, on } = props;
  if (!back && !on) return null;
  return (
    <nav class="pager" aria-label="الصفحات">
      {back ? <a href={back.href}>{`→ ${back.label}`}</a> : <span />}
      {on ? <a href={on.href}>{`${on.label} ←`}</a> : <span />}
    </nav>
  );
}

export function ArticleLinks(props: { fmt: Formatter; views: ArticleView[]; empty?: string }) {
  if (props.views.length === 0) return props.empty ? <p class="muted">{props.empty}</p> : null;
  return (
    <ul class="plain links">
      {props.views.map((v) => (
        <li>
          <ArticleLine fmt={props.fmt} view={v} />
        </li>
      ))}
    </ul>
  );
}
