/**
 * One error type for the whole application. The `code` decides how the error is reported:
 * the CLI maps it to an exit code, the HTTP layer to a status, both in one place.
 */
export const ERROR_CODES = {
  BAD_INPUT: { exit: 2, status: 400, description: 'the input is malformed or out of range' },
  BAD_USAGE: { exit: 2, status: 400, description: 'the command or request is used wrongly' },
  NOT_FOUND: { exit: 1, status: 404, description: 'the requested thing does not exist' },
  METHOD_NOT_ALLOWED: { exit: 2, status: 405, description: 'the address exists but does not take this method' },
  CONFLICT: { exit: 1, status: 409, description: 'the request conflicts with stored state' },
  UNAUTHORIZED: { exit: 1, status: 401, description: 'credentials are missing or wrong' },
  FORBIDDEN: { exit: 1, status: 403, description: 'the action is not allowed' },
  RATE_LIMITED: { exit: 1, status: 429, description: 'too many requests' },
  TOO_LARGE: { exit: 1, status: 413, description: 'a body or document exceeds its size limit' },
  URI_TOO_LONG: { exit: 2, status: 414, description: 'a request URL is longer than the server accepts' },
  TIMEOUT: { exit: 1, status: 504, description: 'an operation took longer than allowed' },
  FETCH_FAILED: { exit: 1, status: 502, description: 'a remote server could not be fetched' },
  BLOCKED_ADDRESS: { exit: 1, status: 403, description: 'a host resolves to a private or reserved address' },
  PARSE_FAILED: { exit: 1, status: 422, description: 'a feed or page could not be parsed' },
  STORAGE: { exit: 1, status: 500, description: 'the database failed' },
  UNAVAILABLE: { exit: 1, status: 503, description: 'a dependency is not reachable' },
  INTERNAL: { exit: 1, status: 500, description: 'an unexpected failure' },
} as const satisfies Record<string, { exit: number; status: number; description: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options?.details;
  }

  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].status;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Wraps anything thrown into an AppError, keeping AppErrors as they are. */
export function toAppError(value: unknown, fallback: ErrorCode = 'INTERNAL'): AppError {
  if (value instanceof AppError) return value;
  if (value instanceof Error) return new AppError(fallback, value.message, { cause: value });
  return new AppError(fallback, String(value));
}

/**
 * An error message is cut when its prose passes this many UTF-16 units: it may carry text from a remote
 * server, a parser or an input file, and it is one line on a terminal, in a source row or an API answer.
 */
const MAX_MESSAGE_PROSE = 500;
/**
 * Paths and URLs a message names are kept whole on top of the prose, up to this many units in all (PATH_MAX on
 * Linux is 4,096 bytes): a path cut in the middle names another file, and a long --db path used to push the
 * reason itself out of the line.
 */
const MAX_MESSAGE_NAMES = 4096;

/**
 * A short, single-line description suitable for a source row or a CLI error line: whitespace runs become one
 * space; past MAX_MESSAGE_PROSE units of prose the message is cut and ends with "…", never inside a path or
 * URL (a word holding `/` or `\`) while those fit in MAX_MESSAGE_NAMES.
 */
export function errorMessage(value: unknown): string {
  const message = (value instanceof Error ? value.message : String(value)).replace(/\s+/g, ' ').trim();
  return message.length <= MAX_MESSAGE_PROSE ? message : capMessage(message);
}

function capMessage(message: string): string {
  let prose = 0;
  let names = 0;
  for (const { 0: word, index } of message.matchAll(/\S+ ?/g)) {
    const name = /[/\\]/.test(word);
    if (name && names + word.length <= MAX_MESSAGE_NAMES) {
      names += word.length;
    } else if (prose + word.length <= MAX_MESSAGE_PROSE) {
      prose += word.length;
    } else {
      // A name that no longer fits is left out whole (unless it comes first); prose is cut inside the word,
      // leaving room for the "…".
      let cut = name && index > 0 ? index : index + Math.max(0, MAX_MESSAGE_PROSE - prose - 1);
      if (/[\ud800-\udbff]/.test(message[cut - 1] ?? '')) cut--; // not between the halves of a pair
      return `${message.slice(0, cut).trimEnd()}…`;
    }
  }
  return message;
}
