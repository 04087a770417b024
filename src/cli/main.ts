import { Command, CommanderError, Option } from 'commander';
import type { Logger } from 'pino';
import { errorMessage, isAppError } from '../core/errors.js';
import { createLogger } from './logger.js';
import { loadConfig, type Config, type ConfigKey } from './config.js';
import type { CliContext, GlobalFlags } from './context.js';
import { COMMANDS } from './commands/index.js';
import type { Store } from '../store/store.js';
import { isStoreFailure } from '../store/store-failure.js';

/** The composition root: builds the program, reads configuration once, runs one command, maps errors to exit codes. */
export async function run(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  endQuietlyOnClosedPipe();
  const cleanups: (() => Promise<void> | void)[] = [];
  let context: CliContext | undefined;
  const program = buildProgram(() => {
    context ??= createContext(program.opts<GlobalFlags>(), env, cleanups);
    return context;
  });
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return reportError(error);
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        process.stderr.write(`sada: while closing: ${errorMessage(error)}\n`);
      }
    }
  }
}

let pipeWatched = false;

/**
 * A reader that stops early (`sada articles --json | head`) closes stdout: the output ends there, with
 * the exit code so far. Unwatched, the next write's EPIPE crashed the process with a stack trace.
 */
function endQuietlyOnClosedPipe(): void {
  if (pipeWatched) return;
  pipeWatched = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

export function buildProgram(getContext: () => CliContext): Command {
  const program = new Command('sada')
    .description('Sada (صدى): Arabic-first news aggregation — ingest, deduplicate, group into stories, search and read.')
    .version('0.1.0')
    .addOption(new Option('--db <path|url>', 'SQLite file or postgres:// URL (env SADA_DB, default ./data/sada.db)'))
    .option('--json', 'machine-readable output on stdout')
    .option('--log-level <level>', 'log level: fatal, error, warn, info, debug, trace, silent (env SADA_LOG_LEVEL)')
    .option('--allow-private', 'allow fetching from private, loopback and link-local addresses (env SADA_ALLOW_PRIVATE=1)')
    .showHelpAfterError('(run `sada --help` for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  program.enablePositionalOptions(false);
  for (const register of COMMANDS) register(program, getContext);
  for (const command of program.commands) command.exitOverride();
  return program;
}

function createContext(flags: GlobalFlags, env: NodeJS.ProcessEnv, cleanups: (() => Promise<void> | void)[]): CliContext {
  const overrides: Partial<Record<ConfigKey, unknown>> = {};
  if (flags.db !== undefined) overrides.db = flags.db;
  if ((flags as Record<string, unknown>).logLevel !== undefined) overrides.logLevel = (flags as Record<string, unknown>).logLevel;
  if ((flags as Record<string, unknown>).allowPrivate) overrides.allowPrivate = true;
  const config: Config = loadConfig(env, overrides);
  let logger: Logger | undefined;
  let store: Promise<Store> | undefined;
  const interactive = Boolean(process.stderr.isTTY) && !env.CI;
  return {
    config,
    json: Boolean(flags.json),
    stdout: process.stdout,
    stderr: process.stderr,
    interactive,
    env,
    logger() {
      if (!logger) {
        logger = createLogger(config.logLevel);
      }
      return logger;
    },
    openStore(options = {}) {
      store ??= (async () => {
        const { openStore } = await import('../store/open.js');
        const opened = await openStore(config.db, {
          poolSize: config.pgPoolSize,
          ...(options.access === undefined ? {} : { access: options.access }),
          ...(options.onMigrated === undefined ? {} : { onMigrated: options.onMigrated }),
        });
        cleanups.push(() => opened.close());
        // A snapshot does not follow later changes: the user should know what they are reading.
        if (opened.readOnly?.access === 'snapshot') process.stderr.write(`sada: note: ${opened.readOnly.reason}\n`);
        return opened;
      })();
      return store;
    },
    onClose(fn) {
      cleanups.push(fn);
    },
    printJson(value) {
      process.stdout.write(`${JSON.stringify(value)}\n`);
    },
    print(text) {
      process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    },
  };
}

/** Prints an error as one line on stderr and gives the exit code (exported for tests). */
export function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    // `sada` or `sada sources` without a command: commander shows the help on stderr as an error; asked for
    // (`sada help`), it is no error.
    if (error.code === 'commander.help') return error.exitCode === 0 ? 0 : 2;
    // commander already printed its message on stderr
    return 2;
  }
  if (isAppError(error)) {
    process.stderr.write(`sada: ${errorMessage(error)}\n`);
    return error.exitCode;
  }
  // The database failing as a whole (read-only, full, unreachable) is no bug of Sada's: name it as such.
  if (isStoreFailure(error)) {
    process.stderr.write(`sada: the database failed: ${errorMessage(error)}\n`);
    return 1;
  }
  process.stderr.write(`sada: unexpected error: ${errorMessage(error)}\n`);
  if (process.env.SADA_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return 1;
}
