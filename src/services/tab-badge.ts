import Taro from '@tarojs/taro'

const INBOX_TAB_INDEX = 2

/**
 * The unread count on the 消息 tab. The call fails off a tab page, and the H5 runtime may throw or reject
 * where it has no tab bar; a missing badge is harmless, so every failure is swallowed.
 */
export function showUnreadBadge(count: number): void {
  try {
    const done =
      count > 0
        ? Taro.setTabBarBadge({ index: INBOX_TAB_INDEX, text: count > 99 ? '99+' : String(count) })
        : Taro.removeTabBarBadge({ index: INBOX_TAB_INDEX })
    Promise.resolve(done).catch(() => undefined)
  } catch {
    // no tab bar here
  }
}
