/**
 * The agreement PDF's download and the public verification page's one call
 * (docs/flows/agreement-verification.md).
 */
import { z } from 'zod'
import { PRINTABLE_STATUSES, VerifyAgreementResponse } from '../contracts/agreement-verification'
import type { AgreementStatus } from '../contracts/signing'
import { downloadPdf } from './pdf-download'
import { request } from './request'

const Ignored = z.unknown()

/** Whether the agreement has a paper yet (drafts and discarded ones do not). */
export function hasAgreementPdf(status: AgreementStatus): boolean {
  return PRINTABLE_STATUSES.includes(status)
}

/** Downloads (browser) or opens (mini-program) the agreement as a PDF, named by its number. */
export function downloadAgreementPdf(
  agreement: { id: string; number: string },
  linkClass: string,
): Promise<void> {
  return downloadPdf({
    path: `/api/signing/agreements/${agreement.id}/pdf`,
    fallbackName: `${agreement.number}.pdf`,
    linkClass,
    // any signed-in user may read /api/me: the cheap call that refreshes an expired token once
    refresh: () => request('/api/me', { schema: Ignored, toast: false }),
  })
}

/**
 * 协议验真, for anyone: no token is sent (`auth: false`), so a stranger's scan and a signed-in
 * student's see the same answer, and an expired session never sends the page to the login.
 */
export function verifyAgreement(no: string, s: string) {
  const q = `no=${encodeURIComponent(no)}&s=${encodeURIComponent(s)}`
  return request(`/api/verify/agreement?${q}`, { schema: VerifyAgreementResponse, auth: false, toast: false })
}
