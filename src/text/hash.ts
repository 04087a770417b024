/**
 * Stable 32-bit hashing: FNV-1a over the UTF-8 bytes of a string (a lone surrogate counts as U+FFFD, as
 * TextEncoder does), so any language reproduces the values; they may be stored in a database.
 */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SPACE = 0x20;

/** FNV-1a 32 of the UTF-8 encoding of `text`, as an unsigned integer. `seed` replaces the offset basis. */
export function hash32(text: string, seed: number = FNV_OFFSET): number {
  return fnvUtf8(seed >>> 0, text) >>> 0;
}

/** FNV-1a 32 of a byte range (UTF-8 already encoded: `hash32` of the text the bytes encode), unsigned. */
export function hashBytes32(data: Uint8Array, start = 0, end = data.length): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ data[i]!, FNV_PRIME);
  return h >>> 0;
}

/**
 * Hashes of the word k-grams (shingles) of a word sequence, for near-duplicate detection (MinHash,
 * containment): value i is `hash32(words.slice(i, i + k).join(' '))`. A sequence shorter than k still gives
 * one shingle (all its words); an empty one gives none.
 */
export function shingleHashes(words: readonly string[], k: number): Uint32Array {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`shingleHashes: k must be a positive integer, got ${k}`);
  const n = words.length;
  if (n === 0) return new Uint32Array(0);
  const width = Math.min(k, n);
  const out = new Uint32Array(n - width + 1);
  for (let i = 0; i < out.length; i++) {
    let h = FNV_OFFSET;
    for (let j = 0; j < width; j++) {
      if (j > 0) h = Math.imul(h ^ SPACE, FNV_PRIME);
      h = fnvUtf8(h, words[i + j] as string);
    }
    out[i] = h >>> 0;
  }
  return out;
}

/** A strong 32-bit finaliser (MurmurHash3 fmix32): derives independent-looking hashes from one value. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fnvUtf8(hash: number, s: string): number {
  let h = hash;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      h = Math.imul(h ^ c, FNV_PRIME);
      continue;
    }
    if (c < 0x800) {
      h = Math.imul(h ^ (0xc0 | (c >> 6)), FNV_PRIME);
      h = Math.imul(h ^ (0x80 | (c & 0x3f)), FNV_PRIME);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        i++;
        h = Math.imul(h ^ (0xf0 | (cp >> 18)), FNV_PRIME);
        h = Math.imul(h ^ (0x80 | ((cp >> 12) & 0x3f)), FNV_PRIME);
        h = Math.imul(h ^ (0x80 | ((cp >> 6) & 0x3f)), FNV_PRIME);
        h = Math.imul(h ^ (0x80 | (cp & 0x3f)), FNV_PRIME);
        continue;
      }
      c = 0xfffd;
    }
    h = Math.imul(h ^ (0xe0 | (c >> 12)), FNV_PRIME);
    h = Math.imul(h ^ (0x80 | ((c >> 6) & 0x3f)), FNV_PRIME);
    h = Math.imul(h ^ (0x80 | (c & 0x3f)), FNV_PRIME);
  }
  return h;
}
