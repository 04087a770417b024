import type pg from 'pg';

type Query = Pick<pg.PoolClient, 'query'>;

/** How many names a refusal lists before "and N more". */
const NAMES_SHOWN = 3;

/**
 * Why this session cannot write Sada's rows, or null when it can: a read-only session (a role or database
 * with `default_transaction_read_only`, a standby server), or a role lacking INSERT, UPDATE or DELETE on one
 * of `tables` or USAGE on a SERIAL column's sequence (an identity column's needs none). Read from the
 * catalogs, so asking writes nothing.
 */
export async function pgWriteRefusal(client: Query, tables: readonly string[]): Promise<string | null> {
  const session = await readOnlySession(client);
  if (session) return session;
  const [row] = (
    await client.query<{ role: string; total: number; tables: string[]; sequences: string[] }>(
      `WITH t AS (
         SELECT c.oid, c.relname FROM pg_class c
         WHERE c.relname = ANY($1::text[]) AND c.relkind IN ('r', 'p')
           AND c.relnamespace = (SELECT relnamespace FROM pg_class WHERE oid = to_regclass('schema_migrations')))
       SELECT current_user::text AS role, (SELECT count(*)::int FROM t) AS total,
         ARRAY(SELECT relname::text FROM t
               WHERE NOT (has_table_privilege(oid, 'INSERT') AND has_table_privilege(oid, 'UPDATE') AND has_table_privilege(oid, 'DELETE'))
               ORDER BY relname) AS tables,
         ARRAY(SELECT s.relname::text FROM pg_class s JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid AND d.refclassid = 'pg_class'::regclass
               JOIN t ON t.oid = d.refobjid
               -- CASE: the planner may test the privilege before the kind, and indexes depend on tables too
               WHERE CASE WHEN s.relkind = 'S' AND d.deptype = 'a' THEN NOT has_sequence_privilege(s.oid, 'USAGE') ELSE false END
               ORDER BY s.relname) AS sequences`,
      [tables],
    )
  ).rows;
  if (!row || (row.tables.length === 0 && row.sequences.length === 0)) return null;
  // Short: the refusal is one line of an error that names the database and the remedy too.
  const lacks =
    row.tables.length === 0
      ? `USAGE on ${listed(row.sequences, 'sequence')}`
      : `INSERT, UPDATE and DELETE on ${row.tables.length === row.total ? `any of its ${row.total} tables` : listed(row.tables, 'table')}`;
  return `role ${row.role} may not write to it (no ${lacks})`;
}

/**
 * Why this session cannot apply migrations, or null when it may try: besides writing rows, they create
 * tables in the current schema (the first of the search path), so they need CREATE on it.
 */
export async function pgSchemaChangeRefusal(client: Query): Promise<string | null> {
  const session = await readOnlySession(client);
  if (session) return session;
  const [row] = (
    await client.query<{ role: string; schema: string | null; create: boolean | null }>(
      "SELECT current_user::text AS role, current_schema()::text AS schema, has_schema_privilege(current_schema(), 'CREATE') AS create",
    )
  ).rows;
  if (!row?.schema) return `no schema of its search path exists (search_path = ${await setting(client, 'search_path')})`;
  return row.create ? null : `role ${row.role} may not create tables in schema ${row.schema} (it lacks CREATE on it)`;
}

async function readOnlySession(client: Query): Promise<string | null> {
  const [row] = (await client.query<{ ro: string; recovery: boolean }>("SELECT current_setting('transaction_read_only') AS ro, pg_is_in_recovery() AS recovery")).rows;
  if (row?.ro !== 'on') return null;
  return row.recovery ? 'the server is a read-only standby' : 'its sessions are read-only (default_transaction_read_only is on)';
}

async function setting(client: Query, name: string): Promise<string> {
  const [row] = (await client.query<{ value: string }>('SELECT current_setting($1) AS value', [name])).rows;
  return row?.value ?? '';
}

function listed(names: readonly string[], what: string): string {
  const shown = names.slice(0, NAMES_SHOWN).join(', ');
  const plural = names.length > 1 ? `${what}s` : what;
  return names.length > NAMES_SHOWN ? `${plural} ${shown} and ${names.length - NAMES_SHOWN} more` : `${plural} ${shown}`;
}
