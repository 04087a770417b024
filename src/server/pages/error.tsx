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

/**
 * What the reader is told when the error's own message is not Arabic (the API's English messages are for
 * clients): what happened and what to do, rather than a bare «تعذر تنفيذ الطلب».
 */
const EXPLANATIONS: Record<number, string> = {
  404: 'لا توجد صفحة بهذا العنوان.',
  413: 'البيانات المرسلة أكبر من المسموح.',
  429: 'وصلت طلبات كثيرة من جهازك في وقت قصير. انتظر دقيقة ثم حاول مرة أخرى.',
  503: 'الخدمة غير متاحة حالياً. حاول مرة أخرى بعد قليل.',
};

/** The Arabic message an error page shows for `status`, given the error's own message. */
export function readerMessage(status: number, message: string): string {
  if (status >= 500 && status !== 503) return 'حدث خطأ غير متوقع. حاول مرة أخرى لاحقاً.';
  return /\p{Script=Arabic}/u.test(message) ? message : (EXPLANATIONS[status] ?? 'تعذر تنفيذ الطلب.');
}

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
