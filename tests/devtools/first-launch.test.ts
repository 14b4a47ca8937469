/**
 * First launch in WeChat DevTools (the same flow as tests/weapp/flows/first-launch.test.ts in the headless
 * runtime): 我的 → 登录 → 微信授权登录 (`wx.login`, mocked to return a code the fake WeChat issued →
 * POST /api/auth/wechat → code2Session at the fake) → 绑定学籍 with a wrong name, then the right one →
 * 我的 shows the record.
 */
import { describe, expect, it } from 'vitest'
import { DEMO_ROSTER } from '../../scripts/db/demo-roster'
import { el, fill, mockLogin, onPage, textContaining, withDevtools } from './support/devtools'

const stack = withDevtools()
const record = DEMO_ROSTER.find((e) => e.studentNumber === '2023000004')!
const SCHOOL_CONTACT = '010-12345678'

describe('DevTools: first launch', () => {
  it('logs in through wx.login, binds after one wrong name, and 我的 shows the record', async () => {
    const { mp, fake } = stack
    await mockLogin(mp, fake.issueLoginCode({ openid: 'o_devtools_first_launch' }))

    const me = await mp.switchTab('/pages/me/index')
    expect(await textContaining(me!, '.me-card__name', '未登录')).toBe('未登录')
    await (await el(me!, '.e2e-me-login')).tap()
    const login = await onPage(mp, 'packages/account/pages/login/index')
    expect(await (await el(login, '.e2e-login-wechat')).text()).toContain('微信授权登录')
    // the dev login of H5 builds is not in the mini-program
    expect(await login.$('.e2e-login-dev-openid')).toBeNull()
    await (await el(login, '.e2e-login-wechat')).tap()

    const bind = await onPage(mp, 'packages/binding/pages/bind/index')
    expect(fake.requestsTo('/sns/jscode2session')).toHaveLength(1)
    expect((await mp.pageStack()).map((p) => p.path)).toEqual([
      'pages/me/index',
      'packages/binding/pages/bind/index',
    ])

    await (await el(bind, '.e2e-school-picker')).tap()
    await fill(bind, '.e2e-school-search', '示范大学')
    await (await el(bind, '.e2e-school-option')).tap()
    expect(await textContaining(bind, '.e2e-school-current', '示范大学')).toContain('示范大学')
    await fill(bind, '.e2e-bind-student-number', record.studentNumber)
    await fill(bind, '.e2e-bind-name', '陈小华')
    await fill(bind, '.e2e-bind-id-card', record.idCard)
    await (await el(bind, '.e2e-bind-submit')).tap()
    const refused = await textContaining(bind, '.e2e-bind-reason', '请核对：学校、学号、姓名')
    expect(refused).toContain('示范大学就业部门')
    expect(refused).toContain(SCHOOL_CONTACT)
    expect(refused).not.toContain('姓名与生源库不一致')
    await el(bind, '.e2e-field-error-name')
    expect((await mp.currentPage())?.path).toBe('packages/binding/pages/bind/index')

    await fill(bind, '.e2e-bind-name', record.name)
    await (await el(bind, '.e2e-bind-submit')).tap()
    const back = await onPage(mp, 'pages/me/index')
    expect(await textContaining(back, '.e2e-me-binding-state', '已绑定')).toBe('已绑定')
    expect(await textContaining(back, '.e2e-me-name', record.name)).toBe(record.name)
    expect(await (await el(back, '.e2e-me-school')).text()).toBe('示范大学')
    expect(await (await el(back, '.e2e-me-student-number')).text()).toBe(record.studentNumber)
    const masked = await (await el(back, '.e2e-me-id-card')).text()
    expect(masked).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/)
    expect(masked).not.toBe(record.idCard)
    expect(await (await el(back, '.e2e-me-binding')).text()).toContain('经济管理学院')
  })
})
