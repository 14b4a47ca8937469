import { describe, expect, it } from 'vitest'
import { FAKE_MP_APP, FAKE_OA_APP } from '../fakes/wechat/server'
import { postJson, stableToken, withFakeWechat } from './support'

/** A call that needs the token: a subscribe send to nobody, to read the token errors. */
async function useToken(url: string, token: string | undefined): Promise<number> {
  const query: Record<string, string> = token === undefined ? {} : { access_token: token }
  const res = await postJson(url, '/cgi-bin/message/subscribe/send', { touser: 'nobody' }, query)
  return res.json!.errcode
}

describe('fake WeChat: POST /cgi-bin/stable_token', () => {
  const ctx = withFakeWechat()

  it('normal mode answers the same token while it is valid', async () => {
    const a = await stableToken(ctx.fake)
    expect(a).toEqual({ access_token: expect.stringMatching(/^\d+_[A-Za-z0-9_-]{100,}$/), expires_in: 7200 })
    ctx.fake.advanceTime(60_000)
    const b = await stableToken(ctx.fake)
    expect(b.access_token).toBe(a.access_token)
    expect(b.expires_in).toBeGreaterThanOrEqual(7139)
    expect(b.expires_in).toBeLessThanOrEqual(7140)
    expect(ctx.fake.currentToken()).toBe(a.access_token)
    // a valid token passes the token check (and the call fails further on: unknown openid)
    expect(await useToken(ctx.fake.url, a.access_token)).toBe(40003)
  })

  it('records method, path and JSON body', async () => {
    ctx.fake.clearRequests()
    await stableToken(ctx.fake)
    expect(ctx.fake.requestsTo('/cgi-bin/stable_token')).toEqual([
      {
        method: 'POST',
        path: '/cgi-bin/stable_token',
        query: {},
        body: { grant_type: 'client_credential', appid: FAKE_MP_APP.appid, secret: FAKE_MP_APP.secret },
        time: expect.any(Number),
      },
    ])
  })

  it('in the last 5 minutes normal mode hands out the next token; the old one works until it expires', async () => {
    const old = (await stableToken(ctx.fake)).access_token
    const left = (await stableToken(ctx.fake)).expires_in as number
    ctx.fake.advanceTime((left - 200) * 1000)
    const next = await stableToken(ctx.fake)
    expect(next.access_token).not.toBe(old)
    expect(next.expires_in).toBe(7200)
    expect(await useToken(ctx.fake.url, old)).toBe(40003)
    ctx.fake.advanceTime(201_000)
    expect(await useToken(ctx.fake.url, old)).toBe(42001)
    expect(await useToken(ctx.fake.url, next.access_token)).toBe(40003)
  })

  it('force refresh issues a new token and the old one answers 40001 at once', async () => {
    ctx.fake.advanceTime(60_000)
    const old = (await stableToken(ctx.fake)).access_token
    const fresh = await stableToken(ctx.fake, { force: true })
    expect(fresh.access_token).not.toBe(old)
    expect(fresh.expires_in).toBe(7200)
    expect(await useToken(ctx.fake.url, old)).toBe(40001)
    expect(await useToken(ctx.fake.url, fresh.access_token)).toBe(40003)
    // within 30 s a second force refresh does not refresh
    expect((await stableToken(ctx.fake, { force: true })).access_token).toBe(fresh.access_token)
    ctx.fake.advanceTime(31_000)
    expect((await stableToken(ctx.fake, { force: true })).access_token).not.toBe(fresh.access_token)
  })

  it('force refresh is limited per day (45009)', async () => {
    ctx.fake.configure({ forceRefreshDailyLimit: 3, forceRefreshMinIntervalMs: 0 })
    try {
      ctx.fake.advanceTime(86_400_000)
      for (let i = 0; i < 3; i++)
        expect((await stableToken(ctx.fake, { force: true })).access_token).toBeTruthy()
      expect((await stableToken(ctx.fake, { force: true })).errcode).toBe(45009)
      // normal mode keeps working
      expect((await stableToken(ctx.fake)).access_token).toBeTruthy()
    } finally {
      ctx.fake.configure({ forceRefreshDailyLimit: 20, forceRefreshMinIntervalMs: 30_000 })
    }
  })

  it('expireTokens: every token answers 42001; stable_token then issues a new one', async () => {
    const old = (await stableToken(ctx.fake)).access_token
    ctx.fake.expireTokens()
    expect(await useToken(ctx.fake.url, old)).toBe(42001)
    const fresh = (await stableToken(ctx.fake)).access_token
    expect(fresh).not.toBe(old)
    expect(await useToken(ctx.fake.url, fresh)).toBe(40003)
  })

  it('token checks: missing 41001, malformed 40014, unknown 40001, other account 48001', async () => {
    expect(await useToken(ctx.fake.url, undefined)).toBe(41001)
    expect(await useToken(ctx.fake.url, 'not a token')).toBe(40014)
    expect(await useToken(ctx.fake.url, `86_${'A'.repeat(120)}`)).toBe(40001)
    const oa = (await stableToken(ctx.fake, { app: FAKE_OA_APP })).access_token
    expect(oa).not.toBe(ctx.fake.currentToken())
    expect(ctx.fake.currentToken(FAKE_OA_APP.appid)).toBe(oa)
    expect(await useToken(ctx.fake.url, oa)).toBe(48001)
  })

  it('credential errors: 40013 appid, 40125 secret, 40002 grant_type, 41002/41004 missing', async () => {
    expect((await stableToken(ctx.fake, { app: { ...FAKE_MP_APP, appid: 'wxnope' } })).errcode).toBe(40013)
    expect((await stableToken(ctx.fake, { app: { ...FAKE_MP_APP, secret: 'nope' } })).errcode).toBe(40125)
    const post = (body: unknown) => postJson(ctx.fake.url, '/cgi-bin/stable_token', body).then((r) => r.json!)
    expect((await post({ grant_type: 'password', appid: FAKE_MP_APP.appid, secret: 'x' })).errcode).toBe(
      40002,
    )
    expect((await post({ grant_type: 'client_credential', secret: 'x' })).errcode).toBe(41002)
    expect((await post({ grant_type: 'client_credential', appid: FAKE_MP_APP.appid })).errcode).toBe(41004)
  })

  it('is POST JSON only: GET answers 43002, a body that is not JSON 47001', async () => {
    const get = await fetch(`${ctx.fake.url}/cgi-bin/stable_token`)
    expect(((await get.json()) as { errcode: number }).errcode).toBe(43002)
    const bad = await postJson(ctx.fake.url, '/cgi-bin/stable_token', 'grant_type=client_credential')
    expect(bad.json!.errcode).toBe(47001)
    expect(ctx.fake.requests.at(-1)!.body).toBe('grant_type=client_credential')
  })

  it('failure injection: an injected 40001 once, then normal again', async () => {
    ctx.fake.failNext('/cgi-bin/stable_token', { errcode: 40001, errmsg: 'invalid credential' })
    expect(await stableToken(ctx.fake)).toEqual({ errcode: 40001, errmsg: 'invalid credential' })
    expect(ctx.fake.requests.at(-1)!.injected).toBe('errcode')
    expect((await stableToken(ctx.fake)).access_token).toBeTruthy()
  })
})
