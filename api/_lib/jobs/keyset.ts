import { AppError } from '../http/errors'

/**
 * The cursor of H1's job lists (my company's jobs, a company page): `<ISO time>|<uuid>` of the
 * last row of the previous page. A cursor we did not make is a 400, never a 500.
 */
export interface Keyset {
  at: string
  id: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function parseKeyset(cursor: string | undefined, field = 'before'): Keyset | null {
  if (cursor === undefined) return null
  const [at, id, ...rest] = cursor.split('|')
  if (!at || !id || rest.length || Number.isNaN(Date.parse(at)) || !UUID.test(id)) {
    throw new AppError('validation_failed', '分页参数无效', { fields: { [field]: '分页参数无效' } })
  }
  return { at, id }
}

/**
 * A timestamptz column as the cursor's time, to the microsecond: a JS Date keeps milliseconds,
 * and a cursor rounded down would skip the rows between it and the row it names.
 */
export function keysetAt(column: string): string {
  return `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
}

export function makeKeyset(at: string, id: string): string {
  return `${at}|${id}`
}
