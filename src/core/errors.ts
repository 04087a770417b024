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

/** A short, single-line description suitable for a source row or a CLI error line. */
export function errorMessage(value: unknown): string {
  const message = value instanceof Error ? value.message : String(value);
  return message.replace(/\s+/g, ' ').trim().slice(0, 500);
}
