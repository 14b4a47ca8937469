import { AppError } from '../http/errors'

/**
 * The keyset cursor of the lists ordered by a time, newest first: `<time>|<uuid>` of the last row
 * of the previous page. The time is the column's exact value, to the microsecond (select it with
 * `keysetKey(column)`): a JS Date keeps milliseconds, and a cursor rounded down would skip the rows
 * between it and the row it names — all of a batch written in one transaction share one `now()`.
 * A cursor we did not make is a 400, never a 500 or a silently different page.
 */
export interface Keyset {
  at: string
  id: string
}

/** A row fetched for a keyset page: its id and `keysetKey(column) as cursor_at`. */
export interface KeysetRow {
  id: string
  cursor_at: string
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** How Postgres writes a key: `keysetKey`'s format. */
export const KEYSET_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/

/** SQL for a timestamptz column as the cursor's time, microseconds kept. */
export function keysetKey(column: string): string {
  return `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
}

export function parseKeyset(raw: string | undefined, field = 'before'): Keyset | null {
  if (raw === undefined || raw === '') return null
  const [at, id, ...rest] = raw.split('|')
  if (!at || !id || rest.length > 0 || Number.isNaN(Date.parse(at)) || !UUID_RE.test(id)) {
    throw new AppError('validation_failed', '分页参数无效', { fields: { [field]: '分页参数无效' } })
  }
  return { at, id }
}

export function makeKeyset(at: string, id: string): string {
  return `${at}|${id}`
}

/** The page and the cursor of the next one, from rows fetched with `limit + 1`. */
export function keysetPage<R extends KeysetRow>(
  rows: R[],
  limit: number,
): { items: R[]; nextCursor: string | null } {
  const items = rows.slice(0, limit)
  const last = items[items.length - 1]
  if (rows.length <= limit || !last) return { items, nextCursor: null }
  return { items, nextCursor: makeKeyset(last.cursor_at, last.id) }
}
