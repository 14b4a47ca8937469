import { beforeAll, describe, expect, it } from 'vitest'
import { decodePng } from './decode'
import { type Json, postJson, tokenFor, withFakeWechat } from './support'

describe('fake WeChat: POST /wxa/getwxacodeunlimit', () => {
  const ctx = withFakeWechat({ pages: ['packages/events/detail'] })
  let token = ''
  beforeAll(async () => {
    token = await tokenFor(ctx.fake)
  })
  const code = (body: Json, t = token) =>
    postJson(ctx.fake.url, '/wxa/getwxacodeunlimit', body, { access_token: t })

  it('answers a PNG whose QR code decodes back to the scene', async () => {
    const scene = "e=9f3c&g=A!#$&'()*+,/:;=?@-._~"
    expect(scene.length).toBeLessThanOrEqual(32)
    const res = await code({ scene, page: 'packages/events/detail', env_version: 'release' })
    expect(res.status).toBe(200)
    expect(res.contentType).toBe('image/png')
    expect(res.raw.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    const decoded = decodePng(res.raw)
    expect(decoded.text).toBe(scene)
    expect(decoded.width).toBe(430)
    expect(ctx.fake.requestsTo('/wxa/').at(-1)!.body).toEqual({
      scene,
      page: 'packages/events/detail',
      env_version: 'release',
    })
  })

  it('honours width within 280–1280 and a transparent background', async () => {
    const small = decodePng((await code({ scene: 'w=1', width: 100 })).raw)
    expect(small.width).toBe(280)
    expect(small.text).toBe('w=1')
    const big = decodePng((await code({ scene: 'w=2', width: 600, is_hyaline: true })).raw)
    expect(big.width).toBe(600)
    expect(big.alpha).toBe(0)
  })

  it('40169 for a scene over 32 characters, empty, or with characters WeChat refuses', async () => {
    for (const scene of ['x'.repeat(33), '', 'id=活动', 'a b', 'a%20b']) {
      const res = await code({ scene })
      expect(res.contentType).toMatch(/json/)
      expect(res.json!.errcode, scene).toBe(40169)
      expect(res.json!.errmsg).toMatch(/^invalid length for scene/)
    }
    expect((await code({ scene: 'x'.repeat(32) })).contentType).toBe('image/png')
  })

  it('41030 for an unpublished page, a leading slash or a query while check_path is on', async () => {
    for (const page of ['packages/nope/index', '/packages/events/detail', 'packages/events/detail?id=1']) {
      expect((await code({ scene: 'a=1', page })).json!.errcode, page).toBe(41030)
    }
    const unchecked = await code({
      scene: 'a=1',
      page: 'packages/new/page',
      check_path: false,
      env_version: 'develop',
    })
    expect(unchecked.contentType).toBe('image/png')
    expect((await code({ scene: 'a=1', env_version: 'beta' })).json!.errcode).toBe(40097)
  })

  it('token errors answer JSON too', async () => {
    expect((await code({ scene: 'a=1' }, 'garbage')).json!.errcode).toBe(40014)
    ctx.fake.expireTokens()
    expect((await code({ scene: 'a=1' })).json!.errcode).toBe(42001)
  })
})
