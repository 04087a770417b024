import { normalize } from './normalize.js';
import { RangeMap } from './range-set.js';

/**
 * Arabic function words, written as readers write them; the sets hold their normalised forms, with the
 * conjunctions و and ف attached (وفي، فإن …). Every one-letter Arabic word counts as a stopword too
 * (و، ب، م of 2015م, هـ of 1436هـ).
 */
const FUNCTION_WORDS = `
في من إلى الى على الآن آنذاك حينئذ عن مع منذ مذ حتى عند لدى نحو حول خلال بين ضد دون بدون عبر فوق تحت أمام خلف وراء قبل بعد
غير سوى عدا خلا حاشا لدن
ثم أو أم بل لكن لكنه لكنها لكنهم لكن إن أن إنه أنه إنها أنها إنهم أنهم إنما أنما كأن كأنه كأنها لأن لأنه لأنها لأنهم
بأن بأنه بأنها بأنهم كي لكي حيث حيثما إذ إذا إذن لو لولا لوما لما كما مثل مثلما قد لقد لم لن لا ما ماذا متى أين أينما
كيف كيفما لماذا هل لاسيما سيما كم أي أية أيا أيضا فقط جدا كل كلا كلتا بعض جميع كافة عدة نفس ذات سوف يا أما إما ألا إلا
هو هي هم هما هن أنا نحن أنت أنتِ أنتم أنتما أنتن إياه إياها إياهم إياي إيانا إياك إياكم
هذا هذه هذان هاتان هذين هاتين هؤلاء ذلك ذلكم تلك أولئك أولائك ذاك هنا هناك هنالك ثمة
الذي التي الذين اللذان اللتان اللذين اللتين اللاتي اللواتي اللائي
كان كانت كانوا كانا كنت كنا يكون تكون يكونوا تكونوا يكن تكن ليس ليست ليسوا لست صار أصبح أصبحت أضحى ظل ظلت
مازال مازالت لازال لازالت يزال تزال زال زالت بات باتت تم تمت يتم تتم
عليه عليها عليهم عليهما علينا علي عليك عليكم إليه إليها إليهم إليهما إلينا إليك إليكم
منه منها منهم منهما منا مني منك منكم عنه عنها عنهم عنهما عنا عني عنك عنكم
له لها لهم لهما لنا لي لك لكم به بها بهم بهما بنا بي بك بكم فيه فيها فيهم فيهما فينا فيك فيكم
معه معها معهم معهما معنا معي معك معكم عنده عندها عندهم عندنا عندي لديه لديها لديهم لدينا لدي
بينه بينها بينهم بينهما بيننا بينما فيما مما عما ممن عمن كلما ربما طالما بينما حينما عندما بعدما قبلما
بما لما كلها كله كلهم بعضها بعضه بعضهم جميعها جميعهم نفسه نفسها أنفسهم ذاته ذاتها
`;

/**
 * Words that carry no topic in news copy: reporting verbs (قال، أضاف، أكد …), attribution and dateline
 * words (وفق، بحسب، أمس …) and weekdays. Used only for similarity (duplicates, stories, related reading);
 * search keeps them, since a reader may well look for them.
 */
const NEWS_BOILERPLATE = `
قال قالت قالوا يقول تقول يقولون
أضاف أضافت أضافوا يضيف تضيف مضيفا مضيفة
أكد أكدت أكدوا يؤكد تؤكد يؤكدون مؤكدا مؤكدة
ذكر ذكرت ذكروا يذكر تذكر
أشار أشارت أشاروا يشير تشير مشيرا مشيرة
أوضح أوضحت أوضحوا يوضح توضح موضحا موضحة
أفاد أفادت يفيد تفيد لفت لفتت لافتا نوه نوهت صرح صرحت تابع تابعت متابعا
أعلن أعلنت يعلن تعلن أفصح أفصحت كشف كشفت يكشف تكشف
وفق وفقا بحسب حسب طبقا نقلا
أمس اليوم غدا الماضي الماضية المقبل المقبلة الجاري الجارية الحالي الحالية
الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت يوم صباح مساء
`;

function words(list: string): string[] {
  return list.split(/\s+/u).filter((w) => w.length > 0).map(normalize);
}

/** Function words that also take the prepositions ب ل ك (لكل، بهذا، كذلك …). */
const WITH_PREPOSITIONS = 'كل بعض جميع هذا هذه ذلك تلك هؤلاء ما من أن أنه أنها أي غير نفس ذات عدة مثل';

function withPrepositions(forms: string[]): string[] {
  return forms.flatMap((w) => [`ب${w}`, `ل${w}`, `ك${w}`]);
}

function withConjunctions(forms: readonly string[]): string[] {
  return forms.flatMap((w) => [w, `و${w}`, `ف${w}`]);
}

/** Normalised function words, base forms only (no conjunctions); used by the stemmer. */
export const FUNCTION_WORD_FORMS: readonly string[] = [...words(FUNCTION_WORDS), ...withPrepositions(words(WITH_PREPOSITIONS))];

/** Bits of `wordKind`. */
export const STOP = 1;
export const BOILERPLATE = 2;

/** One table for both lists: the analyzer asks once per word. */
const KINDS = new RangeMap<number>(
  (() => {
    const kinds = new Map<string, number>();
    for (const w of withConjunctions(FUNCTION_WORD_FORMS)) kinds.set(w, STOP);
    for (const w of withConjunctions(words(NEWS_BOILERPLATE))) kinds.set(w, (kinds.get(w) ?? 0) | BOILERPLATE);
    return kinds;
  })(),
);

const YEH = 0x064a;
const HAMZA = 0x0621;

/** STOP and/or BOILERPLATE bits of a normalised word (0 for a content word). */
export function wordKind(norm: string): number {
  if (norm.length === 1) {
    const c = norm.charCodeAt(0);
    return c >= HAMZA && c <= YEH ? STOP : 0;
  }
  return KINDS.get(norm) ?? 0;
}

/** True for an Arabic function word (in its normalised form, `norm`), alone or after و / ف. */
export function isStopword(norm: string): boolean {
  return (wordKind(norm) & STOP) !== 0;
}

/** True for a word that is boilerplate in news copy (قال، أضاف، أكد، وفق، أمس …), alone or after و / ف. */
export function isNewsBoilerplate(norm: string): boolean {
  return (wordKind(norm) & BOILERPLATE) !== 0;
}
