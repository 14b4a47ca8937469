import Taro from '@tarojs/taro'

const INBOX_TAB_INDEX = 2

/** The unread count on the 消息 tab; the call fails off a tab page, which is harmless. */
export function showUnreadBadge(count: number): void {
  const done =
    count > 0
      ? Taro.setTabBarBadge({ index: INBOX_TAB_INDEX, text: count > 99 ? '99+' : String(count) })
      : Taro.removeTabBarBadge({ index: INBOX_TAB_INDEX })
  Promise.resolve(done).catch(() => undefined)
}
