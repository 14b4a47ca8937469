import { useEffect, useRef, useState } from 'react'

/** One page of a keyset-paged list, as every list route answers. */
export interface KeysetPage<T> {
  items: T[]
  nextCursor: string | null
}

export interface KeysetListOptions {
  /**
   * The list's identity (a filter, the signed-in user): the list empties and reloads when it
   * changes; null waits (nothing to load yet). Without it the page calls `reload()` itself.
   */
  key?: string | null
  /**
   * A failed reload of a list already shown keeps it (the wrapper toasted why) instead of replacing
   * it with the error: lists a student reads offline, at the gate.
   */
  keepShownOnError?: boolean
}

/**
 * A keyset-paged list for AsyncList + MoreFooter: `reload()` fetches the first page (a slower answer
 * to an earlier reload is dropped, so a changed filter never shows the old filter's items;
 * `{ keep: true }` refreshes in place), `more()` appends the next page while there is a cursor,
 * `update()` replaces one item after an action.
 */
export function useKeysetList<T extends { id: string }>(
  fetchPage: (cursor: string | undefined) => Promise<KeysetPage<T>>,
  opts: KeysetListOptions = {},
) {
  const [items, setItems] = useState<T[] | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const generation = useRef(0)
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage
  const itemsRef = useRef(items)
  itemsRef.current = items

  const reload = async (o: { keep?: boolean } = {}) => {
    const mine = ++generation.current
    setError(null)
    if (!o.keep) setItems(null)
    try {
      const r = await fetchRef.current(undefined)
      if (mine !== generation.current) return
      setItems(r.items)
      setCursor(r.nextCursor)
    } catch (e) {
      if (mine !== generation.current) return
      if (opts.keepShownOnError && o.keep && itemsRef.current !== null) return
      setError((e as Error).message)
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
        const seen = new Set((list ?? []).map((x) => x.id))
        return [...(list ?? []), ...r.items.filter((x) => !seen.has(x.id))]
      })
      setCursor(r.nextCursor)
    } catch {
      // the wrapper toasted why; 加载更多 again retries
    } finally {
      setLoadingMore(false)
    }
  }

  const update = (item: T) => setItems((list) => (list ?? []).map((x) => (x.id === item.id ? item : x)))

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the list's identity
  useEffect(() => {
    if (opts.key === undefined || opts.key === null) return
    setItems(null)
    setCursor(null)
    void reload({ keep: true })
  }, [opts.key])

  return { items, cursor, error, loadingMore, reload, more, update }
}
