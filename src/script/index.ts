// The migrations folder: reading revision files statically, naming and writing new ones.

export { checksumOf } from './checksum.js'
export { escapeDocText, readDocMessage, unescapeDocText } from './doc-comment.js'
export {
  DEFAULT_FILE_TEMPLATE,
  FILE_TEMPLATE_TOKENS,
  type RevisionFileNameOptions,
  revisionFileName,
} from './file-name.js'
export { configFileSource, MIGRATIONS_README } from './init-files.js'
export { stringListLiteral, stringLiteral } from './literal.js'
export { readRevisionFile, readRevisionMeta, readRevisionSource } from './read-metadata.js'
export { checkRevisionId, newRevisionId } from './revision-id.js'
export {
  listRevisionFiles,
  type RevisionScan,
  readRevisions,
  type ScriptDirectoryOptions,
  scanRevisions,
} from './script-directory.js'
export { DEFAULT_TRUNCATE_SLUG_LENGTH, slugify } from './slug.js'
export {
  DEFAULT_DOWNGRADES,
  DEFAULT_TEMPLATE,
  DEFAULT_UPGRADES,
  renderTemplate,
  type TemplateValues,
} from './template.js'
export {
  type WriteRevisionOptions,
  type WrittenRevision,
  writeRevisionFile,
} from './write-revision.js'
