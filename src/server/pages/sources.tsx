import type { SourceWithStatus } from '../../core/types.js';
import { outletName } from '../read/source-names.js';
import { feedAddress } from '../feeds/feed-format.js';
import { textDir } from './direction.js';
import { Layout, When, safeHttpUrl, type PageEnv } from './layout.js';

export interface SourcesPageData {
  sources: SourceWithStatus[];
  /** What a form's redirect link says is now so, shown above the table. */
  notice?: { ok: boolean; text: string };
  /** A form the server refused: the reason, shown at that form, and what was typed into it. */
  refused?: { form: 'add' | 'remove'; text: string; url?: string; id?: string };
  adminEnabled: boolean;
  /** The server reads a database it cannot write: the forms are off for that reason, not for want of a token. */
  readOnly?: boolean;
}

const KIND: Record<SourceWithStatus['kind'], string> = { feed: 'خلاصة', sitemap: 'خريطة موقع', homepage: 'صفحة رئيسية', import: 'استيراد' };

/**
 * The table's columns. On a phone each row is shown as a card and every cell names its column (data-label):
 * squeezed into 360 px, six columns broke Arabic words mid-word («المقالا/ت», «استير/اد»). The explicit roles
 * keep the table a table for screen readers when CSS changes how it is displayed.
 */
const COLUMNS = ['المصدر', 'النوع', 'المقالات', 'آخر جلب', 'الحالة', 'الفحص التالي'] as const;

export function SourcesPage(props: { env: PageEnv; data: SourcesPageData }) {
  const { env, data } = props;
  const { fmt } = env;
  return (
    <Layout env={env} title="المصادر" section="/sources">
      <h1>المصادر</h1>
      {data.notice ? (
        <p id="outcome" class={`panel ${data.notice.ok ? 'status-ok' : 'status-error'}`} role="status">
          {data.notice.text}
        </p>
      ) : null}
      {data.sources.length === 0 ? (
        <p class="muted">
          لا مصادر بعد. أضف مصدراً بالنموذج أدناه أو بالأمر <code>sada sources add URL</code>.
        </p>
      ) : (
        <div class="table-scroll">
          <table class="stack" role="table">
            <thead role="rowgroup">
              <tr role="row">
                {COLUMNS.map((c) => (
                  <th role="columnheader" scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody role="rowgroup">
              {data.sources.map((s) => {
                const home = safeHttpUrl(s.homepage ?? s.url);
                const name = outletName(s.slug, s.title);
                return (
                  <tr role="row">
                    <td role="cell" data-label={COLUMNS[0]}>
                      <a href={`/source/${s.id}`}>
                        <bdi>{name}</bdi>
                      </a>
                      <div class="muted">
                        <bdi>{s.slug}</bdi>
                        {home ? (
                          <>
                            {' · '}
                            {/* every row has these links: their names say whose they are */}
                            <a href={home} rel="noopener noreferrer nofollow" aria-label={`الموقع: ${name}`}>
                              الموقع
                            </a>
                          </>
                        ) : null}
                        {' · '}
                        <a href={`/feeds/source/${s.id}.xml`} aria-label={`خلاصة Atom: ${name}`}>
                          Atom
                        </a>
                        {' · '}
                        <a href={feedAddress(`/feeds/source/${s.id}.xml`, 'rss')} aria-label={`خلاصة RSS: ${name}`}>
                          RSS
                        </a>
                      </div>
                    </td>
                    <td role="cell" data-label={COLUMNS[1]}>{KIND[s.kind]}</td>
                    <td role="cell" data-label={COLUMNS[2]}>{fmt.number(s.articles)}</td>
                    <td role="cell" data-label={COLUMNS[3]}>{s.kind === 'import' ? '—' : s.lastFetch === null ? <span class="muted">لم يُجلب بعد</span> : <When fmt={fmt} time={s.lastFetch} />}</td>
                    <td role="cell" data-label={COLUMNS[4]}>
                      {s.lastError ? (
                        // the fetcher's messages are English («HTTP 503 Service Unavailable»): marked so, a screen
                        // reader reads them in an English voice rather than spelling them with Arabic rules
                        <span class="status-error" dir={textDir(s.lastError)} lang={textDir(s.lastError) === 'auto' ? 'en' : undefined}>
                          {s.lastError}
                        </span>
                      ) : s.paused ? (
                        <span class="muted">متوقف</span>
                      ) : (
                        <span class="status-ok">سليم</span>
                      )}
                    </td>
                    <td role="cell" data-label={COLUMNS[5]}>{s.kind === 'import' || s.nextCheck === null ? '—' : fmt.dateTime(s.nextCheck)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <AdminForms sources={data.sources} enabled={data.adminEnabled} readOnly={data.readOnly ?? false} refused={data.refused} />
    </Layout>
  );
}

/** Why the server refused `form`, shown beside it. */
function Refusal(props: { refused: SourcesPageData['refused']; form: 'add' | 'remove' }) {
  if (props.refused?.form !== props.form) return null;
  return (
    <p class="panel status-error" role="alert">
      {props.refused.text}
    </p>
  );
}

/**
 * The admin forms sit below the table (below every source). They post to their own #add / #remove, so a
 * refused form comes back scrolled to itself, with the reason beside it and the URL still typed in; before, the
 * reason was at the top of the page and the form, a long scroll down, was empty again.
 */
function AdminForms(props: { sources: SourceWithStatus[]; enabled: boolean; readOnly: boolean; refused?: SourcesPageData['refused'] }) {
  const refused = props.refused;
  if (props.readOnly) return <p class="muted">إضافة المصادر وحذفها معطلة على هذا الخادم: قاعدة بياناته للقراءة فقط.</p>;
  if (!props.enabled) {
    return (
      <p class="muted">
        إضافة المصادر وحذفها من هنا معطلة: شغّل الخادم مع المتغير <code>SADA_ADMIN_TOKEN</code> لتفعيلها.
      </p>
    );
  }
  return (
    <>
      <section id="add">
        <h2>إضافة مصدر</h2>
        <Refusal refused={refused} form="add" />
        <form class="panel filters" method="post" action="/sources#add">
          <label>
            رابط الخلاصة أو الموقع
            <input type="url" name="url" required dir="ltr" maxlength={2048} placeholder="https://example.com/feed.xml" value={refused?.form === 'add' ? (refused.url ?? '') : ''} />
          </label>
          <label>
            رمز الإدارة
            <input type="password" name="token" required autocomplete="current-password" />
          </label>
          <button type="submit">إضافة</button>
        </form>
      </section>
      {props.sources.length > 0 ? (
        <section id="remove">
          <h2>حذف مصدر</h2>
          <Refusal refused={refused} form="remove" />
          <form class="panel filters" method="post" action="/sources/remove#remove">
            <label>
              المصدر
              <select name="id" required>
                {props.sources.map((s) => (
                  <option value={String(s.id)} selected={refused?.form === 'remove' && refused.id === String(s.id)}>{`${outletName(s.slug, s.title)} (${s.slug})`}</option>
                ))}
              </select>
            </label>
            <label>
              رمز الإدارة
              <input type="password" name="token" required autocomplete="current-password" />
            </label>
            <button type="submit" class="danger">
              حذف
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}
