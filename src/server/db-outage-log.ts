import { AppError, errorMessage } from '../core/errors.js';
import { redactUrlPasswords } from '../core/redact-url.js';
import type { Store } from '../store/store.js';
import type { ServerLogger } from './logger.js';
import type { Clock } from './services.js';

/** While the database stays out of reach, at most one warning in this long. */
export const OUTAGE_WARNING_EVERY_MS = 60_000;

/**
 * The log of a web node whose database stops answering. Requests then get 503 (UNAVAILABLE), which
 * `logError` rightly leaves out (it is no bug, and one line per request would flood the log); but then the
 * node logged nothing at all while it lasted, and an operator reading its log could not tell an outage from
 * a quiet hour. One warning when the first call meets the outage, at most one a minute while it lasts, and
 * one info line when the database answers again.
 */
export class DatabaseOutageLog {
  private readonly logger: ServerLogger;
  private readonly clock: Clock;
  private readonly db: string;
  /** When the current outage was first met (null while the database answers). */
  private since: number | null = null;
  private warnedAt = 0;
  /** Calls refused since the last line, and since the outage began. */
  private failedSinceLine = 0;
  private failedInAll = 0;

  /** `db` names the database in the lines (a URL's password is hidden here). */
  constructor(options: { logger: ServerLogger; clock: Clock; db: string }) {
    this.logger = options.logger;
    this.clock = options.clock;
    this.db = redactUrlPasswords(options.db);
  }

  /** A call to the database failed because it could not be reached (an UNAVAILABLE error). */
  failed(error: unknown): void {
    const now = this.clock();
    this.failedInAll++;
    this.failedSinceLine++;
    if (this.since === null) {
      this.since = now;
      this.warnedAt = now;
      this.failedSinceLine = 0;
      this.logger.warn({ db: this.db, reason: reason(error) }, 'the database does not answer: requests that need it get 503 until it does');
      return;
    }
    if (now - this.warnedAt < OUTAGE_WARNING_EVERY_MS) return;
    this.logger.warn(
      { db: this.db, reason: reason(error), downSeconds: seconds(now - this.since), failedCalls: this.failedSinceLine },
      'the database still does not answer',
    );
    this.warnedAt = now;
    this.failedSinceLine = 0;
  }

  /** Whether an outage was met and the database has not been seen answering since. */
  get down(): boolean {
    return this.since !== null;
  }

  /** The database answered a call. */
  answered(): void {
    if (this.since === null) return;
    this.logger.info({ db: this.db, downSeconds: seconds(this.clock() - this.since), failedCalls: this.failedInAll }, 'the database answers again');
    this.since = null;
    this.failedInAll = 0;
    this.failedSinceLine = 0;
  }
}

/**
 * `store` with every call's outcome reported to `log`: a promise rejected with UNAVAILABLE (PgStore's
 * error for a database out of reach) as a failure. During an outage, a call that succeeds is followed by a
 * ping before its answer is passed on, and only the ping's success is reported as the database answering:
 * a call may succeed without asking the database (nothing to look up), which would end the outage in the log
 * while it lasts. Calls that return no promise and the store's plain properties pass unchanged.
 */
export function reportingOutages(store: Store, log: DatabaseOutageLog): Store {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      let call = wrapped.get(property);
      if (!call) {
        call = (...args: unknown[]) => {
          const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
          if (!(result instanceof Promise)) return result;
          return result.then(
            (answer: unknown) => {
              if (!log.down) return answer;
              return target.ping().then(
                () => {
                  log.answered();
                  return answer;
                },
                () => answer,
              );
            },
            (error: unknown) => {
              if (error instanceof AppError && error.code === 'UNAVAILABLE') log.failed(error);
              throw error;
            },
          );
        };
        wrapped.set(property, call);
      }
      return call;
    },
  });
}

/** What the driver said (the UNAVAILABLE error's cause), without a password a URL in it may carry. */
function reason(error: unknown): string {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  return redactUrlPasswords(errorMessage(cause));
}

function seconds(ms: number): number {
  return Math.round(ms / 1000);
}
