import { textDir } from './direction.js';
import { Layout, type PageEnv } from './layout.js';

const TITLES: Record<number, string> = {
  400: 'طلب غير صالح',
  401: 'رمز الإدارة مطلوب',
  403: 'غير مسموح',
  404: 'الصفحة غير موجودة',
  413: 'الطلب أكبر من المسموح',
  414: 'الرابط أطول من المسموح',
  429: 'طلبات كثيرة',
  503: 'الخدمة غير متاحة',
};

export function ErrorPage(props: { env: PageEnv; status: number; message: string }) {
  const title = TITLES[props.status] ?? 'حدث خطأ';
  return (
    <Layout env={props.env} title={title}>
      <section class="panel empty">
        <h1>{title}</h1>
        <p class="muted" dir={textDir(props.message)}>
          {props.message}
        </p>
        <p>
          <a href="/">العودة إلى أهم القصص</a>
        </p>
      </section>
    </Layout>
  );
}
