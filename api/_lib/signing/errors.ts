import type { SigningRefusal } from '../../../src/contracts/signing'
import { AppError, type ErrorCode, type FieldErrors } from '../http/errors'

/**
 * The refusals of the signing routes. `code` is the API's stable HTTP code; `details.outcome`
 * (SigningRefusal in src/contracts/signing.ts) says which outcome it was, so the client switches on
 * it and never on the Chinese text.
 */
export function signingError(
  code: ErrorCode,
  outcome: SigningRefusal,
  message: string,
  opts: { fields?: FieldErrors; details?: Record<string, unknown> } = {},
): AppError {
  return new AppError(code, message, { fields: opts.fields, details: { outcome, ...opts.details } })
}

export const invitationNotFound = () => signingError('not_found', 'not_found', '签约邀请不存在')
export const agreementNotFound = () => signingError('not_found', 'not_found', '协议不存在')

export { unhandledOutcome as unhandled } from '../db/outcome'
