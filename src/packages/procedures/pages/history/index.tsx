import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import { StatusTag } from '../../../../components/status-tag'
import { CHANGE_KINDS, HISTORY_KIND_LABELS, type HistoryEntry } from '../../../../contracts/procedures'
import { useKeysetList } from '../../../../services/keyset-list'
import { fetchHistory } from '../../../../services/procedures'
import { useSession } from '../../../../services/use-session'
import { displayValue, label } from '../../fields'
import '../../../../components/more-footer.css'
import '../../procedures.css'

type Tab = 'review' | 'change'
const TABS: Array<{ key: Tab; title: string }> = [
  { key: 'review', title: '核签明细' },
  { key: 'change', title: '变更明细' },
]
const inTab = (tab: Tab, e: HistoryEntry) => (tab === 'change') === CHANGE_KINDS.includes(e.kind)

/** `2026-12-02 09:30` in China time, whatever the device's zone. */
function dateTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600 * 1000)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
}

/** The tone of an entry's tag: the reviewer's decisions in colour, the student's own steps plain. */
function tone(e: HistoryEntry): string {
  if (e.action === 'approve') return 'approved'
  if (e.action === 'return') return 'returned'
  if (e.action === 'withdraw') return 'withdrawn'
  return 'submitted'
}

function Entry({ e }: { e: HistoryEntry }) {
  return (
    <View className={`card hist-entry e2e-hist-entry e2e-hist-entry-${e.kind}-${e.action}`}>
      <View className="hist-entry__head">
        <Text className="hist-entry__title">{HISTORY_KIND_LABELS[e.kind]}</Text>
        <StatusTag status={tone(e)} className={`proc-tag--${tone(e)} e2e-hist-label`}>
          {e.label}
        </StatusTag>
      </View>
      <Text className="hist-entry__at e2e-hist-at">
        {dateTime(e.at)} · {e.byStudent ? '本人' : '学校'}
      </Text>
      {e.changes.map((c) => (
        <Text key={c.field} className="corr-item__line e2e-hist-change">
          {label(c.field)}：{displayValue(c.field, c.old)} → {displayValue(c.field, c.new)}
        </Text>
      ))}
      {e.reason && (
        <Text
          className={`${e.action === 'return' ? 'corr-item__reject' : 'corr-item__muted'} e2e-hist-reason`}
        >
          {e.byStudent ? '说明' : e.action === 'return' ? '原因' : '意见'}：{e.reason}
        </Text>
      )}
    </View>
  )
}

/**
 * 核签明细 / 变更明细: every submission, withdrawal and decision of the source info and the recommendation
 * form, and every correction with its changes, newest first, each with its time and reason. One
 * keyset-paged stream of the review log, shown per tab.
 */
export default function ProcedureHistoryPage() {
  const session = useSession()
  const [tab, setTab] = useState<Tab>('review')
  const isStudent = session?.user.role === 'student'
  const list = useKeysetList((before) => fetchHistory(before))
  useDidShow(() => {
    if (isStudent) void list.reload({ keep: true })
  })

  const gate = roleGate(session, ['student'], { title: '仅学生账号可用', hint: '就业手续面向学生' })
  if (gate) return gate

  const shown = (list.items ?? []).filter((e) => inTab(tab, e))
  return (
    <View className="page e2e-hist-page">
      <View className="hist-tabs">
        {TABS.map((t) => (
          <Text
            key={t.key}
            className={`hist-tabs__tab e2e-hist-tab-${t.key} ${tab === t.key ? 'hist-tabs__tab--on' : ''}`}
            onClick={() => setTab(t.key)}
          >
            {t.title}
          </Text>
        ))}
      </View>
      {list.error ? (
        <ErrorState message={list.error} onRetry={() => void list.reload()} />
      ) : list.items === null ? (
        <Loading />
      ) : (
        <>
          {shown.map((e) => (
            <Entry key={e.id} e={e} />
          ))}
          {shown.length === 0 && !list.cursor && (
            <Text className="proc-note e2e-hist-empty">
              {tab === 'review' ? '还没有送审或审核记录' : '还没有信息变更记录'}
            </Text>
          )}
          {list.cursor ? (
            <Text className="list-more list-more--action e2e-load-more" onClick={() => void list.more()}>
              {list.loadingMore ? '加载中…' : '加载更多'}
            </Text>
          ) : (
            shown.length > 0 && <Text className="list-more">没有更多了</Text>
          )}
        </>
      )}
    </View>
  )
}
