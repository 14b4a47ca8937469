import { Text, View } from '@tarojs/components'
import type { Message } from '../contracts/messages'
import { formatRelative } from '../services/format'
import './message-row.css'

/** One inbox row: unread dot, title, time and a one-line excerpt of the body. */
export function MessageRow({ message, onTap }: { message: Message; onTap: (m: Message) => void }) {
  const unread = !message.readAt
  return (
    <View
      className={`card message-row e2e-inbox-item ${unread ? 'message-row--unread' : ''}`}
      onClick={() => onTap(message)}
    >
      <View className="message-row__head">
        {unread && <View className="message-row__dot e2e-inbox-unread" />}
        <Text className="message-row__title">{message.title}</Text>
        <Text className="message-row__time">{formatRelative(message.createdAt)}</Text>
      </View>
      <Text className="message-row__body">{message.body}</Text>
    </View>
  )
}
