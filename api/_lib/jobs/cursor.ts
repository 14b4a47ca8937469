/**
 * Keyset cursors of the job lists: opaque to clients (base64url), readable here. Each names its
 * order, so a cursor of one sort used with another is refused, and carries the last row's sort
 * key exactly: timestamps with their microseconds (a JS Date would round them to milliseconds and
 * skip or repeat rows on the page boundary), the id as the tie-breaker.
 */
import { KEYSET_TIME_RE as TIMESTAMP_US, UUID_RE as UUID } from '../db/keyset'
import { AppError } from '../http/errors'

export type JobCursor =
  | { sort: 'newest'; publishedAt: string; id: string }
  | { sort: 'salary'; salaryMax: number; id: string }

export interface FavouriteCursor {
  favouritedAt: string
  jobId: string
}

function invalid(field: string): AppError {
  return new AppError('validation_failed', '分页参数无效，请刷新后重试', {
    fields: { [field]: '分页参数无效' },
  })
}

function encode(parts: Array<string | number>): string {
  return Buffer.from(parts.join('|'), 'utf8').toString('base64url')
}

function decode(cursor: string, field: string): string[] {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw invalid(field)
  return Buffer.from(cursor, 'base64url').toString('utf8').split('|')
}

export function encodeJobCursor(c: JobCursor): string {
  return c.sort === 'newest' ? encode(['n', c.publishedAt, c.id]) : encode(['s', c.salaryMax, c.id])
}

/** The cursor of `sort`'s list; anything else (another sort's, tampered, truncated) is a 400. */
export function decodeJobCursor(cursor: string, sort: JobCursor['sort']): JobCursor {
  const [kind, key, id, ...rest] = decode(cursor, 'cursor')
  if (rest.length > 0 || !id || !UUID.test(id)) throw invalid('cursor')
  if (sort === 'newest' && kind === 'n' && key && TIMESTAMP_US.test(key)) {
    return { sort, publishedAt: key, id }
  }
  if (sort === 'salary' && kind === 's' && key && /^\d{1,7}$/.test(key)) {
    return { sort, salaryMax: Number(key), id }
  }
  throw invalid('cursor')
}

export function encodeFavouriteCursor(c: FavouriteCursor): string {
  return encode(['f', c.favouritedAt, c.jobId])
}

export function decodeFavouriteCursor(cursor: string): FavouriteCursor {
  const [kind, key, id, ...rest] = decode(cursor, 'cursor')
  if (kind !== 'f' || rest.length > 0 || !key || !TIMESTAMP_US.test(key) || !id || !UUID.test(id)) {
    throw invalid('cursor')
  }
  return { favouritedAt: key, jobId: id }
}
