import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { AppError, errorMessage } from '../core/errors.js';
import { MAX_PAGE_BYTES } from '../extract/limits.js';

/**
 * Lines longer than this (in bytes) are not read: the size at which the extraction of a whole web page
 * stops, and no article's line comes near it. Without a bound, one line without a newline (700 MB from a
 * 700 KB gzip file) crashed the import ("Invalid string length") before any later line was read.
 */
export const MAX_LINE_BYTES = MAX_PAGE_BYTES;

/** A non-blank line of a file, or one longer than the limit (`line` null, its length in `tooLong`). */
export type FileLine = {
  lineNumber: number;
  /** Bytes of the file read so far (for progress). */
  bytesRead: number;
} & ({ line: string; tooLong?: undefined } | { line: null; tooLong: number });

/**
 * Streams the lines of a text file, gunzipping it when it starts with the gzip magic bytes (whatever its
 * name). Lines end at LF; a CR before it is dropped (CRLF files). Blank lines are skipped but counted. A
 * line longer than `maxLineBytes` is passed over without being held in memory and reported as such, and
 * reading goes on with the next. Errors say what went wrong, not which file: every caller reports them
 * under the file's name already.
 */
export async function* readLines(path: string, options: { maxLineBytes?: number } = {}): AsyncGenerator<FileLine> {
  const maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
  let gzip = false;
  try {
    const handle = await open(path, 'r');
    try {
      const head = Buffer.alloc(2);
      const { bytesRead } = await handle.read(head, 0, 2, 0);
      gzip = bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new AppError('BAD_INPUT', `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
  }
  const raw = createReadStream(path);
  const stream = gzip ? raw.pipe(createGunzip()) : raw;
  // An error of the file stream does not reach the gunzip stream piped from it: it is passed on, so that the
  // chunks' iterator fails with it. (Racing each chunk against one promise that waits for an error kept every
  // chunk read reachable from that promise until the file was done: a 1 GB line held 1.2 GB.)
  if (stream !== raw) raw.on('error', (error) => stream.destroy(error));
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const pending = new LineParts(maxLineBytes);
  let lineNumber = 0;
  try {
    for (;;) {
      const next = await nextChunk(chunks);
      if (next.done) break;
      const chunk = next.value;
      for (let start = 0; ; ) {
        const newline = chunk.indexOf(0x0a, start);
        pending.add(chunk, start, newline === -1 ? chunk.length : newline);
        if (newline === -1) break;
        lineNumber++;
        const line = pending.take(lineNumber, raw.bytesRead);
        if (line) yield line;
        start = newline + 1;
      }
    }
    if (!pending.empty) {
      const line = pending.take(lineNumber + 1, raw.bytesRead);
      if (line) yield line;
    }
  } finally {
    raw.destroy();
    if (stream !== raw) stream.destroy();
  }
}

async function nextChunk(chunks: AsyncIterator<Buffer>): Promise<IteratorResult<Buffer>> {
  try {
    return await chunks.next();
  } catch (error) {
    throw new AppError('BAD_INPUT', (error as Error).message, { cause: error });
  }
}

/** `readLines` for a caller that stops at a read error: the error names the file. */
export async function* readLinesNamingFile(path: string): AsyncGenerator<FileLine> {
  try {
    yield* readLines(path);
  } catch (error) {
    throw new AppError('BAD_INPUT', `${path}: ${errorMessage(error)}`, { cause: error });
  }
}

/** The error reported for a line over the limit. */
export function lineTooLong(bytes: number, maxBytes = MAX_LINE_BYTES): string {
  return `line of ${bytes} bytes, longer than the limit of ${maxBytes}: not read`;
}

/** The bytes of the line being read, up to the limit; beyond it only their count. */
class LineParts {
  private parts: Buffer[] = [];
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get empty(): boolean {
    return this.bytes === 0;
  }

  add(chunk: Buffer, from: number, to: number): void {
    if (to === from) return;
    if (this.bytes + (to - from) <= this.maxBytes) this.parts.push(chunk.subarray(from, to));
    else this.parts = [];
    this.bytes += to - from;
  }

  /** The line read so far (null when blank), and a fresh start. */
  take(lineNumber: number, bytesRead: number): FileLine | null {
    const bytes = this.bytes;
    const parts = this.parts;
    this.parts = [];
    this.bytes = 0;
    if (bytes > this.maxBytes) return { lineNumber, bytesRead, line: null, tooLong: bytes };
    let line = (parts.length === 1 ? parts[0]! : Buffer.concat(parts, bytes)).toString('utf8');
    if (line.endsWith('\r')) line = line.slice(0, -1);
    // A byte order mark (Windows editors write one) starts the file, not its first record.
    if (lineNumber === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    return line.trim() === '' ? null : { lineNumber, bytesRead, line };
  }
}
