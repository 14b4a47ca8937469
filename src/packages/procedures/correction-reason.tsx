import { Textarea } from '@tarojs/components'
import { CharCounter } from '../../components/char-counter'
import { FormField } from '../../components/form'
import { REASON_MAX } from './correction-rules'

/** 纠错原因: what is wrong and what the right information rests on. */
export function ReasonField(props: { value: string; error?: string; onInput: (v: string) => void }) {
  return (
    <FormField label="纠错原因" name="corr-reason" error={props.error}>
      <Textarea
        className="form-field__textarea e2e-corr-reason"
        placeholder="说明哪里有误、正确的信息以什么为准"
        value={props.value}
        maxlength={REASON_MAX}
        onInput={(e) => props.onInput(e.detail.value)}
      />
      <CharCounter text={props.value} max={REASON_MAX} min={2} className="e2e-corr-reason-count" />
    </FormField>
  )
}
