import { pino, type Logger } from 'pino';

/** Logs go to stderr so that stdout stays clean for `--json` output. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { name: 'sada' } }, pino.destination({ fd: 2, sync: true }));
}
