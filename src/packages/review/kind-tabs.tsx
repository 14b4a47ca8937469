import { Text, View } from '@tarojs/components'
import { REVIEW_KIND_LABELS, type ReviewCountsWithScope, ReviewKind } from '../../contracts/reviews'

/** The kinds of review as tabs, each with its awaiting count once the counts are in. */
export function KindTabs(props: {
  kind: ReviewKind
  counts: ReviewCountsWithScope | null
  onChange: (k: ReviewKind) => void
}) {
  return (
    <View className="review-tabs">
      {ReviewKind.options.map((k) => {
        const n = props.counts?.counts[k] ?? null
        return (
          <Text
            key={k}
            className={`review-tab e2e-review-tab-${k} ${k === props.kind ? 'review-tab--on' : ''}`}
            onClick={() => props.onChange(k)}
          >
            {REVIEW_KIND_LABELS[k]}
            {n !== null && (
              <Text
                className={`review-tab__count e2e-review-count-${k} ${n > 0 ? 'review-tab__count--some' : ''}`}
              >
                {n}
              </Text>
            )}
          </Text>
        )
      })}
    </View>
  )
}
