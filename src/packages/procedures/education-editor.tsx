import { Picker, Text, View } from '@tarojs/components'
import { FormField, TextField } from '../../components/form'
import {
  type EducationEntry,
  RECOMMENDATION_FIELD_LABELS,
  RECOMMENDATION_LIMITS,
} from '../../contracts/procedures'
import type { Errors } from './recommendation-form'

function MonthPicker(props: {
  value: string
  hook: string
  placeholder: string
  onChange: (v: string) => void
}) {
  return (
    <Picker
      mode="date"
      fields="month"
      className={props.hook}
      value={props.value}
      onChange={(e) => props.onChange(String(e.detail.value).slice(0, 7))}
    >
      <Text className={`form-field__value ${props.value ? '' : 'form-field__placeholder'}`}>
        {props.value || props.placeholder}
      </Text>
    </Picker>
  )
}

/** 教育经历: one row per period (months, school, role), rows added up to the limit and removed. */
export function EducationEditor(props: {
  entries: EducationEntry[]
  errors: Errors
  onChange: (i: number, key: keyof EducationEntry, v: string) => void
  onAdd: () => void
  onRemove: (i: number) => void
}) {
  const { entries, errors, onChange } = props
  return (
    <FormField
      label={`${RECOMMENDATION_FIELD_LABELS.education}（${entries.length}/${RECOMMENDATION_LIMITS.education}）`}
      name="rec-education"
      error={errors.education}
    >
      {entries.map((e, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; removing re-renders the rest
        <View key={i} className={`rec-edu e2e-rec-edu e2e-rec-edu-${i}`}>
          <View className="rec-edu__head">
            <Text>第 {i + 1} 段</Text>
            <Text className={`link e2e-rec-edu-remove-${i}`} onClick={() => props.onRemove(i)}>
              删除
            </Text>
          </View>
          <View className="rec-edu__months">
            <FormField label="起始年月" name={`rec-edu-${i}-from`} error={errors[`education.${i}.from`]}>
              <MonthPicker
                hook={`e2e-rec-edu-${i}-from`}
                placeholder="请选择"
                value={e.from}
                onChange={(v) => onChange(i, 'from', v)}
              />
            </FormField>
            <FormField label="结束年月" name={`rec-edu-${i}-to`} error={errors[`education.${i}.to`]}>
              <MonthPicker
                hook={`e2e-rec-edu-${i}-to`}
                placeholder="请选择"
                value={e.to}
                onChange={(v) => onChange(i, 'to', v)}
              />
            </FormField>
          </View>
          <TextField
            label="学校"
            name={`rec-edu-${i}-school`}
            error={errors[`education.${i}.school`]}
            inputClassName={`e2e-rec-edu-${i}-school`}
            placeholder="学校名称"
            value={e.school}
            maxlength={60}
            onInput={(v) => onChange(i, 'school', v)}
          />
          <TextField
            label="担任职务"
            name={`rec-edu-${i}-role`}
            optional
            error={errors[`education.${i}.role`]}
            inputClassName={`e2e-rec-edu-${i}-role`}
            placeholder="如 班长、学生会主席"
            value={e.role}
            maxlength={40}
            onInput={(v) => onChange(i, 'role', v)}
          />
        </View>
      ))}
      {entries.length < RECOMMENDATION_LIMITS.education && (
        <Text className="link e2e-rec-edu-add" onClick={props.onAdd}>
          + 添加教育经历
        </Text>
      )}
    </FormField>
  )
}
