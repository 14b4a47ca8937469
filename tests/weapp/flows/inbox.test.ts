/**
 * The inbox and its tab badge in the mini-program build (dist/weapp) run by the headless runtime, against
 * the real API and database. A student logged in on an earlier run (the session the app kept in storage)
 * has three unread messages and opens the app: 首页 counts them and the 消息 tab (index 2) gets the badge
 * `3` through `wx.setTabBarBadge`; the inbox lists them; opening one marks it read (the API keeps it) and
 * the badge drops; when the last is read the badge is removed (`wx.removeTabBarBadge`).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { MessageListResponse } from '../../../src/contracts/messages'
import { expectOk, withApi } from '../../support/api'
import { loginAs, makeMessage, makeStudent, TEST_PASSWORD, type TestUser } from '../../support/fixtures'
import { MiniProgram } from '../runtime/runtime'
import { queryAll, type RenderedNode, textOf } from '../runtime/wxml'
import { weappDir } from '../support/build'
import { loginWithPassword } from './password-login'

const api = withApi()
const SESSION_KEY = 'jiuye.session'
const INBOX_TAB = 2

let student: TestUser
let token: string
beforeAll(async () => {
  student = await makeStudent()
  token = await loginAs(api.url, student)
})

const programs: MiniProgram[] = []
afterEach(() => {
  // close() fails the test when a program failed after its last step
  for (const p of programs.splice(0)) p.close()
})

function program(): MiniProgram {
  const p = new MiniProgram({ dir: weappDir(), apiUrl: api.url })
  programs.push(p)
  return p
}

function allUnreadDots(row: RenderedNode): number {
  return queryAll(row, '.e2e-inbox-unread').length
}

async function unreadNow(): Promise<number> {
  return (await expectOk(MessageListResponse, api.url, '/api/messages?limit=1', { token })).unreadCount
}

describe('weapp: inbox and the 消息 badge', () => {
  it('opening the app sets the badge to the unread count; reading drops it, the last removes it', async () => {
    // an earlier run: the student logged in, with nothing unread yet
    const first = program()
    await first.launch()
    await loginWithPassword(first, {
      login: student.login,
      password: TEST_PASSWORD,
      displayName: `用户${student.login.slice(2, 6)}`,
    })
    const session = first.stored(SESSION_KEY)
    expect(session).toMatchObject({ user: { id: student.id } })
    await first.tapTab('首页')
    await first.waitForText('暂无未读消息')
    expect(first.tabBadges.has(INBOX_TAB)).toBe(false)
    first.close()

    // then messages arrive (oldest first), and the student opens the app again
    const titles = ['签约邀请', '面试通知', '学籍审核结果']
    for (const t of titles) await makeMessage(student.id, t)
    expect(await unreadNow()).toBe(3)
    const mp = program()
    mp.wx.setStorageSync(SESSION_KEY, session)
    await mp.launch()
    expect(mp.routes).toEqual(['pages/index/index'])
    expect(await mp.waitForText('你有 3 条未读消息')).toContain('你好，')
    await mp.waitFor('the 消息 badge', () => mp.tabBadges.get(INBOX_TAB) === '3')
    expect([...mp.tabBadges.keys()]).toEqual([INBOX_TAB])

    // 消息: every message listed, newest first, each unread
    await mp.tapTab('消息')
    await mp.waitFor('three messages', () => mp.query('.e2e-inbox-item').length === 3)
    const rows = () => mp.query('.e2e-inbox-item').map((n) => textOf(n))
    expect(rows().map((r) => r.split('\n')[0])).toEqual([...titles].reverse())
    expect(mp.query('.e2e-inbox-unread')).toHaveLength(3)
    expect(mp.text()).toContain('没有更多了')

    // opening the newest marks it read: its dot goes, the API counts one fewer, the badge says 2
    await mp.tap(mp.query('.e2e-inbox-item')[0]!)
    await mp.waitFor('the badge to drop to 2', () => mp.tabBadges.get(INBOX_TAB) === '2')
    expect(mp.requests.filter((r) => /^POST \/api\/messages\/[^/]+\/read 200$/.test(r))).toHaveLength(1)
    // the badge is set as the answer arrives, the row re-renders a moment later
    await mp.waitFor('two unread rows', () => mp.query('.e2e-inbox-unread').length === 2)
    expect(await unreadNow()).toBe(2)
    const unreadIn = (i: number) => mp.query('.e2e-inbox-item')[i]!
    expect(allUnreadDots(unreadIn(0))).toBe(0)
    expect(allUnreadDots(unreadIn(1))).toBe(1)

    // an opened message again: nothing is sent, the badge stays
    await mp.tap(unreadIn(0))
    await mp.idle()
    expect(mp.requests.filter((r) => r.includes('/read '))).toHaveLength(1)
    expect(mp.tabBadges.get(INBOX_TAB)).toBe('2')

    await mp.tap(unreadIn(1))
    await mp.waitFor('the badge to drop to 1', () => mp.tabBadges.get(INBOX_TAB) === '1')
    await mp.waitFor('one unread row', () => mp.query('.e2e-inbox-unread').length === 1)
    // the last one: the badge is removed, not set to 0
    await mp.tap(unreadIn(2))
    await mp.waitFor('the badge to go', () => !mp.tabBadges.has(INBOX_TAB))
    await mp.waitFor('no unread row', () => mp.query('.e2e-inbox-unread').length === 0)
    expect(await unreadNow()).toBe(0)
    expect(mp.text()).toContain('签约邀请')

    // 首页 again: its count agrees, and no badge comes back
    await mp.tapTab('首页')
    await mp.waitForText('暂无未读消息')
    await mp.idle()
    expect(mp.tabBadges.has(INBOX_TAB)).toBe(false)
  })

  it('未读 lists the unread only; 全部已读 reads them all and removes the badge', async () => {
    const reader = await makeStudent()
    for (const t of ['招聘会提醒', '投递进展', '职位邀请']) await makeMessage(reader.id, t)
    const mp = program()
    await mp.launch()
    await loginWithPassword(mp, {
      login: reader.login,
      password: TEST_PASSWORD,
      displayName: `用户${reader.login.slice(2, 6)}`,
    })
    await mp.tapTab('消息')
    await mp.waitFor('three messages', () => mp.query('.e2e-inbox-item').length === 3)
    // read one, then 未读 shows the other two
    await mp.tap(mp.query('.e2e-inbox-item')[0]!)
    await mp.waitFor('the badge to drop to 2', () => mp.tabBadges.get(INBOX_TAB) === '2')
    await mp.tap('.e2e-inbox-tab-unread')
    await mp.waitFor('two unread', () => mp.query('.e2e-inbox-item').length === 2)
    expect(textOf(await mp.one('.e2e-inbox-tab-unread'))).toBe('未读 2')
    await mp.tap('.e2e-inbox-read-all')
    await mp.waitFor('the badge to go', () => !mp.tabBadges.has(INBOX_TAB))
    await mp.waitForText('没有未读消息')
    expect(mp.requests).toContain('POST /api/messages/read-all 200')
    expect(mp.query('.e2e-inbox-read-all')).toEqual([])
    // 全部 still lists all three, read
    await mp.tap('.e2e-inbox-tab-all')
    await mp.waitFor('three again', () => mp.query('.e2e-inbox-item').length === 3)
    expect(mp.query('.e2e-inbox-unread')).toHaveLength(0)
  })

  it('a message with a link opens its page (an interview invitation: 求职 → 面试邀请)', async () => {
    const link = '/packages/career/pages/index/index?tab=interviews'
    await makeMessage(student.id, '面试邀请：前端开发工程师', link)
    const mp = program()
    await mp.launch()
    await loginWithPassword(mp, {
      login: student.login,
      password: TEST_PASSWORD,
      displayName: `用户${student.login.slice(2, 6)}`,
    })
    await mp.tapTab('消息')
    await mp.waitFor('the message', () => mp.query('.e2e-inbox-item').length > 0)
    await mp.tap(mp.query('.e2e-inbox-item')[0]!)
    await mp.onPage('packages/career/pages/index/index')
    expect(mp.currentPage.options).toMatchObject({ tab: 'interviews' })
    // and it was marked read on the way (the answer has arrived before the test's database goes)
    await mp.waitFor('the read', () =>
      mp.requests.some((r) => /^POST \/api\/messages\/[^/]+\/read 200$/.test(r)),
    )
  })

  it('a WeChat message card opens its page with the message: the app shows, and the message is read', async () => {
    const reader = await makeStudent()
    const first = program()
    await first.launch()
    await loginWithPassword(first, {
      login: reader.login,
      password: TEST_PASSWORD,
      displayName: `用户${reader.login.slice(2, 6)}`,
    })
    const session = first.stored(SESSION_KEY)
    first.close()
    const readerToken = await loginAs(api.url, reader)
    const unread = async () =>
      (await expectOk(MessageListResponse, api.url, '/api/messages?limit=1', { token: readerToken }))
        .unreadCount
    const mid = await makeMessage(
      reader.id,
      '面试邀请：数据分析师',
      '/packages/career/pages/index/index?tab=interviews',
    )
    await makeMessage(reader.id, '另一条消息')
    expect(await unread()).toBe(2)
    // WeChat starts the mini-program on the card's page (subscribe message `page`)
    const mp = program()
    mp.wx.setStorageSync(SESSION_KEY, session)
    await mp.launch(`/packages/career/pages/index/index?tab=interviews&mid=${mid}`)
    await mp.waitFor('the card’s message to be read', () =>
      mp.requests.includes(`POST /api/messages/${mid}/read 200`),
    )
    expect(await unread()).toBe(1)
  })
})
