import { beforeEach, describe, expect, it } from 'vitest'
import { FAKE_MP_APP, FAKE_OA_APP } from '../fakes/wechat/server'
import { getJson, login, withFakeWechat } from './support'

describe('fake WeChat: GET /sns/jscode2session', () => {
  const ctx = withFakeWechat()
  beforeEach(() => ctx.fake.clearRequests())

  it('answers openid, session_key and unionid for an issued code, and records the call', async () => {
    const { fake } = ctx
    const code = fake.issueLoginCode({ openid: 'o_alice', unionid: 'u_alice' })
    const json = await login(fake, code)
    expect(json).toEqual({ openid: 'o_alice', session_key: expect.any(String), unionid: 'u_alice' })
    expect(Buffer.from(json.session_key, 'base64')).toHaveLength(16)
    expect(json.errcode).toBeUndefined()

    expect(fake.requests).toHaveLength(1)
    expect(fake.requests[0]).toMatchObject({
      method: 'GET',
      path: '/sns/jscode2session',
      query: {
        appid: FAKE_MP_APP.appid,
        secret: FAKE_MP_APP.secret,
        js_code: code,
        grant_type: 'authorization_code',
      },
      body: undefined,
    })
    expect(fake.requests[0]!.time).toBeGreaterThan(Date.now() - 10_000)
  })

  it('omits unionid when the user has none', async () => {
    const json = await login(ctx.fake, ctx.fake.issueLoginCode({ openid: 'o_bob' }))
    expect(json).toEqual({ openid: 'o_bob', session_key: expect.any(String) })
  })

  it('a code works once: the second use answers 40163', async () => {
    const code = ctx.fake.issueLoginCode({ openid: 'o_carol' })
    expect((await login(ctx.fake, code)).openid).toBe('o_carol')
    const again = await login(ctx.fake, code)
    expect(again.errcode).toBe(40163)
    expect(again.errmsg).toMatch(/^code been used rid: /)
  })

  it('an unknown code answers 40029', async () => {
    const json = await login(ctx.fake, '061abcdefNotIssued')
    expect(json).toMatchObject({ errcode: 40029, errmsg: expect.stringMatching(/^invalid code/) })
  })

  it('a code expires after 5 minutes (40029)', async () => {
    const code = ctx.fake.issueLoginCode({ openid: 'o_late' })
    const fresh = ctx.fake.issueLoginCode({ openid: 'o_late' })
    ctx.fake.advanceTime(5 * 60_000 + 1000)
    expect((await login(ctx.fake, code)).errcode).toBe(40029)
    // the clock moves for every code: one issued now is fine
    const now = ctx.fake.issueLoginCode({ openid: 'o_late' })
    expect((await login(ctx.fake, now)).openid).toBe('o_late')
    expect((await login(ctx.fake, fresh)).errcode).toBe(40029)
  })

  it('accepts dev:<openid> and dev:<openid>:<nonce> codes, each once', async () => {
    expect((await login(ctx.fake, 'dev:o_dev_user')).openid).toBe('o_dev_user')
    expect((await login(ctx.fake, 'dev:o_dev_user')).errcode).toBe(40163)
    expect((await login(ctx.fake, 'dev:o_dev_user:n1')).openid).toBe('o_dev_user')
    expect((await login(ctx.fake, 'dev:o_dev_user:n2')).openid).toBe('o_dev_user')
    expect((await login(ctx.fake, 'dev:bad openid!')).errcode).toBe(40029)
  })

  it('dev codes can be switched off', async () => {
    ctx.fake.configure({ acceptDevCodes: false })
    try {
      expect((await login(ctx.fake, 'dev:o_nodev')).errcode).toBe(40029)
    } finally {
      ctx.fake.configure({ acceptDevCodes: true })
    }
  })

  it('unknown appid answers 40013, wrong secret 40125, an official-account appid 40013', async () => {
    const code = ctx.fake.issueLoginCode({ openid: 'o_dave' })
    expect((await login(ctx.fake, code, { ...FAKE_MP_APP, appid: 'wxunknown' })).errcode).toBe(40013)
    expect((await login(ctx.fake, code, { ...FAKE_MP_APP, secret: 'wrong' })).errcode).toBe(40125)
    expect((await login(ctx.fake, code, FAKE_OA_APP)).errcode).toBe(40013)
    // none of the refused calls used the code up
    expect((await login(ctx.fake, code)).openid).toBe('o_dave')
  })

  it('checks grant_type (40002) and a missing code (41008)', async () => {
    const base = { appid: FAKE_MP_APP.appid, secret: FAKE_MP_APP.secret }
    const bad = await getJson(ctx.fake.url, '/sns/jscode2session', {
      ...base,
      js_code: 'x',
      grant_type: 'other',
    })
    expect(bad.errcode).toBe(40002)
    const none = await getJson(ctx.fake.url, '/sns/jscode2session', {
      ...base,
      grant_type: 'authorization_code',
    })
    expect(none.errcode).toBe(41008)
  })

  it('rate limits one openid per minute (45011) without using the code up', async () => {
    ctx.fake.configure({ loginPerOpenidPerMinute: 2 })
    try {
      for (let i = 0; i < 2; i++) {
        expect((await login(ctx.fake, ctx.fake.issueLoginCode({ openid: 'o_busy' }))).openid).toBe('o_busy')
      }
      const code = ctx.fake.issueLoginCode({ openid: 'o_busy' })
      const limited = await login(ctx.fake, code)
      expect(limited.errcode).toBe(45011)
      expect(limited.errmsg).toMatch(/minute-quota reach limit/)
      // other users are not affected
      expect((await login(ctx.fake, ctx.fake.issueLoginCode({ openid: 'o_other' }))).openid).toBe('o_other')
      ctx.fake.advanceTime(61_000)
      expect((await login(ctx.fake, code)).openid).toBe('o_busy')
    } finally {
      ctx.fake.configure({ loginPerOpenidPerMinute: 100 })
    }
  })

  it('answers -1 system error while busy', async () => {
    const code = ctx.fake.issueLoginCode({ openid: 'o_eve' })
    ctx.fake.setBusy(true)
    try {
      expect(await login(ctx.fake, code)).toEqual({ errcode: -1, errmsg: 'system error' })
      expect(ctx.fake.requests.at(-1)?.injected).toBe('busy')
    } finally {
      ctx.fake.setBusy(false)
    }
    expect((await login(ctx.fake, code)).openid).toBe('o_eve')
  })
})
