import { getLittleEndian, putLittleEndian } from '../core/endian.js';
import type { TermProfile } from './profile.js';

/**
 * Binary form of a term profile, stored beside each article so candidates are judged without re-analysing
 * their text. Layout (little-endian): version u8, count u32, keys u32[count], body u16[count],
 * lead u8[count], flags u8[count]: 8 bytes a distinct term, about 1.5–2.5 KB an article.
 */
const VERSION = 2;
const HEADER = 5;

export function encodeProfile(p: TermProfile): Uint8Array {
  const n = p.keys.length;
  if (p.body.length !== n || p.lead.length !== n || p.flags.length !== n) throw new RangeError('term profile arrays differ in length');
  const bytes = new Uint8Array(HEADER + 8 * n);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, VERSION);
  view.setUint32(1, n, true);
  let at = HEADER;
  putLittleEndian(bytes, at, p.keys);
  putLittleEndian(bytes, (at += 4 * n), p.body);
  at += 2 * n;
  bytes.set(p.lead, at);
  bytes.set(p.flags, at + n);
  return bytes;
}

export function decodeProfile(bytes: Uint8Array): TermProfile {
  if (bytes.byteLength < HEADER) throw new RangeError('truncated term profile');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(0);
  if (version !== VERSION) throw new RangeError(`unknown term profile version ${version}`);
  const n = view.getUint32(1, true);
  if (bytes.byteLength !== HEADER + 8 * n) throw new RangeError('term profile length does not match its term count');
  const keys = new Uint32Array(n);
  const body = new Uint16Array(n);
  let at = HEADER;
  getLittleEndian(bytes, at, keys);
  getLittleEndian(bytes, (at += 4 * n), body);
  at += 2 * n;
  // Copies, not views: a database driver's buffer should not be kept alive by a cached profile.
  const lead = new Uint8Array(bytes.subarray(at, at + n));
  const flags = new Uint8Array(bytes.subarray(at + n, at + 2 * n));
  for (let i = 1; i < n; i++) if (keys[i - 1]! >= keys[i]!) throw new RangeError('term profile keys are not ascending');
  return { keys, body, lead, flags };
}
