import cliProgress from 'cli-progress';
import type { CliContext } from './context.js';

export interface Progress {
  update(done: number, total: number, status: string): void;
  /** Prints a message line without breaking the bar (warnings such as a bad input line). */
  log(message: string): void;
  stop(): void;
}

const MAX_LOGGED = 20;

/**
 * A progress bar on stderr when it is a terminal (and not CI); otherwise silent apart from logged lines,
 * of which only the first few are printed so that a bad file cannot flood the log.
 */
export function createProgress(ctx: CliContext, label: string): Progress {
  let logged = 0;
  let suppressed = 0;
  const bar = ctx.interactive
    ? new cliProgress.SingleBar(
        { format: `${label} [{bar}] {percentage}% | {status}`, stream: process.stderr, hideCursor: true, clearOnComplete: true, etaBuffer: 50 },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let started = false;
  const write = (message: string) => {
    if (logged >= MAX_LOGGED) {
      suppressed++;
      return;
    }
    logged++;
    if (bar && started) bar.stop();
    process.stderr.write(`sada: ${message}\n`);
    if (bar && started) bar.start(100, 0, { status: '' });
  };
  return {
    update(done, total, status) {
      if (!bar) return;
      if (!started) {
        bar.start(total || 1, 0, { status });
        started = true;
      }
      bar.setTotal(total || 1);
      bar.update(done, { status });
    },
    log: write,
    stop() {
      if (bar && started) bar.stop();
      if (suppressed > 0) process.stderr.write(`sada: … and ${suppressed} more\n`);
    },
  };
}
