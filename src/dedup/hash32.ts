/**
 * Small, fast, deterministic 32-bit integer hashing used by MinHash and LSH. Everything here is stable
 * across runs and machines: signatures are stored in the database and compared later.
 */
import { mix32 } from '../text/index.js';

/** MurmurHash3's finaliser (shared with the analyzer's hashing): a bijective mix with good avalanche. */
export const fmix32 = mix32;

/** Combines a running hash with one more 32-bit value (order-sensitive). */
export function combine32(hash: number, value: number): number {
  let h = (hash ^ fmix32(value)) >>> 0;
  h = Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
  return h >>> 0;
}

/** splitmix32: a seeded generator for the fixed MinHash family. */
export function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
}

/** 32-bit hash of a string's UTF-16 code units (FNV-1a, then fmix32 for avalanche). */
export function hashString32(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}
