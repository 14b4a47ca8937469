import { AppError, type ErrorCode } from '../http/errors'

/**
 * The job hunt's refusals the general codes cannot say (src/contracts/applications.ts lists them for
 * clients): `resume_incomplete` (422, details.completeness / required / missing) and `job_not_open`
 * (409, details.reason).
 */
export type DomainCode = Extract<ErrorCode, 'resume_incomplete' | 'job_not_open'>

export function domainError(code: DomainCode, message: string, details: Record<string, unknown>): AppError {
  return new AppError(code, message, { details })
}

export type NotFoundTarget =
  | 'job'
  | 'resume'
  | 'attachment'
  | 'application'
  | 'interview'
  | 'invite'
  | 'talent'

/** A 404 that says what was not found (details.target), with its Chinese message. */
export function notFound(target: NotFoundTarget, message: string): AppError {
  return new AppError('not_found', message, { details: { target } })
}

/** A 409 for a step the current status does not allow; details.status is the current one. */
export function wrongStatus(message: string, status: string): AppError {
  return new AppError('conflict', message, { details: { status } })
}
