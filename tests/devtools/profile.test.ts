/**
 * Profile edit and the privacy switch in WeChat DevTools: a bad phone number is marked on its field, a good
 * one saves, and a privacy switch saves at once — each checked against what the API then holds.
 */
import { describe, expect, it } from 'vitest'
import { ProfileResponse } from '../../src/contracts/profile'
import { callParsed } from '../support/api'
import { el, fill, onPage, passwordLogin, textContaining, waitUntil, withDevtools } from './support/devtools'

const stack = withDevtools()

async function token(): Promise<string> {
  const session = (await stack.mp.callWxMethod('getStorageSync', 'jiuye.session')) as { accessToken?: string }
  if (!session?.accessToken) throw new Error('no session in the mini-program storage')
  return session.accessToken
}

async function profile() {
  return (await callParsed(ProfileResponse, stack.apiUrl, '/api/me/profile', { token: await token() })).body
}

describe('DevTools: profile and privacy', () => {
  it('saves the basic info after a refused phone number, and a privacy switch at once', async () => {
    const { mp } = stack
    const me = await passwordLogin(mp, 'student1')
    await (await el(me, '.e2e-menu-profile')).tap()
    const edit = await onPage(mp, 'packages/profile/pages/edit/index')
    await el(edit, '.e2e-profile-save')

    await fill(edit, '.e2e-profile-phone', '12345')
    await (await el(edit, '.e2e-profile-save')).tap()
    expect(await textContaining(edit, '.e2e-field-error-phone', '11位手机号')).toBe('请输入11位手机号')
    expect((await profile()).profile.phone).not.toBe('12345')

    await fill(edit, '.e2e-profile-phone', '13800138000')
    await fill(edit, '.e2e-profile-hometown', '北京市海淀区')
    await (await el(edit, '.e2e-profile-save')).tap()
    await waitUntil('the phone error to go', async () => (await edit.$('.e2e-field-error-phone')) === null)
    await waitUntil('the profile saved', async () => (await profile()).profile.phone === '13800138000')
    expect((await profile()).profile).toMatchObject({ phone: '13800138000', hometown: '北京市海淀区' })

    // reopened, the page shows what was saved
    const me2 = await mp.switchTab('/pages/me/index')
    await (await el(me2!, '.e2e-menu-profile')).tap()
    const reopened = await onPage(mp, 'packages/profile/pages/edit/index')
    await waitUntil('the saved phone shown', async () => {
      return (await (await el(reopened, '.e2e-profile-phone')).value()) === '13800138000'
    })
    expect(await (await el(reopened, '.e2e-profile-hometown')).value()).toBe('北京市海淀区')

    const before = (await profile()).privacy.resumeSearchable
    const back = await mp.switchTab('/pages/me/index')
    await (await el(back!, '.e2e-menu-privacy')).tap()
    const privacy = await onPage(mp, 'packages/profile/pages/privacy/index')
    const resume = await el(privacy, '.e2e-privacy-resume-switch')
    expect(await resume.property('checked')).toBe(before)
    await resume.tap()
    await waitUntil(
      'the privacy switch saved',
      async () => (await profile()).privacy.resumeSearchable === !before,
    )
    expect(await resume.property('checked')).toBe(!before)
  })
})
