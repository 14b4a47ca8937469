/**
 * The mini-program's account + password login (登录 page, 账号登录), driven as a user would: 我的 → 登录 →
 * 账号/密码 → 登录, back on 我的 with the account's name shown. Staff and the test's fixture accounts
 * use it; students of the first-launch flow log in through `wx.login` instead.
 */
import { expect } from 'vitest'
import type { MiniProgram } from '../runtime/runtime'

export async function loginWithPassword(
  mp: MiniProgram,
  account: { login: string; password: string; displayName: string },
): Promise<void> {
  await mp.tapTab('我的')
  await mp.tap('.e2e-me-login')
  await mp.onPage('packages/account/pages/login/index')
  expect(await mp.waitForText('账号登录')).toContain('学校老师、用人单位和演示账号使用账号密码登录')
  await mp.fill('.e2e-login-account', account.login)
  await mp.fill('.e2e-login-password', account.password)
  await mp.tap('.e2e-login-submit')
  await mp.onPage('pages/me/index')
  expect(mp.routes).toEqual(['pages/me/index'])
  expect(mp.requests).toContain('POST /api/auth/login 200')
  await mp.waitForText(account.displayName)
}
