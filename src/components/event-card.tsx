import { Text, View } from '@tarojs/components'
import type { EventSummary } from '../contracts/events'
import { EVENT_KIND_LABELS } from '../contracts/events'
import { formatRange } from '../services/format'
import './event-card.css'

export function EventCard({ event, className }: { event: EventSummary; className?: string }) {
  return (
    <View className={`card event-card ${className ?? ''}`}>
      <View className="event-card__head">
        <Text className={`tag tag--${event.kind}`}>{EVENT_KIND_LABELS[event.kind]}</Text>
        <Text className="event-card__title">{event.title}</Text>
      </View>
      <Text className="event-card__meta">{formatRange(event.startsAt, event.endsAt)}</Text>
      <Text className="event-card__meta">
        {event.schoolName} · {event.mode === 'online' ? '线上' : (event.venue ?? '地点待定')}
      </Text>
    </View>
  )
}
