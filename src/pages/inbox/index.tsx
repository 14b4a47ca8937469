import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import { EmptyState, ErrorState, Loading } from '../../components/state-views'
import type { Message } from '../../contracts/messages'
import { formatRelative } from '../../services/format'
import { listMessages, markRead } from '../../services/messages'
import { LOGIN_PAGE } from '../../services/routes'
import { showUnreadBadge } from '../../services/tab-badge'
import { useSession } from '../../services/use-session'
import './index.css'

export default function InboxPage() {
  const session = useSession()
  const [items, setItems] = useState<Message[] | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = async () => {
    if (!session) return
    setError(null)
    try {
      const r = await listMessages()
      setItems(r.items)
      setCursor(r.nextCursor)
      showUnreadBadge(r.unreadCount)
    } catch (e) {
      setError((e as Error).message)
    }
  }

  useDidShow(() => void load())
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (!cursor || !items) return
    void listMessages({ before: cursor }).then((r) => {
      setItems([...items, ...r.items])
      setCursor(r.nextCursor)
    })
  })

  const open = async (m: Message) => {
    if (m.readAt) return
    const { message } = await markRead(m.id)
    setItems((list) => {
      const next = (list ?? []).map((x) => (x.id === m.id ? message : x))
      showUnreadBadge(next.filter((x) => !x.readAt).length)
      return next
    })
  }

  if (!session) {
    return (
      <View className="page">
        <EmptyState
          className="e2e-inbox-login"
          title="登录后查看消息"
          hint="签约邀请、面试通知、审核结果都会发到这里"
          actionText="登录"
          onAction={() => Taro.navigateTo({ url: LOGIN_PAGE })}
        />
      </View>
    )
  }
  if (error) return <ErrorState message={error} onRetry={() => void load()} />
  if (items === null) return <Loading />
  if (items.length === 0) return <EmptyState title="暂无消息" hint="下拉可刷新" />
  return (
    <View className="page">
      {items.map((m) => (
        <View key={m.id} className="card inbox-item e2e-inbox-item" onClick={() => void open(m)}>
          <View className="inbox-item__head">
            {!m.readAt && <View className="inbox-item__dot e2e-inbox-unread" />}
            <Text className="inbox-item__title">{m.title}</Text>
            <Text className="inbox-item__time">{formatRelative(m.createdAt)}</Text>
          </View>
          <Text className="inbox-item__body">{m.body}</Text>
        </View>
      ))}
      {!cursor && <Text className="inbox-end">没有更多了</Text>}
    </View>
  )
}
