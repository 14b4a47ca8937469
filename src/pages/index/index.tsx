import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { AsyncList } from '../../components/async-list'
import { EventCard } from '../../components/event-card'
import { EmptyState } from '../../components/state-views'
import type { EventSummary } from '../../contracts/events'
import { listEvents } from '../../services/events'
import { listMessages } from '../../services/messages'
import { LOGIN_PAGE } from '../../services/routes'
import { showUnreadBadge } from '../../services/tab-badge'
import { useSession } from '../../services/use-session'
import './index.css'

export default function HomePage() {
  const session = useSession()
  const [events, setEvents] = useState<EventSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [unread, setUnread] = useState<number | null>(null)

  const load = () => {
    setError(null)
    listEvents({ limit: 3 })
      .then((r) => setEvents(r.items))
      .catch((e: Error) => setError(e.message))
    if (session) {
      listMessages({ limit: 1 }, { toast: false })
        .then((r) => {
          setUnread(r.unreadCount)
          showUnreadBadge(r.unreadCount)
        })
        .catch(() => setUnread(null))
    } else {
      setUnread(null)
    }
  }
  useDidShow(load)

  return (
    <View className="page home">
      <View className="card home__hello">
        {session ? (
          <>
            <Text className="home__name e2e-home-name">你好，{session.user.displayName}</Text>
            <Text
              className="home__sub e2e-home-unread"
              onClick={() => Taro.switchTab({ url: '/pages/inbox/index' })}
            >
              {unread === null ? '查看消息' : unread > 0 ? `你有 ${unread} 条未读消息` : '暂无未读消息'}
            </Text>
          </>
        ) : (
          <>
            <Text className="home__name e2e-home-guest">未登录</Text>
            <Text className="home__sub">登录后查看消息、报名活动、办理就业手续</Text>
            <Button
              className="btn btn--primary home__login e2e-home-login"
              onClick={() => Taro.navigateTo({ url: LOGIN_PAGE })}
            >
              登录
            </Button>
          </>
        )}
      </View>

      <View className="section-title">
        <Text>近期活动</Text>
        <Text className="link" onClick={() => Taro.switchTab({ url: '/pages/events/index' })}>
          全部活动
        </Text>
      </View>
      <AsyncList
        error={error}
        items={events}
        onRetry={load}
        empty={
          <EmptyState
            className="e2e-home-empty"
            title="暂无活动"
            hint="学校发布招聘会或宣讲会后会显示在这里"
          />
        }
        render={(e) => <EventCard key={e.id} event={e} className="e2e-home-event" />}
      />
    </View>
  )
}
