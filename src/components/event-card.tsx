import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { EventSummary } from '../contracts/events'
import { EVENT_KIND_LABELS } from '../contracts/events'
import { formatRange } from '../services/format'
import { EVENT_DETAIL_PAGE } from '../services/routes'
import './event-card.css'

/**
 * One event in a list (the events tab, the home page): kind, title, time, where, and what the
 * student needs at a glance — 已报名 (a ticket), 已满, 已结束. Taps open the event's page unless the
 * list says otherwise.
 */
export function EventCard({
  event,
  className,
  onTap,
}: {
  event: EventSummary
  className?: string
  onTap?: () => void
}) {
  const open =
    onTap ?? (() => void Taro.navigateTo({ url: `${EVENT_DETAIL_PAGE}?id=${encodeURIComponent(event.id)}` }))
  const full = event.capacity !== null && event.registered >= event.capacity
  const badge = event.myTicketId
    ? { text: '已报名', tone: 'mine' }
    : event.ended
      ? { text: '已结束', tone: 'ended' }
      : event.status === 'cancelled'
        ? { text: '已取消', tone: 'ended' }
        : event.mode === 'onsite' && full
          ? { text: '名额已满', tone: 'ended' }
          : null
  const where = event.mode === 'online' ? '线上' : (event.venue ?? '地点待定')
  return (
    <View className={`card event-card ${className ?? ''}`} onClick={open}>
      <View className="event-card__head">
        <Text className={`tag tag--${event.kind}`}>{EVENT_KIND_LABELS[event.kind]}</Text>
        <Text className="event-card__title e2e-event-card-title">{event.title}</Text>
        {badge && (
          <Text className={`event-card__badge event-card__badge--${badge.tone} e2e-event-card-badge`}>
            {badge.text}
          </Text>
        )}
      </View>
      <Text className="event-card__meta">{formatRange(event.startsAt, event.endsAt)}</Text>
      <Text className="event-card__meta">
        {event.schoolName} · {event.city ? `${event.city} · ` : ''}
        {where}
      </Text>
      {(event.companyName || (event.mode === 'onsite' && event.capacity !== null)) && (
        <Text className="event-card__meta">
          {event.companyName ? `宣讲单位：${event.companyName}` : ''}
          {event.companyName && event.mode === 'onsite' && event.capacity !== null ? ' · ' : ''}
          {event.mode === 'onsite' && event.capacity !== null
            ? `已报名 ${event.registered}/${event.capacity}`
            : ''}
        </Text>
      )}
    </View>
  )
}
