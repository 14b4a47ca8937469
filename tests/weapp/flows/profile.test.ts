/**
 * Profile edit and privacy in the mini-program build (dist/weapp) run by the headless runtime, against
 * the real API and database: a bound student logs in (账号登录), opens 我的 → 个人资料, is stopped by the
 * form's own check on a bad phone number (the Chinese field error, nothing sent), saves phone, e-mail,
 * hometown and intro, and on reopening the page reads them back; then 我的 → 隐私设置 flips a switch, which
 * the API keeps and a reopened page shows. Assertions are on the rendered text and on the API's state.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { BindingStatus } from '../../../src/contracts/binding'
import { ProfileResponse } from '../../../src/contracts/profile'
import { expectOk, withApi } from '../../support/api'
import { loginAs, makeSchool, makeUser, TEST_PASSWORD, type TestUser } from '../../support/fixtures'
import { makeRosterEntry, type RosterFixture } from '../../support/roster-fixtures'
import { MiniProgram } from '../runtime/runtime'
import { textOf } from '../runtime/wxml'
import { weappDir } from '../support/build'
import { loginWithPassword } from './password-login'

const api = withApi()
const PROFILE = 'packages/profile/pages/edit/index'
const PRIVACY = 'packages/profile/pages/privacy/index'

let student: TestUser
let record: RosterFixture
let token: string
beforeAll(async () => {
  const schoolId = await makeSchool()
  record = await makeRosterEntry(schoolId, { name: '周小资' })
  student = await makeUser({ role: 'student', schoolId, name: '周小资' })
  token = await loginAs(api.url, student)
  // bound through the API, as the first-launch flow binds through the pages
  const bound = await expectOk(BindingStatus, api.url, '/api/binding', {
    token,
    headers: { 'idempotency-key': `weapp-profile-${student.id}` },
    body: {
      schoolId,
      studentNumber: record.studentNumber,
      name: record.name,
      idCard: record.idCard,
    },
  })
  expect(bound.record?.studentNumber).toBe(record.studentNumber)
})

let mp: MiniProgram | undefined
afterEach(() => {
  // close() fails the test when the program failed after its last step
  mp?.close()
  mp = undefined
})

async function loggedIn(): Promise<MiniProgram> {
  const program = new MiniProgram({ dir: weappDir(), apiUrl: api.url })
  await program.launch()
  await loginWithPassword(program, { login: student.login, password: TEST_PASSWORD, displayName: '周小资' })
  return program
}

async function profileNow(): Promise<ProfileResponse> {
  return expectOk(ProfileResponse, api.url, '/api/me/profile', { token })
}

/** 我的 → a menu row → its page, loaded (its `ready` selector rendered). */
async function openFromMe(p: MiniProgram, menu: string, route: string, ready: string): Promise<void> {
  await p.tap(`.e2e-menu-${menu}`)
  await p.onPage(route)
  await p.one(ready)
}

/** The system back button. */
async function back(p: MiniProgram): Promise<void> {
  p.wx.navigateBack({ delta: 1 })
  await p.onPage('pages/me/index')
}

describe('weapp: profile and privacy', () => {
  it('a bad phone shows the field error; saved fields show again when 个人资料 is reopened', async () => {
    mp = await loggedIn()
    await openFromMe(mp, 'profile', PROFILE, '.e2e-profile-phone')
    const page = mp.text()
    // the roster record, read-only, the ID number masked
    const recordText = textOf(await mp.one('.e2e-profile-record'))
    expect(recordText).toContain(record.studentNumber)
    expect(recordText).not.toContain(record.idCard)
    expect(recordText).toContain(`${record.idCard.slice(0, 4)}${'*'.repeat(10)}${record.idCard.slice(-4)}`)
    expect(page).toContain('[11位手机号]')

    // a bad phone: the field's Chinese error, and nothing is sent
    await mp.fill('.e2e-profile-phone', '1234567')
    await mp.tap('.e2e-profile-save')
    const phoneError = await mp.one('.e2e-field-error-phone')
    expect(textOf(phoneError)).toBe('请输入11位手机号')
    expect(mp.requests.filter((r) => r.startsWith('PUT /api/me/profile'))).toEqual([])
    expect((await profileNow()).profile.phone).toBeNull()

    await mp.fill('.e2e-profile-phone', '13812345678')
    // typing again clears the field's error
    expect(mp.query('.e2e-field-error-phone')).toEqual([])
    await mp.fill('.e2e-profile-email', 'zhou.xz@example.com')
    await mp.fill('.e2e-profile-hometown', '浙江省杭州市')
    await mp.fill('.e2e-profile-intro', '热爱软件工程，期待在杭州工作。')
    await mp.tap('.e2e-profile-save')
    await mp.waitFor('the 已保存 toast', () => mp?.toasts.some((t) => t.title === '已保存'))
    expect(mp.requests).toContain('PUT /api/me/profile 200')
    expect((await profileNow()).profile).toMatchObject({
      phone: '13812345678',
      email: 'zhou.xz@example.com',
      hometown: '浙江省杭州市',
      intro: '热爱软件工程，期待在杭州工作。',
    })

    // reopened: a new page, filled from the API
    await back(mp)
    await openFromMe(mp, 'profile', PROFILE, '.e2e-profile-phone')
    const reopened = await mp.waitForText('13812345678')
    expect(reopened).toContain('zhou.xz@example.com')
    expect(reopened).toContain('浙江省杭州市')
    expect(reopened).toContain('热爱软件工程，期待在杭州工作。')
    expect(reopened).not.toContain('请输入11位手机号')
  })

  it('a privacy switch saves at once; the API keeps it and the reopened page shows it', async () => {
    const before = (await profileNow()).privacy
    mp = await loggedIn()
    await openFromMe(mp, 'privacy', PRIVACY, '.e2e-privacy-phone-switch')
    expect(mp.text()).toContain('向用人单位显示手机号')
    const shown = (await mp.one('.e2e-privacy-phone-switch')).attrs.checked === true
    expect(shown).toBe(before.phoneVisible)

    await mp.toggle('.e2e-privacy-phone-switch')
    await mp.waitFor('the 已保存 toast', () => mp?.toasts.some((t) => t.title === '已保存'))
    expect(mp.requests).toContain('PUT /api/me/privacy 200')
    const after = (await profileNow()).privacy
    expect(after).toEqual({ ...before, phoneVisible: !before.phoneVisible })

    await back(mp)
    await openFromMe(mp, 'privacy', PRIVACY, '.e2e-privacy-phone-switch')
    await mp.waitFor('the switch to show the saved state', () => {
      const s = mp?.query('.e2e-privacy-phone-switch')[0]
      return s && (s.attrs.checked === true) === !before.phoneVisible && !s.attrs.disabled
    })
    // the other switch did not move
    expect((await mp.one('.e2e-privacy-resume-switch')).attrs.checked === true).toBe(before.resumeSearchable)
  })
})
