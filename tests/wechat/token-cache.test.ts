import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { withServiceTx, withUserTx } from '../../api/_lib/db/tx'
import {
  getAccessToken,
  getUnlimitedWxaCode,
  sendSubscribeMessage,
  sendTemplateMessage,
  withAccessToken,
} from '../../api/_lib/wechat'
import { wechatApp } from '../../api/_lib/wechat/config'
import { fetchStableToken } from '../../api/_lib/wechat/stable-token'
import { forgetRememberedTokens } from '../../api/_lib/wechat/token'
import { FAKE_MP_APP, FAKE_OA_APP } from '../fakes/wechat/server'
import { decodePng } from './decode'
import { withFakeWechat } from './support'

const TPL = 'tpl_job_push'
const run = promisify(execFile)
const WORKER = path.join(__dirname, 'token-worker.ts')
const TSX = path.join(__dirname, '../../node_modules/.bin/tsx')

async function cachedRow(appid: string) {
  return withServiceTx('test: read token cache', async (db) => {
    const { rows } = await db.query<{ access_token: string; secs: number; refreshed_at: Date }>(
      `select access_token, extract(epoch from expires_at - now())::int as secs, refreshed_at
         from public.wechat_access_tokens where appid = $1`,
      [appid],
    )
    return rows[0]
  })
}

describe('WeChat access tokens cached in the database', () => {
  const ctx = withFakeWechat({ pages: ['packages/jobs/detail', 'packages/events/detail'] })
  const tokenCalls = () => ctx.fake.requestsTo('/cgi-bin/stable_token')

  beforeAll(() => {
    ctx.fake.registerTemplate(TPL, ['thing1', 'thing2', 'time3'])
    ctx.fake.registerUser('o_stu')
  })
  beforeEach(async () => {
    await withServiceTx('test: clear token cache', (db) =>
      db.query('delete from public.wechat_access_tokens'),
    )
    forgetRememberedTokens()
    // keep force refreshes of different tests more than WeChat's 30 s apart
    ctx.fake.advanceTime(31_000)
    ctx.fake.clearRequests()
  })

  it('20 concurrent callers cause exactly one stable_token call and all get its token', async () => {
    const tokens = await Promise.all(Array.from({ length: 20 }, () => getAccessToken('mp')))
    expect(tokenCalls()).toHaveLength(1)
    expect(tokenCalls()[0]!.body).toEqual({
      grant_type: 'client_credential',
      appid: FAKE_MP_APP.appid,
      secret: FAKE_MP_APP.secret,
    })
    expect(new Set(tokens)).toEqual(new Set([ctx.fake.currentToken()]))
    const row = await cachedRow(FAKE_MP_APP.appid)
    expect(row?.access_token).toBe(tokens[0])
    expect(row!.secs).toBeGreaterThan(7000)

    // later callers read the cache
    expect(await getAccessToken('mp')).toBe(tokens[0])
    expect(tokenCalls()).toHaveLength(1)
  })

  it('several processes at once (each with its own pool) still cause exactly one call', async () => {
    const startAt = Date.now() + 2500
    const env = { ...process.env, START_AT: String(startAt), CALLS: '5' }
    const children = Array.from({ length: 3 }, () => run(TSX, [WORKER], { env, timeout: 20_000 }))
    await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())))
    const here = await Promise.all(Array.from({ length: 5 }, () => getAccessToken('mp')))
    const outs = (await Promise.all(children)).map(
      (c) => JSON.parse(c.stdout) as { tokens: string[]; lateMs: number },
    )
    if (outs.some((o) => o.lateMs > 0))
      console.warn(
        'token-worker missed the start barrier',
        outs.map((o) => o.lateMs),
      )
    const there = outs.flatMap((o) => o.tokens)
    expect(there).toHaveLength(15)
    expect(new Set([...here, ...there])).toEqual(new Set([ctx.fake.currentToken()]))
    expect(tokenCalls()).toHaveLength(1)
  }, 30_000)

  it('refreshes a cached token within 5 minutes of its expiry (normal mode)', async () => {
    const first = await getAccessToken('mp')
    await withServiceTx('test: age token', (db) =>
      db.query(`update public.wechat_access_tokens set expires_at = now() + interval '4 minutes'`),
    )
    // as an instance that has not read the token yet (one that did keeps its copy ≤ its freshness)
    forgetRememberedTokens()
    const again = await Promise.all(Array.from({ length: 5 }, () => getAccessToken('mp')))
    expect(tokenCalls()).toHaveLength(2)
    expect(tokenCalls()[1]!.body).not.toHaveProperty('force_refresh')
    // WeChat still had 7000+ s on it, so it answered the same token; the cache now knows that
    expect(new Set(again)).toEqual(new Set([first]))
    expect((await cachedRow(FAKE_MP_APP.appid))!.secs).toBeGreaterThan(6000)
  })

  it('mini-program and official account tokens are cached apart', async () => {
    const [mp, oa] = await Promise.all([getAccessToken('mp'), getAccessToken('oa')])
    expect(mp).not.toBe(oa)
    expect((await cachedRow(FAKE_OA_APP.appid))?.access_token).toBe(oa)
    expect(ctx.fake.currentToken(FAKE_OA_APP.appid)).toBe(oa)
  })

  it('expired token: one forced refresh, then the send succeeds', async () => {
    const old = await getAccessToken('mp')
    ctx.fake.grantSubscribe('o_stu', TPL, 1)
    ctx.fake.expireTokens()
    ctx.fake.clearRequests()

    const res = await sendSubscribeMessage({
      touser: 'o_stu',
      templateId: TPL,
      page: 'packages/jobs/detail?id=7',
      data: { thing1: '前端开发工程师', thing2: '哈尔滨某科技有限公司', time3: '2026年11月30日 18:00' },
    })
    expect(res.msgid).toMatch(/^\d+$/)
    const calls = ctx.fake.requests.map((r) => [r.path, r.query.access_token === old, r.body])
    expect(calls).toEqual([
      ['/cgi-bin/message/subscribe/send', true, expect.anything()],
      [
        '/cgi-bin/stable_token',
        false,
        {
          grant_type: 'client_credential',
          appid: FAKE_MP_APP.appid,
          secret: FAKE_MP_APP.secret,
          force_refresh: true,
        },
      ],
      ['/cgi-bin/message/subscribe/send', false, expect.anything()],
    ])
    const fresh = ctx.fake.currentToken()
    expect(fresh).not.toBe(old)
    expect(ctx.fake.requests[2]!.query.access_token).toBe(fresh)
    expect((await cachedRow(FAKE_MP_APP.appid))?.access_token).toBe(fresh)
    expect(ctx.fake.requests[0]!.body).toEqual({
      touser: 'o_stu',
      template_id: TPL,
      page: 'packages/jobs/detail?id=7',
      data: {
        thing1: { value: '前端开发工程师' },
        thing2: { value: '哈尔滨某科技有限公司' },
        time3: { value: '2026年11月30日 18:00' },
      },
    })
  })

  it('10 concurrent sends hitting an expired token force exactly one refresh', async () => {
    await getAccessToken('mp')
    ctx.fake.grantSubscribe('o_stu', TPL, 10)
    ctx.fake.expireTokens()
    ctx.fake.clearRequests()
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        sendSubscribeMessage({
          touser: 'o_stu',
          templateId: TPL,
          data: { thing1: `职位 ${i}`, thing2: '公司', time3: '14:00' },
        }),
      ),
    )
    expect(new Set(results.map((r) => r.msgid)).size).toBe(10)
    expect(tokenCalls()).toHaveLength(1)
    expect(tokenCalls()[0]!.body).toMatchObject({ force_refresh: true })
    expect(ctx.fake.subscribeQuota('o_stu', TPL)).toBe(0)
  })

  it('retries only once: a token rejected twice fails with the WechatError', async () => {
    await getAccessToken('mp')
    ctx.fake.clearRequests()
    ctx.fake.failNext('/wxa/', { errcode: 40001, errmsg: 'invalid credential' }, 2)
    await expect(getUnlimitedWxaCode({ scene: 'e=1' })).rejects.toMatchObject({ errcode: 40001 })
    expect(ctx.fake.requests.map((r) => r.path)).toEqual([
      '/wxa/getwxacodeunlimit',
      '/cgi-bin/stable_token',
      '/wxa/getwxacodeunlimit',
    ])
  })

  it('other errors are not retried', async () => {
    await getAccessToken('mp')
    ctx.fake.clearRequests()
    await expect(
      withAccessToken('mp', () =>
        sendSubscribeMessage({
          touser: 'o_nobody',
          templateId: TPL,
          data: { thing1: 'a', thing2: 'b', time3: '14:00' },
        }),
      ),
    ).rejects.toMatchObject({ errcode: 40003 })
    expect(tokenCalls()).toHaveLength(0)
  })

  it('a mini-program code for an event page decodes back to its scene', async () => {
    const png = await getUnlimitedWxaCode({ scene: 'e=42&s=abc', page: 'packages/events/detail', width: 300 })
    expect(png.contentType).toBe('image/png')
    expect(decodePng(png.data).text).toBe('e=42&s=abc')
    await expect(getUnlimitedWxaCode({ scene: 'x'.repeat(33) })).rejects.toMatchObject({ errcode: 40169 })
    await expect(getUnlimitedWxaCode({ scene: 'a', page: 'packages/nope' })).rejects.toMatchObject({
      errcode: 41030,
    })
  })

  it('official-account template message through the oa token', async () => {
    ctx.fake.registerTemplate('oa_tpl', ['thing1', 'phrase2'], 'oa')
    ctx.fake.addFollower('oa_user')
    const res = await sendTemplateMessage({
      touser: 'oa_user',
      templateId: 'oa_tpl',
      miniprogram: { appid: FAKE_MP_APP.appid, pagepath: 'packages/jobs/detail?id=1' },
      data: { thing1: { value: '签约邀请', color: '#173177' }, phrase2: '待处理' },
      clientMsgId: 'push-1',
    })
    expect(res.msgid).toMatch(/^\d+$/)
    const sent = ctx.fake.requestsTo('/cgi-bin/message/template/send').at(-1)!
    expect(sent.query.access_token).toBe(ctx.fake.currentToken(FAKE_OA_APP.appid))
    expect(sent.body).toMatchObject({ data: { phrase2: { value: '待处理' } }, client_msg_id: 'push-1' })
    ctx.fake.removeFollower('oa_user')
    await expect(
      sendTemplateMessage({ touser: 'oa_user', templateId: 'oa_tpl', data: { thing1: 'a', phrase2: '好' } }),
    ).rejects.toMatchObject({ errcode: 43004 })
  })

  it('the cache table is for the service role only: no grant, no policy for anon and authenticated', async () => {
    await getAccessToken('mp')
    const privileges = await withServiceTx('test: privileges', async (db) => {
      const { rows } = await db.query<{ role: string; any: boolean }>(
        `select r as role, has_table_privilege(r, 'public.wechat_access_tokens', 'select, insert, update, delete') as any
           from unnest(array['anon', 'authenticated', 'service_role']) as r`,
      )
      const policies = await db.query(`select 1 from pg_policies where tablename = 'wechat_access_tokens'`)
      const rls = await db.query<{ relrowsecurity: boolean }>(
        `select relrowsecurity from pg_class where oid = 'public.wechat_access_tokens'::regclass`,
      )
      return { rows, policies: policies.rowCount, rls: rls.rows[0]!.relrowsecurity }
    })
    expect(privileges).toEqual({
      rows: [
        { role: 'anon', any: false },
        { role: 'authenticated', any: false },
        { role: 'service_role', any: true },
      ],
      policies: 0,
      rls: true,
    })
    const asUser = { sub: '00000000-0000-0000-0000-000000000001', role: 'authenticated' }
    await expect(
      withUserTx(asUser, (db) => db.query('select access_token from public.wechat_access_tokens')),
    ).rejects.toMatchObject({ code: 'forbidden' })
    await expect(
      withUserTx(null, (db) => db.query('select access_token from public.wechat_access_tokens')),
    ).rejects.toMatchObject({ code: 'forbidden' })
  })
})

describe('the instance’s copy of the token', () => {
  const ctx = withFakeWechat({ pages: ['packages/jobs/detail'] })
  const stableTokenCalls = () => ctx.fake.requestsTo('/cgi-bin/stable_token').length

  it('one read serves the next calls; when another instance replaced the token, its new one is used without a refresh', async () => {
    await withServiceTx('test: clear token cache', (db) =>
      db.query('delete from public.wechat_access_tokens'),
    )
    forgetRememberedTokens()
    ctx.fake.registerTemplate(TPL, ['thing1'])
    ctx.fake.registerUser('o_copy')
    ctx.fake.grantSubscribe('o_copy', TPL, 1)
    const first = await getAccessToken('mp')
    const calls = stableTokenCalls()
    // another instance forces a refresh: WeChat revokes `first`, the table gets the new token
    const other = await fetchStableToken(wechatApp('mp'), true)
    await withServiceTx('test: the other instance stores its token', (db) =>
      db.query('update public.wechat_access_tokens set access_token = $1', [other.accessToken]),
    )
    // this instance still uses its copy; WeChat answers 40001, the table has the new token
    expect(await getAccessToken('mp')).toBe(first)
    const res = await sendSubscribeMessage({
      touser: 'o_copy',
      templateId: TPL,
      data: { thing1: '面试邀请' },
    })
    expect(res.msgid).toBeTruthy()
    expect(stableTokenCalls()).toBe(calls + 1) // only the other instance's refresh
    expect(await getAccessToken('mp')).toBe(other.accessToken)
  })
})
