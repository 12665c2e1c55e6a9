/**
 * A fast path for loading revision files. Transpiling a small TypeScript file with jiti
 * (Babel) or the TypeScript compiler costs about 4 ms, which is 4 s for 1,000 revisions:
 * more than applying them. Revision files mostly have one shape (the template's), whose
 * type syntax `eraseTypes` removes; the result is compiled with `vm.compileFunction` under
 * the file's own name (stack traces point at the file, lines and columns unchanged). Files
 * of any other shape, and anything V8 rejects, go to jiti.
 */
import { compileFunction } from 'node:vm'
import { eraseTypes } from './erase-types.js'

/**
 * Evaluates a revision file through {@link eraseTypes}; `undefined` when the fast path does
 * not apply (the caller then uses jiti). `stratum` supplies the values imported from
 * `'stratum'` (the running Stratum's own exports, so `instanceof` works across the
 * boundary); it is only called when the file imports any. Errors thrown while the module
 * body runs propagate.
 *
 * @example
 * const namespace = await evaluateFast(source, '/app/migrations/versions/a1_init.ts', loadStratum)
 * namespace?.upgrade
 */
export async function evaluateFast(
  source: string,
  path: string,
  stratum: () => Promise<Record<string, unknown>>,
): Promise<Record<string, unknown> | undefined> {
  const erased = eraseTypes(source, path)
  if (erased === undefined) return undefined
  let body: (exports: Record<string, unknown>, stratum: Record<string, unknown>) => void
  try {
    body = compileFunction(erased.code, ['exports', '__stratum'], { filename: path }) as typeof body
  } catch {
    return undefined
  }
  let api: Record<string, unknown> = {}
  if (erased.stratumImports.length > 0) {
    api = await stratum()
    // A name Stratum does not export is the loader's to report.
    if (erased.stratumImports.some(({ imported }) => !(imported in api))) return undefined
  }
  const namespace: Record<string, unknown> = {}
  body.call(undefined, namespace, api)
  return namespace
}
