import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this compiled file (dist/src/test-support/). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Hand-written fixtures: test/fixtures/<module>/<case>/. */
export function fixturePath(...parts: string[]): string {
  return join(REPO_ROOT, 'test', 'fixtures', ...parts);
}

/** The shared real datasets (never copied into the repository); SADA_SHARED overrides the location. */
export const SHARED_DIR = resolve(process.env.SADA_SHARED ?? join(REPO_ROOT, '..', 'shared'));

/**
 * Path inside the shared data, or a skip reason for node:test when it is absent
 * (a fresh clone without ../shared must still pass `npm test`).
 */
export function sharedData(...parts: string[]): { path: string; skip: string | false } {
  const path = join(SHARED_DIR, ...parts);
  return { path, skip: existsSync(path) ? false : `shared data not found at ${path} (set SADA_SHARED or place ../shared beside the repository)` };
}

/** The `.jsonl.gz` files of a shared dataset folder in name order (empty, with the reason, when it is absent). */
export function sharedDataFiles(...parts: string[]): { files: string[]; skip: string | false } {
  const dir = sharedData(...parts);
  if (dir.skip) return { files: [], skip: dir.skip };
  const files = readdirSync(dir.path).filter((f) => f.endsWith('.jsonl.gz')).sort().map((f) => join(dir.path, f));
  return { files, skip: false };
}
