import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

export const SADA_BIN = join(REPO_ROOT, 'bin', 'sada.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI as a user would (a child process), with CI-like environment: no TTY, CI=true. It runs in
 * the repository unless `cwd` says where (a test that looks for files made in the working directory).
 */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number; cwd?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [SADA_BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
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

/** A started `sada serve`: its address once it says it is serving, its log so far, and its exit code. */
export interface ServingChild {
  origin: string;
  log: () => string;
  exited: Promise<number | null>;
}

/** Waits (up to 20 s) for a `sada serve` child to log the address it serves on; fails the test with its log otherwise. */
export async function servingOrigin(child: ChildProcess): Promise<ServingChild> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let log = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (log += d));
  for (let i = 0; i < 200 && !/serving on http/.test(log); i++) await new Promise((r) => setTimeout(r, 100));
  const origin = /serving on (http:\/\/[\d.]+:\d+)/.exec(log)?.[1];
  if (!origin) child.kill('SIGTERM');
  assert.ok(origin, log);
  return { origin, log: () => log, exited };
}
