import { createHash } from 'node:crypto';

/**
 * Hash of an article's normalised text: equal hashes mean exact copies once spelling variants, marks,
 * punctuation and spacing are ignored. Takes the analyzer's normalised tokens, so two texts that differ
 * only in hamza seats, diacritics, digits or whitespace hash alike.
 */
export function contentHash(normalizedTokens: readonly string[]): string {
  // One string, one update: a native call per token cost more than the hashing itself.
  const hash = createHash('sha256').update(normalizedTokens.join(' '));
  // 128 bits: collisions are out of reach for any news corpus, and the key stays short in indexes.
  return hash.digest('hex').slice(0, 32);
}
