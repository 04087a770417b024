import { NATIVE_LITTLE_ENDIAN, bytesOf } from '../core/endian.js';
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
  if (NATIVE_LITTLE_ENDIAN) {
    bytes.set(bytesOf(p.keys), at);
    bytes.set(bytesOf(p.body), (at += 4 * n));
    at += 2 * n;
  } else {
    for (let i = 0; i < n; i++, at += 4) view.setUint32(at, p.keys[i]!, true);
    for (let i = 0; i < n; i++, at += 2) view.setUint16(at, p.body[i]!, true);
  }
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
  if (NATIVE_LITTLE_ENDIAN) {
    bytesOf(keys).set(bytes.subarray(at, (at += 4 * n)));
    bytesOf(body).set(bytes.subarray(at, (at += 2 * n)));
  } else {
    for (let i = 0; i < n; i++, at += 4) keys[i] = view.getUint32(at, true);
    for (let i = 0; i < n; i++, at += 2) body[i] = view.getUint16(at, true);
  }
  // Copies, not views: a database driver's buffer should not be kept alive by a cached profile.
  const lead = new Uint8Array(bytes.subarray(at, at + n));
  const flags = new Uint8Array(bytes.subarray(at + n, at + 2 * n));
  for (let i = 1; i < n; i++) if (keys[i - 1]! >= keys[i]!) throw new RangeError('term profile keys are not ascending');
  return { keys, body, lead, flags };
}
