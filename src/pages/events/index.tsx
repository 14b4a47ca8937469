import { Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { AsyncList } from '../../components/async-list'
import { EventCard } from '../../components/event-card'
import { MoreFooter } from '../../components/more-footer'
import { EmptyState } from '../../components/state-views'
import { EVENT_KIND_LABELS, EventKind, type EventScope, type EventSummary } from '../../contracts/events'
import { CITIES } from '../../contracts/job-vocab'
import { listSchools } from '../../services/binding'
import { listEvents } from '../../services/events'
import { useKeysetList } from '../../services/keyset-list'
import { LOGIN_PAGE } from '../../services/routes'
import { useSession } from '../../services/use-session'
import '../../components/filter-bar.css'
import './index.css'

const SCOPES: Array<{ key: EventScope; label: string }> = [
  { key: 'upcoming', label: '近期活动' },
  { key: 'past', label: '往期活动' },
  { key: 'mine', label: '我的活动' },
]

interface Filters {
  kind?: EventKind
  schoolId?: string
  city?: string
  /** a China date (YYYY-MM-DD): events starting that day */
  date?: string
}
type Dimension = 'kind' | 'school' | 'city'

const DIMENSION_TITLES: Record<Dimension, string> = { kind: '类型', school: '学校', city: '城市' }

/**
 * 活动: 近期 / 往期 / 我的 (a student's registered events), filtered by kind, school, city and day,
 * keyset-paged like the job feed. e2e hooks: `e2e-events-scope-<scope>`, `e2e-events-filter-<dim>`,
 * `e2e-events-option`, `e2e-events-item`.
 */
export default function EventsPage() {
  const session = useSession()
  const [scope, setScope] = useState<EventScope>('upcoming')
  const [filters, setFilters] = useState<Filters>({})
  const [open, setOpen] = useState<Dimension | null>(null)
  const [schools, setSchools] = useState<Array<{ id: string; name: string }> | null>(null)

  const viewer = session?.user.id ?? null
  const listKey = scope === 'mine' && !viewer ? null : JSON.stringify([scope, filters, viewer])
  const list = useKeysetList<EventSummary>(
    async (cursor) =>
      listEvents({
        scope,
        kind: filters.kind,
        schoolId: filters.schoolId,
        city: filters.city,
        from: filters.date,
        to: filters.date,
        limit: 20,
        cursor,
      }),
    { key: listKey, keepShownOnError: true },
  )

  // the school directory, once, when the school filter first opens
  useEffect(() => {
    if (open !== 'school' || schools !== null) return
    listSchools()
      .then((r) => setSchools(r.items.map((s) => ({ id: s.id, name: s.name }))))
      .catch(() => setSchools(null))
  }, [open, schools])

  const shown = useRef(false)
  // back from an event (registered or cancelled there): its card changed; the first show loads anyway
  useDidShow(() => {
    if (shown.current) void list.reload({ keep: true })
    shown.current = true
  })
  usePullDownRefresh(() => {
    void list.reload({ keep: true }).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.more())

  const set = (patch: Partial<Filters>) => {
    setOpen(null)
    setFilters((f) => {
      const next = { ...f, ...patch }
      for (const k of Object.keys(next) as Array<keyof Filters>) if (next[k] === undefined) delete next[k]
      return next
    })
  }

  const chosenLabel = (d: Dimension): string | null => {
    if (d === 'kind') return filters.kind ? EVENT_KIND_LABELS[filters.kind] : null
    if (d === 'city') return filters.city ?? null
    if (!filters.schoolId) return null
    return schools?.find((s) => s.id === filters.schoolId)?.name ?? '已选学校'
  }

  const options: Record<Dimension, Array<{ value: string; label: string }>> = {
    kind: EventKind.options.map((k) => ({ value: k, label: EVENT_KIND_LABELS[k] })),
    school: (schools ?? []).map((s) => ({ value: s.id, label: s.name })),
    city: CITIES.map((c) => ({ value: c, label: c })),
  }
  const choose = (d: Dimension, value: string | undefined) => {
    if (d === 'kind') set({ kind: value as EventKind | undefined })
    else if (d === 'school') set({ schoolId: value })
    else set({ city: value })
  }
  const isOn = (d: Dimension, value: string | undefined) =>
    (d === 'kind' ? filters.kind : d === 'school' ? filters.schoolId : filters.city) === value

  return (
    <View className="page">
      <View className="filters">
        {SCOPES.map((s) => (
          <Text
            key={s.key}
            className={`filters__chip e2e-events-scope-${s.key} ${scope === s.key ? 'filters__chip--on' : ''}`}
            onClick={() => setScope(s.key)}
          >
            {s.label}
          </Text>
        ))}
      </View>

      <View className="filter-bar">
        <View className="filter-bar__row">
          {(Object.keys(DIMENSION_TITLES) as Dimension[]).map((d) => {
            const chosen = chosenLabel(d)
            return (
              <Text
                key={d}
                className={`filter-bar__item e2e-events-filter-${d} ${chosen ? 'filter-bar__item--on' : ''} ${open === d ? 'filter-bar__item--open' : ''}`}
                onClick={() => setOpen(open === d ? null : d)}
              >
                {chosen ?? DIMENSION_TITLES[d]} {open === d ? '▴' : '▾'}
              </Text>
            )
          })}
          <Picker
            mode="date"
            value={filters.date ?? ''}
            onChange={(e) => set({ date: String(e.detail.value) })}
            className="e2e-events-filter-date"
          >
            <Text className={`filter-bar__item ${filters.date ? 'filter-bar__item--on' : ''}`}>
              {filters.date ?? '日期'} ▾
            </Text>
          </Picker>
          {filters.date && (
            <Text className="filter-bar__item e2e-events-date-clear" onClick={() => set({ date: undefined })}>
              不限日期
            </Text>
          )}
        </View>
        {open && (
          <View className="filter-bar__panel">
            <Text
              className={`filter-bar__option e2e-events-option ${isOn(open, undefined) ? 'filter-bar__option--on' : ''}`}
              onClick={() => choose(open, undefined)}
            >
              不限
            </Text>
            {open === 'school' && schools === null && <Text className="filter-bar__option">加载中…</Text>}
            {options[open].map((o) => (
              <Text
                key={o.value}
                className={`filter-bar__option e2e-events-option ${isOn(open, o.value) ? 'filter-bar__option--on' : ''}`}
                onClick={() => choose(open, o.value)}
              >
                {o.label}
              </Text>
            ))}
          </View>
        )}
      </View>

      {scope === 'mine' && !session ? (
        <EmptyState
          className="e2e-events-login"
          title="登录后查看我的活动"
          actionText="去登录"
          onAction={() => void Taro.navigateTo({ url: LOGIN_PAGE })}
        />
      ) : (
        <>
          <AsyncList
            error={list.error}
            items={list.items}
            onRetry={() => void list.reload({ keep: true })}
            empty={
              <EmptyState
                className="e2e-events-empty"
                title={scope === 'mine' ? '还没有报名的活动' : '暂无活动'}
                hint={Object.keys(filters).length > 0 ? '换个筛选条件试试' : '下拉可刷新'}
              />
            }
            render={(e) => <EventCard key={e.id} event={e} className="e2e-events-item" />}
          />
          <MoreFooter list={list} />
        </>
      )}
    </View>
  )
}
