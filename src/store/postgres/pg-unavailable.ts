import { AppError } from '../../core/errors.js';

/** Socket errors of a server that is down, restarting or out of reach. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * SQLSTATEs of a server that cannot serve this session: connection exceptions (class 08), a shutdown or crash
 * ending it (57P01, 57P02), a server starting or stopping (57P03), no connection slot left (53300).
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** node-postgres's own words for a connection lost or never made (it gives them no code). */
const CLIENT_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)/;

/**
 * The error to report for a failed statement: UNAVAILABLE (HTTP 503, "try again") when the database could not
 * be reached or dropped the session, which passes once the server is back and the pool reconnects; the error
 * itself otherwise. Reported as an internal error, an outage answered every reader 500 "an internal error
 * occurred", which neither a proxy nor an operator tells apart from a bug.
 */
export function unavailableOr(error: unknown): unknown {
  if (error instanceof AppError || !(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  const lost = typeof code === 'string' ? SOCKET_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08') : CLIENT_MESSAGES.test(error.message);
  return lost ? new AppError('UNAVAILABLE', 'the database does not answer; try again shortly', { cause: error }) : error;
}
