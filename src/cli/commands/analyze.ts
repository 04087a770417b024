import { AppError } from '../../core/errors.js';
import type { RegisterCommand } from '../context.js';

/** Text read from standard input is capped: analyze prints a row per word, and this is a debugging tool. */
const MAX_STDIN_BYTES = 4 * 1024 * 1024;

/**
 * `sada analyze TEXT [--json]`: shows how Sada reads a text (what search and similarity see). Without TEXT it
 * reads standard input (`sada analyze < article.txt`); at a terminal that would wait for typing that nobody
 * expects, so it says how to give the text instead.
 */
export const register: RegisterCommand = (program, getContext) => {
  program
    .command('analyze')
    .description('show each word of TEXT with its matching form, stem, offsets and stopword flag')
    .argument('[text...]', 'the text to analyse (several arguments are joined by spaces; none: standard input)')
    .option('--boilerplate', 'also flag news boilerplate (قال، أضاف، أكد …) as stop, as similarity does')
    .action(async (words: string[], options: { boilerplate?: boolean }) => {
      const ctx = getContext();
      const { analyze } = await import('../../text/analyze.js');
      const text = words.length > 0 ? words.join(' ') : await readStandardInput();
      const tokens = analyze(text, { boilerplate: Boolean(options.boilerplate) });
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

async function readStandardInput(): Promise<string> {
  if (process.stdin.isTTY) throw new AppError('BAD_INPUT', 'no text: give it as arguments (sada analyze "النص") or on standard input (sada analyze < file.txt)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_STDIN_BYTES) throw new AppError('BAD_INPUT', `standard input holds more than ${MAX_STDIN_BYTES / 1024 / 1024} MiB: analyze a shorter text`);
    chunks.push(chunk);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}
