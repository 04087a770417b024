import type { ElementNode } from './dom.js';

/**
 * What page furniture looks like: class/id vocabulary of templates, and the Arabic (and English) phrases that
 * introduce blocks that are not the article (read-also, related, most read, share, comments, tags).
 */

/** Elements whose content is never article text. */
export const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio',
  'button', 'select', 'input', 'textarea', 'option', 'head', 'title', 'meta', 'link', 'map', 'dialog', 'nav',
  'figcaption', 'picture', 'source', 'label',
]);

/** Class/id words of furniture. Matched against whole class tokens and their dash/underscore parts. */
const NEGATIVE_WORDS = [
  'comment', 'comments', 'commentlist', 'disqus', 'share', 'sharing', 'sharer', 'social', 'socials', 'sidebar', 'widget',
  'widgets', 'related', 'relatedposts', 'recommend', 'recommended', 'recommendations', 'promo', 'promoted', 'advert',
  'advertisement', 'ads', 'ad', 'adv', 'advertising', 'banner', 'sponsor', 'sponsored', 'newsletter', 'subscribe',
  'subscription', 'signup', 'breadcrumb', 'breadcrumbs', 'pagination', 'pager', 'footer', 'masthead', 'navbar',
  'navigation', 'nav', 'menu', 'popup', 'modal', 'cookie', 'cookies', 'gdpr', 'consent', 'outbrain', 'taboola',
  'trending', 'popular', 'mostread', 'most', 'tags', 'tagcloud', 'tag', 'keywords', 'byline', 'print', 'toolbar', 'rating', 'login',
  'register', 'search', 'skip', 'caption', 'credit', 'credits', 'copyright', 'disclaimer', 'teaser', 'teasers',
  'readmore', 'more', 'also', 'rail', 'aside', 'overlay', 'jump', 'author', 'bio', 'meta', 'date', 'time',
  'timestamp', 'dateline', 'hidden', 'hide', 'sr', 'visually', 'screen', 'reader', 'follow', 'next', 'prev',
  'previous', 'lightbox', 'gallery', 'carousel', 'slider', 'ticker', 'breaking', 'poll', 'survey', 'app', 'download',
  'email', 'mail', 'contact', 'infobox', 'sitemap', 'header', 'topbar', 'logo', 'widgettitle', 'wp-caption-text',
];
const NEGATIVE = new Set(NEGATIVE_WORDS);
/** A class token that starts with one of these describes the page's state, not a furniture block. */
const STATE_PREFIX = /^(has|no|with|without|is|show|enable|enabled|disable|disabled|single|page|template|post-type|type|format|status|layout|js|lang|dir|rtl|ltr)[-_]/;
/** Containers that templates use for the article body. These override negative words on the same element. */
const STRONG_POSITIVE = /^(article[-_]?body|articlebody|article[-_]?content|article[-_]?text|articletext|entry[-_]?content|post[-_]?content|post[-_]?body|post[-_]?entry|story[-_]?body|storybody|story[-_]?content|story[-_]?text|news[-_]?body|news[-_]?content|news[-_]?text|news[-_]?details?|article[-_]?details?|body[-_]?text|bodytext|text[-_]?body|main[-_]?text|td-post-content|single[-_]?content|content[-_]?body|article__body|article__content|field[-_]name[-_]body|article-inner|articlecontent|article_body|details[-_]?body|itemfulltext|item[-_]?page[-_]?text|entry|post[-_]?text|content[-_]?text|story)$/;

export function classAndId(element: ElementNode): string {
  const cls = element.attrs.class;
  const id = element.attrs.id;
  if (cls === undefined && id === undefined) return '';
  return `${cls ?? ''} ${id ?? ''}`.toLowerCase();
}

/** True when the element's class/id names furniture (and does not also name the article body). */
export function isNegativeElement(element: ElementNode): boolean {
  // Classes on these describe the page's state (WordPress puts dozens on <body>), never a furniture block.
  if (element.tag === 'body' || element.tag === 'html' || element.tag === 'main') return false;
  const names = classAndId(element);
  if (!names) return false;
  const tokens = names.split(/\s+/);
  if (tokens.some((t) => STRONG_POSITIVE.test(t))) return false;
  for (const token of tokens) {
    if (!token || STATE_PREFIX.test(token)) continue;
    if (NEGATIVE.has(token)) return true;
    const parts = token.split(/[-_]+/);
    // A part counts only when it is not qualified by a body word ("post-related" is furniture,
    // "content-main" is not): check the last and first parts, where templates put the block's role.
    const first = parts[0] ?? '';
    const last = parts[parts.length - 1] ?? '';
    if (NEGATIVE.has(last) || (parts.length > 1 && NEGATIVE.has(first) && !/^(ad|app|more|also|date|time|meta|author|most|next|prev|sr|mail|email|screen|reader|header|print|tag)$/.test(first))) return true;
  }
  return false;
}

export function isStrongPositiveElement(element: ElementNode): boolean {
  if (element.attrs.itemprop === 'articleBody' || element.attrs.property === 'articleBody') return true;
  const names = classAndId(element);
  return names !== '' && names.split(/\s+/).some((t) => STRONG_POSITIVE.test(t));
}

/** Hidden by markup: `hidden`, `aria-hidden`, inline display:none / visibility:hidden. */
export function isHiddenElement(element: ElementNode): boolean {
  const a = element.attrs;
  if (a.hidden !== undefined) return true;
  if (a['aria-hidden'] === 'true' && element.tag !== 'img') return true;
  const style = a.style;
  return style !== undefined && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

const HAMZA_ALEF = /[إأآٱ]/g;
const TASHKEEL = /[\u064B-\u065F\u0670\u0640]/g;

/** Light normalisation for matching cue phrases: alef forms, ta marbuta, alef maqsura, harakat, tatweel. */
export function normalizeCue(text: string): string {
  return text.replace(TASHKEEL, '').replace(HAMZA_ALEF, 'ا').replace(/ة/g, 'ه').replace(/ى/g, 'ي').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Cue phrases that open a block which is not the article. Written in normalised form (see normalizeCue):
 * no hamza on alef, ه for ة, ي for ى.
 */
const CUE_PHRASES = [
  // read also / see also
  'اقرا ايضا', 'اقرا ايضاً', 'اقرا كذلك', 'اقرئي ايضا', 'اقرا المزيد', 'اقرا ايضا:', 'شاهد ايضا', 'شاهدي ايضا', 'طالع ايضا',
  'طالع كذلك', 'يمكنك ايضا قراءه', 'قد يهمك', 'قد يهمك ايضا', 'قد يعجبك', 'قد يعجبك ايضا', 'لا تفوتك', 'لا يفوتك', 'ننصحك بقراءه', 'للمزيد',
  'مواضيع ذات صله', 'مقالات ذات صله', 'اخبار ذات صله', 'مواد ذات صله', 'موضوعات ذات صله', 'ذات صله', 'مقالات مشابهه', 'اخبار مشابهه',
  'مواضيع مشابهه', 'موضوعات مشابهه', 'اخبار متعلقه', 'مقالات متعلقه', 'مواضيع متعلقه', 'اخبار مرتبطه', 'مقالات مرتبطه', 'اخبار اخري',
  'مقالات اخري', 'المزيد من الاخبار', 'المزيد من', 'الاكثر قراءه', 'الاكثر مشاهده', 'الاكثر تداولا', 'الاكثر شعبيه', 'الاكثر تعليقا',
  'الاكثر قراءه اليوم', 'الاخبار الاكثر قراءه', 'اخر الاخبار', 'احدث الاخبار', 'اخبار عاجله', 'شارك', 'شارك الخبر', 'شارك المقال',
  'شارك هذا', 'شارك هذا المقال', 'شارك هذا الخبر', 'مشاركه', 'تابعونا', 'تابعنا', 'تابعونا علي', 'تابعنا علي', 'تابعوا', 'التعليقات',
  'تعليقات', 'اضف تعليق', 'اضف تعليقا', 'اترك تعليقا', 'اترك تعليق', 'الوسوم', 'وسوم', 'كلمات مفتاحيه', 'الكلمات المفتاحيه', 'كلمات دلاليه',
  'الكلمات الدلاليه', 'مواضيع', 'المواضيع', 'العلامات', 'اشترك', 'اشترك في النشره', 'النشره البريديه', 'حمل التطبيق', 'انضم',
  // English furniture
  'read also', 'read more', 'see also', 'related', 'related articles', 'related stories', 'related posts', 'related news',
  'more stories', 'more from', 'you may also like', 'you might also like', 'recommended', 'most read', 'most popular',
  'popular posts', 'trending', 'share this', 'share', 'share this article', 'share this story', 'follow us', 'comments',
  'leave a comment', 'leave a reply', 'tags', 'topics', 'advertisement', 'sponsored', 'newsletter', 'sign up',
  'subscribe', 'further reading', 'read next', 'up next', 'more on this story', 'also read',
].map((p) => normalizeCue(p));
const CUE_SET = new Set(CUE_PHRASES);

/** Phrases that, as the start of a short block, mean "what follows is a link to another article". */
const READ_ALSO_PREFIX = /^(اقرا|اقرئي|طالع|شاهد|شاهدي|للمزيد|قد يهمك|قد يعجبك|لا تفوتك|read also|read more|see also|also read|related|more)\b/;

/** Longest cue heading, normalised. */
const MAX_CUE = 40;

/**
 * Whether `text` keeps more than `limit` characters through normalizeCue and the heading trim: characters
 * other than marks, tatweel, whitespace and the trimmed punctuation always stay (case mapping never
 * shortens a string). Counting them is far cheaper than normalising a whole paragraph to learn that it
 * is no heading.
 */
function keepsMoreThan(text: string, limit: number): boolean {
  let kept = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640) continue;
    if (c <= 0x20 ? c === 0x20 || (c >= 0x09 && c <= 0x0d) : c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff) continue;
    if (TRIMMED.has(c)) continue;
    if (++kept > limit) return true;
  }
  return false;
}
const TRIMMED = new Set([...':：-–—|»«>…•.!'].map((ch) => ch.charCodeAt(0)));

/** The block's whole text is a furniture heading ("اقرأ أيضاً:", "مقالات ذات صلة", "Related stories"). */
export function isCueHeading(text: string): boolean {
  if (keepsMoreThan(text, MAX_CUE)) return false;
  const norm = normalizeCue(text).replace(/[:：\-–—|»«>…•.!\s]+$/u, '').replace(/^[:\-–—|»«>•\s]+/u, '');
  if (norm.length === 0 || norm.length > MAX_CUE) return false;
  return CUE_SET.has(norm);
}

/** A short block starting with a read-also phrase ("اقرأ أيضا: عنوان مقال"). */
export function startsWithReadAlso(text: string): boolean {
  return READ_ALSO_PREFIX.test(normalizeCue(text));
}
