/**
 * First launch in the mini-program build (dist/weapp) run by the headless runtime, against the real API,
 * database and the fake WeChat: 我的 → 登录 → 微信授权登录 (`wx.login` → a code the fake WeChat issued →
 * POST /api/auth/wechat) → 绑定学籍 with a wrong name (the page shows the refusal) → the right name →
 * 我的 shows the record. Assertions are on the text the page renders.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ROSTER } from '../../../scripts/db/demo-roster'
import { seed } from '../../../scripts/db/seed'
import { withApi } from '../../support/api'
import { withFakeWechat } from '../../wechat/support'
import { MiniProgram } from '../runtime/runtime'
import { textOf } from '../runtime/wxml'
import { weappDir } from '../support/build'

// The fake WeChat first, and the API pointed at it, before withApi starts the API.
const wechat = withFakeWechat()
beforeAll(async () => {
  await seed(process.env.DATABASE_URL!)
})
const api = withApi()

const record = DEMO_ROSTER.find((e) => e.studentNumber === '2023000004')!
const SCHOOL_CONTACT = '010-12345678'

let mp: MiniProgram | undefined
afterEach(() => {
  // close() fails the test when the program failed after its last step
  mp?.close()
  mp = undefined
})

describe('weapp: first launch', () => {
  it('logs in through wx.login, binds after one wrong name, and 我的 shows the record', async () => {
    const openid = 'o_weapp_first_launch'
    mp = new MiniProgram({
      dir: weappDir(),
      apiUrl: api.url,
      login: () => wechat.fake.issueLoginCode({ openid }),
    })
    await mp.launch()
    expect(mp.routes).toEqual(['pages/index/index'])

    // 我的, not logged in → 登录 → 微信授权登录
    await mp.tapTab('我的')
    expect(await mp.waitForText('未登录')).toContain('登录后可查看个人信息与办理就业手续')
    await mp.tap('.e2e-me-login')
    await mp.onPage('packages/account/pages/login/index')
    const login = await mp.waitForText('学生登录')
    expect(login).toContain('微信授权登录')
    // the dev login of H5 builds is not in the mini-program
    expect(login).not.toContain('开发')
    await mp.tap('.e2e-login-wechat')

    // the code came from wx.login and went through the fake WeChat's code2Session
    await mp.onPage('packages/binding/pages/bind/index')
    const logins = wechat.fake.requestsTo('/sns/jscode2session')
    expect(logins).toHaveLength(1)
    expect(mp.requests).toContain('POST /api/auth/wechat 200')
    expect(mp.routes).toEqual(['pages/me/index', 'packages/binding/pages/bind/index'])

    // 绑定学籍: pick the school, then a wrong name
    await mp.one('.e2e-bind-submit')
    await mp.tap('.e2e-school-picker')
    await mp.fill('.e2e-school-search', '示范大学')
    await mp.tap('.e2e-school-option')
    expect((await mp.one('.e2e-school-current')).children[0]?.value).toBe('示范大学')
    await mp.fill('.e2e-bind-student-number', record.studentNumber)
    await mp.fill('.e2e-bind-name', '陈小华')
    await mp.fill('.e2e-bind-id-card', record.idCard)
    await mp.tap('.e2e-bind-submit')
    const refused = await mp.waitForText('未能在学校生源库中核对到你的信息')
    expect(refused).toContain('请核对：学校、学号、姓名')
    expect(refused).toContain('示范大学就业部门')
    expect(refused).toContain(SCHOOL_CONTACT)
    expect(refused).not.toContain('姓名与生源库不一致')
    await mp.one('.e2e-field-error-name')
    expect(mp.routes.at(-1)).toBe('packages/binding/pages/bind/index')

    // the right name binds; the page goes back to 我的, which shows the record
    await mp.fill('.e2e-bind-name', record.name)
    await mp.tap('.e2e-bind-submit')
    await mp.onPage('pages/me/index')
    expect(mp.routes).toEqual(['pages/me/index'])
    expect(mp.toasts.map((t) => t.title)).toContain('绑定成功')
    const me = await mp.waitForText('已绑定')
    const bindingText = textOf(await mp.one('.e2e-me-binding'))
    expect(bindingText).toContain('示范大学')
    expect(bindingText).toContain(record.studentNumber)
    expect(bindingText).toContain('经济管理学院')
    expect(bindingText).not.toContain(record.idCard)
    expect(bindingText).toMatch(/\d{4}\*{10}\d{3}[\dX]/)
    expect(me).toContain(record.name)
    expect(me).toContain('退出登录')
    // the same page as WeChat's compiled WXML draws it (the runtime failed on any warning it emitted)
    const compiled = mp.compiledText()
    for (const part of ['已绑定', '示范大学', record.studentNumber]) expect(compiled).toContain(part)
  })
})
