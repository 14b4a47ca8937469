import { describe, expect, it } from 'vitest'
import { FAKE_MP_APP } from '../fakes/wechat/server'
import { login, postJson, stableToken, withFakeWechat } from './support'

describe('fake WeChat: failure injection and controls', () => {
  const ctx = withFakeWechat()

  it('failNext answers the given errcode the given number of times, by path prefix', async () => {
    const { fake } = ctx
    fake.failNext('/sns/', { errcode: -1, errmsg: 'system error' }, 2)
    const a = await login(fake, fake.issueLoginCode({ openid: 'o1' }))
    const b = await login(fake, fake.issueLoginCode({ openid: 'o1' }))
    expect([a, b]).toEqual([
      { errcode: -1, errmsg: 'system error' },
      { errcode: -1, errmsg: 'system error' },
    ])
    // other paths are not affected, and the third call is normal
    expect((await stableToken(fake)).access_token).toBeTruthy()
    expect((await login(fake, fake.issueLoginCode({ openid: 'o1' }))).openid).toBe('o1')
  })

  it("'http500' answers HTTP 500 with an HTML body", async () => {
    ctx.fake.failNext('/cgi-bin/stable_token', 'http500')
    const res = await postJson(ctx.fake.url, '/cgi-bin/stable_token', {})
    expect(res.status).toBe(500)
    expect(res.raw.toString()).toMatch(/500/)
    expect(ctx.fake.requests.at(-1)!.injected).toBe('http500')
  })

  it("'timeout' holds the request until the client gives up", async () => {
    ctx.fake.failNext('/cgi-bin/stable_token', 'timeout')
    const started = Date.now()
    await expect(
      fetch(`${ctx.fake.url}/cgi-bin/stable_token`, {
        method: 'POST',
        body: '{}',
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toMatchObject({ name: 'TimeoutError' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    expect(ctx.fake.requests.at(-1)!.injected).toBe('timeout')
    // the next call is answered
    expect((await stableToken(ctx.fake)).access_token).toBeTruthy()
  })

  it('close() does not wait for held requests', async () => {
    const { startFakeWechat } = await import('../fakes/wechat/server')
    const other = await startFakeWechat()
    other.failNext('/', 'timeout')
    const pending = fetch(`${other.url}/cgi-bin/stable_token`, { method: 'POST', body: '{}' }).catch((e) => e)
    await new Promise((r) => setTimeout(r, 50))
    await other.close()
    expect(await pending).toBeInstanceOf(Error)
  })

  it('unknown paths answer 404', async () => {
    const res = await fetch(`${ctx.fake.url}/cgi-bin/nope`)
    expect(res.status).toBe(404)
  })

  it('listens on loopback only', () => {
    expect(new URL(ctx.fake.url).hostname).toBe('127.0.0.1')
  })

  describe('/__fake/* controls over HTTP (for npm start and e2e)', () => {
    const admin = (method: string, path: string, body?: unknown) =>
      fetch(`${ctx.fake.url}/__fake/${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, unknown> }))

    it('issues login codes, grants quota, registers templates and pages, lists requests', async () => {
      const { fake } = ctx
      fake.clearRequests()
      const issued = await admin('POST', 'login-code', { openid: 'o_admin', unionid: 'u_admin' })
      expect(issued.status).toBe(200)
      const json = await login(fake, issued.json.code as string)
      expect(json).toMatchObject({ openid: 'o_admin', unionid: 'u_admin' })

      expect((await admin('POST', 'templates', { template_id: 't1', keywords: ['thing1'] })).status).toBe(200)
      expect((await admin('POST', 'pages', { pages: ['pages/a/index'] })).status).toBe(200)
      const grant = await admin('POST', 'subscribe/grant', { openid: 'o_admin', template_id: 't1', count: 2 })
      expect(grant.json).toEqual({ ok: true, quota: 2 })
      const token = (await stableToken(fake)).access_token as string
      const sent = await postJson(
        fake.url,
        '/cgi-bin/message/subscribe/send',
        { touser: 'o_admin', template_id: 't1', page: 'pages/a/index', data: { thing1: { value: '你好' } } },
        { access_token: token },
      )
      expect(sent.json!.errcode).toBe(0)
      const messages = await admin('GET', 'messages')
      expect(messages.json.messages).toEqual([
        expect.objectContaining({ touser: 'o_admin', template_id: 't1' }),
      ])

      const listed = await admin('GET', 'requests')
      // control calls are not recorded
      expect((listed.json.requests as { path: string }[]).map((r) => r.path)).toEqual([
        '/sns/jscode2session',
        '/cgi-bin/stable_token',
        '/cgi-bin/message/subscribe/send',
      ])
      await admin('DELETE', 'requests')
      expect(fake.requests).toHaveLength(0)
    })

    it('followers, busy, expire-tokens and fail-next', async () => {
      const { fake } = ctx
      await admin('POST', 'followers', { openid: 'oa_x' })
      await admin('POST', 'followers', { openid: 'oa_y', follow: false })
      await admin('POST', 'busy', { busy: true })
      expect((await stableToken(fake)).errcode).toBe(-1)
      await admin('POST', 'busy', { busy: false })
      const token = (await stableToken(fake)).access_token as string
      await admin('POST', 'expire-tokens')
      const res = await postJson(fake.url, '/wxa/getwxacodeunlimit', { scene: 'a' }, { access_token: token })
      expect(res.json!.errcode).toBe(42001)
      await admin('POST', 'fail-next', {
        path_prefix: '/sns/',
        failure: { errcode: 40226, errmsg: 'code blocked' },
      })
      expect((await login(fake, 'dev:o_blocked')).errcode).toBe(40226)
    })

    it('answers 400 for bad input and 404 for unknown controls', async () => {
      expect((await admin('POST', 'login-code', {})).status).toBe(400)
      expect((await admin('POST', 'fail-next', { path_prefix: '/', failure: 'sometimes' })).status).toBe(400)
      expect((await admin('GET', 'nope')).status).toBe(404)
      expect(FAKE_MP_APP.appid).toBe('wxfakeappid000000')
    })
  })
})
