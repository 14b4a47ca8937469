import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { AsyncList } from '../../components/async-list'
import { MessageRow } from '../../components/message-row'
import { ReadTabs } from '../../components/read-tabs'
import { EmptyState } from '../../components/state-views'
import type { Message } from '../../contracts/messages'
import { listMessages, markAllRead, markRead } from '../../services/messages'
import { LOGIN_PAGE } from '../../services/routes'
import { showUnreadBadge } from '../../services/tab-badge'
import { useSession } from '../../services/use-session'
import './index.css'

/**
 * A message's link is a page of the app (an interview invitation opens 求职 → 面试邀请); the tab
 * pages open with switchTab, which takes no query.
 */
function followLink(link: string | null): void {
  if (!link?.startsWith('/')) return
  if (link.startsWith('/pages/')) void Taro.switchTab({ url: link.split('?')[0]! })
  else void Taro.navigateTo({ url: link })
}

type Tab = 'all' | 'unread'

export default function InboxPage() {
  const session = useSession()
  const userId = session?.user.id ?? null
  const [tab, setTab] = useState<Tab>('all')
  const [items, setItems] = useState<Message[] | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [unread, setUnread] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const [marking, setMarking] = useState(false)
  const loadingMore = useRef(false)
  const shownTab = useRef<Tab>('all')
  shownTab.current = tab

  const setUnreadCount = (n: number) => {
    setUnread(n)
    showUnreadBadge(n)
  }

  // another account's messages must not flash after a logout and a new login
  useEffect(() => {
    setItems(null)
    setCursor(null)
    if (!userId) showUnreadBadge(0)
  }, [userId])

  const load = async (which: Tab = shownTab.current) => {
    if (!userId) return
    setError(null)
    try {
      const r = await listMessages({ unread: which === 'unread' })
      if (shownTab.current !== which) return // the other tab was chosen meanwhile
      setItems(r.items)
      setCursor(r.nextCursor)
      setUnreadCount(r.unreadCount)
    } catch (e) {
      setError((e as Error).message)
    }
  }

  const choose = (t: Tab) => {
    if (t === tab) return
    setTab(t)
    shownTab.current = t
    setItems(null)
    setCursor(null)
    void load(t)
  }

  const readAll = async () => {
    if (marking || unread === 0) return
    setMarking(true)
    try {
      await markAllRead()
      await load()
    } catch {
      // the wrapper toasted why; the rows stay as they are
    } finally {
      setMarking(false)
    }
  }

  useDidShow(() => void load())
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (!cursor || !items || loadingMore.current) return
    loadingMore.current = true
    listMessages({ before: cursor, unread: tab === 'unread' })
      .then((r) => {
        setItems((list) => [...(list ?? []), ...r.items])
        setCursor(r.nextCursor)
      })
      .catch(() => undefined) // the wrapper toasts; scrolling again retries
      .finally(() => {
        loadingMore.current = false
      })
  })

  const open = (m: Message) => {
    followLink(m.link)
    if (m.readAt) return
    markRead(m.id)
      .then(({ message }) => {
        setItems((list) => (list ?? []).map((x) => (x.id === m.id ? message : x)))
        setUnreadCount(Math.max(0, unread - 1))
      })
      .catch(() => undefined) // the wrapper toasts; the row stays unread
  }

  if (!session) {
    return (
      <View className="page">
        <EmptyState
          className="e2e-inbox-login"
          actionClassName="e2e-inbox-login-button"
          title="登录后查看消息"
          hint="签约邀请、面试通知、审核结果都会发到这里"
          actionText="登录"
          onAction={() => Taro.navigateTo({ url: LOGIN_PAGE })}
        />
      </View>
    )
  }
  return (
    <View className="page">
      <ReadTabs
        e2e="inbox"
        order={['all', 'unread']}
        tab={tab}
        unread={unread}
        marking={marking}
        onChoose={choose}
        onReadAll={() => void readAll()}
      />
      <AsyncList
        error={error}
        items={items}
        onRetry={() => void load()}
        empty={
          <EmptyState
            className="e2e-inbox-empty"
            title={tab === 'unread' ? '没有未读消息' : '暂无消息'}
            hint="下拉可刷新"
          />
        }
        render={(m) => <MessageRow key={m.id} message={m} onTap={open} />}
      />
      {items && items.length > 0 && !cursor && <Text className="inbox-end">没有更多了</Text>}
    </View>
  )
}
