import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { AppError } from '../../core/errors.js';

export function register(program: Command, getContext: () => CliContext): void {
  program
    .command('pairs')
    .description("judge article pairs with the pipeline's own similarity and decisions: one JSON line per pair {pair, score, relation}")
    .argument('<file>', 'JSONL (or .gz) of {"pair", "a": {url, source, date, title, content}, "b": {…}}')
    .option('--background <files...>', 'files in any import format giving corpus statistics (nothing is stored)')
    .action(async (file: string, opts: { background?: string[] }) => {
      const ctx = getContext();
      const { judgePairs } = await import('../../pipeline/judge-pairs.js');
      let problems = 0;
      const results = await judgePairs(file, {
        background: opts.background ?? [],
        onProblem: (p) => {
          problems++;
          ctx.stderr.write(`sada: ${p.file}${p.lineNumber ? `:${p.lineNumber}` : ''}: ${p.reason}\n`);
        },
      });
      // Machine output with or without --json: the evaluation scripts read these lines.
      for (const r of results) ctx.printJson(r);
      if (results.length === 0) throw new AppError('BAD_INPUT', problems > 0 ? `no valid pair in ${file}` : `${file} holds no pairs`);
    });
}
