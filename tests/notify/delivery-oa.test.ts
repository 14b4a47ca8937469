/**
 * Official-account template messages (issue 13 item 4) against the fake WeChat: the follower
 * sync stores who follows the account with their unionids; a job push to a student who follows
 * goes out as the account's template message opening the mini-program page (no subscription
 * credit spent), one who does not follow gets the subscribe message; an unfollow seen by the
 * next sync switches the student back.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { type Notification, notifyMany } from '../../api/_lib/notify'
import { syncOaFollowers } from '../../api/_lib/notify/oa-followers'
import { drainDeliveries } from '../../api/_lib/notify/sender'
import { templateKeywords } from '../../api/_lib/notify/templates'
import { FAKE_MP_APP, FAKE_OA_APP } from '../fakes/wechat/server'
import { withFileEnv } from '../support/env'
import { makeSchool } from '../support/fixtures'
import { withFakeWechat } from '../wechat/support'
import { creditsOf, deliveriesOf, type WechatStudent, wechatStudent } from './support'

const MP_TPL = 'tpl-job-pushed'
const OA_TPL = 'oa-tpl-job-pushed'
const wx = withFakeWechat({
  templates: [
    { id: MP_TPL, keywords: templateKeywords('job_pushed') },
    { id: OA_TPL, keywords: templateKeywords('job_pushed'), kind: 'oa' },
  ],
  pages: ['packages/jobs/pages/detail/index'],
})
withFileEnv({ WECHAT_TPL_JOB_PUSHED: MP_TPL, WECHAT_OA_TPL_JOB_PUSHED: OA_TPL })
let school: string

beforeAll(async () => {
  school = await makeSchool('公众号测试大学')
})

/** A student whose mini-program identity carries `unionid`, following the account as `oaOpenid`. */
async function follower(unionid: string, oaOpenid: string): Promise<WechatStudent> {
  const s = await wechatStudent(wx.fake, school, { [MP_TPL]: 1 })
  await withServiceTx('test fixture', (db) =>
    db.query('update public.wechat_identities set unionid = $2 where user_id = $1', [s.id, unionid]),
  )
  wx.fake.addFollower(oaOpenid, unionid)
  return s
}

const push = (to: string): Notification => ({
  kind: 'job_pushed',
  to,
  jobId: '00000000-0000-4000-8000-0000000000aa',
  jobTitle: '后端开发工程师',
  companyName: '云帆网络',
  reasons: ['城市：杭州', '职位类别：技术'],
})

describe('official-account template messages', () => {
  it('the sync stores the followers with their unionids', async () => {
    await follower('u_sync_1', 'oa_sync_1')
    const r = await syncOaFollowers()
    expect(r.configured).toBe(true)
    expect(r.followers).toBeGreaterThanOrEqual(1)
    const rows = await withServiceTx('test check', async (db) => {
      const { rows } = await db.query(
        'select unionid, following from public.oa_followers where oa_openid = $1',
        ['oa_sync_1'],
      )
      return rows
    })
    expect(rows).toEqual([{ unionid: 'u_sync_1', following: true }])
  })

  it('a follower gets the account’s template message opening the mini-program page; no credit is spent', async () => {
    const s = await follower('u_push_1', 'oa_push_1')
    await syncOaFollowers()
    await withServiceTx('test notify', (db) => notifyMany(db, [push(s.id)]))
    await drainDeliveries()
    const sent = wx.fake.messages.filter((m) => m.touser === 'oa_push_1')
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ kind: 'template', template_id: OA_TPL })
    expect(sent[0]!.miniprogram?.appid).toBe(FAKE_MP_APP.appid)
    expect(sent[0]!.miniprogram?.pagepath).toMatch(/^packages\/jobs\/pages\/detail\/index\?id=.+&mid=/)
    expect((sent[0]!.data as Record<string, { value: string }>).thing1!.value).toBe('后端开发工程师')
    expect(wx.fake.messages.filter((m) => m.touser === s.openid)).toHaveLength(0)
    expect(await creditsOf(s.id, MP_TPL)).toBe(1)
    expect((await deliveriesOf(s.id))[0]).toMatchObject({ status: 'sent' })
  })

  it('a student who does not follow gets the subscribe message; after an unfollow, so does a former follower', async () => {
    const plain = await wechatStudent(wx.fake, school, { [MP_TPL]: 1 })
    const former = await follower('u_gone_1', 'oa_gone_1')
    await syncOaFollowers()
    wx.fake.removeFollower('oa_gone_1')
    await syncOaFollowers()
    await withServiceTx('test notify', (db) => notifyMany(db, [push(plain.id), push(former.id)]))
    await drainDeliveries()
    for (const s of [plain, former]) {
      const sent = wx.fake.messages.filter((m) => m.touser === s.openid)
      expect(sent).toHaveLength(1)
      expect(sent[0]).toMatchObject({ kind: 'subscribe', template_id: MP_TPL })
      expect(await creditsOf(s.id, MP_TPL)).toBe(0)
    }
    expect(wx.fake.messages.filter((m) => m.touser === 'oa_gone_1')).toHaveLength(0)
  })

  it('without an official account configured the sync does nothing', async () => {
    const saved = { id: process.env.WECHAT_OA_APPID, secret: process.env.WECHAT_OA_SECRET }
    delete process.env.WECHAT_OA_APPID
    try {
      expect(await syncOaFollowers()).toEqual({ followers: 0, withUnionid: 0, configured: false })
    } finally {
      process.env.WECHAT_OA_APPID = saved.id ?? FAKE_OA_APP.appid
    }
  })
})
