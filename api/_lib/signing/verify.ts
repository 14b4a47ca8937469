import {
  FORGED_LABEL,
  type ForgedReason,
  STANDING_LABELS,
  standingOf,
  VerifyAgreementOutcome,
  type VerifyAgreementQuery,
  type VerifyAgreementResponse,
} from '../../../src/contracts/agreement-verification'
import { callOutcome } from '../db/outcome'
import type { Db } from '../db/tx'
import { signatureMatches } from './verify-link'

/**
 * 协议验真 (GET /api/verify/agreement, no login): the link's signature first — a number whose
 * signature does not match is forged whether or not it exists, so the page never tells a stranger
 * which unsigned numbers are real — then app.verify_agreement as `anon` (only the printed fields).
 */
export async function verifyAgreement(db: Db, q: VerifyAgreementQuery): Promise<VerifyAgreementResponse> {
  const number = q.no?.trim() || null
  const forged = (reason: ForgedReason): VerifyAgreementResponse => ({
    verdict: 'forged',
    number,
    reason,
    statusLabel: FORGED_LABEL,
  })
  if (!number || !signatureMatches(number, q.s?.trim())) return forged('bad_signature')
  const r = await callOutcome(db, 'app.verify_agreement', [number], VerifyAgreementOutcome)
  if (r.outcome === 'not_found') return forged('unknown_number')
  const standing = standingOf(r.status)
  return {
    verdict: 'genuine',
    number: r.number,
    employerName: r.employer_name,
    studentNameMasked: r.student_name_masked,
    status: r.status,
    standing,
    statusLabel: STANDING_LABELS[standing],
    kind: r.kind,
    effectiveAt: r.effective_at,
    endedAt: r.ended_at,
  }
}
