/**
 * The small lexicon behind the stemmer. Every entry exists because a measurement showed a light stemmer
 * going wrong on it (docs/STEMMER.md); the lists are written as readers write the words and normalised when
 * the module loads.
 */

/**
 * Words whose first letter و، ب or ل is a root letter, not a clitic (وزارة، بلد، لجنة …): the stemmer keeps
 * that letter. Entries cover the frequent news vocabulary; inflected forms are covered through their stem.
 */
export const RADICAL_INITIAL = `
وزير وزيرة وزراء وزارة وزاري وزارية ولي ولاية وال والي ولاة وقت أوقات وجود وسط واحد وفق وضع وسائل وسيلة وجه وجهة
وكالة وكيل وكلاء وصل وصول واشنطن وفاة وقع واقع واقعة وقائع وحدة وراء واسع واضح وظيفة وظائف وطن وطني وجد ورد وادي
وثيقة وثائق وثائقي ولد ولادة والد والدة وزن وعد وعود وعي وفد وفود وقف وقود وباء ودي ودية وداع ورقة ورشة وارد واردات
وقاية وفرة وافق وئام ولاء وسام وليد ورود ورق وصف وصية وضوح وفاء ويب ويندوز ويكيليكس وحيد واجب واجهة وجبة وحش وحل
ودائع وديعة وريث ورثة وساطة وسيط وشك وصفة وطأة وعاء وفير وقائي وهم وهمي ويلات وجوه وسم وكر ولع ويلز وارسو ويلينغتون
بلد بلدان بلاد بلدية بلدة بيت بيوت بحث بحوث بحر بحار بحري برنامج برامج بنك بنوك بيان بطولة بطل أبطال بداية بدء بدأ
باب بريطانيا بترول بنزين برلمان باكستان بغداد بيروت باريس بكين برلين بروكسل بوتين باراك بشار بندر بدر بنت
بناء بنية بيئة بيع بطاقة بطالة بورصة برميل براميل بلاغ بلوغ بلغت بدأت بند بنود بوابة بعثة بقية باقي بعيد بحيرة بذل براءة برج
بريد بريدة بشر بشرية بصر بصرة بصمة بضاعة بضائع بطن بقاء بكر بهجة بيض بيضاء بائع باعة بالغ بديل بدائل بدل بدوي بذور برد
بارد برز بارز برهان بريء بسيط بشرة بشير بصيرة بطء بطيء بطارية بلاستيك بنى بوليس بولندا بلجيكا برازيل بنغلاديش بورما
بيلاروس بيرو باسل بسام بسمة بشرى بلال بهاء بثينة باقر بنفسج بخار بخيل بدين برق بركان بركة بريق بستان بسط بعث
بقعة بقرة بلح بلور بناية بهو بوصلة بيئي
لجنة لجان لقاء لغة لغات لبنان ليبيا لندن لقب ألقاب لحظة لون ألوان لاعب لعب لعبة ليلة ليال ليالي لوحة لائحة لوائح لاجئ
لجوء لحم لحوم لبن لسان لطف لطيف لهجة لواء لياقة ليمون لويس لافت لاحق لازم لزوم لبس لجأ لحق لمس لمسة لهب ليبي
لقطة لوجستي لوبي لوس ليون ليفربول لاتيني لؤلؤ لطيفة ليلى لينا لمى لؤي لقمان لبيب لباس لذيذ لذة لص لصوص لعنة لغز
لغم ألغام لفظ لقاح لقيط لهيب لوز ليرة لوم ألوية ليزر لوكسمبورغ لاهاي لشبونة لاس لوردات لقي لائق ليث ليبرالي
`;

/**
 * Words the suffix rules would cut into another word: their stem is set here (after proclitics are removed).
 * البحرين is not البحر; twenty is not ten.
 */
export const FIXED_STEMS: readonly (readonly [string, string])[] = [
  ['بحرين', 'بحرين'],
  ['عشرين', 'عشرون'], ['عشرون', 'عشرون'],
  ['ثلاثين', 'ثلاثون'], ['ثلاثون', 'ثلاثون'],
  ['أربعين', 'أربعون'], ['أربعون', 'أربعون'],
  ['خمسين', 'خمسون'], ['خمسون', 'خمسون'],
  ['ستين', 'ستون'], ['ستون', 'ستون'],
  ['سبعين', 'سبعون'], ['سبعون', 'سبعون'],
  ['ثمانين', 'ثمانون'], ['ثمانون', 'ثمانون'],
  ['تسعين', 'تسعون'], ['تسعون', 'تسعون'],
];

/**
 * Foreign names frequent in the news whose spelling looks inflected or cliticised: the stemmer would cut
 * an Arabic ending (بوتين → بو, ماكرون → ماكر, كاميرون → كامير like كاميرا) or take the first letter for a
 * preposition (بوتن → وتن, بنيامين → نيام, لافروف → افروف). Each is kept whole, after proclitics, and other
 * spellings of the same name get the same stem. Counts on the shared corpora (both spellings, all forms) are
 * in docs/STEMMER.md; names that stem consistently and collide with nothing (ترامب، نيمار) are not listed.
 */
export const NAME_STEMS: readonly (readonly [string, string])[] = [
  ['بوتين', 'بوتين'], ['بوتن', 'بوتين'],
  ['ماكرون', 'ماكرون'],
  ['أردوغان', 'أردوغان'],
  ['السيسي', 'السيسي'], ['سيسي', 'السيسي'],
  ['كلينتون', 'كلينتون'],
  ['ميسي', 'ميسي'],
  ['بنيامين', 'بنيامين'],
  ['نتنياهو', 'نتنياهو'], ['نتانياهو', 'نتنياهو'],
  ['أوباما', 'أوباما'],
  ['كاميرون', 'كاميرون'],
  ['جونسون', 'جونسون'],
  ['تيريزا', 'تيريزا'], ['تريزا', 'تيريزا'],
  ['بيونغ', 'بيونغ'],
  ['لافروف', 'لافروف'],
  ['خامنئي', 'خامنئي'],
  ['الحريري', 'الحريري'], ['حريري', 'الحريري'],
  ['ساركوزي', 'ساركوزي'],
  ['روحاني', 'روحاني'],
  ['غريزمان', 'غريزمان'],
  ['مبابي', 'مبابي'],
  ['بوغبا', 'بوغبا'],
  ['لوبيتيغي', 'لوبيتيغي'],
  ['بيريز', 'بيريز'],
];

/** Whole words (with their clitics) that stem to a fixed form: the name of God is not the preposition له. */
export const WHOLE_WORD_STEMS: readonly (readonly [string, string])[] = [
  ['الله', 'الله'], ['والله', 'الله'], ['بالله', 'الله'], ['فالله', 'الله'], ['تالله', 'الله'], ['لله', 'الله'],
  ['اللهم', 'اللهم'],
];

/**
 * Frequent collisions between a word and a derived word that suffix stripping would merge (SaudiNewsNet
 * counts in docs/STEMMER.md): when stripping a feminine/plural ending (ة، ات …) or a nisba ending (ي، ية)
 * lands on the left stem, the right stem is returned instead.
 */
export const FEMININE_GUARD: readonly (readonly [string, string])[] = [
  ['رياض', 'رياضة'], // الرياض (Riyadh) vs الرياضة (sport)
  ['جامع', 'جامعة'], // جامع (mosque) vs جامعة (university)
  ['سن', 'سنة'], // سن (age) vs سنة (year)
  ['ماء', 'مائة'], // الماء (water) vs المائة (hundred)
  ['بن', 'بنت'], // بنات (girls) vs بن (son of, in names)
];

export const NISBA_GUARD: readonly (readonly [string, string])[] = [
  ['رياض', 'رياضة'], // الرياضي، الرياضية (sporting) go with sport, not Riyadh
  ['جامع', 'جامعة'], // الجامعي (academic)
  ['بلد', 'بلدي'], // البلدية (municipality) vs البلد (country)
  ['عمل', 'عملية'], // العملية، العمليات (operation) vs العمل (work)
  ['دور', 'دوري'], // الدوري (league) vs الدور (role)
  ['سور', 'سوري'], // السوري (Syrian) vs السور (wall)
  ['بحرين', 'بحرين'], // البحريني (Bahraini) vs البحر (sea)
];
