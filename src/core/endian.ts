/**
 * Whether typed arrays hold numbers little-endian on this machine (every platform Node runs on but s390x).
 * Stored formats are little-endian, so there an array's bytes are copied as they are instead of one
 * number at a time; elsewhere the per-number path is taken.
 */
export const NATIVE_LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

type Numbers = Uint16Array | Uint32Array;

/** Writes `values` into `out` from `offset` on as little-endian numbers. `native`: copy the bytes as they are. */
export function putLittleEndian(out: Uint8Array, offset: number, values: Numbers, native = NATIVE_LITTLE_ENDIAN): void {
  if (native) {
    out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), offset);
    return;
  }
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  if (values instanceof Uint32Array) for (let i = 0; i < values.length; i++) view.setUint32(offset + 4 * i, values[i]!, true);
  else for (let i = 0; i < values.length; i++) view.setUint16(offset + 2 * i, values[i]!, true);
}

/** Fills `into` with the little-endian numbers of `bytes` from `offset` on. `native`: copy the bytes as they are. */
export function getLittleEndian(bytes: Uint8Array, offset: number, into: Numbers, native = NATIVE_LITTLE_ENDIAN): void {
  if (native) {
    new Uint8Array(into.buffer, into.byteOffset, into.byteLength).set(bytes.subarray(offset, offset + into.byteLength));
    return;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (into instanceof Uint32Array) for (let i = 0; i < into.length; i++) into[i] = view.getUint32(offset + 4 * i, true);
  else for (let i = 0; i < into.length; i++) into[i] = view.getUint16(offset + 2 * i, true);
}
