/**
 * The review workbench (审核工作台, src/packages/review) of school staff: the queue of every kind,
 * the awaiting counts and scope, one item's detail, a decision, batch approval. Flow: docs/flows/reviews.md.
 */
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import {
  BatchDecisionResponse,
  type DecisionRequest,
  DecisionResponse,
  type ReviewCountsResponse,
  ReviewCountsWithScope,
  ReviewDetail,
  type ReviewKind,
  type ReviewQueueQuery,
  ReviewQueueResponse,
} from '../contracts/reviews'
import { queryString } from './query-string'
import { request } from './request'

const enc = encodeURIComponent

export type QueueFilter = Partial<Omit<ReviewQueueQuery, 'limit' | 'after'>>

export function listReviewQueue(filter: QueueFilter, after?: string | null, limit = 20) {
  return request(`/api/reviews${queryString({ ...filter, limit, after: after ?? undefined })}`, {
    schema: ReviewQueueResponse,
  })
}

/** Awaiting counts per kind and the caller's scope; quiet (the 我的 badge must not toast). */
export function fetchReviewCounts(opts: { toast?: boolean } = {}) {
  return request('/api/reviews/counts', { schema: ReviewCountsWithScope, toast: opts.toast })
}

export function fetchReviewDetail(kind: ReviewKind, id: string) {
  return request(`/api/reviews/${enc(kind)}/${enc(id)}`, { schema: ReviewDetail })
}

/** 通过 / 退回: keyed (a resend gets the first answer); errors stay on the form (409 shows who was first). */
export function decideReviewItem(kind: ReviewKind, id: string, d: DecisionRequest) {
  return request(`/api/reviews/${enc(kind)}/${enc(id)}/decision`, {
    method: 'POST',
    data: d,
    schema: DecisionResponse,
    toast: false,
    idempotent: true,
  })
}

export function approveBatch(
  kind: ReviewKind,
  ids: string[],
  opinions: { comment?: string; recommendation?: string } = {},
) {
  return request('/api/reviews/batch', {
    method: 'POST',
    data: { kind, ids, ...opinions },
    schema: BatchDecisionResponse,
    idempotent: true,
  })
}

/**
 * The awaiting counts per kind of the caller's scope, refreshed whenever the page shows (我的's
 * 审核工作台 entry); null while unknown or when `enabled` is false (not school staff). Failures stay quiet.
 */
export function useAwaitingReviews(enabled: boolean): ReviewCountsResponse | null {
  const [counts, setCounts] = useState<ReviewCountsResponse | null>(null)
  useDidShow(() => {
    if (!enabled) return
    fetchReviewCounts({ toast: false })
      .then((r) => setCounts({ counts: r.counts, total: r.total }))
      .catch(() => setCounts(null))
  })
  return enabled ? counts : null
}
