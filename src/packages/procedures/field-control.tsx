import { Input, Picker, Text, View } from '@tarojs/components'
import { ChoiceChips, FormField } from '../../components/form'
import type { SourceInfoField } from '../../contracts/procedures'
import { FIELD_SPECS, label } from './fields'

/** Small choices are chips (one tap); long ones (民族) a picker wheel. */
const CHIP_LIMIT = 8

/**
 * One source-info field as a form row: an input, chips or a picker by the field's spec, its error
 * under it. `hook` is the e2e class of the control (`e2e-proc-field-<field>`, `e2e-corr-field-<field>`);
 * chips get `<hook>-<value>`.
 */
export function FieldControl(props: {
  field: SourceInfoField
  value: string
  onChange: (v: string) => void
  error?: string
  hook: string
  optional?: boolean
  /** the row's title when it is not the field's own label */
  title?: string
}) {
  const { field, value, hook } = props
  const spec = FIELD_SPECS[field]
  const name = hook.replace(/^e2e-/, '')
  const title = props.title ?? label(field)
  let control: JSX.Element
  if (spec.kind === 'picker' && (spec.options?.length ?? 0) <= CHIP_LIMIT) {
    control = (
      <ChoiceChips
        name={hook.replace(/^e2e-/, '')}
        options={spec.options ?? []}
        value={value || null}
        onChange={(v) => props.onChange(v ?? '')}
      />
    )
  } else if (spec.kind === 'picker') {
    const opts = spec.options ?? []
    const index = opts.findIndex((o) => o.value === value)
    control = (
      <Picker
        mode="selector"
        className={hook}
        range={opts.map((o) => o.label)}
        value={Math.max(0, index)}
        onChange={(e) => props.onChange(opts[Number(e.detail.value)]?.value ?? '')}
      >
        <Text className={`form-field__value ${index < 0 ? 'form-field__placeholder' : ''}`}>
          {index >= 0 ? opts[index]!.label : `请选择${label(field)}`}
        </Text>
      </Picker>
    )
  } else if (spec.kind === 'date') {
    control = (
      <Picker
        mode="date"
        className={hook}
        value={value}
        onChange={(e) => props.onChange(String(e.detail.value))}
      >
        <Text className={`form-field__value ${value ? '' : 'form-field__placeholder'}`}>
          {value || spec.placeholder}
        </Text>
      </Picker>
    )
  } else {
    control = (
      <Input
        className={`form-field__input ${hook}`}
        type={spec.type ?? 'text'}
        placeholder={spec.placeholder}
        value={value}
        maxlength={spec.maxlength}
        onInput={(e) => props.onChange(e.detail.value)}
      />
    )
  }
  return (
    <FormField label={title} name={name} error={props.error} optional={props.optional}>
      <View className="proc-control">{control}</View>
    </FormField>
  )
}
