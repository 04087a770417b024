/**
 * The base direction of a stored string (a title, a lead, a paragraph) on an Arabic page.
 *
 * `dir="auto"` takes the first strong letter, so «stc تزور مرضى كلانا», «IMF: هذه خسائر أوروبا» or
 * «Oppo» تطلق هاتف were laid out left to right: left-aligned, the Latin word at the left end and the Arabic
 * read in the wrong order around it. Any letter of a right-to-left script makes the text right-to-left;
 * text with none (a Latin headline, a bare URL) is still left to the browser.
 */
const RTL_LETTER = /(?=\p{L})[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

export function textDir(text: string | null | undefined): 'rtl' | 'auto' {
  return text && RTL_LETTER.test(text) ? 'rtl' : 'auto';
}
