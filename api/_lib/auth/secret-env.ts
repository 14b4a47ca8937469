/**
 * Secrets come from the environment. The repository's built-in values are public, so they are used
 * only where the entry point says this process is the local stack: `npm start` on its embedded
 * database, the benchmarks and the test configs set JIUYE_LOCAL_SECRETS=1. Nothing infers it from
 * NODE_ENV or VERCEL_ENV: a deployment that forgets a secret must fail, not sign with a constant
 * anyone can read (an admin token could be forged from the repository).
 */
import { log } from '../log/logger'

export const LOCAL_SECRETS_FLAG = 'JIUYE_LOCAL_SECRETS'
export const MIN_SECRET_LENGTH = 32

export type SecretName =
  | 'SUPABASE_JWT_SECRET'
  | 'ID_CARD_KEY'
  | 'TICKET_SEED_SECRET'
  | 'CRON_SECRET'
  | 'AGREEMENT_VERIFY_SECRET'

export class SecretConfigError extends Error {
  override name = 'SecretConfigError'
}

export function localSecretsEnabled(): boolean {
  return process.env[LOCAL_SECRETS_FLAG] === '1'
}

const warned = new Set<SecretName>()

/** The configured secret, or in local mode the built-in one; otherwise throws a clear SecretConfigError. */
export function secretFromEnv(name: SecretName, builtIn: string): string {
  const value = process.env[name]
  const local = localSecretsEnabled()
  let problem: string | undefined
  if (!value) {
    if (local) {
      if (!warned.has(name)) log.info(`${name} not set: using the built-in local value`)
      warned.add(name)
      return builtIn
    }
    problem = `${name} is not set. Set it to a secret of at least ${MIN_SECRET_LENGTH} characters (the built-in value is only for \`npm start\` on its embedded database and the tests, which set ${LOCAL_SECRETS_FLAG}=1).`
  } else if (value.length < MIN_SECRET_LENGTH) {
    problem = `${name} must be at least ${MIN_SECRET_LENGTH} characters (it has ${value.length}).`
  } else if (value === builtIn && !local) {
    problem = `${name} is the public built-in value from the repository; set a secret of your own.`
  }
  // thrown on use as well as at start: a request that reaches it is a 500 that route() logs
  if (problem) throw new SecretConfigError(problem)
  return value as string
}
