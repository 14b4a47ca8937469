/** The cron routes' guard: Vercel's cron sends `Authorization: Bearer $CRON_SECRET`; nothing else may run a job. */
import { timingSafeEqual } from 'node:crypto'
import { secretFromEnv } from '../auth/secret-env'
import { AppError } from './errors'

/** Public on purpose (the repository's): used only with JIUYE_LOCAL_SECRETS=1 (secret-env.ts). */
export const BUILT_IN_CRON_SECRET = 'jiuye-local-cron-secret-do-not-use-in-production'

export function isCronRequest(authorization: string | undefined): boolean {
  const expected = Buffer.from(`Bearer ${secretFromEnv('CRON_SECRET', BUILT_IN_CRON_SECRET)}`)
  const got = Buffer.from(authorization ?? '')
  return got.length === expected.length && timingSafeEqual(got, expected)
}

/** Refuses (401) a call that is not the cron's. */
export function requireCron(authorization: string | undefined): void {
  if (!isCronRequest(authorization)) throw new AppError('unauthenticated', '仅限定时任务调用')
}
