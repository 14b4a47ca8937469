import { Input, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './form.css'

/** One labelled form row with its error underneath; `name` makes the e2e hooks `e2e-field-<name>`. */
export function FormField(props: {
  label: string
  name: string
  error?: string
  optional?: boolean
  children: ReactNode
}) {
  return (
    <View className={`form-field e2e-field-${props.name} ${props.error ? 'form-field--invalid' : ''}`}>
      <Text className="form-field__label">
        {props.label}
        {props.optional && <Text className="form-field__optional">（选填）</Text>}
      </Text>
      {props.children}
      {props.error && (
        <Text className={`form-field__error e2e-field-error-${props.name}`}>{props.error}</Text>
      )}
    </View>
  )
}

/** An inline message box (the API's reason, a status), not a toast that vanishes. */
export function Notice(props: {
  kind: 'error' | 'warn' | 'info' | 'ok'
  title?: string
  lines: Array<string | null | undefined | false>
  className?: string
  children?: ReactNode
}) {
  return (
    <View className={`notice notice--${props.kind} ${props.className ?? ''}`}>
      {props.title && <Text className="notice__title">{props.title}</Text>}
      {props.lines.filter(Boolean).map((l) => (
        <Text key={String(l)} className="notice__line">
          {l}
        </Text>
      ))}
      {props.children}
    </View>
  )
}

/** A label map (`{ soe: '国有企业', … }`) as the options of a chip picker, in the map's order. */
export function labelOptions<T extends string>(
  labels: Record<T, string>,
): Array<{ value: T; label: string }> {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }))
}

/** A small single choice shown as chips (degree level and the like); `null` is "not chosen". */
export function ChoiceChips<T extends string>(props: {
  options: ReadonlyArray<{ value: T | null; label: string }>
  value: T | null
  onChange: (v: T | null) => void
  name: string
}) {
  return (
    <View className="chips">
      {props.options.map((o) => (
        <Text
          key={o.value ?? ''}
          className={`chip e2e-${props.name}-${o.value ?? 'none'} ${o.value === props.value ? 'chip--active' : ''}`}
          onClick={() => props.onChange(o.value)}
        >
          {o.label}
        </Text>
      ))}
    </View>
  )
}

/** A read-only key/value row. */
export function KeyValue(props: { k: string; v: ReactNode; className?: string }) {
  return (
    <View className={`kv ${props.className ?? ''}`}>
      <Text className="kv__key">{props.k}</Text>
      {typeof props.v === 'string' ? (
        <Text className="kv__value">{props.v}</Text>
      ) : (
        <View className="kv__value">{props.v}</View>
      )}
    </View>
  )
}

/** zod issues → the first message per top-level field. */
export function issuesToFields(
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const i of issues) {
    const key = String(i.path[0] ?? '')
    if (key && !out[key]) out[key] = i.message
  }
  return out
}

/** A labelled one-line text input: the form row, the input and its error in one. */
export function TextField(props: {
  label: string
  name: string
  error?: string
  optional?: boolean
  value: string
  onInput: (value: string) => void
  placeholder?: string
  maxlength?: number
  type?: 'text' | 'number' | 'idcard' | 'digit'
  /** the e2e hook of the input itself */
  inputClassName?: string
}) {
  return (
    <FormField label={props.label} name={props.name} error={props.error} optional={props.optional}>
      <Input
        className={`form-field__input ${props.inputClassName ?? ''}`}
        type={props.type ?? 'text'}
        placeholder={props.placeholder}
        value={props.value}
        maxlength={props.maxlength}
        onInput={(e) => props.onInput(e.detail.value)}
      />
    </FormField>
  )
}
