/**
 * Share of the non-ASCII characters of decoded text that are U+FFFD (input sequences the decoder could not
 * read): near 0 for a UTF-8 document with a little damage, high for legacy bytes decoded as UTF-8.
 */
export function replacementShare(text: string): number {
  let nonAscii = 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    nonAscii++;
    if (c === 0xfffd) bad++;
  }
  return nonAscii ? bad / nonAscii : 0;
}
