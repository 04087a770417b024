import { redactUrlPasswords } from '../../core/redact-url.js';
import type { MigrationName } from '../../store/schema-status.js';
import type { RegisterCommand } from '../context.js';

/**
 * `sada migrate`: brings the schema up to date and exits, so that an operator upgrades it once, as its owner,
 * before rolling out new processes (which would otherwise each try at start). `--check` changes nothing and
 * exits 1 while migrations are pending: a deployment step can wait on it, or refuse to roll out.
 */
export const register: RegisterCommand = (program, getContext) => {
  program
    .command('migrate')
    .description('apply pending schema migrations and exit (serve, worker, fetch and import also apply them when they start)')
    .option('--check', 'change nothing: show the schema version and pending migrations; exit 1 when any are pending or the database is newer than this Sada')
    .action(async (flags: { check?: boolean }) => {
      const ctx = getContext();
      const db = redactUrlPasswords(ctx.config.db);
      const { schemaStatus, knownMigrations } = await import('../../store/schema-status.js');
      if (flags.check) {
        const status = await schemaStatus(ctx.config.db);
        const current = status.pending.length === 0;
        if (ctx.json) {
          ctx.printJson({ version: status.version, latest: status.latest, current, pending: status.pending });
        } else if (current) {
          ctx.print(`${db}: schema version ${status.version}, current`);
        } else {
          const where = status.present ? `schema version ${status.version}` : 'no Sada schema yet';
          ctx.print(`${db}: ${where}; ${count(status.pending.length)} pending (this Sada needs ${status.latest}): ${list(status.pending)}`);
        }
        if (!current) process.exitCode = 1;
        return;
      }
      let applied: readonly MigrationName[] = [];
      // Read access: a current database needs nothing written, so a role (or user) that may only read it is
      // told it is current rather than refused; one that is behind still needs a role that may migrate it.
      const store = await ctx.openStore({ access: 'read', onMigrated: (done) => (applied = done) });
      const version = Math.max(0, ...(await knownMigrations(store.dialect)).map((m) => m.version));
      if (ctx.json) {
        ctx.printJson({ version, applied });
        return;
      }
      for (const m of applied) ctx.print(`applied ${m.name}`);
      ctx.print(`${db}: schema version ${version}, current${applied.length === 0 ? ' (nothing to apply)' : ''}`);
    });
};

function count(n: number): string {
  return n === 1 ? '1 migration' : `${n} migrations`;
}

function list(migrations: readonly MigrationName[]): string {
  return migrations.map((m) => m.name).join(', ');
}
