const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
}

const HEX = /^[0-9a-fA-F]+$/

function hexCode(hex: string, length?: number): number | undefined {
  if ((length !== undefined && hex.length !== length) || !HEX.test(hex)) return undefined
  const code = Number.parseInt(hex, 16)
  return code <= 0x10ffff ? code : undefined
}

/**
 * Decodes the body of a string or template literal (`from`..`to`, quotes excluded);
 * undefined when it holds a malformed `\x` or `\u` escape.
 */
export function decodeLiteral(source: string, from: number, to: number): string | undefined {
  const body = source.slice(from, to)
  if (!body.includes('\\') && !body.includes('\r')) return body
  let out = ''
  let i = 0
  while (i < body.length) {
    const ch = body[i] as string
    if (ch === '\r') {
      // Line breaks inside template literals read as LF, whatever the file uses.
      out += '\n'
      i += body[i + 1] === '\n' ? 2 : 1
      continue
    }
    if (ch !== '\\') {
      out += ch
      i++
      continue
    }
    const e = body[i + 1] ?? ''
    i += 2
    let code: number | undefined
    if (e === '\r') {
      if (body[i] === '\n') i++
    } else if (e === '\n' || e === '\u2028' || e === '\u2029') {
      // A line continuation adds nothing.
    } else if (e === 'x') {
      code = hexCode(body.slice(i, i + 2), 2)
      if (code === undefined) return undefined
      out += String.fromCharCode(code)
      i += 2
    } else if (e === 'u' && body[i] === '{') {
      const close = body.indexOf('}', i)
      code = close < 0 ? undefined : hexCode(body.slice(i + 1, close))
      if (code === undefined) return undefined
      out += String.fromCodePoint(code)
      i = close + 1
    } else if (e === 'u') {
      code = hexCode(body.slice(i, i + 4), 4)
      if (code === undefined) return undefined
      out += String.fromCharCode(code)
      i += 4
    } else {
      out += SIMPLE_ESCAPES[e] ?? e
    }
  }
  return out
}
