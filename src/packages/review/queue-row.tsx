import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReviewQueueItem } from '../../contracts/reviews'
import { REVIEW_DETAIL_PAGE } from '../../services/routes'
import { ItemSummary } from './item-summary'

function tone(item: ReviewQueueItem): string {
  if (item.awaiting) return 'pending'
  if (item.status === 'approved') return 'done'
  if (item.status === 'withdrawn') return ''
  return 'failed'
}

/** One submission in the queue: who, what, its state; a tap opens it, the box selects it for 批量通过. */
export function QueueRow(props: {
  item: ReviewQueueItem
  selectable: boolean
  selected: boolean
  onToggle: () => void
}) {
  const i = props.item
  const open = () =>
    Taro.navigateTo({ url: `${REVIEW_DETAIL_PAGE}?kind=${i.kind}&id=${encodeURIComponent(i.id)}` })
  return (
    <View className={`card review-item e2e-review-item e2e-review-item-${i.kind}`}>
      {props.selectable && (
        <Text
          className={`review-item__check e2e-review-check ${props.selected ? 'e2e-review-check--on' : ''}`}
          onClick={props.onToggle}
        >
          {props.selected ? '☑' : '☐'}
        </Text>
      )}
      <View className="review-item__body e2e-review-open" onClick={open}>
        <ItemSummary
          item={i}
          tone={tone(i)}
          hooks={{
            name: 'e2e-review-item-name',
            status: 'e2e-review-item-status',
            summary: 'e2e-review-item-summary',
          }}
        />
      </View>
    </View>
  )
}
