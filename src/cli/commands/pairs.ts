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
      const background = opts.background ?? [];
      const unreadBackground: string[] = [];
      const results = await judgePairs(file, {
        background,
        onProblem: (p) => {
          problems++;
          if (!p.lineNumber && background.includes(p.file)) unreadBackground.push(p.file);
          ctx.stderr.write(`sada: ${p.file}${p.lineNumber ? `:${p.lineNumber}` : ''}: ${p.reason}\n`);
        },
      });
      // Scores against a background missing a file are not the scores asked for: none are printed.
      if (unreadBackground.length > 0) throw new AppError('BAD_INPUT', `background file ${unreadBackground.join(', ')} could not be read: no pair judged`);
      // Machine output with or without --json: the evaluation scripts read these lines.
      for (const r of results) ctx.printJson(r);
      if (results.length === 0) throw new AppError('BAD_INPUT', problems > 0 ? `no valid pair in ${file}` : `${file} holds no pairs`);
    });
}
