import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { WechatLoginResponse } from '../../src/contracts/binding'
import { MeResponse } from '../../src/contracts/me'
import { callParsed, withApi } from '../support/api'
import { withFakeWechat } from '../wechat/support'

const wechat = withFakeWechat()

describe('POST /api/auth/wechat', () => {
  const api = withApi()

  it('the first login creates an unbound student; the next login finds the same user', async () => {
    const first = await callParsed(WechatLoginResponse, api.url, '/api/auth/wechat', {
      body: { code: wechat.fake.issueLoginCode({ openid: 'o_new1' }) },
    })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({
      isNewUser: true,
      user: { role: 'student', schoolId: null, displayName: '微信用户' },
    })
    const again = await callParsed(WechatLoginResponse, api.url, '/api/auth/wechat', {
      body: { code: wechat.fake.issueLoginCode({ openid: 'o_new1' }) },
    })
    expect(again.body).toMatchObject({ isNewUser: false, user: { id: first.body.user.id } })
    const me = await callParsed(MeResponse, api.url, '/api/me', { token: again.body.accessToken })
    expect(me.body.user.id).toBe(first.body.user.id)
    expect(wechat.fake.requestsTo('/sns/jscode2session')).toHaveLength(2)
  })

  it('keeps the unionid when WeChat sends one', async () => {
    const r = await callParsed(WechatLoginResponse, api.url, '/api/auth/wechat', {
      body: { code: wechat.fake.issueLoginCode({ openid: 'o_union', unionid: 'u_123' }) },
    })
    const row = await withServiceTx('test', async (db) => {
      const { rows } = await db.query(
        'select openid, unionid from public.wechat_identities where user_id = $1',
        [r.body.user.id],
      )
      return rows[0]
    })
    expect(row).toEqual({ openid: 'o_union', unionid: 'u_123' })
  })

  it('an invalid or reused code is a 400 the client can act on, and creates nobody', async () => {
    const bad = await callParsed(WechatLoginResponse, api.url, '/api/auth/wechat', {
      body: { code: 'made-up' },
    })
    expect(bad.status).toBe(400)
    expect(bad.error).toMatchObject({
      code: 'invalid_login_code',
      message: '微信登录凭证无效或已过期，请重新登录',
    })
    const code = wechat.fake.issueLoginCode({ openid: 'o_twice' })
    expect(
      (await callParsed(WechatLoginResponse, api.url, '/api/auth/wechat', { body: { code } })).status,
    ).toBe(200)
    const reused = await callParsed(WechatLoginResponse, api.url, '/api/auth/wechat', { body: { code } })
    expect(reused.status).toBe(400)
    expect(reused.error.message).toBe('微信登录凭证已被使用，请重新登录')
    const empty = await callParsed(WechatLoginResponse, api.url, '/api/auth/wechat', { body: { code: '' } })
    expect(empty.status).toBe(400)
    expect(empty.error.fields?.code).toBe('缺少微信登录凭证')
  })

  it('WeChat busy is a 503 with a Chinese message', async () => {
    wechat.fake.setBusy(true)
    try {
      const r = await callParsed(WechatLoginResponse, api.url, '/api/auth/wechat', {
        body: { code: wechat.fake.issueLoginCode({ openid: 'o_busy' }) },
      })
      expect(r.status).toBe(503)
      expect(r.error.code).toBe('upstream_unavailable')
    } finally {
      wechat.fake.setBusy(false)
    }
  })

  it('concurrent first logins of one openid create exactly one user', async () => {
    const codes = Array.from({ length: 6 }, () => wechat.fake.issueLoginCode({ openid: 'o_race' }))
    const results = await Promise.all(
      codes.map((code) => callParsed(WechatLoginResponse, api.url, '/api/auth/wechat', { body: { code } })),
    )
    expect(results.every((r) => r.status === 200)).toBe(true)
    expect(new Set(results.map((r) => r.body.user.id)).size).toBe(1)
    expect(results.filter((r) => r.body.isNewUser)).toHaveLength(1)
  })
})
