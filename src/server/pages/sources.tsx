import type { SourceWithStatus } from '../../core/types.js';
import { outletName } from '../read/source-names.js';
import { textDir } from './direction.js';
import { Layout, When, safeHttpUrl, type PageEnv } from './layout.js';

export interface SourcesPageData {
  sources: SourceWithStatus[];
  /** Outcome of an admin action, shown above the table. */
  notice?: { ok: boolean; text: string };
  adminEnabled: boolean;
}

const KIND: Record<SourceWithStatus['kind'], string> = { feed: 'خلاصة', sitemap: 'خريطة موقع', homepage: 'صفحة رئيسية', import: 'استيراد' };

export function SourcesPage(props: { env: PageEnv; data: SourcesPageData }) {
  const { env, data } = props;
  const { fmt } = env;
  return (
    <Layout env={env} title="المصادر">
      <h1>المصادر</h1>
      {data.notice ? <p class={`panel ${data.notice.ok ? 'status-ok' : 'status-error'}`}>{data.notice.text}</p> : null}
      {data.sources.length === 0 ? (
        <p class="muted">
          لا مصادر بعد. أضف مصدراً بالنموذج أدناه أو بالأمر <code>sada sources add URL</code>.
        </p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th>المصدر</th>
                <th>النوع</th>
                <th>المقالات</th>
                <th>آخر جلب</th>
                <th>الحالة</th>
                <th>الفحص التالي</th>
              </tr>
            </thead>
            <tbody>
              {data.sources.map((s) => {
                const home = safeHttpUrl(s.homepage ?? s.url);
                return (
                  <tr>
                    <td>
                      <a href={`/source/${s.id}`}>
                        <bdi>{outletName(s.slug, s.title)}</bdi>
                      </a>
                      <div class="muted">
                        <bdi>{s.slug}</bdi>
                        {home ? (
                          <>
                            {' · '}
                            <a href={home} rel="noopener noreferrer nofollow">
                              الموقع
                            </a>
                          </>
                        ) : null}
                        {' · '}
                        <a href={`/feeds/source/${s.id}.xml`}>Atom</a>
                      </div>
                    </td>
                    <td>{KIND[s.kind]}</td>
                    <td>{fmt.number(s.articles)}</td>
                    <td>{s.kind === 'import' ? '—' : s.lastFetch === null ? <span class="muted">لم يُجلب بعد</span> : <When fmt={fmt} time={s.lastFetch} />}</td>
                    <td>
                      {s.lastError ? (
                        <span class="status-error" dir={textDir(s.lastError)}>
                          {s.lastError}
                        </span>
                      ) : s.paused ? (
                        <span class="muted">متوقف</span>
                      ) : (
                        <span class="status-ok">سليم</span>
                      )}
                    </td>
                    <td>{s.kind === 'import' || s.nextCheck === null ? '—' : fmt.dateTime(s.nextCheck)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <AdminForms sources={data.sources} enabled={data.adminEnabled} />
    </Layout>
  );
}

function AdminForms(props: { sources: SourceWithStatus[]; enabled: boolean }) {
  if (!props.enabled) {
    return (
      <p class="muted">
        إضافة المصادر وحذفها من هنا معطلة: شغّل الخادم مع المتغير <code>SADA_ADMIN_TOKEN</code> لتفعيلها.
      </p>
    );
  }
  return (
    <section>
      <h2>إضافة مصدر</h2>
      <form class="panel filters" method="post" action="/sources">
        <label>
          رابط الخلاصة أو الموقع
          <input type="url" name="url" required dir="ltr" maxlength={2048} placeholder="https://example.com/feed.xml" />
        </label>
        <label>
          رمز الإدارة
          <input type="password" name="token" required autocomplete="current-password" />
        </label>
        <button type="submit">إضافة</button>
      </form>
      {props.sources.length > 0 ? (
        <>
          <h2>حذف مصدر</h2>
          <form class="panel filters" method="post" action="/sources/remove">
            <label>
              المصدر
              <select name="id" required>
                {props.sources.map((s) => (
                  <option value={String(s.id)}>{`${outletName(s.slug, s.title)} (${s.slug})`}</option>
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
        </>
      ) : null}
    </section>
  );
}
