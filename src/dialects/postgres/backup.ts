/**
 * Backups of PostgreSQL servers with the client tools: `pg_dump` writes a plain SQL dump,
 * `psql` restores it in one transaction after emptying the database (every schema dropped,
 * `public` recreated with its owner, grants and comment), so that objects created after the
 * dump disappear and a failed restore changes nothing. The password goes to the tools in
 * `PGPASSWORD`, never on their command line. `pglite:` URLs are handed to `pglite-backup.ts`.
 */
import type { DatabaseUrl } from '../../config/url.js'
import type { TableTarget } from '../../operations/types.js'
import { requireTool, runTool } from '../backup-tool.js'
import type { DialectBackup, DialectConnection, DumpOptions, RestoreOptions } from '../dialect.js'
import { invalidDump, readEnds } from '../dump-file.js'
import { pgliteBackup } from './pglite-backup.js'

const INSTALL =
  'the PostgreSQL client of the server major version, e.g. apt install postgresql-client'

/** URL parameters that libpq reads from the environment, and their variables. */
const LIBPQ_VARIABLES: Readonly<Record<string, string>> = {
  sslmode: 'PGSSLMODE',
  sslrootcert: 'PGSSLROOTCERT',
  sslcert: 'PGSSLCERT',
  sslkey: 'PGSSLKEY',
  sslcrl: 'PGSSLCRL',
  application_name: 'PGAPPNAME',
  options: 'PGOPTIONS',
  connect_timeout: 'PGCONNECT_TIMEOUT',
  target_session_attrs: 'PGTARGETSESSIONATTRS',
}

/**
 * The libpq environment for `url`: host, port, user, database, password and the TLS and
 * session parameters the URL carries (`ssl=true` becomes `sslmode=require`, as the `pg`
 * driver reads it). Fields the URL leaves out keep their inherited values, as with `pg`.
 *
 * @example
 * libpqEnvironment(parseUrl('postgres://app:pw@db:6543/shop?sslmode=require'))
 * // { PGHOST: 'db', PGPORT: '6543', PGUSER: 'app', PGDATABASE: 'shop', PGPASSWORD: 'pw',
 * //   PGSSLMODE: 'require', PGAPPNAME: 'stratum' }
 */
export function libpqEnvironment(url: DatabaseUrl): Record<string, string> {
  const env: Record<string, string> = { PGHOST: url.host ?? 'localhost', PGAPPNAME: 'stratum' }
  if (url.port !== undefined) env.PGPORT = String(url.port)
  if (url.user !== undefined) env.PGUSER = url.user
  if (url.database !== undefined) env.PGDATABASE = url.database
  if (url.password !== undefined) env.PGPASSWORD = url.password
  if (url.params.ssl !== undefined && !['false', '0'].includes(url.params.ssl)) {
    env.PGSSLMODE = 'require'
  }
  for (const [name, value] of Object.entries(url.params)) {
    const variable = LIBPQ_VARIABLES[name]
    if (variable !== undefined) env[variable] = value
  }
  return env
}

/**
 * Empties the database inside psql's transaction: drops every schema but the system ones,
 * then recreates `public` as it was (owner, grants, comment), because pg_dump writes
 * `public` only as changes to the schema every database starts with.
 */
const RESET_SQL = `SET client_min_messages = warning;
DO $stratum_restore$
DECLARE
  public_owner text;
  public_comment text;
  public_grants text[];
  statement text;
  schema_name text;
BEGIN
  SELECT quote_ident(pg_get_userbyid(n.nspowner)), obj_description(n.oid, 'pg_namespace')
    INTO public_owner, public_comment
    FROM pg_namespace n WHERE n.nspname = 'public';
  SELECT array_agg(format('GRANT %s ON SCHEMA public TO %s', a.privilege_type,
           CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END))
    INTO public_grants
    FROM pg_namespace n, aclexplode(n.nspacl) a
    WHERE n.nspname = 'public' AND a.grantee <> n.nspowner;
  FOR schema_name IN
    SELECT nspname FROM pg_namespace
    WHERE nspname <> 'information_schema' AND nspname NOT LIKE 'pg\\_%'
  LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', schema_name);
  END LOOP;
  IF public_owner IS NOT NULL THEN
    EXECUTE format('CREATE SCHEMA public AUTHORIZATION %s', public_owner);
    FOREACH statement IN ARRAY coalesce(public_grants, ARRAY[]::text[]) LOOP
      EXECUTE statement;
    END LOOP;
    IF public_comment IS NOT NULL THEN
      EXECUTE format('COMMENT ON SCHEMA public IS %L', public_comment);
    END IF;
  END IF;
END
$stratum_restore$;`

const COMMON_DUMP_ARGS = ['--no-password', '--format=plain', '--encoding=UTF8']

/** A pg_dump `--table` pattern that matches exactly `schema.table` (no wildcards). */
function exactTablePattern(schema: string, table: string): string {
  const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`
  return `${quoted(schema)}.${quoted(table)}`
}

/** The patterns of the tables in `targets` that exist (a fresh database has none). */
async function existingTablePatterns(
  connection: DialectConnection,
  targets: readonly TableTarget[],
): Promise<string[]> {
  const patterns: string[] = []
  for (const target of targets) {
    if (!(await connection.tableExists(target))) continue
    const schema = target.schema ?? (await connection.defaultSchema()) ?? 'public'
    patterns.push(exactTablePattern(schema, target.table))
  }
  return patterns
}

async function dumpServer(options: DumpOptions): Promise<void> {
  const tool = requireTool(['pg_dump'], { restoring: false, install: INSTALL })
  const base = {
    tool,
    env: libpqEnvironment(options.url),
    output: options.file,
    failureCode: 'BACKUP_FAILED',
    mask: options.mask,
  }
  const structure = options.schemaOnly ? ['--schema-only'] : []
  await runTool({ ...base, args: [...COMMON_DUMP_ARGS, ...structure] })
  if (!options.schemaOnly) return
  // The version and history rows, so that the structure restores at its revision.
  const patterns = await existingTablePatterns(options.connection, options.keepRowsOf)
  if (patterns.length === 0) return
  const tables = patterns.map((pattern) => `--table=${pattern}`)
  await runTool({ ...base, args: [...COMMON_DUMP_ARGS, '--data-only', ...tables] })
}

async function verifyServer(file: string): Promise<void> {
  const { head, tail, size } = await readEnds(file, 4096)
  if (size === 0) throw invalidDump(file, 'it is empty')
  if (!head.includes('-- PostgreSQL database dump')) {
    throw invalidDump(file, 'it does not start like a pg_dump plain SQL dump')
  }
  if (!tail.includes('-- PostgreSQL database dump complete')) {
    throw invalidDump(file, 'it ends before pg_dump\'s "dump complete" line (truncated?)')
  }
}

async function restoreServer(options: RestoreOptions): Promise<void> {
  const tool = requireTool(['psql'], { restoring: true, install: INSTALL })
  await runTool({
    tool,
    args: [
      '--no-password',
      '--no-psqlrc',
      '--quiet',
      '--set=ON_ERROR_STOP=1',
      '--single-transaction',
      `--command=${RESET_SQL}`,
      `--file=${options.file}`,
    ],
    env: libpqEnvironment(options.url),
    failureCode: 'RESTORE_FAILED',
    mask: options.mask,
    hint: 'psql ran the restore in one transaction, which was rolled back: the database is as it was.',
  })
}

/** Backups for the postgres dialect: servers through pg_dump and psql, PGlite through its tarball. */
export const postgresBackup: DialectBackup = {
  extension: (url) => (url.dialect === 'pglite' ? pgliteBackup.extension(url) : '.sql'),
  dump: (options) =>
    options.url.dialect === 'pglite' ? pgliteBackup.dump(options) : dumpServer(options),
  verify: (file, url) =>
    url.dialect === 'pglite' ? pgliteBackup.verify(file, url) : verifyServer(file),
  restore: (options) =>
    options.url.dialect === 'pglite' ? pgliteBackup.restore(options) : restoreServer(options),
}
