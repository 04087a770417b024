import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { AppError } from '../core/errors.js';

/**
 * Streams the lines of a text file, gunzipping it when it starts with the gzip magic bytes
 * (whatever its name). Yields `{lineNumber, line, bytesRead}` (bytes of the file
 * read so far, for progress); blank lines are skipped. Errors say what went wrong, not which file: every
 * caller reports them under the file's name already.
 */
export async function* readLines(path: string): AsyncGenerator<{ lineNumber: number; line: string; bytesRead: number }> {
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
  const failure = new Promise<never>((_, reject) => {
    const fail = (error: Error) => reject(new AppError('BAD_INPUT', error.message, { cause: error }));
    raw.on('error', fail);
    if (stream !== raw) stream.on('error', fail);
  });
  failure.catch(() => undefined);
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  let lineNumber = 0;
  try {
    while (true) {
      const next = await Promise.race([iterator.next(), failure]);
      if (next.done) break;
      lineNumber++;
      const line = next.value;
      if (line.trim() === '') continue;
      yield { lineNumber, line, bytesRead: raw.bytesRead };
    }
  } finally {
    lines.close();
    raw.destroy();
  }
}
