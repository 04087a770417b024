import type { RegisterCommand } from '../context.js';

/**
 * `sada analyze TEXT [--json]`: shows how Sada reads a text (what search and similarity see).
 */
export const register: RegisterCommand = (program, getContext) => {
  program
    .command('analyze')
    .description('show each word of TEXT with its matching form, stem, offsets and stopword flag')
    .argument('[text...]', 'the text to analyse (several arguments are joined by spaces)')
    .option('--boilerplate', 'also flag news boilerplate (قال، أضاف، أكد …) as stop, as similarity does')
    .action(async (words: string[], options: { boilerplate?: boolean }) => {
      const ctx = getContext();
      const { analyze } = await import('../../text/analyze.js');
      const tokens = analyze(words.join(' '), { boilerplate: Boolean(options.boilerplate) });
      if (ctx.json) {
        ctx.printJson(tokens);
        return;
      }
      if (tokens.length === 0) return;
      const { formatTable } = await import('./analyze-table.js');
      ctx.print(
        formatTable(
          ['token', 'norm', 'stem', 'start', 'end', 'stop'],
          tokens.map((t) => [t.token, t.norm, t.stem, String(t.start), String(t.end), t.stop ? 'yes' : '']),
        ),
      );
    });
};
