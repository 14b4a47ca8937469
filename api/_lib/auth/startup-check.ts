/**
 * What every API process checks before it serves: the dev server's entry points call it at start,
 * and on Vercel (no start script) `jwt.ts` calls it at module load, so a cold start without its
 * secrets fails with one logged error instead of answering with tokens nobody should trust.
 */
import { checkIdCardKey } from '../identity/secrets'
import { log } from '../log/logger'
import { agreementVerifySecret } from '../signing/verify-link'
import { trustProxyHops } from '../throttle/hit'
import { ticketSeedSecret } from '../tickets/keys'
import { jwtSecret } from './config'
import { SecretConfigError } from './secret-env'

const CHECKS: Array<() => unknown> = [
  jwtSecret,
  checkIdCardKey,
  ticketSeedSecret,
  agreementVerifySecret,
  trustProxyHops,
]

/** Every configuration problem that stops the API, one sentence each (empty when it may start). */
export function startupProblems(): string[] {
  const problems: string[] = []
  for (const check of CHECKS) {
    try {
      check()
    } catch (err) {
      problems.push(err instanceof Error ? err.message : String(err))
    }
  }
  return problems
}

export function assertStartupConfig(): void {
  const problems = startupProblems()
  if (problems.length === 0) return
  log.error('API not started: secrets or settings missing', { problems })
  throw new SecretConfigError(`The API cannot start:\n- ${problems.join('\n- ')}`)
}
