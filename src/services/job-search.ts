import { useEffect, useRef, useState } from 'react'
import { type JobSearchParams, JobSearchResponse } from '../contracts/job-search'
import type { JobSummary } from '../contracts/jobs'
import { request } from './request'

/** The query string of GET /api/jobs: lists joined with commas, empty values left out. */
export function jobSearchQuery(p: JobSearchParams & { cursor?: string }): string {
  const parts: string[] = []
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined || v === null || v === '') continue
    const s = Array.isArray(v) ? v.join(',') : String(v)
    if (s !== '') parts.push(`${k}=${encodeURIComponent(s)}`)
  }
  return parts.length ? `?${parts.join('&')}` : ''
}

/** One page of jobs; signed-in callers send their token (feed=intention needs it). */
export function searchJobs(p: JobSearchParams & { cursor?: string }) {
  return request(`/api/jobs${jobSearchQuery(p)}`, { schema: JobSearchResponse })
}

export interface JobList {
  items: JobSummary[] | null
  byIntention: boolean
  error: string | null
  cursor: string | null
  loadingMore: boolean
  reload(): Promise<void>
  more(): Promise<void>
}

/**
 * The list behind the home feed and the search page: reloads when the params or `viewer` (who is
 * signed in: the feed by intention is theirs) change, dropping a stale answer of earlier ones;
 * `more()` appends the next keyset page. `params` null: nothing to load yet.
 */
export function useJobList(params: JobSearchParams | null, viewer: string | null = null): JobList {
  const [items, setItems] = useState<JobSummary[] | null>(null)
  const [byIntention, setByIntention] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const generation = useRef(0)
  const key = params ? JSON.stringify([params, viewer]) : null
  const paramsRef = useRef(params)
  paramsRef.current = params

  const reload = async () => {
    const p = paramsRef.current
    if (!p) return
    const mine = ++generation.current
    setError(null)
    try {
      const r = await searchJobs(p)
      if (mine !== generation.current) return
      setItems(r.items)
      setByIntention(r.byIntention)
      setCursor(r.nextCursor)
    } catch (e) {
      if (mine === generation.current) setError((e as Error).message)
    }
  }

  const more = async () => {
    const p = paramsRef.current
    if (!p || !cursor || loadingMore) return
    const mine = generation.current
    setLoadingMore(true)
    try {
      const r = await searchJobs({ ...p, cursor })
      if (mine !== generation.current) return
      setItems((list) => {
        const seen = new Set((list ?? []).map((j) => j.id))
        return [...(list ?? []), ...r.items.filter((j) => !seen.has(j.id))]
      })
      setCursor(r.nextCursor)
    } catch {
      // the wrapper toasted why; 加载更多 again retries
    } finally {
      setLoadingMore(false)
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the params' and viewer's identity
  useEffect(() => {
    if (key === null) return
    setItems(null)
    setCursor(null)
    void reload()
  }, [key])

  return { items, byIntention, error, cursor, loadingMore, reload, more }
}
