import type { SigningRefusal } from '../../../src/contracts/signing'
import { AppError, type ErrorCode, type FieldErrors } from '../http/errors'

/**
 * The refusals of the signing routes. `code` is the API's stable HTTP code; `details.outcome` says
 * which outcome it was (SigningRefusal in src/contracts/signing.ts, or the vocabulary of a path:
 * DestinationRefusal, the termination's outcomes), so the client switches on it and never on the
 * Chinese text.
 */
export function signingError<O extends string = SigningRefusal>(
  code: ErrorCode,
  outcome: O,
  message: string,
  opts: { fields?: FieldErrors; details?: Record<string, unknown> } = {},
): AppError {
  return new AppError(code, message, { fields: opts.fields, details: { outcome, ...opts.details } })
}

export const invitationNotFound = () => signingError('not_found', 'not_found', '签约邀请不存在')
export const agreementNotFound = () => signingError('not_found', 'not_found', '协议不存在')

export { unhandledOutcome as unhandled } from '../db/outcome'
