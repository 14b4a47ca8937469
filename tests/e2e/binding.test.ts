/**
 * First launch in the H5 build against the real API, database and the fake WeChat: 授权登录 (dev WeChat
 * login) → 绑定学籍 with a wrong name (the page names the field and the school's contact) → the right
 * name binds → 我的 shows the record → 个人资料 shows it (full ID number only on 查看), avatar upload,
 * privacy switch; then another WeChat user trying the same record is told it is already bound, and after
 * a few wrong guesses when to try again; the first user unbinds.
 * And the manual review: school staff reject (with a reason the student then reads) and approve.
 */
import type { Locator, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ROSTER } from '../../scripts/db/demo-roster'
import { seed } from '../../scripts/db/seed'
import { ensureH5Build, H5_DIR } from '../../scripts/h5-build'
import { BindingStatus } from '../../src/contracts/binding'
import { ProfileResponse } from '../../src/contracts/profile'
import { callParsed, withApi } from '../support/api'
import { screenshot, withBrowser } from '../support/browser'
import { applyAsNewWechatUser } from '../support/review-applicant'
import { withFakeWechat } from '../wechat/support'

// The fake WeChat first, and the API pointed at it, before withApi starts the API.
const wechat = withFakeWechat()
beforeAll(async () => {
  await ensureH5Build({ quiet: true })
  await seed(process.env.DATABASE_URL!)
})

const api = withApi({ staticDir: H5_DIR })
const browser = withBrowser()

const record = DEMO_ROSTER.find((e) => e.studentNumber === '2023000004')!
const SCHOOL_CONTACT = '010-12345678'
const SCHOOL_1 = '00000000-0000-4000-8000-000000000001'

async function visible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout: 15_000 })
}

/** Waits for a page's slide-in to finish (the element at its resting place), so screenshots are whole. */
async function settled(page: Page, selector: string): Promise<void> {
  await expect.poll(async () => (await page.locator(selector).first().boundingBox())?.x).toBeLessThan(30)
}

async function openTab(page: Page, label: string): Promise<void> {
  await page.locator('.weui-tabbar__item', { hasText: label }).click()
}

/**
 * Waits until 我的 has finished hiding behind the login page. Taro's H5 router hides the previous page on a
 * timer after the slide-in; going back before it fires leaves 我的 hidden (a person never taps that fast).
 */
async function loginPageOpened(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          !!document
            .querySelector('.e2e-me-login')
            ?.closest('.taro_page')
            ?.classList.contains('taro_page_shade'),
      ),
    )
    .toBe(true)
}

/** 我的 → 登录 → 微信授权登录（开发）; a student with no binding lands on 绑定学籍. */
async function wechatLogin(page: Page, opts: { switchUser?: boolean } = {}): Promise<string> {
  await openTab(page, '我的')
  await page.locator('.e2e-me-login').click()
  await visible(page.locator('.e2e-login-wechat'))
  await loginPageOpened(page)
  // the password login is still there for staff and demo accounts
  await visible(page.locator('.e2e-login-account'))
  const idText = page.locator('.e2e-login-dev-openid')
  const before = (await idText.textContent()) ?? ''
  if (opts.switchUser) {
    await page.locator('.e2e-login-wechat-switch').click()
    await expect.poll(() => idText.textContent()).not.toBe(before)
  } else {
    await settled(page, '.e2e-login-wechat')
    await screenshot(page, 'login-wechat')
  }
  const openid = ((await idText.textContent()) ?? '').replace('开发用微信身份：', '')
  expect(openid).toMatch(/^h5dev_[a-z0-9]{16}$/)
  await page.locator('.e2e-login-wechat').click()
  await visible(page.locator('.e2e-bind-submit'))
  return openid
}

async function fillBinding(page: Page, data: { name: string }): Promise<void> {
  if ((await page.locator('.e2e-school-current').count()) === 0) {
    await page.locator('.e2e-school-picker').click()
    await page.locator('.e2e-school-search input').fill('示范大学')
    await page.locator('.e2e-school-option', { hasText: '示范大学' }).click()
  }
  await expect.poll(() => page.locator('.e2e-school-current').textContent()).toBe('示范大学')
  await page.locator('.e2e-bind-student-number input').fill(record.studentNumber)
  await page.locator('.e2e-bind-name input').fill(data.name)
  await page.locator('.e2e-bind-id-card input').fill(record.idCard)
}

/** The access token the page keeps (Taro's H5 storage wraps values as `{ data }`). */
function sessionToken(page: Page): Promise<string> {
  return page.evaluate(() => {
    const raw = localStorage.getItem('jiuye.session')
    return raw ? (JSON.parse(raw) as { data: { accessToken: string } }).data.accessToken : ''
  })
}

function tinyPng(): Buffer {
  const png = new PNG({ width: 4, height: 4 })
  for (let i = 0; i < png.data.length; i += 4) png.data.set([31, 111, 235, 255], i)
  return PNG.sync.write(png)
}

describe('H5: WeChat login and binding to the roster', () => {
  it('a new WeChat user binds after one wrong try, sees the record; a second WeChat user cannot take it', async () => {
    const page = await browser.page()
    const failedApiCalls: string[] = []
    page.on('response', (r) => {
      if (r.url().includes('/api/') && r.status() >= 500) failedApiCalls.push(`${r.status()} ${r.url()}`)
    })
    await page.goto(`${api.url}/#/pages/me/index`)

    // 授权登录: the dev code went through the fake WeChat's code2Session
    const firstOpenid = await wechatLogin(page)
    const logins = wechat.fake.requestsTo('/sns/jscode2session')
    expect(logins).toHaveLength(1)
    expect(logins[0]!.query.js_code).toMatch(new RegExp(`^dev:${firstOpenid}:[a-z0-9]+$`))
    await settled(page, '.e2e-bind-submit')
    await screenshot(page, 'binding-form')

    // a wrong name: the page says what to check (school, number and name together: the API names
    // no field before they all match) and how to reach the school
    await fillBinding(page, { name: '陈小华' })
    await page.locator('.e2e-bind-submit').click()
    const reason = page.locator('.e2e-bind-reason')
    await visible(reason)
    await expect.poll(() => reason.textContent()).toContain('请核对：学校、学号、姓名')
    const reasonText = (await reason.textContent()) ?? ''
    expect(reasonText).not.toContain('姓名与生源库不一致')
    expect(reasonText).toContain('示范大学就业部门')
    expect(reasonText).toContain(SCHOOL_CONTACT)
    await visible(page.locator('.e2e-field-error-name'))
    await screenshot(page, 'binding-wrong-name')

    // the right name binds and leads to 我的 with the record
    await page.locator('.e2e-bind-name input').fill(record.name)
    await page.locator('.e2e-bind-submit').click()
    await visible(page.locator('.e2e-me-binding'))
    await expect.poll(() => page.locator('.e2e-me-name').textContent()).toBe(record.name)
    expect(await page.locator('.e2e-me-binding-state').textContent()).toBe('已绑定')
    expect(await page.locator('.e2e-me-school').textContent()).toBe('示范大学')
    expect(await page.locator('.e2e-me-student-number').textContent()).toBe(record.studentNumber)
    const masked = (await page.locator('.e2e-me-id-card').textContent()) ?? ''
    expect(masked).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/)
    expect(masked).not.toBe(record.idCard)
    await visible(page.locator('.e2e-me-binding', { hasText: '经济管理学院' }))
    await visible(page.locator('.e2e-menu-unbind'))
    await screenshot(page, 'binding-me-bound')

    // 个人资料: the roster record; the full ID number only after 查看
    await page.locator('.e2e-menu-profile').click()
    await expect
      .poll(() => page.locator('.e2e-profile-name').textContent(), { timeout: 15_000 })
      .toBe(record.name)
    expect(await page.locator('.e2e-profile-student-number').textContent()).toBe(record.studentNumber)
    await visible(page.locator('.e2e-profile-record', { hasText: '会计学' }))
    expect(await page.locator('.e2e-profile-id-card').textContent()).toBe(masked)
    await page.locator('.e2e-profile-id-card-toggle').click()
    await expect.poll(() => page.locator('.e2e-profile-id-card').textContent()).toBe(record.idCard)
    await page.locator('.e2e-profile-id-card-toggle').click()
    await expect.poll(() => page.locator('.e2e-profile-id-card').textContent()).toBe(masked)

    // basic info: a bad phone number is marked on its field; a good one saves
    await page.locator('.e2e-profile-phone input').fill('12345')
    await page.locator('.e2e-profile-save').click()
    await visible(page.locator('.e2e-field-error-phone'))
    await page.locator('.e2e-profile-phone input').fill('13800138000')
    await page.locator('.e2e-profile-hometown input').fill('北京市海淀区')
    await page.locator('.e2e-profile-save').click()
    await expect.poll(() => page.locator('.e2e-field-error-phone').count()).toBe(0)

    // avatar: Taro.chooseImage → Taro.uploadFile (multipart, bearer token) → the new picture shows
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.locator('.e2e-profile-avatar-change').click(),
    ])
    await chooser.setFiles({ name: 'avatar.png', mimeType: 'image/png', buffer: tinyPng() })
    await visible(page.locator('.e2e-profile-avatar'))
    await screenshot(page, 'binding-profile')

    // what the page saved is what the API has for this user
    const token = await sessionToken(page)
    const saved = await callParsed(ProfileResponse, api.url, '/api/me/profile', { token })
    expect(saved.body.profile).toMatchObject({ phone: '13800138000', hometown: '北京市海淀区' })
    expect(saved.body.profile.avatarUrl).toBeTruthy()
    expect(saved.body.privacy.resumeSearchable).toBe(false)

    // 隐私设置: a switch saves at once
    await page.goto(`${api.url}/#/pages/me/index`)
    await page.locator('.e2e-menu-privacy').click()
    await visible(page.locator('.e2e-privacy-resume'))
    await page.locator('.e2e-privacy-resume-switch').click()
    await expect
      .poll(
        async () =>
          (await callParsed(ProfileResponse, api.url, '/api/me/profile', { token })).body.privacy
            .resumeSearchable,
      )
      .toBe(true)
    await screenshot(page, 'binding-privacy')

    // log out; 换一个微信用户 is a new WeChat user, and the record is taken
    await page.goto(`${api.url}/#/pages/me/index`)
    await page.locator('.e2e-me-logout').click()
    await page.getByText('确定', { exact: true }).click()
    await visible(page.locator('.e2e-me-login'))
    const secondOpenid = await wechatLogin(page, { switchUser: true })
    expect(secondOpenid).not.toBe(firstOpenid)
    await fillBinding(page, { name: record.name })
    await page.locator('.e2e-bind-submit').click()
    const taken = page.locator('.e2e-bind-already-bound')
    await visible(taken)
    const takenText = (await taken.textContent()) ?? ''
    expect(takenText).toContain('已绑定其他微信账号')
    expect(takenText).toContain('解除原绑定')
    expect(takenText).toContain(SCHOOL_CONTACT)
    await screenshot(page, 'binding-already-bound')

    // guessing: after a few wrong names the API refuses for a while, and the page says until when
    await page.locator('.e2e-bind-name input').fill('陈小华')
    let lastStatus = 0
    for (let i = 0; i < 8 && lastStatus !== 429; i++) {
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/binding') && r.request().method() === 'POST'),
        page.locator('.e2e-bind-submit').click(),
      ])
      lastStatus = res.status()
    }
    expect(lastStatus).toBe(429)
    const limited = page.locator('.e2e-bind-rate-limited')
    await visible(limited)
    expect(await limited.textContent()).toMatch(/请\d+分钟后再试.*可在 \d{2}:\d{2} 之后再次尝试/)
    await screenshot(page, 'binding-rate-limited')

    // the second user is still unbound
    await page.goto(`${api.url}/#/pages/me/index`)
    await visible(page.locator('.e2e-me-unbound'))
    expect(await page.locator('.e2e-me-name').textContent()).toBe('微信用户')

    // back as the first WeChat user (the dev openid is what the browser keeps): 解除绑定 frees the record
    await page.locator('.e2e-me-logout').click()
    await page.getByText('确定', { exact: true }).click()
    await visible(page.locator('.e2e-me-login'))
    await page.evaluate(
      (id) => localStorage.setItem('jiuye.devOpenid', JSON.stringify({ data: id })),
      firstOpenid,
    )
    await page.locator('.e2e-me-login').click()
    await expect.poll(() => page.locator('.e2e-login-dev-openid').textContent()).toContain(firstOpenid)
    await loginPageOpened(page)
    await page.locator('.e2e-login-wechat').click()
    // a bound student goes back to 我的, not to 绑定学籍
    await visible(page.locator('.e2e-me-binding'))
    await page.locator('.e2e-menu-unbind').click()
    await page.getByText('解除', { exact: true }).click()
    await visible(page.locator('.e2e-me-unbound'))
    const after = await callParsed(BindingStatus, api.url, '/api/binding', {
      token: await sessionToken(page),
    })
    expect(after.body).toMatchObject({ verified: false, record: null })
    expect(failedApiCalls).toEqual([])
  })
})

/** A new WeChat user (through the fake) who applies for manual review at 示范大学; returns its tokens. */
function applicant(openid: string, name: string, idFirst17: string) {
  return applyAsNewWechatUser(api.url, wechat.fake, { openid, name, idFirst17, schoolId: SCHOOL_1 })
}

describe('H5: manual review of graduates from elsewhere', () => {
  it('school staff reject with a reason and approve; the student reads the outcome', async () => {
    const rejected = await applicant('o_review_a', '赵外省', '11010119990101011')
    await applicant('o_review_b', '钱外省', '11010119990202022')

    const page = await browser.page()
    await page.goto(`${api.url}/#/pages/me/index`)
    await page.locator('.e2e-me-login').click()
    await loginPageOpened(page)
    await page.locator('.e2e-login-account input').fill('staff1')
    await page.locator('.e2e-login-password input').fill('jiuye123')
    await page.locator('.e2e-login-submit').click()
    await visible(page.locator('.e2e-menu-staff-roster'))
    await page.locator('.e2e-menu-staff-reviews').click()
    await expect.poll(() => page.locator('.e2e-reviews-item').count(), { timeout: 15_000 }).toBe(2)
    await settled(page, '.e2e-reviews-item')
    await screenshot(page, 'reviews-queue')

    // rejecting needs a reason
    const a = page.locator('.e2e-reviews-item', { hasText: '赵外省' })
    await a.locator('.e2e-reviews-reject').click()
    await a.locator('.e2e-reviews-reject-confirm').click()
    await visible(a.locator('.e2e-reviews-error'))
    expect(await a.locator('.e2e-reviews-error').textContent()).toBe('驳回时请填写原因')
    await a.locator('.e2e-reviews-reason textarea').fill('毕业证信息不清晰，请补充说明后重新提交')
    await a.locator('.e2e-reviews-reject-confirm').click()
    await expect.poll(() => page.locator('.e2e-reviews-item').count()).toBe(1)

    const b = page.locator('.e2e-reviews-item', { hasText: '钱外省' })
    await b.locator('.e2e-reviews-approve').click()
    await page.getByText('确定', { exact: true }).click()
    await visible(page.locator('.e2e-reviews-empty'))
    await page.locator('.e2e-reviews-filter-rejected').click()
    await visible(page.locator('.e2e-reviews-item', { hasText: '毕业证信息不清晰' }))

    // the rejected student sees why on the review page and may apply again
    const student = await browser.page()
    await student.addInitScript((s) => {
      localStorage.setItem(
        'jiuye.session',
        JSON.stringify({ data: { ...s, expiresAt: Date.now() + s.expiresIn * 1000 } }),
      )
    }, rejected)
    await student.goto(`${api.url}/#/packages/binding/pages/review/index`)
    await expect
      .poll(() => student.locator('.e2e-review-status').textContent(), { timeout: 15_000 })
      .toBe('未通过')
    expect(await student.locator('.e2e-review-reason').textContent()).toBe(
      '毕业证信息不清晰，请补充说明后重新提交',
    )
    await visible(student.locator('.e2e-review-submit'))
    await screenshot(student, 'review-rejected')
  })
})
