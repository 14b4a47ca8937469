/**
 * The link an agreement PDF's QR code carries (docs/flows/agreement-verification.md):
 *   <public base URL>/#/packages/verify/pages/agreement/index?no=<number>&s=<sig>
 *   sig = the first 16 characters (96 bits) of base64url(HMAC-SHA256(AGREEMENT_VERIFY_SECRET,
 *         "jiuye-agreement-verify-v1:" || number))
 * An agreement number has 32 random bits a year, so a number alone could be guessed or walked;
 * with the signature only the server (which printed the PDF) can make a link the page trusts, and a
 * changed character of the number no longer matches its signature.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { VercelRequest } from '@vercel/node'
import { VERIFY_AGREEMENT_PAGE } from '../../../src/services/routes'
import { secretFromEnv } from '../auth/secret-env'

/** Public on purpose (the repository's): used only with JIUYE_LOCAL_SECRETS=1 (secret-env.ts). */
export const BUILT_IN_AGREEMENT_VERIFY_SECRET = 'jiuye-local-agreement-verify-secret-do-not-use-in-production'

const LABEL = 'jiuye-agreement-verify-v1:'
export const SIGNATURE_LENGTH = 16

export function agreementVerifySecret(): string {
  return secretFromEnv('AGREEMENT_VERIFY_SECRET', BUILT_IN_AGREEMENT_VERIFY_SECRET)
}

export function signAgreementNumber(number: string): string {
  return createHmac('sha256', agreementVerifySecret())
    .update(LABEL + number, 'utf8')
    .digest('base64url')
    .slice(0, SIGNATURE_LENGTH)
}

/** Constant-time comparison; anything but a 16-character signature of this number is false. */
export function signatureMatches(number: string, sig: string | undefined): boolean {
  if (!sig || sig.length !== SIGNATURE_LENGTH) return false
  const expected = Buffer.from(signAgreementNumber(number), 'utf8')
  const given = Buffer.from(sig, 'utf8')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

function first(v: string | string[] | undefined): string | undefined {
  return (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim() || undefined
}

/**
 * Where the H5 client is served: `PUBLIC_BASE_URL` (e.g. https://jiuye.example.edu.cn), else the
 * origin the request came to (`npm start` and the tests serve the client and the API on one origin;
 * on Vercel the edge writes x-forwarded-proto and host).
 */
export function publicBaseUrl(req: VercelRequest): string {
  const configured = process.env.PUBLIC_BASE_URL?.trim()
  if (configured) return configured.replace(/\/+$/, '')
  const proto = first(req.headers['x-forwarded-proto']) ?? 'http'
  const host = first(req.headers['x-forwarded-host']) ?? first(req.headers.host) ?? '127.0.0.1'
  return `${proto === 'https' ? 'https' : 'http'}://${host}`
}

/** The QR's text: the public page with the number and its signature. */
export function agreementVerifyUrl(base: string, number: string): string {
  const q = `no=${encodeURIComponent(number)}&s=${signAgreementNumber(number)}`
  return `${base}/#${VERIFY_AGREEMENT_PAGE}?${q}`
}
