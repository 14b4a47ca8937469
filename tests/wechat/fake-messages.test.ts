import { beforeAll, describe, expect, it } from 'vitest'
import { FAKE_MP_APP, FAKE_OA_APP } from '../fakes/wechat/server'
import { type Json, postJson, tokenFor, withFakeWechat } from './support'

const TPL = 'tpl_interview_invite'
const TPL_ALL = 'tpl_all_types'
const OA_TPL = 'oa_tpl_review_result'

describe('fake WeChat: POST /cgi-bin/message/subscribe/send', () => {
  const ctx = withFakeWechat({ pages: ['pages/index/index'] })
  let token = ''
  beforeAll(async () => {
    const { fake } = ctx
    token = await tokenFor(fake)
    fake.registerTemplate(TPL, ['thing1', 'time2', 'phrase3'])
    fake.registerPages('packages/inbox/detail')
    fake.registerUser('o_stu')
  })
  const send = (body: Json, t = token) =>
    postJson(ctx.fake.url, '/cgi-bin/message/subscribe/send', body, { access_token: t }).then((r) => r.json!)
  const valid = (over: Json = {}): Json => ({
    touser: 'o_stu',
    template_id: TPL,
    page: 'packages/inbox/detail?id=42',
    data: {
      thing1: { value: '面试邀请：前端工程师' },
      time2: { value: '2026年11月24日 14:00' },
      phrase3: { value: '待确认' },
    },
    miniprogram_state: 'developer',
    lang: 'zh_CN',
    ...over,
  })

  it('sends while the user has quota, each send using one; then 43101', async () => {
    const { fake } = ctx
    fake.grantSubscribe('o_stu', TPL, 2)
    expect(fake.subscribeQuota('o_stu', TPL)).toBe(2)
    const first = await send(valid())
    expect(first).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) })
    const second = await send(valid())
    expect(second.msgid).not.toBe(first.msgid)
    expect(fake.subscribeQuota('o_stu', TPL)).toBe(0)
    const third = await send(valid())
    expect(third.errcode).toBe(43101)
    expect(third.errmsg).toMatch(/^user refuse to accept the msg rid: /)

    const sent = fake.messages.filter((m) => m.kind === 'subscribe')
    expect(sent.map((m) => m.msgid)).toEqual([first.msgid, second.msgid])
    expect(sent[0]).toMatchObject({ touser: 'o_stu', template_id: TPL, page: 'packages/inbox/detail?id=42' })
    const rec = fake.requestsTo('/cgi-bin/message/subscribe/send').at(-1)!
    expect(rec.query).toEqual({ access_token: token })
    expect(rec.body).toEqual(valid())
  })

  it('a user who logged in through the fake is known', async () => {
    const code = ctx.fake.issueLoginCode({ openid: 'o_logged_in' })
    await fetch(
      `${ctx.fake.url}/sns/jscode2session?appid=${FAKE_MP_APP.appid}&secret=${FAKE_MP_APP.secret}&js_code=${code}&grant_type=authorization_code`,
    )
    ctx.fake.grantSubscribe('o_logged_in', TPL)
    expect((await send(valid({ touser: 'o_logged_in' }))).errcode).toBe(0)
  })

  it('40003 unknown openid, 40037 unknown template, 41030 unknown page', async () => {
    ctx.fake.grantSubscribe('o_stu', TPL, 5)
    expect((await send(valid({ touser: 'o_stranger' }))).errcode).toBe(40003)
    expect((await send(valid({ template_id: 'tpl_nope' }))).errcode).toBe(40037)
    expect((await send(valid({ page: 'pages/nope/index' }))).errcode).toBe(41030)
    // no page: no jump, fine
    expect((await send(valid({ page: undefined }))).errcode).toBe(0)
    // a refused send uses no quota
    expect(ctx.fake.subscribeQuota('o_stu', TPL)).toBe(4)
  })

  it('47003 for missing, unknown or invalid values, and bad miniprogram_state/lang', async () => {
    ctx.fake.grantSubscribe('o_stu', TPL, 1)
    const before = ctx.fake.subscribeQuota('o_stu', TPL)
    const data = valid().data as Json
    const cases: [Json, RegExp][] = [
      [{ data: { ...data, thing1: { value: '' } } }, /data\.thing1\.value is empty/],
      [{ data: { time2: data.time2, phrase3: data.phrase3 } }, /data\.thing1\.value is empty/],
      [{ data: { ...data, thing9: { value: 'x' } } }, /data\.thing9/],
      [
        { data: { ...data, thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } } },
        /data\.thing1\.value/,
      ],
      [{ data: { ...data, phrase3: { value: '待确认的状态' } } }, /data\.phrase3\.value/],
      [{ data: { ...data, time2: { value: '明天下午' } } }, /data\.time2\.value/],
      [{ miniprogram_state: 'beta' }, /miniprogram_state/],
      [{ lang: 'fr_FR' }, /lang/],
    ]
    for (const [over, msg] of cases) {
      const res = await send(valid(over))
      expect(res.errcode, JSON.stringify(over)).toBe(47003)
      expect(res.errmsg).toMatch(msg)
    }
    expect(ctx.fake.subscribeQuota('o_stu', TPL)).toBe(before)
  })

  it('validates every keyword type as WeChat documents it', async () => {
    const keys = ['thing1', 'number2', 'letter3', 'symbol4', 'character_string5', 'time6', 'date7', 'amount8']
    const more = ['phone_number9', 'car_number10', 'name11', 'phrase12']
    ctx.fake.registerTemplate(TPL_ALL, [...keys, ...more])
    ctx.fake.grantSubscribe('o_stu', TPL_ALL, 100)
    const good: Record<string, string> = {
      thing1: '校园招聘会 A 区 3 号展位',
      number2: '3.14',
      letter3: 'ABCdef',
      symbol4: '!?#',
      character_string5: 'TICKET-2026_001',
      time6: '15:01 ~ 17:30',
      date7: '2026-11-24 09:00',
      amount8: '¥1500.50',
      phone_number9: '+86-0451-86412345',
      car_number10: '黑A12345',
      name11: '欧阳娜娜',
      phrase12: '已通过',
    }
    const data = (over: Record<string, string>) =>
      Object.fromEntries(Object.entries({ ...good, ...over }).map(([k, v]) => [k, { value: v }]))
    const body = (over: Record<string, string> = {}) => valid({ template_id: TPL_ALL, data: data(over) })
    expect((await send(body())).errcode).toBe(0)
    const goodToo: Record<string, string>[] = [
      { time6: '2019年10月1日 15:01' },
      { date7: '2019年10月1日' },
      { date7: '2026年11月24日 ~ 2026年11月26日' },
      { amount8: '1500元' },
      { name11: 'Jane Doe' },
      { number2: '12345678901234567890123456789012' },
      { thing1: '二十个字以内的事物名称二十个字以内的事' },
    ]
    for (const over of goodToo) expect((await send(body(over))).errcode, JSON.stringify(over)).toBe(0)
    const bad: Record<string, string>[] = [
      { thing1: '这是一个超过二十个字符长度的事物名称会被拒绝' },
      { number2: '12a' },
      { number2: '1'.repeat(33) },
      { letter3: 'abc1' },
      { symbol4: '!!!!!!' },
      { symbol4: 'a!' },
      { character_string5: '中文' },
      { character_string5: 'x'.repeat(33) },
      { time6: '25:00' },
      { date7: '2026年11月' },
      { amount8: '1,500' },
      { amount8: '12345678901' },
      { phone_number9: '123456789012345678' },
      { phone_number9: 'tel:123' },
      { car_number10: '黑A123456789' },
      { car_number10: 'A黑1234' },
      { name11: '一二三四五六七八九十一' },
      { name11: 'a'.repeat(21) },
      { phrase12: 'OK' },
      { phrase12: '一二三四五六' },
    ]
    for (const over of bad) expect((await send(body(over))).errcode, JSON.stringify(over)).toBe(47003)
  })

  it('needs the mini-program token: 40001 unknown, 42001 expired', async () => {
    expect((await send(valid(), `86_${'x'.repeat(100)}`)).errcode).toBe(40001)
    const oa = await tokenFor(ctx.fake, FAKE_OA_APP)
    expect((await send(valid(), oa)).errcode).toBe(48001)
    ctx.fake.expireTokens()
    expect((await send(valid())).errcode).toBe(42001)
    token = await tokenFor(ctx.fake)
  })
})

describe('fake WeChat: POST /cgi-bin/message/template/send (official account)', () => {
  const ctx = withFakeWechat()
  let token = ''
  beforeAll(async () => {
    token = await tokenFor(ctx.fake, FAKE_OA_APP)
    ctx.fake.registerTemplate(OA_TPL, ['thing1', 'phrase2', 'time3'], 'oa')
    ctx.fake.addFollower('oa_follower')
  })
  const send = (body: Json, t = token) =>
    postJson(ctx.fake.url, '/cgi-bin/message/template/send', body, { access_token: t }).then((r) => r.json!)
  const valid = (over: Json = {}): Json => ({
    touser: 'oa_follower',
    template_id: OA_TPL,
    url: 'https://example.edu.cn/jobs/1',
    miniprogram: { appid: FAKE_MP_APP.appid, pagepath: 'packages/inbox/detail?id=1' },
    data: {
      thing1: { value: '生源信息审核', color: '#173177' },
      phrase2: { value: '已通过' },
      time3: { value: '2026年11月24日 10:00' },
    },
    ...over,
  })

  it('sends to a follower and answers a msgid', async () => {
    const res = await send(valid())
    expect(res).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) })
    expect(ctx.fake.messages.at(-1)).toMatchObject({
      kind: 'template',
      touser: 'oa_follower',
      template_id: OA_TPL,
      url: 'https://example.edu.cn/jobs/1',
      miniprogram: { appid: FAKE_MP_APP.appid, pagepath: 'packages/inbox/detail?id=1' },
    })
  })

  it('40003 for an openid the account never saw; 43004 once a follower unfollowed', async () => {
    expect((await send(valid({ touser: 'oa_stranger' }))).errcode).toBe(40003)
    ctx.fake.addFollower('oa_leaver')
    expect((await send(valid({ touser: 'oa_leaver' }))).errcode).toBe(0)
    ctx.fake.removeFollower('oa_leaver')
    const res = await send(valid({ touser: 'oa_leaver' }))
    expect(res.errcode).toBe(43004)
    expect(res.errmsg).toMatch(/^require subscribe/)
  })

  it('40037 unknown template (a mini-program template id does not count), 47003 bad data', async () => {
    ctx.fake.registerTemplate('mp_only', ['thing1'])
    expect((await send(valid({ template_id: 'nope' }))).errcode).toBe(40037)
    expect((await send(valid({ template_id: 'mp_only' }))).errcode).toBe(40037)
    expect((await send(valid({ data: { thing1: { value: 'x' } } }))).errcode).toBe(47003)
    expect((await send(valid({ miniprogram: { appid: 'wxunknown' } }))).errcode).toBe(40013)
  })

  it('needs the official account token (48001 with the mini-program one)', async () => {
    const mp = await tokenFor(ctx.fake, FAKE_MP_APP)
    expect((await send(valid(), mp)).errcode).toBe(48001)
  })
})
