import { readFile, stat } from 'node:fs/promises';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { AppError, errorMessage } from '../../core/errors.js';
import { parseIsoLike } from '../../core/time.js';
import type { CliContext, RegisterCommand } from '../context.js';
import { lineTooLong, readLinesNamingFile } from '../../pipeline/read-lines.js';
import { MAX_PAGE_BYTES } from '../../extract/limits.js';


const gunzipAsync = promisify(gunzip);

/** Fetches a page for `sada extract URL`; the composition root supplies the real fetcher. */
export type PageFetcher = (url: string, ctx: CliContext) => Promise<{ body: Uint8Array; contentType?: string | null; finalUrl: string }>;

export interface ExtractCommandDeps {
  fetchPage?: PageFetcher;
}

interface ExtractFlags {
  url?: string;
  batch?: string;
  text?: string;
  now?: string;
}

/**
 * Reads a file, gunzipping `.gz` files (and any file that starts with the gzip magic bytes). Neither the
 * file nor what it unpacks to may pass the extraction's page limit: a page larger than that is refused
 * anyway, and a few KB of gzip can unpack to gigabytes.
 */
export async function readPageFile(path: string, maxBytes = MAX_PAGE_BYTES): Promise<Buffer> {
  let bytes: Buffer;
  try {
    const size = (await stat(path)).size;
    if (size > maxBytes) throw new AppError('TOO_LARGE', `${path} is ${size} bytes, more than the page limit of ${maxBytes}`);
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('BAD_INPUT', `cannot read ${path}: ${errorMessage(error)}`);
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return await gunzipAsync(bytes, { maxOutputLength: maxBytes });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new AppError('TOO_LARGE', `${path} unpacks to more than the page limit of ${maxBytes} bytes`);
      throw new AppError('BAD_INPUT', `cannot gunzip ${path}: ${errorMessage(error)}`);
    }
  }
  return bytes;
}

function parseNow(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseIsoLike(value);
  if (ms === null) throw new AppError('BAD_USAGE', `--now is not an ISO date or date-time: ${value}`);
  return ms;
}

export function createExtractCommand(deps: ExtractCommandDeps = {}): RegisterCommand {
  return (program: Command, getContext: () => CliContext) => {
    program
      .command('extract')
      .description('extract the article (text, title, dates, authors, attribution…) from an HTML page, a list of pages, or a plain-text page')
      .argument('[file-or-url]', 'HTML file (.gz accepted) or http(s) URL')
      .option('--url <url>', 'the page URL of FILE_OR_URL (resolves links; default: the file:// URL of the file, or the URL fetched)')
      .option('--batch <list>', 'JSONL lines {"id","file","url"}: one output line per page')
      .option('--text <file>', 'segment a plain-text page dump instead of HTML')
      .option('--now <iso>', 'reference time for relative dates such as «منذ ساعتين» in HTML pages (default: now)')
      .action(async (target: string | undefined, flags: ExtractFlags) => {
        const ctx = getContext();
        const modes = [target !== undefined, flags.batch !== undefined, flags.text !== undefined].filter(Boolean).length;
        if (modes !== 1) throw new AppError('BAD_USAGE', 'give exactly one of FILE_OR_URL, --batch LIST or --text FILE');
        // Options the mode would ignore are refused: a batch line carries its own url, a text dump has no links or dates.
        if (flags.url !== undefined && target === undefined) throw new AppError('BAD_USAGE', `--url goes with FILE_OR_URL; ${flags.batch !== undefined ? 'each --batch line carries its own "url"' : '--text has no links to resolve'}`);
        if (flags.now !== undefined && flags.text !== undefined) throw new AppError('BAD_USAGE', '--now does not apply to --text: a text dump gives no dates');
        const now = parseNow(flags.now) ?? Date.now();
        const { extractArticle, isPageBody, segmentTextPage, toExtractJson, toTextPageJson } = await import('../../extract/index.js');
        if (flags.text !== undefined) {
          const bytes = await readPageFile(flags.text);
          const page = toTextPageJson(segmentTextPage(bytes.toString('utf8')));
          if (ctx.json) ctx.printJson(page);
          else ctx.print(formatTextPage(page));
          return;
        }
        if (flags.batch !== undefined) {
          await runBatch(flags.batch, ctx, (bytes, url) => toExtractJson(extractArticle(bytes, { url, now })));
          return;
        }
        const source = target!;
        let bytes: Uint8Array;
        let url: string;
        let contentType: string | null | undefined;
        if (/^https?:\/\//i.test(source)) {
          if (!deps.fetchPage) throw new AppError('UNAVAILABLE', 'fetching URLs is not available in this build; save the page and pass the file');
          const fetched = await deps.fetchPage(source, ctx);
          bytes = fetched.body;
          url = flags.url ?? fetched.finalUrl;
          contentType = fetched.contentType;
          if (!isPageBody(contentType ?? null, bytes)) throw new AppError('BAD_INPUT', `${fetched.finalUrl} is not an HTML page (${contentType ?? 'no content type'})`);
        } else {
          bytes = await readPageFile(source);
          url = flags.url ?? pathToFileURL(resolve(source)).href;
        }
        const article = toExtractJson(extractArticle(bytes, { url, now, contentType: contentType ?? undefined }));
        if (ctx.json) ctx.printJson(article);
        else ctx.print(formatArticle(article));
      });
  };
}

async function runBatch(listPath: string, ctx: CliContext, extract: (bytes: Uint8Array, url: string) => object): Promise<void> {
  // A read error of the list ends the batch (it names the file); a bad line is one error line.
  for await (const { lineNumber: lineNo, line, tooLong } of readLinesNamingFile(listPath)) {
    let id: unknown = lineNo;
    try {
      if (line === null) throw new AppError('BAD_INPUT', lineTooLong(tooLong));
      const entry = JSON.parse(line) as { id?: unknown; file?: unknown; url?: unknown };
      id = entry.id ?? lineNo;
      if (typeof entry.file !== 'string') throw new AppError('BAD_INPUT', 'line has no "file"');
      const bytes = await readPageFile(entry.file);
      const url = typeof entry.url === 'string' && entry.url ? entry.url : pathToFileURL(resolve(entry.file)).href;
      ctx.printJson({ id, ...extract(bytes, url) });
    } catch (error) {
      const message = error instanceof SyntaxError ? `line ${lineNo} is not JSON` : errorMessage(error);
      ctx.printJson({ id, error: message });
    }
  }
}

function formatArticle(a: { title: string; published: string | null; authors: string[]; url: string; attribution: { sources: string[] }; text: string }): string {
  const head = [a.title, [a.published, a.authors.join('، ')].filter(Boolean).join(' — '), a.url];
  if (a.attribution.sources.length) head.push(`المصدر: ${a.attribution.sources.join('، ')}`);
  return `${head.filter(Boolean).join('\n')}\n\n${a.text}\n`;
}

function formatTextPage(p: { text: string; attribution: { sources: string[] }; read_also: { title: string }[]; related_titles: string[] }): string {
  const parts = [p.text];
  if (p.attribution.sources.length) parts.push(`المصدر: ${p.attribution.sources.join('، ')}`);
  if (p.read_also.length) parts.push(`اقرأ أيضاً:\n${p.read_also.map((r) => `- ${r.title}`).join('\n')}`);
  if (p.related_titles.length) parts.push(`عناوين ذات صلة:\n${p.related_titles.map((t) => `- ${t}`).join('\n')}`);
  return `${parts.join('\n\n')}\n`;
}

/**
 * Pages named by URL are fetched like article pages during ingestion: SSRF guard, robots.txt, size limits. A
 * 404 or 410 is bad input (exit 2), as for `sources add`; other failures to fetch exit 1.
 */
const fetchPage: PageFetcher = async (url, ctx) => {
  const { Fetcher, nothingThere } = await import('../../fetch/index.js');
  const fetcher = new Fetcher(ctx.config);
  try {
    const page = await fetcher.fetch(url, { kind: 'page' }).catch((error: unknown) => {
      throw nothingThere(error, 'no page to extract at this URL') ?? error;
    });
    if (page.notModified) throw new AppError('FETCH_FAILED', `${url}: unexpected 304 Not Modified`);
    return { body: page.body, contentType: page.contentType, finalUrl: page.finalUrl };
  } finally {
    await fetcher.close();
  }
};

export const register: RegisterCommand = createExtractCommand({ fetchPage });
