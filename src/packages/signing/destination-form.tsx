import { Picker, Text, View } from '@tarojs/components'
import { ChoiceChips, FormField, TextField } from '../../components/form'
import { type UploadedItem, UploadList } from '../../components/upload-list'
import {
  type DestinationCategory,
  type DestinationField,
  destinationSchema,
} from '../../contracts/destinations'

export interface DestinationDraft {
  fields: Record<string, string>
  proofs: Record<string, UploadedItem[]>
}

/** A stored destination's values as the form edits them (stored proofs show as 材料 1, 2, …). */
export function draftOf(
  category: DestinationCategory,
  fields: Record<string, string>,
  proofKeys: Record<string, string[]>,
): DestinationDraft {
  return {
    fields: Object.fromEntries(category.fields.map((f) => [f.field, fields[f.field] ?? ''])),
    proofs: Object.fromEntries(
      category.proofs.map((p) => [
        p.proof,
        (proofKeys[p.proof] ?? []).map((key, i) => ({ key, name: `${p.label} ${i + 1}` })),
      ]),
    ),
  }
}

/** The draft as the API takes it, checked with the schema built from the category's definitions. */
export function checkDraft(category: DestinationCategory, d: DestinationDraft, submit: boolean) {
  const input = {
    fields: d.fields,
    proofKeys: Object.fromEntries(Object.entries(d.proofs).map(([k, v]) => [k, v.map((f) => f.key)])),
  }
  const r = destinationSchema(category, submit).safeParse(input)
  if (r.success) return { ok: true as const, input }
  const errors: Record<string, string> = {}
  for (const i of r.error.issues) {
    const key = String(i.path[1] ?? i.path[0] ?? '')
    if (key && !errors[key]) errors[key] = i.message
  }
  return { ok: false as const, errors }
}

/** A value as a person reads it: a select's label, else the value. */
export function shownValue(f: DestinationField, v: string | undefined): string {
  if (!v) return '—'
  return f.options?.find((o) => o.value === v)?.label ?? v
}

function FieldInput(props: {
  f: DestinationField
  value: string
  error?: string
  onChange: (v: string) => void
}) {
  const { f } = props
  if (f.input === 'select') {
    return (
      <FormField label={f.label} name={`dest-${f.field}`} error={props.error} optional={!f.required}>
        <ChoiceChips
          name={`dest-opt-${f.field}`}
          options={(f.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
          value={props.value || null}
          onChange={(v) => props.onChange(v ?? '')}
        />
      </FormField>
    )
  }
  if (f.input === 'date') {
    return (
      <FormField label={f.label} name={`dest-${f.field}`} error={props.error} optional={!f.required}>
        <Picker mode="date" value={props.value} onChange={(e) => props.onChange(String(e.detail.value))}>
          <Text className={`form-field__input e2e-dest-field-${f.field}`}>{props.value || '请选择日期'}</Text>
        </Picker>
      </FormField>
    )
  }
  return (
    <TextField
      label={f.label}
      name={`dest-${f.field}`}
      value={props.value}
      onInput={props.onChange}
      error={props.error}
      optional={!f.required}
      maxlength={f.maxLength}
      type={f.input === 'number' ? 'digit' : 'text'}
      placeholder={f.input === 'credit_code' ? '18 位统一社会信用代码' : `请填写${f.label}`}
      inputClassName={`e2e-dest-field-${f.field}`}
    />
  )
}

/** The form of one category, built from its definitions: its fields, then one upload list per proof. */
export function DestinationForm(props: {
  category: DestinationCategory
  draft: DestinationDraft
  errors: Record<string, string>
  onChange: (d: DestinationDraft) => void
}) {
  const { category, draft } = props
  return (
    <View className="card e2e-dest-form">
      <Text className="sign-status__title">
        {category.label}（{category.nationalCode}）
      </Text>
      {category.fields.map((f) => (
        <FieldInput
          key={f.field}
          f={f}
          value={draft.fields[f.field] ?? ''}
          error={props.errors[f.field]}
          onChange={(v) => props.onChange({ ...draft, fields: { ...draft.fields, [f.field]: v } })}
        />
      ))}
      {category.proofs.map((p) => (
        <UploadList
          key={p.proof}
          label={p.label}
          name={`dest-${p.proof}`}
          items={draft.proofs[p.proof] ?? []}
          max={5}
          optional={!p.required}
          error={props.errors[p.proof]}
          onChange={(items) => props.onChange({ ...draft, proofs: { ...draft.proofs, [p.proof]: items } })}
        />
      ))}
    </View>
  )
}
