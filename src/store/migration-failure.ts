import { AppError, errorMessage } from '../core/errors.js';
import { redactUrlPasswords } from '../core/redact-url.js';

/**
 * The error for a migration that failed. Each migration runs in a transaction of its own, so a failed one is
 * rolled back whole; the message says so, with the version the schema stays at and what the same run applied
 * before it (committed, and kept), because "migration failed: <driver error>" left an operator wondering
 * whether a half-changed schema needed repair by hand. `where` names the database (a URL's password hidden).
 */
export function migrationFailed(where: string, migration: { version: number; name: string }, stays: number | null, appliedBefore: readonly number[], cause: unknown): AppError {
  const notes = [
    ...(stays === null ? [] : [`its schema stays at version ${stays}`]),
    ...(appliedBefore.length === 0
      ? []
      : [appliedBefore.length === 1 ? `migration ${appliedBefore[0]}, applied before it by this run, stays applied` : `migrations ${appliedBefore.join(', ')}, applied before it by this run, stay applied`]),
  ];
  return new AppError(
    'STORAGE',
    redactUrlPasswords(
      `cannot migrate ${where}: migration ${migration.version} (${migration.name}.sql) failed and was rolled back whole, so the database is unchanged by it${notes.length ? ` (${notes.join('; ')})` : ''}: ${errorMessage(cause)}`,
    ),
    { cause },
  );
}
