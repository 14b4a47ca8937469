import type { ProcedureErrorReason } from '../../../src/contracts/procedures'
import { AppError, type ErrorCode, type FieldErrors } from '../http/errors'

/**
 * The refusals of the student's procedures. `code` is the API's stable HTTP code; `details.reason`
 * (ProcedureErrorReason in src/contracts/procedures.ts) says which outcome it was, so the client
 * switches on it and never on the Chinese text.
 */
export function procedureError(
  code: ErrorCode,
  reason: ProcedureErrorReason,
  message: string,
  opts: { fields?: FieldErrors; details?: Record<string, unknown> } = {},
): AppError {
  return new AppError(code, message, { fields: opts.fields, details: { reason, ...opts.details } })
}

/** The caller has no roster record bound to them (or is not a student): nothing to check yet. */
export function notBound(): AppError {
  return procedureError('not_found', 'not_bound', '请先绑定学籍')
}

export { unhandledOutcome as unhandled } from '../db/outcome'
