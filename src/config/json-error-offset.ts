/**
 * The offset of the first syntax error in JSON `text`, or undefined when it
 * is valid. Exists because `JSON.parse` on Node 20 does not always say where
 * (`Unexpected token '}'` carries no position), and its message quotes the
 * surrounding text, which may hold a password.
 *
 * @example
 * jsonErrorOffset('{ "a": }') // 7
 * jsonErrorOffset('{ "a": 1 }') // undefined
 */
export function jsonErrorOffset(text: string): number | undefined {
  let at = 0
  const fail = (): never => {
    throw at
  }
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at] as string)) at++
  }
  const expect = (literal: string) => {
    for (const character of literal) {
      if (text[at] !== character) fail()
      at++
    }
  }
  const string = () => {
    expect('"')
    for (;;) {
      const character = text[at]
      if (character === undefined || character < ' ') fail()
      at++
      if (character === '"') return
      if (character !== '\\') continue
      if (text[at] === 'u') {
        at++
        for (let digit = 0; digit < 4; digit++) {
          if (!/[0-9A-Fa-f]/.test(text[at] ?? '')) fail()
          at++
        }
      } else if ('"\\/bfnrt'.includes(text[at] ?? 'x')) {
        at++
      } else {
        fail()
      }
    }
  }
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at))
    if (!match) fail()
    at += (match as RegExpExecArray)[0].length
  }
  const list = (close: string, item: () => void) => {
    at++
    space()
    if (text[at] === close) {
      at++
      return
    }
    for (;;) {
      item()
      space()
      if (text[at] === close) {
        at++
        return
      }
      expect(',')
      space()
    }
  }
  const value = (): void => {
    space()
    const character = text[at]
    if (character === '{') {
      list('}', () => {
        string()
        space()
        expect(':')
        value()
      })
    } else if (character === '[') {
      list(']', value)
    } else if (character === '"') {
      string()
    } else if (character === 't') {
      expect('true')
    } else if (character === 'f') {
      expect('false')
    } else if (character === 'n') {
      expect('null')
    } else {
      number()
    }
    space()
  }
  try {
    value()
    return at === text.length ? undefined : at
  } catch (offset) {
    return offset as number
  }
}
