import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { counted } from '../article-rows.js';
import type { CliContext } from '../context.js';
import { AppError, isAppError } from '../../core/errors.js';
import type { OpmlImport } from '../../feeds/index.js';

/** `sada sources add|list|remove|import-opml|export-opml`: managing the outlets Sada polls. */
export function register(program: Command, getContext: () => CliContext): void {
  const sources = program.command('sources').description('manage the feeds, sitemaps and homepages Sada polls');

  sources
    .command('add')
    .description('add a source: a feed (RSS, Atom, JSON Feed), a sitemap, or a homepage (its feed is discovered)')
    .argument('<url>', 'feed, sitemap or homepage URL')
    .option('--title <title>', 'display name (default: the feed title)')
    .option('--country <code>', 'country of the outlet (two-letter ISO 3166 code, e.g. SA)')
    .option('--slug <slug>', 'short unique key used in filters (default: from the host name)')
    .action(async (url: string, opts: { title?: string; country?: string; slug?: string }) => {
      const ctx = getContext();
      if (opts.slug !== undefined && !/^[a-z0-9][a-z0-9-]{0,62}$/.test(opts.slug)) throw new AppError('BAD_USAGE', `--slug must be lower-case letters, digits and dashes, not ${JSON.stringify(opts.slug)}`);
      if (opts.country !== undefined && !/^[a-z]{2}$/i.test(opts.country)) throw new AppError('BAD_USAGE', `--country must be a two-letter ISO 3166 code such as SA, not ${JSON.stringify(opts.country)}`);
      const [{ resolveSource, storeSource }, { addedRow }, { Fetcher }] = await Promise.all([
        import('../../pipeline/add-source.js'),
        import('../../pipeline/sources-admin.js'),
        import('../../fetch/index.js'),
      ]);
      const store = await ctx.openStore();
      const fetcher = new Fetcher(ctx.config);
      ctx.onClose(() => fetcher.close());
      const resolved = await resolveSource(fetcher, url);
      const source = await storeSource(store, resolved, { title: opts.title, country: opts.country?.toUpperCase(), slug: opts.slug }, Date.now());
      // Accepted (a new outlet's feed starts empty), but a user who expected articles should know why none come.
      if (resolved.entries === 0) ctx.stderr.write(`sada: note: ${source.feedUrl} is a valid ${source.kind === 'sitemap' ? 'sitemap' : 'feed'} with no entries yet; it is polled like any other source\n`);
      if (ctx.json) ctx.printJson(addedRow(source));
      else ctx.print(`added #${source.id} ${source.slug}: ${source.title} (${source.kind}, polls ${source.feedUrl})`);
    });

  sources
    .command('list')
    .description('list sources with their fetch status (outlets known only from imports are listed as imported)')
    .action(async () => {
      const ctx = getContext();
      const { sourceRow } = await import('../../pipeline/sources-admin.js');
      // Polled sources first (what `fetch` reads), then the outlets articles were imported from.
      const all = (await (await ctx.openStore({ access: 'read' })).listSources()).map(sourceRow);
      const rows = [...all.filter((r) => r.kind !== 'import'), ...all.filter((r) => r.kind === 'import')];
      if (ctx.json) return ctx.printJson(rows);
      if (rows.length === 0) return ctx.print('no sources yet: `sada sources add URL`, or `sada fetch` to start with the built-in Arabic outlets');
      for (const r of rows) {
        if (r.kind === 'import') {
          ctx.print(`#${r.id} ${r.slug}  ${r.title}  [imported]  ${counted(r.articles, 'article')}  not polled`);
          continue;
        }
        const status = r.paused ? 'paused' : r.last_error ? `error (${r.consecutive_errors})` : r.last_success ? 'ok' : 'new';
        ctx.print(`#${r.id} ${r.slug}  ${r.title}  [${r.kind}${r.country ? `, ${r.country}` : ''}]  ${counted(r.articles, 'article')}  ${status}`);
        ctx.print(`    ${r.feed_url}  last fetch ${r.last_fetch ?? 'never'}, next ${r.next_check ?? 'now'}`);
        if (r.last_error) ctx.print(`    last error: ${r.last_error}`);
      }
      if (rows.every((r) => r.kind === 'import')) ctx.print('none of these is polled: `sada sources add URL`, or `sada fetch` to start with the built-in Arabic outlets');
    });

  sources
    .command('remove')
    .description('stop polling a source (its articles stay)')
    .argument('<id>', 'source id or slug')
    .action(async (id: string) => {
      const ctx = getContext();
      const store = await ctx.openStore();
      const source = /^\d+$/.test(id) ? await store.getSource(Number(id)) : await store.getSourceBySlug(id);
      if (!source || !(await store.removeSource(source.id))) throw new AppError('BAD_INPUT', `no source ${JSON.stringify(id)}`);
      if (ctx.json) ctx.printJson({ removed: source.id, slug: source.slug });
      else ctx.print(`removed #${source.id} ${source.slug}`);
    });

  sources
    .command('import-opml')
    .description('add every feed of an OPML subscription list')
    .argument('<file>', 'OPML file')
    .action(async (file: string) => {
      const ctx = getContext();
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        throw new AppError('BAD_INPUT', `cannot read ${file}: ${(error as Error).message}`);
      }
      const [{ parseOpmlSubscriptions }, { importOpml }] = await Promise.all([import('../../feeds/index.js'), import('../../pipeline/sources-admin.js')]);
      let parsed: OpmlImport;
      try {
        parsed = parseOpmlSubscriptions(bytes);
      } catch (error) {
        // the file the user named is the input, as a malformed feed is for `sources add` (exit 2), not a runtime failure
        if (isAppError(error) && error.code === 'PARSE_FAILED') throw new AppError('BAD_INPUT', `${file} is not a valid OPML subscription list: ${error.message}`, { cause: error });
        throw error;
      }
      const summary = await importOpml(await ctx.openStore(), parsed, Date.now());
      for (const message of summary.messages) ctx.stderr.write(`${message}\n`);
      if (ctx.json) ctx.printJson({ added: summary.added, existing: summary.existing, errors: summary.errors });
      else ctx.print(`${summary.added} sources added, ${summary.existing} already present, ${summary.errors} skipped`);
    });

  sources
    .command('export-opml')
    .description('print the sources as an OPML 2.0 subscription list')
    .action(async () => {
      const ctx = getContext();
      const { exportOpml } = await import('../../pipeline/sources-admin.js');
      ctx.print(await exportOpml(await ctx.openStore({ access: 'read' }), Date.now()));
    });
}
