import { Textarea } from '@tarojs/components'
import { CharCounter } from '../../components/char-counter'
import { FormField } from '../../components/form'
import { RECOMMENDATION_FIELD_LABELS } from '../../contracts/procedures'
import { LIMITS, PLACEHOLDERS, REQUIRED, SELF_MIN, type TextKey } from './recommendation-form'

/** One of the form's long texts (职务, 奖惩, 自我评价) with its counter. */
export function RecommendationText(props: {
  k: Exclude<TextKey, 'health'>
  value: string
  error?: string
  onInput: (v: string) => void
}) {
  const { k } = props
  return (
    <FormField
      label={RECOMMENDATION_FIELD_LABELS[k]}
      name={`rec-${k}`}
      optional={!REQUIRED.has(k)}
      error={props.error}
    >
      <Textarea
        className={`form-field__textarea e2e-rec-${k}`}
        placeholder={PLACEHOLDERS[k]}
        value={props.value}
        maxlength={LIMITS[k]}
        autoHeight
        onInput={(e) => props.onInput(e.detail.value)}
      />
      <CharCounter
        text={props.value}
        max={LIMITS[k]}
        min={k === 'self_evaluation' ? SELF_MIN : undefined}
        className={`e2e-rec-${k}-count`}
      />
    </FormField>
  )
}
