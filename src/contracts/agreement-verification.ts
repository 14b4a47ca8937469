/**
 * 协议验真: what the QR code printed on an agreement PDF opens (no login), and the agreement PDF's
 * own refusals. SQL side: app.verify_agreement in
 * supabase/migrations/20261202000840_agreement_verification.sql; the route GET /api/verify/agreement
 * checks the link's signature first. Flow: docs/flows/agreement-verification.md.
 */
import { z } from 'zod'
import { AgreementKind, AgreementStatus } from './signing'

/** app.verify_agreement: only the fields the PDF prints on its first lines. */
export const VerifyAgreementOutcome = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('found'),
    number: z.string(),
    employer_name: z.string(),
    student_name_masked: z.string(),
    status: AgreementStatus,
    kind: AgreementKind,
    effective_at: z.string().nullable(),
    ended_at: z.string().nullable(),
  }),
  z.object({ outcome: z.literal('not_found') }),
])
export type VerifyAgreementOutcome = z.infer<typeof VerifyAgreementOutcome>

/** GET /api/verify/agreement?no=&s= — both optional: a missing one is a forged link, not a 400. */
export const VerifyAgreementQuery = z.object({
  no: z.string().max(64).optional(),
  s: z.string().max(64).optional(),
})
export type VerifyAgreementQuery = z.infer<typeof VerifyAgreementQuery>

export const Verdict = z.enum(['genuine', 'forged'])
export type Verdict = z.infer<typeof Verdict>

/** Why a link is forged: its signature does not match its number, or no agreement has that number. */
export const ForgedReason = z.enum(['bad_signature', 'unknown_number'])
export type ForgedReason = z.infer<typeof ForgedReason>

/** What the page says of a genuine agreement, from its status. */
export const Standing = z.enum(['effective', 'terminated', 'not_effective'])
export type Standing = z.infer<typeof Standing>
export const STANDING_LABELS: Record<Standing, string> = {
  effective: '真实有效',
  terminated: '已解约',
  not_effective: '尚未生效（审核中）',
}
export const FORGED_LABEL = '编号不存在或已被篡改'

export function standingOf(status: AgreementStatus): Standing {
  if (status === 'approved') return 'effective'
  if (status === 'terminated') return 'terminated'
  return 'not_effective'
}

export const VerifyAgreementResponse = z.discriminatedUnion('verdict', [
  z.object({
    verdict: z.literal('genuine'),
    number: z.string(),
    employerName: z.string(),
    studentNameMasked: z.string(),
    status: AgreementStatus,
    standing: Standing,
    /** 真实有效 / 已解约 / 尚未生效（审核中） */
    statusLabel: z.string(),
    kind: AgreementKind,
    effectiveAt: z.string().nullable(),
    endedAt: z.string().nullable(),
  }),
  z.object({
    verdict: z.literal('forged'),
    /** the number as the link gave it (what the page shows as 协议编号), or null */
    number: z.string().nullable(),
    reason: ForgedReason,
    statusLabel: z.string(),
  }),
])
export type VerifyAgreementResponse = z.infer<typeof VerifyAgreementResponse>

/** The PDF route's refusals (`details.outcome`): no such agreement for the caller, or still a draft. */
export const AgreementPdfRefusal = z.enum(['not_found', 'not_printable'])
export type AgreementPdfRefusal = z.infer<typeof AgreementPdfRefusal>

/** The statuses an agreement PDF exists in (a draft is not a paper yet; a discarded one never was). */
export const PRINTABLE_STATUSES: readonly AgreementStatus[] = [
  'generated',
  'pending_confirm',
  'pending_review',
  'returned',
  'approved',
  'terminated',
]
