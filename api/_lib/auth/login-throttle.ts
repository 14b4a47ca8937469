/**
 * Throttling of password logins, in place of a lock on the account (which let anyone lock `admin`
 * out for everyone):
 * - per client address: at most LOGIN_RATE_LIMIT_PER_MINUTE attempts a minute, whatever the names,
 *   so one address trying many accounts is stopped too;
 * - per (login name, client address): the first FREE_FAILURES failures cost nothing, then each
 *   failure makes that client wait BASE_DELAY_SECONDS · 2^(n − FREE_FAILURES), at most
 *   MAX_DELAY_SECONDS, before it may try that name again; a right password clears it;
 * - per login name across all addresses: at most LOGIN_ACCOUNT_LIMIT_PER_HOUR failures an hour,
 *   so guesses spread over many addresses stay bounded (`rate_limit_hits`).
 * State is keyed by the name as typed, never by whether the account exists, so an unknown name
 * goes through exactly the same states and answers as a real one.
 * An attempt is charged as a failure before the password is checked, in one transaction under the
 * row lock, so parallel attempts cannot overtake the count; a right password gives it back.
 */
import { type Db, withServiceTx } from '../db/tx'
import { countHit, refundHit } from '../throttle/hit'

export const FREE_FAILURES = 3
export const BASE_DELAY_SECONDS = 2
export const MAX_DELAY_SECONDS = 15 * 60
/** failures of a name from an address are forgotten after a day without one */
export const FORGET_AFTER_SECONDS = 24 * 3600
const ACCOUNT_WINDOW_SECONDS = 3600
const PRUNE_BATCH = 100

function addressLimitPerMinute(): number {
  return Number(process.env.LOGIN_RATE_LIMIT_PER_MINUTE ?? 30)
}

function accountLimitPerHour(): number {
  return Number(process.env.LOGIN_ACCOUNT_LIMIT_PER_HOUR ?? 100)
}

/** The key of a login name: as the credential lookup compares it (`lower(login)`). */
export function loginKey(login: string): string {
  return login.toLowerCase()
}

function accountBucket(key: string): string {
  return `login:account:${key}`
}

/** What a charged attempt needs to be given back when the password was right. */
export interface Charge {
  key: string
  client: string
  accountWindow: Date
}

export type Admission = { admitted: true; charge: Charge } | { admitted: false; retryAfterSeconds: number }

async function pruneForgotten(db: Db): Promise<void> {
  await db.query(
    `delete from public.login_failures
     where (login_key, client) in (
       select login_key, client from public.login_failures
       where expires_at < now() limit $1 for update skip locked)`,
    [PRUNE_BATCH],
  )
}

/** Decides whether this attempt may check a password, and if so counts it as a failure. */
export function admitLoginAttempt(login: string, client: string): Promise<Admission> {
  const key = loginKey(login)
  return withServiceTx('password login throttle', async (db): Promise<Admission> => {
    await pruneForgotten(db)
    const address = await countHit(db, `login:ip:${client}`, addressLimitPerMinute(), 60)
    if (!address.admitted) return { admitted: false, retryAfterSeconds: address.resetIn }
    // creates or locks this client's row for the name; failures past expires_at are forgotten
    const { rows } = await db.query<{ wait: number }>(
      `insert into public.login_failures as f (login_key, client, failures, expires_at)
       values ($1, $2, 0, now() + make_interval(secs => $3))
       on conflict (login_key, client) do update set
         failures = case when f.expires_at < now() then 0 else f.failures end,
         blocked_until = case when f.expires_at < now() then null else f.blocked_until end
       returning coalesce(extract(epoch from f.blocked_until - now()), 0)::float8 as wait`,
      [key, client, FORGET_AFTER_SECONDS],
    )
    const wait = rows[0]!.wait
    if (wait > 0) return { admitted: false, retryAfterSeconds: wait }
    const account = await countHit(db, accountBucket(key), accountLimitPerHour(), ACCOUNT_WINDOW_SECONDS)
    if (!account.admitted) return { admitted: false, retryAfterSeconds: account.resetIn }
    await db.query(
      `update public.login_failures set
         failures = failures + 1,
         blocked_until = case when failures + 1 >= $3
           then now() + make_interval(secs => least($5::float8, $4::float8 * power(2, failures + 1 - $3)))
         end,
         expires_at = now() + make_interval(secs => $6)
       where login_key = $1 and client = $2`,
      [key, client, FREE_FAILURES, BASE_DELAY_SECONDS, MAX_DELAY_SECONDS, FORGET_AFTER_SECONDS],
    )
    return { admitted: true, charge: { key, client, accountWindow: account.windowStart } }
  })
}

/** The password was right: this client's failures on the name and this attempt's charge go. */
export async function clearLoginFailures(db: Db, charge: Charge): Promise<void> {
  await db.query('delete from public.login_failures where login_key = $1 and client = $2', [
    charge.key,
    charge.client,
  ])
  await refundHit(db, accountBucket(charge.key), charge.accountWindow)
}
