import { Text, View } from '@tarojs/components'
import type { SourceInfo, SourceInfoField } from '../../contracts/procedures'
import { ALL_FIELDS, currentValue, type Errors } from './correction-rules'
import { FieldControl } from './field-control'
import { displayValue, isLocked, label } from './fields'
import { PendingMark } from './status-banner'

/** The fields a correction may change, each to tick (a field already under review is marked instead). */
export function FieldPicker(props: {
  chosen: SourceInfoField[]
  pending: ReadonlySet<string>
  error?: string
  onToggle: (f: SourceInfoField) => void
}) {
  const { chosen } = props
  return (
    <View className="card">
      {ALL_FIELDS.map((f) => (
        <View
          key={f}
          className={`corr-pick e2e-corr-pick-${f} ${chosen.includes(f) ? 'corr-pick--on' : ''}`}
          onClick={() => props.onToggle(f)}
        >
          <Text>
            {label(f)}
            {isLocked(f) ? '（学校上报）' : ''}
          </Text>
          {props.pending.has(f) ? (
            <PendingMark />
          ) : (
            <Text className="corr-pick__box">{chosen.includes(f) ? '已选 ✓' : '选择'}</Text>
          )}
        </View>
      ))}
      {props.error && <Text className="form-field__error e2e-corr-fields-error">{props.error}</Text>}
    </View>
  )
}

/** The chosen fields: the current value beside the new one. */
export function ChangeRows(props: {
  info: SourceInfo
  chosen: SourceInfoField[]
  values: Partial<Record<SourceInfoField, string>>
  errors: Errors
  onToggle: (f: SourceInfoField) => void
  onChange: (f: SourceInfoField, v: string) => void
}) {
  return (
    <View className="card e2e-corr-changes">
      {props.chosen.map((f) => (
        <View key={f} className="corr-change">
          <View className="corr-change__head">
            <Text>{label(f)}</Text>
            <Text className="link" onClick={() => props.onToggle(f)}>
              不改了
            </Text>
          </View>
          <View className="corr-change__cols">
            <View className="corr-change__old">
              <Text className="corr-change__caption">当前</Text>
              <Text className={`e2e-corr-old-${f}`}>{displayValue(f, currentValue(props.info, f))}</Text>
            </View>
            <View className="corr-change__new">
              <FieldControl
                field={f}
                title="改为"
                hook={`e2e-corr-field-${f}`}
                value={props.values[f] ?? ''}
                error={props.errors[f]}
                onChange={(v) => props.onChange(f, v)}
              />
            </View>
          </View>
        </View>
      ))}
    </View>
  )
}
