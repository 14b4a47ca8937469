/**
 * The verification key is imported once per secret (api/_lib/auth/config.ts): a changed
 * SUPABASE_JWT_SECRET must take effect at once, so tokens of the old secret stop verifying.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { signAccessToken, verifyAccessToken } from '../../api/_lib/auth/jwt'

const saved = process.env.SUPABASE_JWT_SECRET
afterEach(() => {
  if (saved === undefined) delete process.env.SUPABASE_JWT_SECRET
  else process.env.SUPABASE_JWT_SECRET = saved
})

const subject = {
  userId: '00000000-0000-4000-8000-000000000001',
  role: 'student' as const,
  schoolId: null,
  companyId: null,
  sessionId: '00000000-0000-4000-8000-000000000002',
}

describe('access token verification key', () => {
  it('follows the configured secret: old tokens fail after a change, new ones pass', async () => {
    process.env.SUPABASE_JWT_SECRET = 'first-secret-of-this-test-0123456789-abcdefghij'
    const first = (await signAccessToken(subject)).token
    await expect(verifyAccessToken(first)).resolves.toMatchObject({ sub: subject.userId })
    await expect(verifyAccessToken(first)).resolves.toMatchObject({ sub: subject.userId })

    process.env.SUPABASE_JWT_SECRET = 'second-secret-of-this-test-0123456789-abcdefghij'
    await expect(verifyAccessToken(first)).rejects.toMatchObject({ code: 'unauthenticated' })
    const second = (await signAccessToken(subject)).token
    await expect(verifyAccessToken(second)).resolves.toMatchObject({ sub: subject.userId })
  })
})
