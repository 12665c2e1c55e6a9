// A revision's message lives in the doc comment at the top of its file. A star followed
// by a slash inside a message would end the comment early, so it is written with a
// backslash between them; a star, backslashes and a slash get one more backslash on the
// way in and lose one on the way out, which keeps every message readable back exactly.

const HEADER_START = 'Revision ID:'

/**
 * Makes `text` safe inside a doc comment: a star followed by a slash gets a backslash
 * between them, so the comment cannot end early.
 *
 * @example
 * escapeDocText('a *' + '/ b') // 'a *\\/ b'
 */
export function escapeDocText(text: string): string {
  return text.replace(/\*(\\*)\//g, '*\\$1/')
}

/** Reverses {@link escapeDocText}. */
export function unescapeDocText(text: string): string {
  return text.replace(/\*\\(\\*)\//g, '*$1/')
}

/**
 * The message of a revision file: the first non-empty line of the doc comment that
 * opens the file (after an optional BOM, shebang, blank lines and ordinary comments),
 * with the leading `*` and spaces removed; '' when there is none. A file written from
 * a template with an empty message starts its doc comment with `Revision ID:`, which
 * is not a message.
 *
 * @example
 * readDocMessage(source) // 'Add users table' for a file opening with the default template
 */
export function readDocMessage(source: string): string {
  let i = source.charCodeAt(0) === 0xfeff ? 1 : 0
  if (source.startsWith('#!', i)) i = lineEnd(source, i)
  for (;;) {
    while (i < source.length && /\s/.test(source[i] as string)) i++
    if (source.startsWith('//', i)) {
      i = lineEnd(source, i)
      continue
    }
    if (!source.startsWith('/*', i)) return ''
    const close = source.indexOf('*/', i + 2)
    if (close < 0) return ''
    if (isDocOpening(source, i)) return messageOf(source.slice(i + 3, close))
    i = close + 2
  }
}

function lineEnd(source: string, from: number): number {
  const lf = source.indexOf('\n', from)
  return lf < 0 ? source.length : lf + 1
}

// `/**` opens a doc comment; `/**/` and `/***` do not.
function isDocOpening(source: string, at: number): boolean {
  const next = source[at + 3]
  return source[at + 2] === '*' && next !== '/' && next !== '*'
}

function messageOf(body: string): string {
  for (const raw of body.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/^\s*\*?\s*/, '').trimEnd()
    if (line === '') continue
    return line.startsWith(HEADER_START) ? '' : unescapeDocText(line)
  }
  return ''
}
