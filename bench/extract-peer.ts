/**
 * The peer for extraction benchmarks: Mozilla Readability over linkedom, run as a batch exactly like
 * `sada extract --batch` (same list format, same file reading and charset decoding, one JSON line per page).
 *   node dist/bench/extract-peer.js LIST.jsonl > out.jsonl
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { decodeHtmlBytes } from '../src/extract/decode.js';

const require = createRequire(import.meta.url);
const { parseHTML } = require('linkedom') as { parseHTML: (html: string) => { document: unknown } };
const { Readability } = require('@mozilla/readability') as {
  Readability: new (doc: unknown) => { parse(): { title?: string | null; textContent?: string | null; publishedTime?: string | null; byline?: string | null } | null };
};

const list = readFileSync(process.argv[2]!, 'utf8').split('\n').filter((l) => l.trim());
for (const line of list) {
  const entry = JSON.parse(line) as { id: string; file: string };
  try {
    let bytes = readFileSync(entry.file);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    const { document } = parseHTML(decodeHtmlBytes(bytes).html);
    const r = new Readability(document).parse();
    process.stdout.write(`${JSON.stringify({ id: entry.id, title: r?.title ?? '', text: r?.textContent ?? '', published: r?.publishedTime ?? null })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ id: entry.id, error: String(error) })}\n`);
  }
}
