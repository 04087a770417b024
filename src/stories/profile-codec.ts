import type { ArticleProfile } from './profile.js';
import type { SparseVector } from './sparse-vector.js';

/**
 * Binary form of an article profile, stored beside the article so candidates are judged without
 * re-analysing their text. Layout (little-endian): version u8, then for full, lead, head: count u32,
 * keys u32[count], values f32[count]; then rare: count u32, keys u32[count].
 */
const VERSION = 1;

export function encodeProfile(profile: ArticleProfile): Uint8Array {
  const vectors = [profile.full, profile.lead, profile.head];
  const size = 1 + vectors.reduce((n, v) => n + 4 + 8 * v.keys.length, 0) + 4 + 4 * profile.rare.length;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  let at = 0;
  view.setUint8(at, VERSION);
  at += 1;
  for (const v of vectors) {
    view.setUint32(at, v.keys.length, true);
    at += 4;
    for (let i = 0; i < v.keys.length; i++, at += 4) view.setUint32(at, v.keys[i] ?? 0, true);
    for (let i = 0; i < v.values.length; i++, at += 4) view.setFloat32(at, v.values[i] ?? 0, true);
  }
  view.setUint32(at, profile.rare.length, true);
  at += 4;
  for (let i = 0; i < profile.rare.length; i++, at += 4) view.setUint32(at, profile.rare[i] ?? 0, true);
  return bytes;
}

export function decodeProfile(bytes: Uint8Array): ArticleProfile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (n: number) => {
    if (at + n > bytes.byteLength) throw new RangeError('truncated article profile');
  };
  need(1);
  const version = view.getUint8(at);
  at += 1;
  if (version !== VERSION) throw new RangeError(`unknown article profile version ${version}`);
  const readKeys = (count: number): Uint32Array => {
    need(4 * count);
    const keys = new Uint32Array(count);
    for (let i = 0; i < count; i++, at += 4) keys[i] = view.getUint32(at, true);
    return keys;
  };
  const readCount = (): number => {
    need(4);
    const n = view.getUint32(at, true);
    at += 4;
    return n;
  };
  const readVector = (): SparseVector => {
    const count = readCount();
    const keys = readKeys(count);
    need(4 * count);
    const values = new Float32Array(count);
    for (let i = 0; i < count; i++, at += 4) values[i] = view.getFloat32(at, true);
    return { keys, values };
  };
  const full = readVector();
  const lead = readVector();
  const head = readVector();
  const rare = readKeys(readCount());
  if (at !== bytes.byteLength) throw new RangeError('trailing bytes after article profile');
  return { full, lead, head, rare };
}
