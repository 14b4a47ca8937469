/**
 * The inbox in WeChat DevTools: student1's messages are listed, the 消息 tab's badge shows the unread count
 * (`wx.setTabBarBadge`, recorded by a mock that the support module installs), and opening an unread
 * message lowers it.
 */
import { describe, expect, it } from 'vitest'
import { all, onPage, passwordLogin, waitUntil, withDevtools } from './support/devtools'

const stack = withDevtools()
const INBOX_TAB = 2

describe('DevTools: inbox and its badge', () => {
  it('lists the messages, badges the unread count and lowers it when one is read', async () => {
    const { mp } = stack
    await passwordLogin(mp, 'student1')
    await mp.switchTab('/pages/inbox/index')
    const inbox = await onPage(mp, 'pages/inbox/index')
    const items = await all(inbox, '.e2e-inbox-item', 2)
    const texts = await Promise.all(items.map((i) => i.text()))
    expect(texts.join('\n')).toContain('宣讲会提醒')
    expect(texts.join('\n')).toContain('欢迎使用校园就业')
    await waitUntil('the badge 2', async () => stack.tabBadges.at(-1)?.text === '2')
    expect(stack.tabBadges.at(-1)).toEqual({ index: INBOX_TAB, text: '2' })

    await (await all(inbox, '.e2e-inbox-item'))[0]!.tap()
    await waitUntil('the badge 1', async () => stack.tabBadges.at(-1)?.text === '1')
    expect(stack.tabBadges.every((b) => b.index === INBOX_TAB)).toBe(true)
  })
})
