import type { Command } from 'commander';
import { counted } from '../article-rows.js';
import type { CliContext } from '../context.js';
import { AppError } from '../../core/errors.js';
import { parseWholeNumber } from '../../core/whole-number.js';

export function register(program: Command, getContext: () => CliContext): void {
  program
    .command('import')
    .description('import articles from JSONL or JSONL.gz files (Sada, SaudiNewsNet or ANT fields, detected per line) through the full pipeline')
    .argument('<files...>', 'JSONL files, optionally gzip-compressed')
    .option('--batch-size <n>', 'articles per transaction (1-100000)', '1000')
    .action(async (files: string[], opts: { batchSize: string }) => {
      const ctx = getContext();
      const batchSize = parseWholeNumber(opts.batchSize);
      if (batchSize === null || batchSize < 1 || batchSize > 100_000) throw new AppError('BAD_USAGE', `--batch-size must be an integer from 1 to 100000, not ${opts.batchSize}`);
      const [{ importFiles }, { createArticlePipeline }, { createProgress }] = await Promise.all([
        import('../../pipeline/import-files.js'),
        import('../../pipeline/process-article.js'),
        import('../progress.js'),
      ]);
      const store = await ctx.openStore();
      const progress = createProgress(ctx, 'import');
      const pipeline = createArticlePipeline({ now: Date.now, batchIndex: true });
      let summary;
      try {
        summary = await importFiles(store, files, {
          batchSize,
          process: pipeline,
          onError: (e) => progress.log(`${e.file}${e.lineNumber ? `:${e.lineNumber}` : ''}: ${e.reason}`),
          onProgress: (p) => progress.update(p.bytesRead, p.totalBytes, `${p.summary.inserted} new, ${p.summary.skipped} skipped, ${counted(p.summary.errors, 'error')}`),
        });
      } finally {
        progress.stop();
        // The worker thread's memory is not needed for the merge below (and, on a failure, must not keep the process alive).
        await pipeline.close?.();
      }
      // One merged index segment keeps queries fast after a large import (about 2 s at 50k articles).
      if (summary.inserted > 0) await store.optimizeSearchIndex();
      if (ctx.json) ctx.printJson(summary);
      else {
        ctx.print(
          `read ${counted(summary.read, 'line')}: ${counted(summary.inserted, 'new article')} (${counted(summary.duplicates, 'copy', 'copies')} of earlier reports), ` +
            `${summary.skipped} skipped, ${counted(summary.errors, 'error')} in ${summary.seconds}s`,
        );
      }
      if (summary.errors > 0 && summary.inserted + summary.skipped === 0) process.exitCode = 2;
    });
}
