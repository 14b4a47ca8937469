import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { AsyncList } from '../../components/async-list'
import { EventCard } from '../../components/event-card'
import { FilterBar, filterParams, type JobFilterValue } from '../../components/filter-bar'
import { JobCard } from '../../components/job-card'
import { SigningHomeTabCard } from '../../components/signing-home-card'
import { EmptyState } from '../../components/state-views'
import type { EventSummary } from '../../contracts/events'
import { listEvents } from '../../services/events'
import { useJobList } from '../../services/job-search'
import { listMessages } from '../../services/messages'
import { INTENTION_PAGE, JOB_DETAIL_PAGE, JOB_SEARCH_PAGE, LOGIN_PAGE } from '../../services/routes'
import { showUnreadBadge } from '../../services/tab-badge'
import { useSession } from '../../services/use-session'
import './index.css'

/**
 * 首页: the greeting, a way into search, the next events, and the job feed with its filter bar —
 * 按求职意向推荐 for a student who set an intention (查看全部 shows everyone's list).
 */
export default function HomePage() {
  const session = useSession()
  const [events, setEvents] = useState<EventSummary[] | null>(null)
  const [eventsError, setEventsError] = useState<string | null>(null)
  const [unread, setUnread] = useState<number | null>(null)
  const [filters, setFilters] = useState<JobFilterValue>({})
  const [showAll, setShowAll] = useState(false)
  const isStudent = session?.user.role === 'student'
  const feed = isStudent && !showAll ? 'intention' : 'all'
  const jobs = useJobList({ ...filterParams(filters), feed }, session?.user.id ?? null)
  const shown = useRef(false)

  const load = () => {
    setEventsError(null)
    listEvents({ limit: 2 })
      .then((r) => setEvents(r.items))
      .catch((e: Error) => setEventsError(e.message))
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
  useDidShow(() => {
    load()
    // back from the intention page or a job: the feed may have changed (the first show loads it anyway)
    if (shown.current) void jobs.reload()
    shown.current = true
  })
  useReachBottom(() => void jobs.more())

  const openJob = (id: string) => Taro.navigateTo({ url: `${JOB_DETAIL_PAGE}?id=${encodeURIComponent(id)}` })

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

      {isStudent && <SigningHomeTabCard />}

      <View
        className="home__search e2e-home-search"
        onClick={() => Taro.navigateTo({ url: JOB_SEARCH_PAGE })}
      >
        <Text className="home__search-text">搜索职位、公司</Text>
      </View>

      <View className="section-title">
        <Text>近期活动</Text>
        <Text className="link" onClick={() => Taro.switchTab({ url: '/pages/events/index' })}>
          全部活动
        </Text>
      </View>
      <AsyncList
        error={eventsError}
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

      <View className="section-title">
        <Text className="e2e-home-feed-title">{jobs.byIntention ? '按求职意向推荐' : '最新职位'}</Text>
        {jobs.byIntention ? (
          <Text className="link e2e-home-feed-all" onClick={() => setShowAll(true)}>
            查看全部
          </Text>
        ) : isStudent && showAll ? (
          <Text className="link e2e-home-feed-mine" onClick={() => setShowAll(false)}>
            按求职意向
          </Text>
        ) : isStudent && jobs.items !== null ? (
          <Text
            className="link e2e-home-set-intention"
            onClick={() => Taro.navigateTo({ url: INTENTION_PAGE })}
          >
            设置求职意向
          </Text>
        ) : null}
      </View>
      <FilterBar value={filters} onChange={setFilters} />
      <AsyncList
        error={jobs.error}
        items={jobs.items}
        onRetry={() => void jobs.reload()}
        empty={
          <EmptyState
            className="e2e-home-jobs-empty"
            title={jobs.byIntention ? '暂无符合求职意向的职位' : '暂无职位'}
            hint={jobs.byIntention ? '可以查看全部职位，或调整求职意向' : '换个筛选条件试试'}
          />
        }
        render={(j) => (
          <View key={j.id} className="e2e-home-job">
            <JobCard job={j} onTap={() => openJob(j.id)} />
          </View>
        )}
      />
      {jobs.items && jobs.items.length > 0 && (
        <Text
          className={`home__more ${jobs.cursor ? 'home__more--action e2e-home-more' : ''}`}
          onClick={() => void jobs.more()}
        >
          {jobs.cursor ? (jobs.loadingMore ? '加载中…' : '加载更多') : '没有更多了'}
        </Text>
      )}
    </View>
  )
}
