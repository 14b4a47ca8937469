/**
 * The one table of legal steps of the signing centre: (kind, from, action, actor) → to, row for row
 * app.signing_transitions (supabase/migrations/20261202000600_signing.sql and
 * 20261202000800_signing_paths.sql). The SQL transition functions look every step up there; the
 * tests compare this copy with it (tests/signing/transitions-vocab.test.ts), and docs/flows/signing.md
 * lists it. `new` is the from-state of a step that creates the row (the review log writes NULL).
 */
import { z } from 'zod'

export const SigningTransitionKind = z.enum([
  'invitation',
  'agreement',
  'destination',
  'destination_request',
  'termination',
])
export type SigningTransitionKind = z.infer<typeof SigningTransitionKind>
export const SigningAction = z.enum([
  'send',
  'accept',
  'decline',
  'withdraw',
  'expire',
  'amend',
  'confirm',
  'approve',
  'return',
  'submit',
  'resubmit',
  'save',
  'discard',
  'generate',
  'remove',
  'terminate',
  'request',
  'propose',
  'agree',
  'force',
])
export type SigningAction = z.infer<typeof SigningAction>
export const SigningActor = z.enum(['student', 'employer', 'school_staff'])
export type SigningActor = z.infer<typeof SigningActor>

/** public.destinations.status */
export const DestinationStatus = z.enum([
  'draft',
  'submitted',
  'returned',
  'approved',
  'removed',
  'terminated',
])
export type DestinationStatus = z.infer<typeof DestinationStatus>
export const DESTINATION_STATUS_LABELS: Record<DestinationStatus, string> = {
  draft: '草稿',
  submitted: '待学校审核',
  returned: '已退回',
  approved: '已审核通过',
  removed: '已删除',
  terminated: '已解除',
}
/** public.destination_requests.status */
export const DestinationRequestStatus = z.enum(['pending', 'approved', 'rejected', 'withdrawn'])
export type DestinationRequestStatus = z.infer<typeof DestinationRequestStatus>
export const DESTINATION_REQUEST_STATUS_LABELS: Record<DestinationRequestStatus, string> = {
  pending: '待学校审核',
  approved: '已通过',
  rejected: '未通过',
  withdrawn: '已撤回',
}
/** public.terminations.status */
export const TerminationStatus = z.enum([
  'proposed',
  'agreed',
  'declined',
  'withdrawn',
  'approved',
  'rejected',
])
export type TerminationStatus = z.infer<typeof TerminationStatus>
export const TERMINATION_STATUS_LABELS: Record<TerminationStatus, string> = {
  proposed: '待对方答复',
  agreed: '待学校审核',
  declined: '对方不同意',
  withdrawn: '已撤回',
  approved: '解约已生效',
  rejected: '学校未同意',
}

export interface SigningTransition {
  kind: SigningTransitionKind
  from: string
  action: SigningAction
  actor: SigningActor
  to: string
}

const t = (
  kind: SigningTransitionKind,
  from: string,
  action: SigningAction,
  actor: SigningActor,
  to: string,
): SigningTransition => ({ kind, from, action, actor, to })

/** app.signing_transitions, row for row. */
export const SIGNING_TRANSITIONS: readonly SigningTransition[] = [
  // online signing
  t('invitation', 'new', 'send', 'employer', 'pending'),
  t('invitation', 'pending', 'accept', 'student', 'accepted'),
  t('invitation', 'pending', 'decline', 'student', 'declined'),
  t('invitation', 'pending', 'withdraw', 'employer', 'withdrawn'),
  t('invitation', 'pending', 'expire', 'student', 'expired'),
  t('invitation', 'pending', 'expire', 'employer', 'expired'),
  t('agreement', 'new', 'submit', 'student', 'pending_review'),
  t('agreement', 'pending_review', 'amend', 'employer', 'pending_confirm'),
  t('agreement', 'returned', 'amend', 'employer', 'pending_confirm'),
  t('agreement', 'pending_confirm', 'confirm', 'student', 'pending_review'),
  t('agreement', 'pending_review', 'approve', 'school_staff', 'approved'),
  t('agreement', 'pending_review', 'return', 'school_staff', 'returned'),
  // offline agreements
  t('agreement', 'new', 'save', 'student', 'draft'),
  t('agreement', 'draft', 'discard', 'student', 'discarded'),
  t('agreement', 'draft', 'generate', 'student', 'generated'),
  t('agreement', 'generated', 'submit', 'student', 'pending_review'),
  t('agreement', 'returned', 'resubmit', 'student', 'pending_review'),
  // an approved termination ends the agreement
  t('agreement', 'approved', 'terminate', 'school_staff', 'terminated'),
  t('agreement', 'generated', 'terminate', 'school_staff', 'terminated'),
  t('agreement', 'returned', 'terminate', 'school_staff', 'terminated'),
  // other destinations
  t('destination', 'new', 'save', 'student', 'draft'),
  t('destination', 'new', 'submit', 'student', 'submitted'),
  t('destination', 'draft', 'submit', 'student', 'submitted'),
  t('destination', 'returned', 'resubmit', 'student', 'submitted'),
  // 20261202000820: edits that keep the state (unreviewed ones are the student's to edit)
  t('destination', 'draft', 'save', 'student', 'draft'),
  t('destination', 'returned', 'save', 'student', 'returned'),
  t('destination', 'submitted', 'save', 'student', 'submitted'),
  t('destination', 'draft', 'remove', 'student', 'removed'),
  t('destination', 'submitted', 'remove', 'student', 'removed'),
  t('destination', 'returned', 'remove', 'student', 'removed'),
  t('destination', 'submitted', 'approve', 'school_staff', 'approved'),
  t('destination', 'submitted', 'return', 'school_staff', 'returned'),
  t('destination', 'approved', 'remove', 'school_staff', 'removed'),
  t('destination', 'approved', 'terminate', 'school_staff', 'terminated'),
  t('destination_request', 'new', 'request', 'student', 'pending'),
  t('destination_request', 'pending', 'withdraw', 'student', 'withdrawn'),
  t('destination_request', 'pending', 'approve', 'school_staff', 'approved'),
  t('destination_request', 'pending', 'return', 'school_staff', 'rejected'),
  // terminations
  t('termination', 'new', 'propose', 'student', 'proposed'),
  t('termination', 'new', 'propose', 'employer', 'proposed'),
  t('termination', 'new', 'request', 'student', 'agreed'),
  t('termination', 'proposed', 'agree', 'student', 'agreed'),
  t('termination', 'proposed', 'agree', 'employer', 'agreed'),
  t('termination', 'proposed', 'decline', 'student', 'declined'),
  t('termination', 'proposed', 'decline', 'employer', 'declined'),
  t('termination', 'proposed', 'withdraw', 'student', 'withdrawn'),
  t('termination', 'proposed', 'withdraw', 'employer', 'withdrawn'),
  t('termination', 'agreed', 'withdraw', 'student', 'withdrawn'),
  t('termination', 'proposed', 'force', 'school_staff', 'approved'),
  t('termination', 'agreed', 'approve', 'school_staff', 'approved'),
  t('termination', 'agreed', 'return', 'school_staff', 'rejected'),
]

/** The state a step leads to, or null when the table has no such step. */
export function signingNext(
  kind: SigningTransitionKind,
  from: string,
  action: SigningAction,
  actor: SigningActor,
): string | null {
  return (
    SIGNING_TRANSITIONS.find(
      (r) => r.kind === kind && r.from === from && r.action === action && r.actor === actor,
    )?.to ?? null
  )
}
