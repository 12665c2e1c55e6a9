// Runs the examples of a docs page the way a reader would: files from the page's
// `ts file=NAME` (or json, sh, ...) blocks are written into a fresh folder, and each
// `$ command` line of its `console` blocks runs there with `stratum` on the PATH.
// A command must exit 0 unless its line ends with `# exit N`.
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../../bin/stratum', import.meta.url))

/** One step of a page: write a file, or run a command. */
export type DocStep =
  | { readonly kind: 'file'; readonly name: string; readonly text: string; readonly line: number }
  | {
      readonly kind: 'command'
      readonly command: string
      readonly exit: number
      readonly line: number
    }

/** The steps of a Markdown page, in order. */
export function docSteps(markdown: string): DocStep[] {
  const steps: DocStep[] = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\w+)(?:\s+file=(\S+))?\s*$/.exec(lines[i] ?? '')
    if (fence === null) continue
    const start = i + 1
    let end = start
    while (end < lines.length && lines[end] !== '```') end++
    const body = lines.slice(start, end)
    if (fence[2] !== undefined) {
      steps.push({ kind: 'file', name: fence[2], text: `${body.join('\n')}\n`, line: start })
    } else if (fence[1] === 'console') {
      body.forEach((text, offset) => {
        if (!text.startsWith('$ ')) return
        const exit = /#\s*exit (\d+)\s*$/.exec(text)
        steps.push({
          kind: 'command',
          command: text
            .slice(2)
            .replace(/#\s*exit \d+\s*$/, '')
            .trim(),
          exit: exit === null ? 0 : Number(exit[1]),
          line: start + offset + 1,
        })
      })
    }
    i = end
  }
  return steps
}

/** What went wrong running a page, or `[]`. */
export function runDocPage(path: string, env: Record<string, string> = {}): string[] {
  const folder = mkdtempSync(join(tmpdir(), 'stratum-docs-'))
  const bin = join(folder, '.bin')
  mkdirSync(bin)
  writeFileSync(join(bin, 'stratum'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`)
  chmodSync(join(bin, 'stratum'), 0o755)
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...env,
    NO_COLOR: '1',
    PATH: `${bin}:${process.env.PATH ?? ''}`,
  }
  delete childEnv.STRATUM_ENV
  delete childEnv.DATABASE_URL
  const problems: string[] = []
  for (const step of docSteps(readFileSync(path, 'utf8'))) {
    if (step.kind === 'file') {
      mkdirSync(dirname(join(folder, step.name)), { recursive: true })
      writeFileSync(join(folder, step.name), step.text)
      continue
    }
    const result = spawnSync('bash', ['-c', step.command], {
      cwd: folder,
      env: childEnv,
      encoding: 'utf8',
      input: '',
    })
    if (result.status !== step.exit) {
      problems.push(
        `${path}:${step.line}: \`${step.command}\` exited ${result.status}, expected ${step.exit}\n${result.stderr}${result.stdout}`,
      )
      break
    }
  }
  return problems
}
