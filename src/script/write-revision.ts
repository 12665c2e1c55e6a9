import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import { MigrationCreationError, RevisionFileError } from '../errors.js'
import { revisionFileName } from './file-name.js'
import { readRevisionMeta } from './read-metadata.js'
import { checkRevisionId } from './revision-id.js'
import { renderTemplate } from './template.js'

/** Options of {@link writeRevisionFile}. */
export interface WriteRevisionOptions {
  /** The version path the file goes to. */
  directory: string
  /** The revision template, e.g. `migrations/script.ts.tmpl`. */
  templatePath: string
  /** The `fileTemplate` naming the file. */
  fileTemplate: string
  truncateSlugLength: number
  revision: string
  message: string
  downRevisions: readonly string[]
  branchLabels: readonly string[]
  dependsOn: readonly string[]
  /** Creation time. Default: now. */
  date?: Date
  /** `-x key=value` arguments, for `${x.key}` in the template. */
  x?: Record<string, string>
  upgrades?: string
  downgrades?: string
  imports?: string
}

/** A revision file just written. */
export interface WrittenRevision {
  readonly path: string
  readonly source: string
}

// The path given to the reader for a rendered file (its errors name the template instead).
const RENDERED = 'rendered'

const EXTENSIONS: ReadonlySet<string> = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'])

/**
 * Renders the revision template and writes a new revision file into `directory`,
 * never overwriting an existing file. The rendered source is read back first, so a
 * template that loses the revision's metadata is an error before anything is written.
 * The extension follows the template's name (`script.js.tmpl` writes `.js`; default `.ts`).
 *
 * @example
 * const { path } = writeRevisionFile({
 *   directory: '/app/migrations/versions',
 *   templatePath: '/app/migrations/script.ts.tmpl',
 *   fileTemplate: '{year}{month}{day}_{hour}{minute}-{rev}_{slug}',
 *   truncateSlugLength: 40,
 *   revision: newRevisionId(),
 *   message: 'Add users table',
 *   downRevisions: ['1a2b3c4d5e6f'],
 *   branchLabels: [],
 *   dependsOn: [],
 * })
 */
export function writeRevisionFile(options: WriteRevisionOptions): WrittenRevision {
  checkRevisionId(options.revision)
  const date = options.date ?? new Date()
  const template = readTemplate(options.templatePath)
  const source = renderTemplate(
    template,
    {
      message: options.message,
      revision: options.revision,
      downRevisions: options.downRevisions,
      branchLabels: options.branchLabels,
      dependsOn: options.dependsOn,
      createDate: date,
      ...(options.x === undefined ? {} : { x: options.x }),
      ...(options.upgrades === undefined ? {} : { upgrades: options.upgrades }),
      ...(options.downgrades === undefined ? {} : { downgrades: options.downgrades }),
      ...(options.imports === undefined ? {} : { imports: options.imports }),
    },
    options.templatePath,
  )
  checkRendered(source, options)
  const directoryStat = statSync(options.directory, { throwIfNoEntry: false })
  if (!directoryStat?.isDirectory()) {
    throw new MigrationCreationError(
      'VERSION_PATH_MISSING',
      `Version path ${options.directory} does not exist`,
      { hint: "Run 'stratum init' to create the migrations folder, or fix versionPaths." },
    )
  }
  const name = revisionFileName({
    template: options.fileTemplate,
    revision: options.revision,
    message: options.message,
    date,
    truncateSlugLength: options.truncateSlugLength,
    extension: templateExtension(options.templatePath),
  })
  const path = join(options.directory, name)
  writeNewFile(path, source)
  return { path, source }
}

function readTemplate(templatePath: string): string {
  try {
    return readFileSync(templatePath, 'utf8').replace(/^\uFEFF/, '')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') {
      throw new MigrationCreationError(
        'TEMPLATE_MISSING',
        `Revision template ${templatePath} does not exist`,
        { hint: "Run 'stratum init' to create it.", cause: error },
      )
    }
    throw new MigrationCreationError(
      'TEMPLATE_UNREADABLE',
      `Cannot read revision template ${templatePath} (${code})`,
      { cause: error },
    )
  }
}

// `script.ts.tmpl` -> `.ts`; a template named otherwise writes TypeScript.
function templateExtension(templatePath: string): string {
  const extension = extname(basename(templatePath).replace(/\.tmpl$/, ''))
  return EXTENSIONS.has(extension) ? extension : '.ts'
}

/** The rendered file must read back as the revision it was rendered for. */
function checkRendered(source: string, options: WriteRevisionOptions): void {
  let meta: ReturnType<typeof readRevisionMeta>
  try {
    meta = readRevisionMeta(source, RENDERED)
  } catch (error) {
    if (!(error instanceof RevisionFileError)) throw error
    const problem = error.message.slice(error.message.indexOf(': ') + 2)
    const where = error.line === undefined ? '' : ` (line ${error.line})`
    throw new MigrationCreationError(
      'TEMPLATE_INVALID',
      `Revision template ${options.templatePath} renders a file Stratum cannot read${where}: ${problem}`,
      { cause: error },
    )
  }
  const expected = {
    revision: [options.revision],
    downRevision: options.downRevisions,
    branchLabels: options.branchLabels,
    dependsOn: options.dependsOn,
  }
  const actual = {
    revision: [meta.revision],
    downRevision: meta.downRevisions,
    branchLabels: meta.branchLabels,
    dependsOn: meta.dependsOn,
  }
  for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
    if (expected[key].join('\0') !== actual[key].join('\0')) {
      throw new MigrationCreationError(
        'TEMPLATE_INVALID',
        `Revision template ${options.templatePath} renders ${key} as ` +
          `${JSON.stringify(actual[key])} instead of ${JSON.stringify(expected[key])}`,
        { hint: `Render it with \${${key}} as the default script.ts.tmpl does.` },
      )
    }
  }
}

/** Creates `path` (never replacing a file) and writes `source` into it in one call. */
function writeNewFile(path: string, source: string): void {
  let fd: number
  try {
    fd = openSync(path, 'wx')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') {
      throw new MigrationCreationError(
        'REVISION_FILE_EXISTS',
        `Revision file ${path} already exists; not overwriting it`,
        { hint: 'Use another --rev-id or message.', cause: error },
      )
    }
    throw new MigrationCreationError('REVISION_FILE_WRITE', `Cannot create ${path} (${code})`, {
      cause: error,
    })
  }
  try {
    writeFileSync(fd, source)
  } catch (error) {
    closeSync(fd)
    unlinkSync(path)
    throw new MigrationCreationError(
      'REVISION_FILE_WRITE',
      `Cannot write ${path} (${(error as NodeJS.ErrnoException).code})`,
      { cause: error },
    )
  }
  closeSync(fd)
}
