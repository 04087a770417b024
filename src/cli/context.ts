import type { Command } from 'commander';
import type { Logger } from 'pino';
import type { Config, ConfigKey } from './config.js';
import type { Store } from '../store/store.js';

/** What every command receives: resolved configuration, output channels and lazily opened resources. */
export interface CliContext {
  /** Configuration after global flags, environment and defaults are merged. */
  readonly config: Config;
  /** `--json` was given: machine output on stdout. */
  readonly json: boolean;
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** True when progress bars may be drawn (stderr is a terminal and not CI). */
  readonly interactive: boolean;
  readonly env: NodeJS.ProcessEnv;
  logger(): Logger;
  /**
   * Opens the configured database once; later calls return the same store. Closed by main. A command that
   * only reads passes `{ access: 'read' }`: a SQLite database this user cannot write, or a PostgreSQL database
   * the configured role may only read, is then opened read-only rather than refused. `onMigrated` is told the
   * schema migrations the open applied.
   */
  openStore(options?: { access?: 'write' | 'read'; onMigrated?: (applied: readonly { version: number; name: string }[]) => void }): Promise<Store>;
  /** Registers cleanup to run when the command finishes (or the process is asked to stop). */
  onClose(fn: () => Promise<void> | void): void;
  /** Prints one JSON value as a line on stdout. */
  printJson(value: unknown): void;
  /** Prints human-readable text on stdout. */
  print(text: string): void;
}

/** Flags that any command may carry and that map onto the config table. */
export type GlobalFlags = Partial<Record<ConfigKey, unknown>> & { json?: boolean };

/**
 * Every command module exports `register(program, getContext)`. Registration must stay cheap:
 * heavy modules are imported inside the action so that `sada --help` starts fast.
 */
export type RegisterCommand = (program: Command, getContext: () => CliContext) => void;
