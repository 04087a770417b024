import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../core/errors.js';

/**
 * Checks an admin credential in constant time. Both sides are hashed first so that the comparison does not
 * leak the token's length either. With no token configured, every admin action is refused, and so it is when
 * the server reads a database it cannot write (`readOnly`): the action could only fail in the database.
 */
export function checkAdminToken(configured: string, presented: string | null | undefined, options: { readOnly?: boolean } = {}): void {
  if (!configured) throw new AppError('FORBIDDEN', 'admin actions are disabled: set SADA_ADMIN_TOKEN to enable them');
  if (options.readOnly) throw new AppError('FORBIDDEN', 'admin actions are disabled: this server reads a database it cannot write; add and remove sources through a process that can');
  if (!presented) throw new AppError('UNAUTHORIZED', 'the admin token is missing');
  const a = createHash('sha256').update(configured, 'utf8').digest();
  const b = createHash('sha256').update(presented, 'utf8').digest();
  if (!timingSafeEqual(a, b)) throw new AppError('UNAUTHORIZED', 'the admin token is wrong');
}

/** The token of an `Authorization: Bearer TOKEN` header, or null. */
export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  const match = /^Bearer[ \t]+([\x21-\x7e]+)[ \t]*$/i.exec(header);
  return match?.[1] ?? null;
}
