import { useEffect, useRef, useState } from 'react'
import { EventDetailResponse, type EventListQuery, EventListResponse } from '../contracts/events'
import { request } from './request'

/** The query string of GET /api/events: empty values left out. */
export function eventListQuery(q: EventListQuery): string {
  const parts: string[] = []
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue
    parts.push(`${k}=${encodeURIComponent(String(v))}`)
  }
  return parts.length ? `?${parts.join('&')}` : ''
}

/**
 * One page of events (upcoming / past / mine, filtered). Sent with the token when there is one:
 * `mine` and the student's `myTicketId` are per caller; anonymous answers may come from a shared cache.
 */
export function listEvents(q: EventListQuery = {}) {
  return request(`/api/events${eventListQuery(q)}`, { schema: EventListResponse })
}

/** An event's page (a 404 — draft, cancelled, gone — is shown by the page itself, so not toasted). */
export function fetchEvent(id: string) {
  return request(`/api/events/${encodeURIComponent(id)}`, { schema: EventDetailResponse, toast: false })
}

/**
 * The event id a page was opened with: `id`, or the poster's mini-program code's `scene` — the id's
 * 32 hex digits without dashes (a scene holds at most 32 characters). Null when neither is an id.
 */
export function eventIdFromParams(params: Record<string, string | undefined>): string | null {
  const id = params.id ? decodeURIComponent(params.id) : ''
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return id.toLowerCase()
  const scene = params.scene ? decodeURIComponent(params.scene) : ''
  const m = /^([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})$/i.exec(scene)
  return m ? m.slice(1).join('-').toLowerCase() : null
}

export interface KeysetList<T> {
  items: T[] | null
  error: string | null
  cursor: string | null
  loadingMore: boolean
  reload(): Promise<void>
  more(): Promise<void>
}

/**
 * A keyset-paged list (AsyncList + MoreFooter, as the jobs feed): reloads when `key` changes,
 * dropping a stale answer of an earlier key; `more()` appends the next page. A failed reload of a
 * list already shown keeps it (the wrapper toasted why) instead of blanking the screen.
 */
export function useKeysetList<T extends { id: string }>(
  key: string | null,
  fetchPage: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>,
): KeysetList<T> {
  const [items, setItems] = useState<T[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const generation = useRef(0)
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage
  const itemsRef = useRef(items)
  itemsRef.current = items

  const reload = async () => {
    const mine = ++generation.current
    setError(null)
    try {
      const r = await fetchRef.current(null)
      if (mine !== generation.current) return
      setItems(r.items)
      setCursor(r.nextCursor)
    } catch (e) {
      if (mine === generation.current && itemsRef.current === null) setError((e as Error).message)
    }
  }

  const more = async () => {
    if (!cursor || loadingMore) return
    const mine = generation.current
    setLoadingMore(true)
    try {
      const r = await fetchRef.current(cursor)
      if (mine !== generation.current) return
      setItems((list) => {
        const seen = new Set((list ?? []).map((j) => j.id))
        return [...(list ?? []), ...r.items.filter((j) => !seen.has(j.id))]
      })
      setCursor(r.nextCursor)
    } catch {
      // 加载更多 again retries
    } finally {
      setLoadingMore(false)
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the list's identity
  useEffect(() => {
    if (key === null) return
    setItems(null)
    setCursor(null)
    void reload()
  }, [key])

  return { items, error, cursor, loadingMore, reload, more }
}
