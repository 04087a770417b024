/**
 * Whether typed arrays hold numbers little-endian on this machine (every platform Node runs on today).
 * Stored formats are little-endian, so there an array's bytes are copied as they are instead of one
 * number at a time; elsewhere the per-number path is taken.
 */
export const NATIVE_LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** The bytes of a typed array (a view, not a copy). */
export function bytesOf(a: Uint16Array | Uint32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}
