import { readFileSync } from 'node:fs';
import { fixturePath } from './paths.js';
import { splitmix32 } from '../dedup/hash32.js';
import { TermCounter } from '../stories/term-stats.js';
import { type ArticleTerms, documentTerms } from '../stories/profile.js';
import { analyzeTerms, contentTerms } from '../text/index.js';

/** Content-word stems of a text with Sada's analyzer (what the pipeline compares). */
export function simpleTerms(text: string): string[] {
  return contentTerms(analyzeTerms(text), { use: 'stem' });
}

/** A fixture article: first line is the title, the rest the body. */
export function fixtureTerms(group: string, name: string): ArticleTerms {
  const raw = readFileSync(fixturePath('stories', group, `${name}.txt`), 'utf8');
  const [title = '', ...rest] = raw.split('\n');
  return { title: simpleTerms(title), body: simpleTerms(rest.join('\n')) };
}

/** Everyday news vocabulary: what a background corpus makes common (low IDF). */
const COMMON = (
  'الهيئة العامة اليوم الأحد الاثنين الثلاثاء وقال وأضاف وأوضح وأشار المملكة الرياض جدة مدير رئيس وزير الوزارة ' +
  'المشروع مشروع خطة تطوير العام الماضي المقبل الشهر مليون ريال ألف سنويا الجديد الجديدة المنطقة منطقة محافظة ' +
  'إضافة ضمن بهدف رفع تحسين الخدمات القطاع الخاص المواطنين الزوار بيان أعلنت أعلن المسؤولين مسؤولون حسب بحسب ' +
  'الدولي الدولية عدد أكثر نحو حيث كما وكان وقد يأتي تأتي فريق الدوري المباراة مساء صباح الجولة أهداف هدف فوز ' +
  'المحلية السوق الأسهم المؤشر نقطة نقاط ارتفع انخفض الأمير الملك خادم الحرمين الشريفين الحكومة مجلس الاجتماع ' +
  'ثلاثة ثلاث أربعة خمسة عشرة مئة أسبوع الأسبوع أسبوعين القادم قادما المقبلة يوم يوما أيام شهر شهرا سنة سنوات عاما لمدة ' +
  'مدة استمرت مساء الخميس الجمعة السبت الأربعاء العاصمة رسميا إطار مرحلة موسم المواسم عدة إلى جانب أول أولى كبير ' +
  'دولية مباشرة مباشر وصول استقبل استقبال انطلاق فعاليات المحافظة محافظة سجلت مرتفعة نسب خصصت نقل مواقع'
).split(' ');

/** Topical vocabularies: words that are frequent within a section of the news (mid IDF, never rare). */
const TOPICS = [
  'مطار مطارات الطيران المدني رحلات رحلة مسافر المسافرين الركاب صالة مدرج الطائرات الطاقة الاستيعابية تشغيل التشغيل شركات طيران تخصيص مبنى',
  'السياحة السياح الزوار مهرجان المواقع الأثرية التاريخية شتاء موسمية الفنادق الإشغال تراث جذب الوجهات',
  'الهلال النصر الاتحاد الأهلي الاتفاق المهاجم الدقيقة الملعب المدرب اللاعب اللاعبين الترتيب صدارة رصيد ملاحقيه البديل الضائع دوري المحترفين ضيفه فوزا',
  'النفط الأسعار برميل أوبك الإنتاج البورصة المستثمرين الأرباح الربع الشركة الشركات السيولة التداول',
  'الأمطار الدفاع المدني السيول الأرصاد الطقس الرياح الغبار درجات الحرارة التحذير الأودية',
  'التعليم المدارس الطلاب الجامعة الجامعات المعلمين القبول العام الدراسي الاختبارات',
].map((t) => t.split(' '));

/**
 * Background statistics for tests: `docs` synthetic documents drawn from the common vocabulary (a fixed
 * seed), plus the given articles, so that event words are rare and everyday words are common.
 */
export function backgroundStats(articles: readonly ArticleTerms[], docs = 1000): TermCounter {
  const stats = new TermCounter();
  const next = splitmix32(2015);
  for (let d = 0; d < docs; d++) {
    const words: string[] = [];
    for (let i = 0; i < 40; i++) words.push(COMMON[next() % COMMON.length] ?? '');
    const topic = TOPICS[d % TOPICS.length] ?? [];
    for (let i = 0; i < 12; i++) words.push(topic[next() % topic.length] ?? '');
    stats.addDocument(documentTerms({ title: [], body: simpleTerms(words.join(' ')) }));
  }
  for (const a of articles) stats.addDocument(documentTerms(a));
  return stats;
}
