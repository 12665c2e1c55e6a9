/**
 * Backups of MySQL and MariaDB with their client tools: `mariadb-dump` (or `mysqldump`)
 * writes a SQL dump of the one database in a consistent snapshot (`--single-transaction`),
 * with routines and triggers; `mariadb` (or `mysql`) restores it after dropping every table,
 * view, sequence and routine of the database in the same session, so that objects created
 * after the dump disappear. Scheduler events are neither dumped nor dropped. The password
 * goes to the tools in `MYSQL_PWD`, never on their command line; option files are not read
 * (`--no-defaults`), so the tools connect exactly as the URL says, like the driver does.
 */
import type { DatabaseUrl } from '../../config/url.js'
import { requireTool, runTool, type Tool } from '../backup-tool.js'
import type { DialectBackup, DialectConnection, DumpOptions, RestoreOptions } from '../dialect.js'
import { invalidDump, readEnds } from '../dump-file.js'
import { quoteIdentifier } from './quote.js'

const INSTALL = 'the MariaDB or MySQL client, e.g. apt install mariadb-client'

/** The connection arguments for `url`, as the tool spells them (never the password). */
function connectionArgs(url: DatabaseUrl, tool: Tool): string[] {
  const args = ['--no-defaults']
  if (url.user !== undefined) args.push(`--user=${url.user}`)
  const socket = url.params.socketPath
  if (socket !== undefined && socket !== '') {
    args.push('--protocol=SOCKET', `--socket=${socket}`)
  } else {
    // `localhost` would mean the socket to these tools; the driver always uses TCP.
    args.push('--protocol=TCP', `--host=${url.host ?? '127.0.0.1'}`, `--port=${url.port ?? 3306}`)
  }
  const ssl = url.params.ssl
  if (ssl !== undefined && ssl !== 'false') {
    args.push(tool.name.startsWith('mariadb') ? '--ssl' : '--ssl-mode=REQUIRED')
  }
  args.push(`--default-character-set=${url.params.charset ?? 'utf8mb4'}`)
  return args
}

/** The password in the environment; an inherited `MYSQL_PWD` is removed, as the URL decides. */
function passwordEnvironment(url: DatabaseUrl): Record<string, string | undefined> {
  return { MYSQL_PWD: url.password }
}

function databaseName(url: DatabaseUrl): string {
  return url.database ?? ''
}

async function dump(options: DumpOptions): Promise<void> {
  const tool = requireTool(['mariadb-dump', 'mysqldump'], { restoring: false, install: INSTALL })
  const database = databaseName(options.url)
  const base = {
    tool,
    env: passwordEnvironment(options.url),
    output: options.file,
    failureCode: 'BACKUP_FAILED',
    mask: options.mask,
  }
  const common = [...connectionArgs(options.url, tool), '--single-transaction', '--hex-blob']
  const structure = options.schemaOnly ? ['--no-data'] : []
  await runTool({
    ...base,
    args: [...common, '--routines', '--triggers', ...structure, '--', database],
  })
  if (!options.schemaOnly) return
  // The version and history rows, so that the structure restores at its revision.
  const tables: string[] = []
  for (const target of options.keepRowsOf) {
    if (await options.connection.tableExists(target)) tables.push(target.table)
  }
  if (tables.length === 0) return
  await runTool({
    ...base,
    args: [...common, '--no-create-info', '--skip-triggers', '--', database, ...tables],
  })
}

async function verify(file: string): Promise<void> {
  const { head, tail, size } = await readEnds(file, 4096)
  if (size === 0) throw invalidDump(file, 'it is empty')
  if (!/^-- (MariaDB|MySQL) dump/m.test(head)) {
    throw invalidDump(file, 'it does not start like a mariadb-dump or mysqldump file')
  }
  if (!/^-- Dump completed/m.test(tail)) {
    throw invalidDump(file, 'it ends before the "-- Dump completed" line (truncated?)')
  }
}

/** `DROP` statements for everything in the connection's database, views first. */
async function dropEverything(connection: DialectConnection): Promise<string> {
  const tables = await connection.query(
    'SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
  )
  const routines = await connection.query(
    'SELECT ROUTINE_NAME AS name, ROUTINE_TYPE AS type FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()',
  )
  const drop = (kind: string, name: unknown) =>
    `DROP ${kind} IF EXISTS ${quoteIdentifier(String(name))};`
  const statements = ['SET FOREIGN_KEY_CHECKS = 0;']
  for (const row of tables.rows) if (row.type === 'VIEW') statements.push(drop('VIEW', row.name))
  for (const row of tables.rows) {
    if (row.type === 'SEQUENCE') statements.push(drop('SEQUENCE', row.name))
    else if (row.type !== 'VIEW') statements.push(drop('TABLE', row.name))
  }
  for (const row of routines.rows) {
    statements.push(drop(row.type === 'FUNCTION' ? 'FUNCTION' : 'PROCEDURE', row.name))
  }
  return `${statements.join('\n')}\n`
}

async function restore(options: RestoreOptions): Promise<void> {
  const tool = requireTool(['mariadb', 'mysql'], { restoring: true, install: INSTALL })
  const prelude = await dropEverything(options.connection)
  await runTool({
    tool,
    args: [
      ...connectionArgs(options.url, tool),
      '--batch',
      `--database=${databaseName(options.url)}`,
    ],
    env: passwordEnvironment(options.url),
    input: { prelude, file: options.file },
    failureCode: 'RESTORE_FAILED',
    mask: options.mask,
    hint: 'MariaDB and MySQL cannot roll DDL back, so the database may be partly restored: fix the cause and run the restore again.',
  })
}

/** Backups for the mysql dialect. */
export const mysqlBackup: DialectBackup = {
  extension: () => '.sql',
  dump,
  verify: (file) => verify(file),
  restore,
}
