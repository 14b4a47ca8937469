import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { TokenResponse } from '../../src/contracts/auth'
import { MeResponse } from '../../src/contracts/me'
import { callParsed, withApi } from '../support/api'
import { makeStudent, TEST_PASSWORD } from '../support/fixtures'

describe('POST /api/auth/login', () => {
  const api = withApi()

  it('returns an access token, a refresh token and the user', async () => {
    const u = await makeStudent()
    const r = await callParsed(TokenResponse, api.url, '/api/auth/login', {
      body: { login: u.login, password: TEST_PASSWORD },
    })
    expect(r.status).toBe(200)
    expect(r.body.user).toMatchObject({ id: u.id, role: 'student', schoolId: u.schoolId })
    expect(r.body.expiresIn).toBeGreaterThan(0)
    const me = await callParsed(MeResponse, api.url, '/api/me', { token: r.body.accessToken })
    expect(me.status).toBe(200)
    expect(me.body.user.id).toBe(u.id)
  })

  it('logins are case-insensitive on the account name', async () => {
    const u = await makeStudent()
    const r = await callParsed(TokenResponse, api.url, '/api/auth/login', {
      body: { login: u.login.toUpperCase(), password: TEST_PASSWORD },
    })
    expect(r.status).toBe(200)
  })

  it('a wrong password and an unknown account give the same 401', async () => {
    const u = await makeStudent()
    const wrong = await callParsed(TokenResponse, api.url, '/api/auth/login', {
      body: { login: u.login, password: 'nope' },
    })
    const unknown = await callParsed(TokenResponse, api.url, '/api/auth/login', {
      body: { login: 'nobody_here', password: 'nope' },
    })
    expect(wrong.status).toBe(401)
    expect(wrong.raw).toEqual({ error: { code: 'invalid_credentials', message: '账号或密码错误' } })
    expect(unknown.raw).toEqual(wrong.raw)
  })

  it('rejects bad input with field errors in Chinese and changes nothing', async () => {
    const r = await callParsed(TokenResponse, api.url, '/api/auth/login', {
      body: { login: '', password: '' },
    })
    expect(r.status).toBe(400)
    expect(r.error.code).toBe('validation_failed')
    expect(r.error.fields).toEqual({ login: '请输入账号', password: '请输入密码' })
    const malformed = await callParsed(TokenResponse, api.url, '/api/auth/login', {
      body: '{"login":',
      headers: {},
    })
    expect(malformed.status).toBe(400)
    expect(malformed.error.code).toBe('bad_request')
    expect(malformed.error.message).toMatch(/JSON/)
  })

  it('a disabled account cannot log in', async () => {
    const u = await makeStudent()
    await withServiceTx('test: disable', (db) =>
      db.query('update public.app_users set disabled_at = now() where id = $1', [u.id]),
    )
    const r = await callParsed(TokenResponse, api.url, '/api/auth/login', {
      body: { login: u.login, password: TEST_PASSWORD },
    })
    expect(r.status).toBe(403)
    expect(r.error.code).toBe('forbidden')
  })
})

describe('password login is throttled per client address', () => {
  const api = withApi()

  it('refuses an address that tries too often in a minute, whatever the accounts', async () => {
    const saved = process.env.LOGIN_RATE_LIMIT_PER_MINUTE
    process.env.LOGIN_RATE_LIMIT_PER_MINUTE = '3'
    // the addresses below are what one trusted proxy in front of the API says
    process.env.TRUST_PROXY = '1'
    try {
      const ip = { 'x-forwarded-for': '203.0.113.7' }
      for (let i = 0; i < 3; i++) {
        const r = await callParsed(TokenResponse, api.url, '/api/auth/login', {
          body: { login: `nobody${i}`, password: 'x' },
          headers: ip,
        })
        expect(r.status).toBe(401)
      }
      const blocked = await callParsed(TokenResponse, api.url, '/api/auth/login', {
        body: { login: 'nobody9', password: 'x' },
        headers: ip,
      })
      expect(blocked.status).toBe(429)
      expect(blocked.error.message).toMatch(/登录尝试过于频繁，请(\d+秒|1分钟)后再试/)
      expect(blocked.error.details?.retry_after_seconds).toBeGreaterThan(0)
      expect(blocked.error.details?.retry_after_seconds).toBeLessThanOrEqual(60)
      // another address is unaffected
      const other = await callParsed(TokenResponse, api.url, '/api/auth/login', {
        body: { login: 'nobody9', password: 'x' },
        headers: { 'x-forwarded-for': '203.0.113.8' },
      })
      expect(other.status).toBe(401)
    } finally {
      process.env.LOGIN_RATE_LIMIT_PER_MINUTE = saved
      delete process.env.TRUST_PROXY
    }
  })
})
