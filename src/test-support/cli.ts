import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

export const SADA_BIN = join(REPO_ROOT, 'bin', 'sada.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as a user would (a child process), with CI-like environment: no TTY, CI=true. */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, [SADA_BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, CI: 'true', SADA_LOG_LEVEL: 'warn', ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the CLI without waiting (for kill/resume and server tests). */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawn(process.execPath, [SADA_BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, CI: 'true', SADA_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Runs the CLI without blocking this process (needed when this process also serves the fixtures the CLI
 * fetches: `runCli` would freeze the server while it waits).
 */
export function runCliAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const child = startCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}
