import { Input, Text, View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import type { z } from 'zod'
import type { School } from '../contracts/binding'
import './school-picker.css'

type SchoolItem = z.infer<typeof School>
const MAX_SHOWN = 30

/**
 * Choosing one school out of a directory that may hold thousands: tap, type part of the name (or the
 * school code), tap the match. A wheel picker is unusable at that size.
 */
export function SchoolPicker(props: {
  schools: SchoolItem[] | null
  value: string | null
  onChange: (id: string) => void
  placeholder?: string
}) {
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const current = props.schools?.find((s) => s.id === props.value) ?? null
  const matches = useMemo(() => {
    const q = query.trim()
    const all = props.schools ?? []
    return q ? all.filter((s) => s.name.includes(q) || s.code.startsWith(q)) : all
  }, [props.schools, query])

  return (
    <View className="school-picker">
      <View className="school-picker__current e2e-school-picker" onClick={() => setOpen(!open)}>
        <Text className={current ? 'e2e-school-current' : 'school-picker__placeholder'}>
          {current ? current.name : (props.placeholder ?? '请选择学校')}
        </Text>
        <Text className="school-picker__arrow">{open ? '收起' : current ? '更换' : '选择'}</Text>
      </View>
      {open && (
        <View>
          <Input
            className="school-picker__search e2e-school-search"
            placeholder="输入学校名称或代码搜索"
            value={query}
            onInput={(e) => setQuery(e.detail.value)}
          />
          {props.schools === null && <Text className="school-picker__hint">学校列表加载中…</Text>}
          {props.schools !== null && matches.length === 0 && (
            <Text className="school-picker__hint">没有找到该学校，请检查名称</Text>
          )}
          {matches.slice(0, MAX_SHOWN).map((s) => (
            <View
              key={s.id}
              className="school-picker__item e2e-school-option"
              onClick={() => {
                props.onChange(s.id)
                setOpen(false)
                setQuery('')
              }}
            >
              <Text>{s.name}</Text>
              <Text className="school-picker__code">{s.code}</Text>
            </View>
          ))}
          {matches.length > MAX_SHOWN && (
            <Text className="school-picker__hint">结果较多，请输入更完整的名称</Text>
          )}
        </View>
      )}
    </View>
  )
}
