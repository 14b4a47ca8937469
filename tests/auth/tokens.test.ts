import { SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { jwtSecret } from '../../api/_lib/auth/config'
import { LogoutResponse, TokenResponse } from '../../src/contracts/auth'
import { MeResponse } from '../../src/contracts/me'
import { MarkReadResponse, MessageListResponse } from '../../src/contracts/messages'
import { callParsed, withApi } from '../support/api'
import { makeMessage, makeStudent, TEST_PASSWORD } from '../support/fixtures'

async function login(base: string, loginName: string) {
  const r = await callParsed(TokenResponse, base, '/api/auth/login', {
    body: { login: loginName, password: TEST_PASSWORD },
  })
  expect(r.status).toBe(200)
  return r.body as { accessToken: string; refreshToken: string }
}

function forge(claims: Record<string, unknown>, opts: { secret?: Uint8Array; exp?: string | number } = {}) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('jiuye')
    .setAudience('authenticated')
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? '10m')
    .sign(opts.secret ?? jwtSecret())
}

describe('access tokens', () => {
  const api = withApi()

  it('without a valid token no user row can be read', async () => {
    const u = await makeStudent()
    await makeMessage(u.id, '私密')
    const none = await callParsed(MessageListResponse, api.url, '/api/messages')
    expect(none.status).toBe(401)
    expect(none.error.code).toBe('unauthenticated')
    const garbage = await callParsed(MessageListResponse, api.url, '/api/messages', { token: 'not.a.jwt' })
    expect(garbage.status).toBe(401)
    const badScheme = await callParsed(MessageListResponse, api.url, '/api/messages', {
      headers: { authorization: `Basic abc` },
    })
    expect(badScheme.status).toBe(401)
    const wrongSecret = await forge(
      { sub: u.id, role: 'authenticated', app_role: 'student' },
      { secret: new TextEncoder().encode('another-secret-another-secret-another-secret') },
    )
    expect(
      (await callParsed(MessageListResponse, api.url, '/api/messages', { token: wrongSecret })).status,
    ).toBe(401)
    const expired = await forge(
      { sub: u.id, role: 'authenticated', app_role: 'student' },
      { exp: Math.floor(Date.now() / 1000) - 60 },
    )
    const r = await callParsed(MessageListResponse, api.url, '/api/messages', { token: expired })
    expect(r.status).toBe(401)
    expect(r.error.code).toBe('token_expired')
    // a token claiming a privileged database role is refused, not honoured
    const serviceClaim = await forge({ sub: u.id, role: 'service_role', app_role: 'student' })
    expect(
      (await callParsed(MessageListResponse, api.url, '/api/messages', { token: serviceClaim })).status,
    ).toBe(401)
  })

  it('a token is only as good as its subject: a forged sub reads that sub’s rows only', async () => {
    const a = await makeStudent()
    const b = await makeStudent()
    const bMsg = await makeMessage(b.id)
    const { accessToken } = await login(api.url, a.login)
    const r = await callParsed(MarkReadResponse, api.url, `/api/messages/${bMsg}/read`, {
      method: 'POST',
      token: accessToken,
    })
    expect(r.status).toBe(404)
  })
})

describe('refresh tokens rotate', () => {
  const api = withApi()

  it('a refresh gives new tokens and the old refresh token stops working', async () => {
    const u = await makeStudent()
    const first = await login(api.url, u.login)
    const second = await callParsed(TokenResponse, api.url, '/api/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    })
    expect(second.status).toBe(200)
    expect(second.body.refreshToken).not.toBe(first.refreshToken)
    expect(
      (await callParsed(MeResponse, api.url, '/api/me', { token: second.body.accessToken })).status,
    ).toBe(200)
    const third = await callParsed(TokenResponse, api.url, '/api/auth/refresh', {
      body: { refreshToken: second.body.refreshToken },
    })
    expect(third.status).toBe(200)
  })

  it('reusing a rotated token revokes the whole login (theft detection)', async () => {
    const u = await makeStudent()
    const first = await login(api.url, u.login)
    const second = await callParsed(TokenResponse, api.url, '/api/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    })
    const replay = await callParsed(TokenResponse, api.url, '/api/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    })
    expect(replay.status).toBe(401)
    const legit = await callParsed(TokenResponse, api.url, '/api/auth/refresh', {
      body: { refreshToken: second.body.refreshToken },
    })
    expect(legit.status).toBe(401)
  })

  it('two concurrent refreshes with one token: exactly one succeeds', async () => {
    const u = await makeStudent()
    const first = await login(api.url, u.login)
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        callParsed(TokenResponse, api.url, '/api/auth/refresh', {
          body: { refreshToken: first.refreshToken },
        }),
      ),
    )
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    expect(results.filter((r) => r.status === 401)).toHaveLength(7)
  })

  it('logout revokes the login; other logins of the user stay', async () => {
    const u = await makeStudent()
    const phone = await login(api.url, u.login)
    const laptop = await login(api.url, u.login)
    const out = await callParsed(LogoutResponse, api.url, '/api/auth/logout', {
      body: { refreshToken: phone.refreshToken },
    })
    expect(out.body).toEqual({ ok: true })
    expect(
      (
        await callParsed(TokenResponse, api.url, '/api/auth/refresh', {
          body: { refreshToken: phone.refreshToken },
        })
      ).status,
    ).toBe(401)
    expect(
      (
        await callParsed(TokenResponse, api.url, '/api/auth/refresh', {
          body: { refreshToken: laptop.refreshToken },
        })
      ).status,
    ).toBe(200)
  })

  it('an unknown or malformed refresh token is refused', async () => {
    const r = await callParsed(TokenResponse, api.url, '/api/auth/refresh', {
      body: { refreshToken: 'x'.repeat(43) },
    })
    expect(r.status).toBe(401)
    const short = await callParsed(TokenResponse, api.url, '/api/auth/refresh', {
      body: { refreshToken: 'x' },
    })
    expect(short.status).toBe(400)
  })
})
