import { Button, Textarea, View } from '@tarojs/components'
import type { Dispatch, SetStateAction } from 'react'

export interface BatchOpinions {
  comment: string
  recommendation: string
}

/** 批量通过: select the page's awaiting items, the opinions a recommendation form needs, and approve. */
export function BatchBar(props: {
  selected: number
  awaiting: number
  needsOpinions: boolean
  opinions: BatchOpinions
  setOpinions: Dispatch<SetStateAction<BatchOpinions>>
  busy: boolean
  onSelectAll: () => void
  onApprove: () => void
}) {
  const { selected, setOpinions } = props
  return (
    <View className="review-batch">
      {props.needsOpinions && selected > 0 && (
        <>
          <Textarea
            className="review-form__text e2e-review-batch-comment"
            placeholder="学院意见（批量通过的每份推荐表相同）"
            maxlength={300}
            value={props.opinions.comment}
            onInput={(e) => setOpinions((o) => ({ ...o, comment: e.detail.value }))}
          />
          <Textarea
            className="review-form__text e2e-review-batch-recommendation"
            placeholder="推荐意见"
            maxlength={300}
            value={props.opinions.recommendation}
            onInput={(e) => setOpinions((o) => ({ ...o, recommendation: e.detail.value }))}
          />
        </>
      )}
      <View className="review-batch__bar">
        <Button className="btn e2e-review-select-all" onClick={props.onSelectAll}>
          {selected === props.awaiting ? '取消全选' : '全选本页'}
        </Button>
        <Button
          className="btn btn--primary e2e-review-batch"
          disabled={selected === 0 || props.busy}
          loading={props.busy}
          onClick={props.onApprove}
        >
          批量通过{selected > 0 ? `（${selected}）` : ''}
        </Button>
      </View>
    </View>
  )
}
