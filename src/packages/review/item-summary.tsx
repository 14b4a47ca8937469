import { Text, View } from '@tarojs/components'
import { StatusTag } from '../../components/status-tag'
import { REVIEW_KIND_LABELS, type ReviewQueueItem } from '../../contracts/reviews'
import { formatRelative } from '../../services/format'

/** Who submitted what and when, with its state: the head of a queue row and of the detail page. */
export function ItemSummary(props: {
  item: ReviewQueueItem
  tone: string
  /** the e2e classes of the name, the state and (optional) the summary */
  hooks: { name: string; status: string; summary?: string }
}) {
  const i = props.item
  const { hooks } = props
  return (
    <>
      <View className="review-item__head">
        <Text className={`review-item__name ${hooks.name}`}>{i.studentName}</Text>
        <StatusTag status={props.tone} className={hooks.status}>
          {i.statusLabel}
        </StatusTag>
      </View>
      <Text className={hooks.summary ? `review-item__summary ${hooks.summary}` : 'review-item__summary'}>
        {REVIEW_KIND_LABELS[i.kind]} · {i.summary}
      </Text>
      <Text className="review-item__meta">
        {i.studentNumber} · {i.college} · {i.major} · {i.graduationYear}届
      </Text>
      <Text className="review-item__meta">提交于 {formatRelative(i.submittedAt)}</Text>
    </>
  )
}
