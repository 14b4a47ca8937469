import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { AsyncList } from '../../../../components/async-list'
import { MoreFooter } from '../../../../components/more-footer'
import { roleGate } from '../../../../components/role-gate'
import { EmptyState } from '../../../../components/state-views'
import { StatusTag } from '../../../../components/status-tag'
import { EVENT_KIND_LABELS } from '../../../../contracts/events'
import { type MyTicket, TICKET_STATUS_LABELS } from '../../../../contracts/tickets'
import { formatRange } from '../../../../services/format'
import { useKeysetList } from '../../../../services/keyset-list'
import { TICKET_PAGE } from '../../../../services/routes'
import { isOffline, keptTickets, listMyTickets } from '../../../../services/tickets'
import { useSession } from '../../../../services/use-session'
import '../../events.css'

function TicketRow({ t }: { t: MyTicket }) {
  const state = t.status === 'cancelled' ? 'cancelled' : t.checkedInAt ? 'checked_in' : 'active'
  const label = state === 'checked_in' ? '已入场' : TICKET_STATUS_LABELS[t.status]
  return (
    <View
      className="card e2e-ticket-item"
      onClick={() => Taro.navigateTo({ url: `${TICKET_PAGE}?id=${encodeURIComponent(t.id)}` })}
    >
      <View className="ticket-row__head">
        <Text className="ticket-row__meta">{EVENT_KIND_LABELS[t.event.kind]}</Text>
        <StatusTag status={state} className={`e2e-ticket-item-status ticket-state--${state}`}>
          {label}
        </StatusTag>
      </View>
      <Text className="ticket-row__title e2e-ticket-item-title">{t.event.title}</Text>
      <Text className="ticket-row__meta">{formatRange(t.event.startsAt, t.event.endsAt)}</Text>
      <Text className="ticket-row__meta">
        {t.event.schoolName} · {t.event.venue ?? '地点待定'}
      </Text>
    </View>
  )
}

/**
 * 我的入场券: the student's tickets, newest first (keyset pages). Each one opened here is kept on
 * the device, so its page still opens with the network off.
 */
export default function MyTicketsPage() {
  const session = useSession()
  const isStudent = session?.user.role === 'student'
  const [offline, setOffline] = useState(false)
  const list = useKeysetList<MyTicket>(
    async (cursor) => {
      try {
        const r = await listMyTickets(cursor)
        setOffline(false)
        return r
      } catch (e) {
        // no network in the hall: the tickets this phone kept (each opens with its cached key)
        if (cursor || !isOffline(e)) throw e
        setOffline(true)
        return { items: keptTickets(), nextCursor: null }
      }
    },
    { key: isStudent ? session.user.id : null, keepShownOnError: true },
  )
  const shown = useRef(false)
  // back from a ticket (cancelled there): the list may have changed; the first show loads it anyway
  useDidShow(() => {
    if (shown.current) void list.reload({ keep: true })
    shown.current = true
  })
  usePullDownRefresh(() => {
    void list.reload({ keep: true }).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.more())

  const gate = roleGate(session, ['student'], {
    title: '入场券仅限学生',
    hint: '学生报名活动后在这里查看入场券',
  })
  if (gate) return gate
  return (
    <View className="page">
      {offline && (
        <Text className="ticket-page__offline e2e-tickets-offline">网络不可用，显示的是本机保存的入场券</Text>
      )}
      <AsyncList
        error={list.error}
        items={list.items}
        onRetry={() => void list.reload({ keep: true })}
        empty={
          <EmptyState
            className="e2e-tickets-empty"
            title="还没有入场券"
            hint="报名线下招聘会或宣讲会后，入场券会显示在这里"
            actionText="去看看活动"
            onAction={() => void Taro.switchTab({ url: '/pages/events/index' })}
          />
        }
        render={(t) => <TicketRow key={t.id} t={t} />}
      />
      <MoreFooter list={list} />
    </View>
  )
}
