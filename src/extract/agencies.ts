/**
 * News agencies and outlets that Arabic articles name as their source, with the spellings found in bylines,
 * datelines and credit lines. Canonical names are the ones Arabic readers know (Latin for brands written in
 * Latin: RT, BBC, CNN, DW). Latin one-word forms (SkyNews, AlArabiya, France24, Aawsat, Sabq, AlJazirah — the Saudi daily shares Al Jazeera's Arabic name) are how outlets
 * are keyed in URLs and imports, so an outlet named by its key and by its byline gets one name.
 */
const AGENCIES: [canonical: string, variants: string[]][] = [
  ['واس', ['واس', 'وكالة الانباء السعودية', 'وكالة الأنباء السعودية', 'SPA', 'Saudi Press Agency']],
  ['رويترز', ['رويترز', 'رويتر', 'Reuters']],
  ['فرانس برس', ['فرانس برس', 'فرانس بريس', 'أ ف ب', 'ا ف ب', 'أ.ف.ب', 'أف ب', 'AFP', 'وكالة الصحافة الفرنسية', 'Agence France-Presse', 'Agence France Presse']],
  ['أسوشيتد برس', ['أسوشيتد برس', 'اسوشيتد برس', 'أسوشييتد برس', 'أسوشيتدبرس', 'أ ب', 'AP', 'Associated Press']],
  ['الأناضول', ['الأناضول', 'الاناضول', 'وكالة الأناضول', 'Anadolu', 'Anadolu Agency', 'AA']],
  ['د ب أ', ['د ب أ', 'د.ب.أ', 'د ب ا', 'DPA', 'الوكالة الألمانية', 'وكالة الأنباء الألمانية']],
  ['وكالات', ['وكالات', 'وكالات الأنباء', 'وكالات انباء', 'Agencies', 'Wires']],
  ['سبق', ['سبق', 'صحيفة سبق', 'سبق الإلكترونية', 'Sabq']],
  ['RT', ['RT', 'آر تي', 'ار تي', 'روسيا اليوم', 'RT Arabic', 'RT عربي']],
  ['BBC', ['BBC', 'بي بي سي', 'بي.بي.سي', 'BBC عربي', 'BBC Arabic', 'بي بي سي عربي']],
  ['CNN', ['CNN', 'سي إن إن', 'سي ان ان', 'CNN بالعربية', 'CNN Arabic']],
  ['أ ش أ', ['أ ش أ', 'ا ش ا', 'أ.ش.أ', 'وكالة أنباء الشرق الأوسط', 'MENA']],
  ['وام', ['وام', 'وكالة أنباء الإمارات', 'WAM']],
  ['قنا', ['قنا', 'وكالة الأنباء القطرية', 'QNA']],
  ['كونا', ['كونا', 'وكالة الأنباء الكويتية', 'KUNA']],
  ['بنا', ['بنا', 'وكالة أنباء البحرين', 'BNA']],
  ['العمانية', ['العمانية', 'وكالة الأنباء العمانية', 'ONA']],
  ['بترا', ['بترا', 'وكالة الأنباء الأردنية', 'Petra']],
  ['سانا', ['سانا', 'الوكالة العربية السورية للأنباء', 'SANA']],
  ['واع', ['واع', 'وكالة الأنباء العراقية', 'INA']],
  ['وفا', ['وفا', 'وكالة الأنباء الفلسطينية', 'WAFA']],
  ['وال', ['وال', 'وكالة الأنباء الليبية', 'LANA']],
  ['سونا', ['سونا', 'وكالة السودان للأنباء', 'SUNA']],
  ['ومع', ['ومع', 'وكالة المغرب العربي للأنباء', 'MAP']],
  ['واج', ['واج', 'وكالة الأنباء الجزائرية', 'APS']],
  ['وات', ['وات', 'وكالة تونس أفريقيا للأنباء', 'TAP']],
  ['سبأ', ['سبأ', 'وكالة سبأ', 'SABA']],
  ['شينخوا', ['شينخوا', 'شنخوا', 'Xinhua']],
  ['سبوتنيك', ['سبوتنيك', 'Sputnik']],
  ['تاس', ['تاس', 'TASS']],
  ['إرنا', ['إرنا', 'ارنا', 'IRNA']],
  ['إفي', ['إفي', 'افي', 'EFE']],
  ['يونهاب', ['يونهاب', 'Yonhap']],
  ['كيودو', ['كيودو', 'Kyodo']],
  ['الجزيرة', ['الجزيرة', 'الجزيرة نت', 'Al Jazeera', 'AlJazeera', 'AlJazirah']],
  ['العربية', ['العربية', 'العربية نت', 'Al Arabiya', 'AlArabiya', 'AlArabia']],
  ['سكاي نيوز عربية', ['سكاي نيوز عربية', 'سكاي نيوز', 'Sky News Arabia', 'Sky News', 'SkyNews', 'SkyNewsArabia']],
  ['فرانس 24', ['فرانس 24', 'France 24', 'France24']],
  ['DW', ['DW', 'دويتشه فيله', 'دويتشه فيلله', 'Deutsche Welle']],
  ['الشرق الأوسط', ['الشرق الأوسط', 'Asharq Al-Awsat', 'Aawsat']],
  ['يورونيوز', ['يورونيوز', 'Euronews']],
  ['بلومبرغ', ['بلومبرغ', 'بلومبيرغ', 'Bloomberg']],
];

/** Matching form: no dots, one space, Arabic letter variants folded, Latin lower-cased. */
export function agencyKey(text: string): string {
  return text
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[إأآٱ]/g, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .replace(/[.·]/g, ' ')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .toLowerCase();
}

const INDEX = new Map<string, string>();
for (const [canonical, variants] of AGENCIES) for (const v of variants) INDEX.set(agencyKey(v), canonical);

/** Canonical name of a known agency or outlet, or null (`"أ.ف.ب"` → `"فرانس برس"`, `"Reuters"` → `"رويترز"`). */
export function canonicalAgency(name: string): string | null {
  const key = agencyKey(name).replace(/^(وكاله|وكاله انباء|صحيفه|موقع|قناه)\s+/, '');
  return INDEX.get(agencyKey(name)) ?? INDEX.get(key) ?? null;
}

/** Names of every known agency, canonical spelling (for documentation and tests). */
export function knownAgencies(): string[] {
  return AGENCIES.map(([canonical]) => canonical);
}

/** Regex alternation of all variants in matching form, longest first. */
export function agencyAlternation(): string {
  return [...INDEX.keys()]
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s*'))
    .join('|');
}
