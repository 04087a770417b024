/**
 * Month and zone names met in feed dates. Arabic month names come in three families:
 * Egyptian/Gulf (يناير ...), Levantine/Iraqi (كانون الثاني ...) and Maghrebi (جانفي ..., يوليوز, غشت ...).
 * Keys are matched after `normaliseDateText` (hamza forms folded to bare alef, taa marbuta kept).
 */

const MONTHS: Array<[number, string[]]> = [
  [1, ['jan', 'january', 'janv', 'janvier', 'يناير', 'كانون الثاني', 'جانفي', 'ينير']],
  [2, ['feb', 'february', 'fev', 'fevr', 'fevrier', 'فبراير', 'شباط', 'فيفري', 'فبرير']],
  [3, ['mar', 'march', 'mars', 'مارس', 'اذار', 'مارت']],
  [4, ['apr', 'april', 'avr', 'avril', 'ابريل', 'نيسان', 'افريل', 'ابريل']],
  [5, ['may', 'mai', 'مايو', 'ايار', 'ماي']],
  [6, ['jun', 'june', 'juin', 'يونيو', 'يونيه', 'حزيران', 'جوان']],
  [7, ['jul', 'july', 'juil', 'juillet', 'يوليو', 'يوليه', 'تموز', 'جويلية', 'يوليوز']],
  [8, ['aug', 'august', 'aout', 'اغسطس', 'اب', 'اوت', 'غشت']],
  [9, ['sep', 'sept', 'september', 'septembre', 'سبتمبر', 'ايلول', 'شتنبر']],
  [10, ['oct', 'october', 'octobre', 'اكتوبر', 'تشرين الاول']],
  [11, ['nov', 'november', 'novembre', 'نوفمبر', 'تشرين الثاني', 'نونبر']],
  [12, ['dec', 'december', 'decembre', 'ديسمبر', 'كانون الاول', 'دجنبر']],
];

export const MONTH_BY_NAME: ReadonlyMap<string, number> = new Map(
  MONTHS.flatMap(([month, names]) => names.map((name) => [name, month] as [string, number])),
);

/** Two-word Levantine month names, replaced by one token before tokenising. */
export const MULTIWORD_MONTHS: ReadonlyArray<[string, number]> = [...MONTH_BY_NAME.entries()].filter(([name]) => name.includes(' '));

/** Zone abbreviations and their offsets in minutes. AST is Arabia Standard Time here (UTC+3), not Atlantic. */
export const ZONES: ReadonlyMap<string, number> = new Map([
  ['z', 0], ['ut', 0], ['utc', 0], ['gmt', 0], ['wet', 0],
  ['est', -300], ['edt', -240], ['cst', -360], ['cdt', -300], ['mst', -420], ['mdt', -360], ['pst', -480], ['pdt', -420],
  ['bst', 60], ['cet', 60], ['cest', 120], ['met', 60], ['mest', 120], ['eet', 120], ['eest', 180],
  ['ast', 180], ['ksa', 180], ['msk', 180], ['trt', 180], ['gst', 240], ['irst', 210], ['pkt', 300], ['ist', 330],
]);

/** Words for "before noon" / "after noon", English and Arabic. */
export const AM_WORDS: ReadonlySet<string> = new Set(['am', 'a.m', 'ص', 'صباحا', 'صباح', 'فجرا']);
export const PM_WORDS: ReadonlySet<string> = new Set(['pm', 'p.m', 'م', 'مساء', 'مساءا', 'ظهرا', 'عصرا', 'ليلا']);
