/** The values a config gets for the fields it leaves out (paths relative to its folder). */
export const CONFIG_DEFAULTS = Object.freeze({
  migrations: 'migrations',
  recursiveVersionPaths: false,
  fileTemplate: '{year}{month}{day}_{hour}{minute}-{rev}_{slug}',
  truncateSlugLength: 40,
  versionTable: 'stratum_version',
  transactionPerMigration: true,
})
