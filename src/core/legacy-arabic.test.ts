import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { arabicEvidence, arabicUnderLatinLabel, saysArabic } from './legacy-arabic.js';

const ARABIC = 'أعلنت وزارة الصحة السعودية اليوم افتتاح مستشفى جديد في مدينة الرياض بسعة مئتي سرير.';
const FRENCH = "ÉTÉ À PARIS : le Conseil a décidé à l'unanimité d'élargir l'accès aux crèches. « Ça ne règle pas tout », a déclaré la ministre déléguée, près de l'Hôtel de Ville, où l'été fut brûlant.";
const OTHERS = {
  german: 'Die Bürgermeisterin äußerte sich über die Größe der Straße; Übergänge für Fußgänger würden geprüft.',
  spanish: 'El señor Muñoz informó que la reunión será el miércoles. ¿Qué opinas? Sí, aquí está la canción.',
  portuguese: 'A população das regiões não está satisfeita com a educação; São Paulo e Brasília terão eleições.',
  icelandic: 'Þú ert í húsinu. Ég á það. Við erum að fara út í dag og það er gott veður á Íslandi, ó já.',
};
const page = (body: string, root = '') => `<!doctype html><html${root}><head><title>x</title></head><body><p>${body}</p></body></html>`;
const cp1256 = (text: string) => iconv.encode(text, 'windows-1256');
const cp1252 = (text: string) => iconv.encode(text, 'windows-1252');

test('windows-1256 Arabic under a Latin label is recognised, whatever spelling the label has', () => {
  const bytes = cp1256(page(ARABIC));
  assert.equal(iconv.decode(bytes, 'windows-1252').includes('ÃÚáäÊ'), true, 'what the label alone gives: mojibake');
  for (const label of ['iso-8859-1', 'ISO-8859-1', 'windows-1252', 'latin1', 'us-ascii', 'iso-8859-15']) assert.equal(arabicUnderLatinLabel(bytes, label), true, label);
  // other labels are left to the decoders: a declared windows-1256 or ISO-8859-6 is right, UTF-8 has its own rule
  for (const label of ['windows-1256', 'iso-8859-6', 'utf-8', 'gbk', null]) assert.equal(arabicUnderLatinLabel(bytes, label), false, String(label));
});

test('genuine French, German, Spanish, Portuguese and Icelandic windows-1252 pages keep their label', () => {
  for (const [name, text] of Object.entries({ french: FRENCH, ...OTHERS })) {
    const bytes = cp1252(page(text.repeat(20)));
    assert.equal(arabicUnderLatinLabel(bytes, 'iso-8859-1'), false, name);
    assert.equal(arabicUnderLatinLabel(bytes, 'windows-1252'), false, name);
  }
  // a template that wrongly says Arabic does not turn a French page into Arabic
  assert.equal(arabicUnderLatinLabel(cp1252(page(FRENCH, ' lang="ar" dir="rtl"')), 'windows-1252'), false);
  // valid UTF-8 is never windows-1256
  assert.equal(arabicUnderLatinLabel(Buffer.from(page(ARABIC)), 'iso-8859-1'), false);
});

test('any French text made of real words stays windows-1252', () => {
  const words = ["l'été", 'à', 'où', 'déjà', 'ÉCOLE', 'Ça', 'près', 'naïve', 'forêt', 'cœur', 'Noël', 'garçon', 'élève', 'là', 'ÉTÉ', 'À', 'Hôtel', 'août', 'maïs', 'le', 'de', 'Paris'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 400 }), (chosen) => {
      assert.equal(arabicUnderLatinLabel(cp1252(page(chosen.join(' '))), 'iso-8859-1'), false);
    }),
  );
});

test('an Arabic page with French or English in it is still Arabic; a little Arabic needs the page to say it is Arabic', () => {
  const mixed = `${ARABIC} Le ministre a déclaré : « très bien ». ${ARABIC} The minister said so.`;
  assert.equal(arabicUnderLatinLabel(cp1256(page(mixed)), 'iso-8859-1'), true);
  // two words: too little to overrule a label alone, enough when the root says Arabic or right-to-left
  const short = 'الخبر العاجل';
  assert.ok(arabicEvidence(cp1256(short)).arabic < 24);
  assert.equal(arabicUnderLatinLabel(cp1256(page(short)), 'iso-8859-1'), false);
  assert.equal(arabicUnderLatinLabel(cp1256(page(short, ' lang="ar"')), 'iso-8859-1'), true);
  assert.equal(arabicUnderLatinLabel(cp1256(page(short, ' dir="rtl"')), 'iso-8859-1'), true);
  const feed = `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><language>ar</language><title>${short}</title></channel></rss>`;
  assert.equal(arabicUnderLatinLabel(cp1256(feed), 'iso-8859-1'), true);
});

test('only the root says a page is Arabic: a language switch link in a French page does not', () => {
  assert.equal(saysArabic(Buffer.from('<html lang="ar-SA"><body>')), true);
  assert.equal(saysArabic(Buffer.from('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">')), true);
  assert.equal(saysArabic(Buffer.from('<html lang="fr"><body><a href="/ar" hreflang="ar" lang="ar" dir="rtl">…</a>')), false);
  assert.equal(saysArabic(Buffer.from('<html lang="arn">')), false, 'Mapudungun is not Arabic');
});
