import { Button, Textarea, View } from '@tarojs/components'
import { type ReactNode, useState } from 'react'
import { ProposeTerminationRequest, TERMINATION_TYPE_LABELS, TerminationType } from '../contracts/termination'
import { ChoiceChips, FormField } from './form'
import { type UploadedItem, UploadList } from './upload-list'

const TYPE_OPTIONS = TerminationType.options.map((v) => ({ value: v, label: TERMINATION_TYPE_LABELS[v] }))

/**
 * 解约类型, 解约原因, 证明材料 and the button: the form of a termination proposal, the student's
 * and the employer's alike. It checks the request's schema itself; `onSubmit` runs in the tap (so a
 * page may ask for WeChat subscriptions first) and answers whether the proposal went through, which
 * clears the form. `prefix` names the e2e classes (`e2e-<prefix>-reason`, …).
 */
export function TerminationForm(props: {
  prefix: string
  title: ReactNode
  subject: { agreementId?: string; destinationId?: string }
  placeholder: string
  submitLabel: string
  busy: boolean
  /** the API's field errors of the last refusal */
  serverErrors: Record<string, string>
  onSubmit(body: ProposeTerminationRequest): Promise<boolean>
}) {
  const { prefix } = props
  const [type, setType] = useState<TerminationType | null>(null)
  const [reason, setReason] = useState('')
  const [proofs, setProofs] = useState<UploadedItem[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const shown = { ...props.serverErrors, ...errors }

  const submit = () => {
    const body = ProposeTerminationRequest.safeParse({
      ...props.subject,
      type: type ?? undefined,
      reason,
      proofKeys: proofs.map((p) => p.key),
    })
    if (!body.success) {
      const f: Record<string, string> = {}
      for (const i of body.error.issues)
        f[String(i.path[0])] ??= i.path[0] === 'type' ? '请选择解约类型' : i.message
      setErrors(f)
      return
    }
    setErrors({})
    void props.onSubmit(body.data).then((ok) => {
      if (!ok) return
      setType(null)
      setReason('')
      setProofs([])
    })
  }

  return (
    <View className={`card e2e-${prefix}-form`}>
      {props.title}
      <FormField label="解约类型" name={`${prefix}-type`} error={shown.type}>
        <ChoiceChips name={`${prefix}-type`} options={TYPE_OPTIONS} value={type} onChange={setType} />
      </FormField>
      <FormField label="解约原因" name={`${prefix}-reason`} error={shown.reason}>
        <Textarea
          className={`form-field__textarea e2e-${prefix}-reason`}
          value={reason}
          maxlength={500}
          placeholder={props.placeholder}
          onInput={(e) => setReason(e.detail.value)}
        />
      </FormField>
      <UploadList
        label="证明材料"
        name={`${prefix}-proofs`}
        items={proofs}
        max={5}
        optional
        error={shown.proofKeys}
        onChange={setProofs}
      />
      <Button className={`btn btn--primary e2e-${prefix}-submit`} loading={props.busy} onClick={submit}>
        {props.submitLabel}
      </Button>
    </View>
  )
}
