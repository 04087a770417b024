/**
 * Arabic news outlets `sada fetch` adds when no source has been added (`sada serve` and `sada worker` do not).
 * Edit freely: once seeded they are ordinary sources (`sada sources list/remove/add`).
 *
 * The feed addresses were written from knowledge of the sites' usual feed locations; they could not be
 * checked from the build machine (no internet). An address that has moved fails with a recorded error, and
 * after repeated failures the source is paused with that error visible in `sada sources list`. Sources added
 * by homepage (`sada sources add https://site/`) find the current feed by autodiscovery instead.
 */
export interface BuiltinSource {
  slug: string;
  name: string;
  /** ISO 3166-1 alpha-2 code of the country the outlet is based in. */
  country: string;
  homepage: string;
  feedUrl: string;
}

export const BUILTIN_SOURCES: readonly BuiltinSource[] = [
  { slug: 'bbc-arabic', name: 'بي بي سي عربي', country: 'GB', homepage: 'https://www.bbc.com/arabic', feedUrl: 'https://feeds.bbci.co.uk/arabic/rss.xml' },
  { slug: 'aljazeera', name: 'الجزيرة نت', country: 'QA', homepage: 'https://www.aljazeera.net/', feedUrl: 'https://www.aljazeera.net/aljazeerarss/a7c186be-1baa-4bd4-9d80-a84db769f779/73d0e1b4-532f-45ef-b135-bfdff8b8cab9' },
  { slug: 'alarabiya', name: 'العربية', country: 'AE', homepage: 'https://www.alarabiya.net/', feedUrl: 'https://www.alarabiya.net/feed/rss2/ar.xml' },
  { slug: 'skynewsarabia', name: 'سكاي نيوز عربية', country: 'AE', homepage: 'https://www.skynewsarabia.com/', feedUrl: 'https://www.skynewsarabia.com/rss.xml' },
  { slug: 'france24-ar', name: 'فرانس 24 عربي', country: 'FR', homepage: 'https://www.france24.com/ar/', feedUrl: 'https://www.france24.com/ar/rss' },
  { slug: 'dw-arabic', name: 'دويتشه فيله عربي', country: 'DE', homepage: 'https://www.dw.com/ar/', feedUrl: 'https://rss.dw.com/rdf/rss-ar-all' },
  { slug: 'rt-arabic', name: 'آر تي عربي', country: 'RU', homepage: 'https://arabic.rt.com/', feedUrl: 'https://arabic.rt.com/rss/' },
  { slug: 'euronews-ar', name: 'يورونيوز عربي', country: 'FR', homepage: 'https://arabic.euronews.com/', feedUrl: 'https://arabic.euronews.com/rss' },
  { slug: 'aawsat', name: 'الشرق الأوسط', country: 'GB', homepage: 'https://aawsat.com/', feedUrl: 'https://aawsat.com/feed' },
  { slug: 'independentarabia', name: 'اندبندنت عربية', country: 'GB', homepage: 'https://www.independentarabia.com/', feedUrl: 'https://www.independentarabia.com/rss' },
  { slug: 'alquds', name: 'القدس العربي', country: 'GB', homepage: 'https://www.alquds.co.uk/', feedUrl: 'https://www.alquds.co.uk/feed/' },
  { slug: 'arabi21', name: 'عربي 21', country: 'GB', homepage: 'https://arabi21.com/', feedUrl: 'https://arabi21.com/feed' },
  { slug: 'alaraby', name: 'العربي الجديد', country: 'GB', homepage: 'https://www.alaraby.co.uk/', feedUrl: 'https://www.alaraby.co.uk/rss' },
  { slug: 'anadolu-ar', name: 'وكالة الأناضول', country: 'TR', homepage: 'https://www.aa.com.tr/ar', feedUrl: 'https://www.aa.com.tr/ar/rss/default?cat=guncel' },
  { slug: 'spa', name: 'وكالة الأنباء السعودية (واس)', country: 'SA', homepage: 'https://www.spa.gov.sa/', feedUrl: 'https://www.spa.gov.sa/rss.xml' },
  { slug: 'okaz', name: 'عكاظ', country: 'SA', homepage: 'https://www.okaz.com.sa/', feedUrl: 'https://www.okaz.com.sa/rss' },
  { slug: 'sabq', name: 'سبق', country: 'SA', homepage: 'https://sabq.org/', feedUrl: 'https://sabq.org/rss' },
  { slug: 'alkhaleej', name: 'الخليج', country: 'AE', homepage: 'https://www.alkhaleej.ae/', feedUrl: 'https://www.alkhaleej.ae/rss.xml' },
  { slug: 'wam', name: 'وكالة أنباء الإمارات (وام)', country: 'AE', homepage: 'https://www.wam.ae/ar', feedUrl: 'https://www.wam.ae/ar/rss' },
  { slug: 'youm7', name: 'اليوم السابع', country: 'EG', homepage: 'https://www.youm7.com/', feedUrl: 'https://www.youm7.com/rss/SectionRss?SectionID=65' },
  { slug: 'almasryalyoum', name: 'المصري اليوم', country: 'EG', homepage: 'https://www.almasryalyoum.com/', feedUrl: 'https://www.almasryalyoum.com/rss/rssfeeds' },
  { slug: 'shorouknews', name: 'الشروق', country: 'EG', homepage: 'https://www.shorouknews.com/', feedUrl: 'https://www.shorouknews.com/rss' },
  { slug: 'alghad', name: 'الغد', country: 'JO', homepage: 'https://alghad.com/', feedUrl: 'https://alghad.com/feed/' },
  { slug: 'ammonnews', name: 'عمون', country: 'JO', homepage: 'https://www.ammonnews.net/', feedUrl: 'https://www.ammonnews.net/rss' },
  { slug: 'annahar', name: 'النهار', country: 'LB', homepage: 'https://www.annahar.com/', feedUrl: 'https://www.annahar.com/rss' },
  { slug: 'enabbaladi', name: 'عنب بلدي', country: 'SY', homepage: 'https://www.enabbaladi.net/', feedUrl: 'https://www.enabbaladi.net/feed' },
  { slug: 'shafaq', name: 'شفق نيوز', country: 'IQ', homepage: 'https://shafaq.com/ar', feedUrl: 'https://shafaq.com/ar/rss' },
  { slug: 'almarsad', name: 'صحيفة المرصد الليبية', country: 'LY', homepage: 'https://almarsad.co/', feedUrl: 'https://almarsad.co/feed/' },
  { slug: 'alwasat', name: 'بوابة الوسط', country: 'LY', homepage: 'https://alwasat.ly/', feedUrl: 'https://alwasat.ly/rss' },
  { slug: 'echorouk', name: 'الشروق أونلاين', country: 'DZ', homepage: 'https://www.echoroukonline.com/', feedUrl: 'https://www.echoroukonline.com/feed' },
  { slug: 'hespress', name: 'هسبريس', country: 'MA', homepage: 'https://www.hespress.com/', feedUrl: 'https://www.hespress.com/feed' },
  { slug: 'kuna', name: 'وكالة الأنباء الكويتية (كونا)', country: 'KW', homepage: 'https://www.kuna.net.kw/', feedUrl: 'https://www.kuna.net.kw/rss/RssNews.aspx?language=ar' },
];
