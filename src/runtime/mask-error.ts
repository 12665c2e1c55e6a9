/**
 * Errors that leave Stratum must not carry secrets: driver messages can quote a connection
 * string or a password.
 */
import { maskSecrets, secretsOf } from '../config/mask.js'

/**
 * A function that masks the secrets of `url` (its password, secret-looking parameters) in
 * any text; the identity when there is no URL.
 *
 * @example
 * masker('postgres://app:s3cret@db/shop')('login failed for s3cret') // 'login failed for ***'
 */
export function masker(url: string | undefined): (text: string) => string {
  if (url === undefined) return (text) => text
  const secrets = secretsOf(url)
  if (secrets.length === 0) return (text) => text
  return (text) => maskSecrets(text, secrets)
}

/**
 * `error` with secrets masked in its message and stack: the same object when nothing
 * needed masking, else a copy of the same class shape (name, code, message, cause kept).
 *
 * @example
 * throw new MigrationUpgradeError('REVISION_FAILED', '...', { cause: maskError(error, mask) })
 */
export function maskError(error: unknown, mask: (text: string) => string): unknown {
  if (!(error instanceof Error)) {
    return typeof error === 'string' ? mask(error) : error
  }
  const message = mask(error.message)
  const stack = error.stack === undefined ? undefined : mask(error.stack)
  if (message === error.message && stack === error.stack) return error
  const copy = Object.create(Object.getPrototypeOf(error)) as Error
  for (const key of Object.getOwnPropertyNames(error)) {
    const value = (error as unknown as Record<string, unknown>)[key]
    Object.defineProperty(copy, key, {
      value: typeof value === 'string' ? mask(value) : value,
      writable: true,
      configurable: true,
      enumerable: Object.prototype.propertyIsEnumerable.call(error, key),
    })
  }
  return copy
}

/**
 * The `code` and `hint` of a Stratum error, also of one created by another copy of Stratum
 * (a revision file loaded through jiti gets its own copy of `'stratum'`, so `instanceof`
 * cannot be trusted there); undefined for other errors (drivers' codes are not ours).
 *
 * @example
 * stratumErrorInfo(new IrreversibleMigrationError()) // { code: 'IRREVERSIBLE', hint: undefined }
 */
export function stratumErrorInfo(
  error: unknown,
): { readonly code: string; readonly hint: string | undefined } | undefined {
  if (!(error instanceof Error) || !('hint' in error)) return undefined
  const { code, hint } = error as { code?: unknown; hint?: unknown }
  if (typeof code !== 'string') return undefined
  return { code, hint: typeof hint === 'string' ? hint : undefined }
}
