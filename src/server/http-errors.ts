import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, ERROR_CODES, toAppError, type ErrorCode } from '../core/errors.js';
import type { ServerLogger } from './logger.js';

/**
 * The one place that maps errors to HTTP responses: `AppError` codes become statuses through `ERROR_CODES`;
 * API and feed clients get `{"error":{"code","message"}}`, readers of pages get an Arabic error page.
 * Unexpected errors are logged and reported without internals.
 */
export function toHttpError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) return new AppError(codeForStatus(error.status), error.message || 'request failed');
  return toAppError(error);
}

export function errorStatus(error: AppError): number {
  return ERROR_CODES[error.code].status;
}

/** What the client sees: internal failures keep their details in the log only. */
export function publicMessage(error: AppError): string {
  const status = errorStatus(error);
  if (status >= 500 && (error.code === 'INTERNAL' || error.code === 'STORAGE')) return 'an internal error occurred';
  return error.message;
}

export function errorBody(error: AppError) {
  return { error: { code: error.code, message: publicMessage(error) } };
}

export function wantsHtml(c: Context): boolean {
  const path = c.req.path;
  if (path.startsWith('/api/') || path.startsWith('/feeds/') || path === '/healthz' || path === '/metrics') return false;
  return true;
}

export function logError(logger: ServerLogger, c: Context, error: AppError): void {
  if (error.code === 'INTERNAL' || error.code === 'STORAGE') logger.error({ err: error.cause ?? error, code: error.code, method: c.req.method, path: c.req.path }, error.message);
}

function codeForStatus(status: number): ErrorCode {
  const match = (Object.entries(ERROR_CODES) as [ErrorCode, { status: number }][]).find(([, v]) => v.status === status);
  return match ? match[0] : status >= 500 ? 'INTERNAL' : 'BAD_INPUT';
}
