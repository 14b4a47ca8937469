import { describe, expect, it } from 'vitest'
import { MAX_FAILED_LOGINS } from '../../api/_lib/auth/password-login'
import { withServiceTx } from '../../api/_lib/db/tx'
import { call, withApi } from '../support/api'
import { makeStudent, TEST_PASSWORD } from '../support/fixtures'

describe('POST /api/auth/login', () => {
  const api = withApi()

  it('returns an access token, a refresh token and the user', async () => {
    const u = await makeStudent()
    const r = await call(api.url, '/api/auth/login', { body: { login: u.login, password: TEST_PASSWORD } })
    expect(r.status).toBe(200)
    expect(r.body.user).toMatchObject({ id: u.id, role: 'student', schoolId: u.schoolId })
    expect(r.body.expiresIn).toBeGreaterThan(0)
    const me = await call(api.url, '/api/me', { token: r.body.accessToken })
    expect(me.status).toBe(200)
    expect(me.body.user.id).toBe(u.id)
  })

  it('logins are case-insensitive on the account name', async () => {
    const u = await makeStudent()
    const r = await call(api.url, '/api/auth/login', {
      body: { login: u.login.toUpperCase(), password: TEST_PASSWORD },
    })
    expect(r.status).toBe(200)
  })

  it('a wrong password and an unknown account give the same 401', async () => {
    const u = await makeStudent()
    const wrong = await call(api.url, '/api/auth/login', { body: { login: u.login, password: 'nope' } })
    const unknown = await call(api.url, '/api/auth/login', {
      body: { login: 'nobody_here', password: 'nope' },
    })
    expect(wrong.status).toBe(401)
    expect(wrong.body).toEqual({ error: { code: 'invalid_credentials', message: '账号或密码错误' } })
    expect(unknown.body).toEqual(wrong.body)
  })

  it(`locks the account after ${MAX_FAILED_LOGINS} failures, even for the right password`, async () => {
    const u = await makeStudent()
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) {
      const r = await call(api.url, '/api/auth/login', { body: { login: u.login, password: 'bad' } })
      expect(r.body.error.code).toBe('invalid_credentials')
    }
    const last = await call(api.url, '/api/auth/login', { body: { login: u.login, password: 'bad' } })
    expect(last.status).toBe(429)
    expect(last.body.error.code).toBe('rate_limited')
    expect(last.body.error.message).toMatch(/分钟后再试/)
    const right = await call(api.url, '/api/auth/login', {
      body: { login: u.login, password: TEST_PASSWORD },
    })
    expect(right.status).toBe(429)
    // once the lock expires the right password works again and resets the counter
    await withServiceTx('test: expire lock', (db) =>
      db.query(
        "update public.password_credentials set locked_until = now() - interval '1 second' where user_id = $1",
        [u.id],
      ),
    )
    const after = await call(api.url, '/api/auth/login', {
      body: { login: u.login, password: TEST_PASSWORD },
    })
    expect(after.status).toBe(200)
  })

  it('rejects bad input with field errors in Chinese and changes nothing', async () => {
    const r = await call(api.url, '/api/auth/login', { body: { login: '', password: '' } })
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe('validation_failed')
    expect(r.body.error.fields).toEqual({ login: '请输入账号', password: '请输入密码' })
    const malformed = await call(api.url, '/api/auth/login', { body: '{"login":', headers: {} })
    expect(malformed.status).toBe(400)
    expect(malformed.body.error.code).toBe('bad_request')
    expect(malformed.body.error.message).toMatch(/JSON/)
  })

  it('a disabled account cannot log in', async () => {
    const u = await makeStudent()
    await withServiceTx('test: disable', (db) =>
      db.query('update public.app_users set disabled_at = now() where id = $1', [u.id]),
    )
    const r = await call(api.url, '/api/auth/login', { body: { login: u.login, password: TEST_PASSWORD } })
    expect(r.status).toBe(403)
    expect(r.body.error.code).toBe('forbidden')
  })
})

describe('password login is throttled per client address', () => {
  const api = withApi()

  it('refuses an address that tries too often in a minute, whatever the accounts', async () => {
    const saved = process.env.LOGIN_RATE_LIMIT_PER_MINUTE
    process.env.LOGIN_RATE_LIMIT_PER_MINUTE = '3'
    try {
      const ip = { 'x-forwarded-for': '203.0.113.7' }
      for (let i = 0; i < 3; i++) {
        const r = await call(api.url, '/api/auth/login', {
          body: { login: `nobody${i}`, password: 'x' },
          headers: ip,
        })
        expect(r.status).toBe(401)
      }
      const blocked = await call(api.url, '/api/auth/login', {
        body: { login: 'nobody9', password: 'x' },
        headers: ip,
      })
      expect(blocked.status).toBe(429)
      expect(blocked.body.error.message).toMatch(/登录尝试过于频繁，请\d+秒后再试/)
      // another address is unaffected
      const other = await call(api.url, '/api/auth/login', {
        body: { login: 'nobody9', password: 'x' },
        headers: { 'x-forwarded-for': '203.0.113.8' },
      })
      expect(other.status).toBe(401)
    } finally {
      process.env.LOGIN_RATE_LIMIT_PER_MINUTE = saved
    }
  })
})
