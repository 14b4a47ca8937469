import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { AsyncList } from '../../components/async-list'
import { EventCard } from '../../components/event-card'
import { EmptyState } from '../../components/state-views'
import { EVENT_KIND_LABELS, EventKind, type EventSummary } from '../../contracts/events'
import { listEvents } from '../../services/events'
import './index.css'

type Filter = 'all' | EventKind
const FILTERS: Array<{ key: Filter; label: string }> = [
  { key: 'all', label: '全部' },
  ...EventKind.options.map((key) => ({ key, label: EVENT_KIND_LABELS[key] })),
]

export default function EventsPage() {
  const [filter, setFilter] = useState<Filter>('all')
  const [items, setItems] = useState<EventSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback((f: Filter) => {
    setError(null)
    return listEvents({ kind: f === 'all' ? undefined : f, limit: 50 })
      .then((r) => setItems(r.items))
      .catch((e: Error) => setError(e.message))
  }, [])

  useDidShow(() => void load(filter))
  usePullDownRefresh(() => {
    void load(filter).finally(() => Taro.stopPullDownRefresh())
  })

  const choose = (f: Filter) => {
    setFilter(f)
    setItems(null)
    void load(f)
  }

  return (
    <View className="page">
      <View className="filters">
        {FILTERS.map((f) => (
          <Text
            key={f.key}
            className={`filters__chip e2e-events-filter ${filter === f.key ? 'filters__chip--on' : ''}`}
            onClick={() => choose(f.key)}
          >
            {f.label}
          </Text>
        ))}
      </View>
      <AsyncList
        error={error}
        items={items}
        onRetry={() => void load(filter)}
        empty={<EmptyState className="e2e-events-empty" title="暂无活动" hint="下拉可刷新" />}
        render={(e) => <EventCard key={e.id} event={e} className="e2e-events-item" />}
      />
    </View>
  )
}
