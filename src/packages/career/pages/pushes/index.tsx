import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { AsyncList } from '../../../../components/async-list'
import { JobCard } from '../../../../components/job-card'
import { ReadTabs } from '../../../../components/read-tabs'
import { roleGate } from '../../../../components/role-gate'
import { EmptyState } from '../../../../components/state-views'
import type { PushItem } from '../../../../contracts/push'
import { listPushes, markAllPushesRead, markPushRead } from '../../../../services/push'
import { INTENTION_PAGE, JOB_DETAIL_PAGE } from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import './index.css'

type Tab = 'unread' | 'all'

/**
 * 我的推送: the new jobs matched to the student's 求职意向 (api/_lib/push/), newest first, each with
 * 推荐理由 — the conditions of the intention it met. Opening one marks it read and shows the job,
 * where the apply bar is; 推送设置 (instant or 每日汇总, 免打扰, WeChat) is on the intention page.
 */
export default function PushesPage() {
  const session = useSession()
  const [tab, setTab] = useState<Tab>('unread')
  const [items, setItems] = useState<PushItem[] | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [unread, setUnread] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const [marking, setMarking] = useState(false)
  const loadingMore = useRef(false)
  const shownTab = useRef<Tab>('unread')
  shownTab.current = tab
  const isStudent = session?.user.role === 'student'

  const load = async (which: Tab = shownTab.current) => {
    if (!isStudent) return
    setError(null)
    try {
      const r = await listPushes({ unread: which === 'unread' })
      if (shownTab.current !== which) return // the other tab was chosen meanwhile
      setItems(r.items)
      setCursor(r.nextCursor)
      setUnread(r.unreadCount)
    } catch (e) {
      setError((e as Error).message)
    }
  }

  useDidShow(() => void load())
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (!cursor || !items || loadingMore.current) return
    loadingMore.current = true
    listPushes({ before: cursor, unread: tab === 'unread' })
      .then((r) => {
        setItems((list) => [...(list ?? []), ...r.items])
        setCursor(r.nextCursor)
      })
      .catch(() => undefined) // the wrapper toasts; scrolling again retries
      .finally(() => {
        loadingMore.current = false
      })
  })

  const gate = roleGate(session, ['student'], { title: '仅学生账号可用', hint: '职位推送面向学生' })
  if (gate) return gate

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
      await markAllPushesRead()
      await load()
    } catch {
      // the wrapper toasted why; the items stay as they are
    } finally {
      setMarking(false)
    }
  }

  const open = (p: PushItem) => {
    void Taro.navigateTo({ url: `${JOB_DETAIL_PAGE}?id=${p.job.id}` })
    if (p.readAt) return
    markPushRead(p.id)
      .then(({ item }) => {
        setItems((list) => (list ?? []).map((x) => (x.id === p.id ? item : x)))
        setUnread((n) => Math.max(0, n - 1))
      })
      .catch(() => undefined) // the wrapper toasts; the item stays unread
  }

  return (
    <View className="page pushes">
      <ReadTabs
        e2e="pushes"
        order={['unread', 'all']}
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
            className="e2e-pushes-empty"
            title={tab === 'unread' ? '没有未读推送' : '暂无推送'}
            hint="有符合求职意向的新职位时会推送到这里"
            actionText="设置求职意向与推送"
            onAction={() => Taro.navigateTo({ url: INTENTION_PAGE })}
          />
        }
        render={(p) => (
          <View key={p.id} className={`push-item e2e-push-item ${p.readAt ? '' : 'push-item--unread'}`}>
            <JobCard job={p.job} onTap={() => open(p)} />
            <View className="push-item__reasons e2e-push-reasons" onClick={() => open(p)}>
              <Text className="push-item__label">推荐理由</Text>
              {p.reasons.map((r) => (
                <Text key={r} className="push-item__reason e2e-push-reason">
                  {r}
                </Text>
              ))}
            </View>
          </View>
        )}
      />
      {items && items.length > 0 && !cursor && <Text className="pushes-end">没有更多了</Text>}
      <Text
        className="pushes-settings e2e-pushes-settings"
        onClick={() => Taro.navigateTo({ url: INTENTION_PAGE })}
      >
        推送设置
      </Text>
    </View>
  )
}
