import Taro from '@tarojs/taro'
import type { z } from 'zod'
import {
  BindingStatus,
  type BindRequest,
  type ReviewApplyRequest,
  type ReviewDecisionRequest,
  ReviewListResponse,
  ReviewResponse,
  type ReviewStatus,
  SchoolListResponse,
  UnbindResponse,
} from '../contracts/binding'
import { syncMe } from './auth'
import { request } from './request'

export function listSchools() {
  return request('/api/schools', { schema: SchoolListResponse, auth: false })
}

/** The caller's roster record (if bound) and latest manual review. */
export function fetchBindingStatus(opts: { toast?: boolean } = {}) {
  return request('/api/binding', { schema: BindingStatus, toast: opts.toast })
}

/** Binding errors carry the reason the page shows inline, so they are not toasted here. */
export function bind(req: BindRequest) {
  return request('/api/binding', {
    method: 'POST',
    data: req,
    schema: BindingStatus,
    toast: false,
    idempotent: true,
  })
}

/** The student ends their own binding (staff pass the record). */
export function unbind(rosterEntryId?: string) {
  return request('/api/binding/unbind', {
    method: 'POST',
    data: rosterEntryId ? { rosterEntryId } : {},
    schema: UnbindResponse,
  })
}

export function applyForReview(req: ReviewApplyRequest) {
  return request('/api/binding/reviews', {
    method: 'POST',
    data: req,
    schema: ReviewResponse,
    toast: false,
    idempotent: true,
  })
}

export function withdrawReview(id: string) {
  return request(`/api/binding/reviews/${id}/withdraw`, { method: 'POST', data: {}, schema: ReviewResponse })
}

/** Reviewers' queue (school staff: their school; platform admins: all). */
export function listReviews(status: z.infer<typeof ReviewStatus> = 'pending') {
  return request(`/api/binding/reviews?status=${status}`, { schema: ReviewListResponse })
}

export function decideReview(id: string, d: ReviewDecisionRequest) {
  return request(`/api/binding/reviews/${id}/decide`, {
    method: 'POST',
    data: d,
    schema: ReviewResponse,
    toast: false,
  })
}

/**
 * 解除绑定 after the student confirms. Resolves true when the binding ended; the session's user is
 * refreshed (the school is gone from it).
 */
export async function confirmUnbind(): Promise<boolean> {
  const r = await Taro.showModal({
    title: '解除学籍绑定',
    content: '解除后需重新绑定才能办理就业手续。换手机或换微信时，可在新微信上重新绑定。确定解除吗？',
    confirmText: '解除',
    confirmColor: '#d83931',
  })
  if (!r.confirm) return false
  try {
    await unbind()
  } catch {
    return false // the wrapper toasted the reason
  }
  await syncMe()
  void Taro.showToast({ title: '已解除绑定', icon: 'none' })
  return true
}
