/**
 * Backups and restores: dumps before `upgrade` and on demand, their names, checksums and
 * retention, and the checks a restore makes before it touches the database. The dialects
 * do the dumping (`Dialect.backup`); this folder does everything around it.
 */
export { checksumPathOf, digestFile, readChecksumFile, writeChecksumFile } from './checksum.js'
export {
  type BackupResult,
  backupSupport,
  type CreateBackupOptions,
  createBackup,
} from './create-backup.js'
export {
  type DumpName,
  databaseLabel,
  dumpFileName,
  parseDumpFileName,
  revisionLabel,
  revisionsOf,
} from './file-name.js'
export { restoreDump } from './restore-dump.js'
export { listDumps, type PruneResult, pruneDumps } from './retention.js'
export { type VerifiedDump, verifyDump } from './verify-dump.js'
