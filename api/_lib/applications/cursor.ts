import { AppError } from '../http/errors'

/**
 * Keyset cursors of the job hunt's lists: `<ISO time>|<uuid>` of the last row of a page (the
 * inbox's format). A malformed cursor is a 400, never a silently different page.
 */
export interface Cursor {
  at: string
  id: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function parseCursor(raw: string | undefined, field = 'before'): Cursor | null {
  if (raw === undefined || raw === '') return null
  const [at, id, ...rest] = raw.split('|')
  if (!at || !id || rest.length > 0 || Number.isNaN(Date.parse(at)) || !UUID.test(id)) {
    throw new AppError('validation_failed', '分页参数无效', { fields: { [field]: '分页参数无效' } })
  }
  return { at, id }
}

export function formatCursor(at: Date, id: string): string {
  return `${at.toISOString()}|${id}`
}

/** The page and the cursor of the next one, from rows fetched with `limit + 1`. */
export function page<R>(
  rows: R[],
  limit: number,
  key: (r: R) => [Date, string],
): { items: R[]; nextCursor: string | null } {
  const items = rows.slice(0, limit)
  const last = items[items.length - 1]
  if (rows.length <= limit || !last) return { items, nextCursor: null }
  const [at, id] = key(last)
  return { items, nextCursor: formatCursor(at, id) }
}

/** A nullable timestamp column as the contracts send it. */
export const iso = (d: Date | null): string | null => d?.toISOString() ?? null
