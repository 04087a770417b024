import { pipeline } from 'node:stream/promises';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { AppError } from '../core/errors.js';

/**
 * Reads a response body into memory under a size cap that applies both to the bytes on the wire and to the
 * decompressed bytes. Decompression is streamed and stops as soon as the cap is passed, so a gzip or brotli
 * bomb costs at most `maxBytes` of memory and a few milliseconds.
 */
export async function readBody(body: Readable, contentEncoding: string | null, maxBytes: number, url: string): Promise<Buffer> {
  const decoders = decodersFor(contentEncoding, url);
  const chunks: Buffer[] = [];
  let wire = 0;
  let total = 0;
  // pipeline() may report the abort it caused rather than the reason: remember the reason.
  let overflow: AppError | null = null;
  const countWire = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      wire += chunk.length;
      if (wire > maxBytes) return callback((overflow = tooLarge(url, maxBytes)));
      callback(null, chunk);
    },
  });
  const collect = async (source: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) throw (overflow = tooLarge(url, maxBytes));
      chunks.push(chunk);
    }
  };
  // The typings of pipeline() do not accept a spread of transforms; the runtime does.
  try {
    await (pipeline as unknown as (...stages: unknown[]) => Promise<void>)(body, countWire, ...decoders, collect);
  } catch (error) {
    throw overflow ?? error;
  }
  return Buffer.concat(chunks, total);
}

/** Decompresses a body that is itself a gzip file (a `.xml.gz` sitemap), under the same cap. */
export async function gunzipFile(bytes: Buffer, maxBytes: number, url: string): Promise<Buffer> {
  return readBody(Readable.from([bytes]), 'gzip', maxBytes, url);
}

export function tooLarge(url: string, maxBytes: number): AppError {
  return new AppError('TOO_LARGE', `${url}: body exceeds ${maxBytes} bytes`, { details: { maxBytes } });
}

/** Decoders in the order to apply them: Content-Encoding lists codings in the order they were applied. */
function decodersFor(contentEncoding: string | null, url: string): Transform[] {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity');
  return codings.reverse().map((coding) => {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        return zlib.createGunzip();
      case 'br':
        return zlib.createBrotliDecompress();
      case 'deflate':
        return new AutoInflate();
      default:
        throw new AppError('FETCH_FAILED', `${url}: unsupported content-encoding "${coding}"`);
    }
  });
}

/**
 * `deflate` should be zlib-wrapped (RFC 9110) but some servers send raw deflate; the first two bytes tell
 * which (a zlib header has compression method 8 and a checksum multiple of 31).
 */
class AutoInflate extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.inner) {
      const zlibHeader = chunk.length >= 2 && (chunk[0]! & 0x0f) === 8 && ((chunk[0]! << 8) | chunk[1]!) % 31 === 0;
      this.inner = zlibHeader ? zlib.createInflate() : zlib.createInflateRaw();
      this.inner.on('data', (data: Buffer) => this.push(data));
      this.inner.on('error', (error) => this.destroy(error));
    }
    this.inner.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inner) return callback();
    this.inner.once('end', () => callback());
    this.inner.end();
  }

  override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
    this.inner?.destroy();
    callback(error);
  }
}
