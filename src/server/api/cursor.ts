import { AppError } from '../../core/errors.js';

/**
 * Opaque pagination cursors: base64url JSON of a small position object. Clients must not build them; the
 * server validates every field it reads back.
 */
export type CursorValue = { o: number } | { t: number; id: number };

export function encodeCursor(value: CursorValue): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorValue | null {
  if (cursor === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new AppError('BAD_INPUT', 'the cursor is not one this server issued');
  }
  const v = parsed as Record<string, unknown>;
  if (v && typeof v === 'object' && isCount(v.o) && v.o <= 100_000) return { o: v.o };
  if (v && typeof v === 'object' && Number.isSafeInteger(v.t) && isCount(v.id)) return { t: v.t as number, id: v.id };
  throw new AppError('BAD_INPUT', 'the cursor is not one this server issued');
}

export function offsetOf(cursor: CursorValue | null): number {
  if (cursor === null) return 0;
  if ('o' in cursor) return cursor.o;
  throw new AppError('BAD_INPUT', 'this cursor belongs to another listing');
}

export function keysetOf(cursor: CursorValue | null): { time: number; id: number } | undefined {
  if (cursor === null) return undefined;
  if ('t' in cursor) return { time: cursor.t, id: cursor.id };
  throw new AppError('BAD_INPUT', 'this cursor belongs to another listing');
}

function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}
