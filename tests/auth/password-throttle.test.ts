/**
 * Issue 9 item 6: password logins are throttled per (account, client address) with growing delays
 * and a per-account ceiling across addresses, never locked for everyone; an unknown account gets
 * exactly the answers a real one gets.
 */
import { randomInt, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  admitLoginAttempt,
  BASE_DELAY_SECONDS,
  FREE_FAILURES,
  MAX_DELAY_SECONDS,
} from '../../api/_lib/auth/login-throttle'
import { withServiceTx } from '../../api/_lib/db/tx'
import { TokenResponse } from '../../src/contracts/auth'
import { callParsed, type Parsed, withApi } from '../support/api'
import { makeStudent, makeUser, TEST_PASSWORD } from '../support/fixtures'

const api = withApi()
const saved = { TRUST_PROXY: process.env.TRUST_PROXY, LIMIT: process.env.LOGIN_ACCOUNT_LIMIT_PER_HOUR }
beforeAll(() => {
  // the tests stand for clients at many addresses: one trusted proxy (this test) says which
  process.env.TRUST_PROXY = '1'
})
afterAll(() => {
  if (saved.TRUST_PROXY === undefined) delete process.env.TRUST_PROXY
  else process.env.TRUST_PROXY = saved.TRUST_PROXY
})

function newAddress(): string {
  return `198.51.${randomInt(0, 256)}.${randomInt(1, 255)}`
}

type Answer = Parsed<TokenResponse>

function attempt(login: string, password: string, address: string): Promise<Answer> {
  return callParsed(TokenResponse, api.url, '/api/auth/login', {
    body: { login, password },
    headers: { 'x-forwarded-for': address },
  })
}

/** Lets the current delay of `login` run out, as waiting would. */
async function waitOut(login: string): Promise<void> {
  await withServiceTx('test: delay over', (db) =>
    db.query('update public.login_failures set blocked_until = now() where login_key = lower($1)', [login]),
  )
}

function throttled(r: Answer): number {
  expect(r.status).toBe(429)
  expect(r.error.code).toBe('rate_limited')
  expect(r.error.message).toMatch(/^登录尝试过于频繁，请\d+(秒|分钟)后再试$/)
  return r.error.details?.retry_after_seconds as number
}

/** Same status and body; a wait may differ by the second that passed between the two calls. */
function expectSameAnswer(a: Answer, b: Answer): void {
  expect(b.status).toBe(a.status)
  const wait = (r: Answer) => (r.status === 429 ? (r.error.details?.retry_after_seconds as number) : 0)
  const strip = (r: Answer) =>
    JSON.parse(
      JSON.stringify(r.raw)
        .replace(/\d+(秒|分钟)/, 'N$1')
        .replace(/"retry_after_seconds":\d+/, '"retry_after_seconds":0'),
    )
  expect(strip(b)).toEqual(strip(a))
  expect(Math.abs(wait(a) - wait(b))).toBeLessThanOrEqual(1)
}

describe('password login throttling', () => {
  it('an attacker failing 20 times on an account from address A does not stop its owner at address B', async () => {
    const admin = await makeUser({ role: 'platform_admin' })
    const a = newAddress()
    for (let i = 0; i < 20; i++) {
      const r = await attempt(admin.login, `guess-${i}`, a)
      expect([401, 429]).toContain(r.status)
    }
    // address A still waits, even with the right password …
    throttled(await attempt(admin.login, TEST_PASSWORD, a))
    // … while the owner elsewhere logs in at once
    const b = await attempt(admin.login, TEST_PASSWORD, newAddress())
    expect(b.status).toBe(200)
    expect(b.body.user.id).toBe(admin.id)
  })

  it(`after ${FREE_FAILURES} failures from one address each failure doubles the wait, up to a cap`, async () => {
    const u = await makeStudent()
    const ip = newAddress()
    for (let i = 0; i < FREE_FAILURES; i++) expect((await attempt(u.login, 'bad', ip)).status).toBe(401)
    const first = await attempt(u.login, TEST_PASSWORD, ip)
    expect(throttled(first)).toBe(BASE_DELAY_SECONDS)
    expect(first.error.message).toBe(`登录尝试过于频繁，请${BASE_DELAY_SECONDS}秒后再试`)
    await waitOut(u.login)
    expect((await attempt(u.login, 'bad', ip)).status).toBe(401)
    expect(throttled(await attempt(u.login, 'bad', ip))).toBe(BASE_DELAY_SECONDS * 2)
    await waitOut(u.login)
    expect((await attempt(u.login, 'bad', ip)).status).toBe(401)
    expect(throttled(await attempt(u.login, 'bad', ip))).toBe(BASE_DELAY_SECONDS * 4)
    // many failures later the wait stops growing
    await withServiceTx('test: many failures', (db) =>
      db.query(
        'update public.login_failures set failures = 40, blocked_until = now() where login_key = lower($1)',
        [u.login],
      ),
    )
    expect((await attempt(u.login, 'bad', ip)).status).toBe(401)
    const capped = await attempt(u.login, 'bad', ip)
    expect(throttled(capped)).toBe(MAX_DELAY_SECONDS)
    expect(capped.error.message).toBe(`登录尝试过于频繁，请${MAX_DELAY_SECONDS / 60}分钟后再试`)
    // once the wait is over the right password works and clears this address's count
    await waitOut(u.login)
    expect((await attempt(u.login, TEST_PASSWORD, ip)).status).toBe(200)
    for (let i = 0; i < FREE_FAILURES; i++) expect((await attempt(u.login, 'bad', ip)).status).toBe(401)
  })

  it('an unknown account goes through the same states with the same answers as a real one', async () => {
    const real = await makeStudent()
    const ghost = `ghost_${randomUUID().slice(0, 8)}`
    const ipReal = newAddress()
    const ipGhost = newAddress()
    const both = (password: string) =>
      Promise.all([attempt(real.login, password, ipReal), attempt(ghost, password, ipGhost)])
    // free failures, then the delay (for the right password too), then after it
    for (let i = 0; i < FREE_FAILURES; i++) {
      const [r, g] = await both('bad')
      expect(r.status).toBe(401)
      expect(g.raw).toEqual(r.raw)
    }
    for (const password of ['bad', TEST_PASSWORD]) {
      const [r, g] = await both(password)
      throttled(r)
      expectSameAnswer(r, g)
    }
    await Promise.all([waitOut(real.login), waitOut(ghost)])
    const [r, g] = await both('bad')
    expect(r.status).toBe(401)
    expect(g.raw).toEqual(r.raw)
    // the per-account ceiling, reached from other addresses, answers alike too
    process.env.LOGIN_ACCOUNT_LIMIT_PER_HOUR = String(FREE_FAILURES + 1)
    try {
      const [cr, cg] = await Promise.all([
        attempt(real.login, TEST_PASSWORD, newAddress()),
        attempt(ghost, TEST_PASSWORD, newAddress()),
      ])
      expect(throttled(cr)).toBeGreaterThan(0)
      expectSameAnswer(cr, cg)
    } finally {
      restoreLimit()
    }
  })

  it(`parallel wrong logins from one address: exactly ${FREE_FAILURES} get a password check`, async () => {
    const u = await makeStudent()
    const ip = newAddress()
    const results = await Promise.all(Array.from({ length: 10 }, () => attempt(u.login, 'bad', ip)))
    expect(results.filter((r) => r.status === 401)).toHaveLength(FREE_FAILURES)
    expect(results.filter((r) => r.status === 429)).toHaveLength(10 - FREE_FAILURES)
  })

  it('the per-account ceiling bounds guesses spread over many addresses, exactly under concurrency', async () => {
    const u = await makeStudent()
    process.env.LOGIN_ACCOUNT_LIMIT_PER_HOUR = '5'
    try {
      const results = await Promise.all(
        Array.from({ length: 12 }, () => attempt(u.login, 'bad', newAddress())),
      )
      expect(results.filter((r) => r.status === 401)).toHaveLength(5)
      const refused = results.filter((r) => r.status === 429)
      expect(refused).toHaveLength(7)
      for (const r of refused) expect(throttled(r)).toBeLessThanOrEqual(3600)
      // the ceiling holds for the right password too: a distributed guess cannot get through
      throttled(await attempt(u.login, TEST_PASSWORD, newAddress()))
      // right passwords are not failures: another account logs in more often than the ceiling
      const v = await makeStudent()
      const ip = newAddress()
      for (let i = 0; i < 7; i++) expect((await attempt(v.login, TEST_PASSWORD, ip)).status).toBe(200)
    } finally {
      restoreLimit()
    }
  })
})

describe('the failure store', () => {
  it('rows whose failures are forgotten are pruned by a later attempt on any name', async () => {
    await withServiceTx('test: old failures', (db) =>
      db.query(
        `insert into public.login_failures (login_key, client, failures, expires_at)
         values ('test_forgotten', '192.0.2.1', 9, now() - interval '1 second')`,
      ),
    )
    await admitLoginAttempt('someone_else', '192.0.2.2')
    const { rows } = await withServiceTx('test: count', (db) =>
      db.query("select 1 from public.login_failures where login_key = 'test_forgotten'"),
    )
    expect(rows).toEqual([])
  })
})

function restoreLimit(): void {
  if (saved.LIMIT === undefined) delete process.env.LOGIN_ACCOUNT_LIMIT_PER_HOUR
  else process.env.LOGIN_ACCOUNT_LIMIT_PER_HOUR = saved.LIMIT
}
